// The placement pages' paths and who may open them: one module, so that the menu and the role
// start pages (src/web/components.tsx) and the pages themselves (src/web/pages/placement.tsx)
// agree without importing each other.
import { can, type Action, type Actor } from '../domain/authorization.js';
import { PLACEMENT_KINDS, type PlacementKind } from '../domain/glossary.js';

/** The kind's part of the path: /placering/bolig … */
export const PLACEMENT_SLUG: Record<PlacementKind, string> = {
  housing: 'bolig',
  daycare: 'dagtilbud',
  school: 'skole',
  internships: 'praktik',
  mentors: 'mentorer',
};

/** The action a kind's plans need (src/domain/authorization.ts). */
export const PLACEMENT_ACTION: Record<PlacementKind, Action> = {
  housing: 'placement.housing',
  daycare: 'placement.daycare',
  school: 'placement.school',
  internships: 'placement.internships',
  mentors: 'placement.mentors',
};

/** The placement kinds the actor may run, in menu order. */
export function placementKindsOf(actor: Actor): PlacementKind[] {
  return PLACEMENT_KINDS.filter((k) => can(actor, PLACEMENT_ACTION[k]));
}

export const placementPath = (kind: PlacementKind): string => `/placering/${PLACEMENT_SLUG[kind]}`;
