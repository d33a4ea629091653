// Placement parameters as policy data (issue 5): the effective weights, eligibility rules and
// caps for one municipality (the law's defaults in national.yaml, overridden by the
// municipality's own file), each with the sentence it implements or whose reading it is; and
// the checks that keep a municipal file from loosening a parameter the law binds.
import path from 'node:path';
import type { z } from 'zod';
import type { EligibilityFigures, IncomeFigures } from '../domain/placement-eligibility.js';
import {
  PLACEMENT_DOMAINS,
  PLACEMENT_STRICTER,
  PlacementComplete,
  type Interpretation,
  type LoadedPolicy,
  type PlacementDomain,
  type PolicyFile,
  type PolicySet,
  type Source,
} from './schema.js';

type Interp = z.infer<typeof Interpretation>;
type Src = z.infer<typeof Source>;

/** One parameter as written in a file. */
interface RawParam {
  value: unknown;
  source?: Src;
  interpretation?: Interp;
  binding?: boolean;
  note?: string;
}

/** A parameter in force: its value, where it comes from ('national' or the municipality code) and why. */
type Effective<T> = T extends { value: unknown }
  ? T & { layer: string }
  : T extends readonly unknown[]
    ? T
    : T extends object
      ? { [K in keyof T]: Effective<T[K]> }
      : T;

/** The effective placement parameters of one municipality (law defaults + municipal overrides). */
export type PlacementParameters = Effective<PlacementComplete> & { municipalityCode: string };

export interface PlacementParameterView {
  /** e.g. "daycare.caps.deprivedAreaMaxShare" */
  path: string;
  domain: PlacementDomain;
  group: string;
  name: string;
  value: unknown;
  /** 'national' or the municipality code */
  layer: string;
  source?: Src;
  interpretation?: Interp;
  binding?: boolean;
  note?: string;
}

const isParam = (x: unknown): x is RawParam => typeof x === 'object' && x !== null && 'value' in x;

/** Every parameter of a placement section as (domain, group, name, param). */
function* walk(section: unknown): Generator<{ domain: PlacementDomain; group: string; name: string; param: RawParam }> {
  if (typeof section !== 'object' || section === null) return;
  for (const domain of PLACEMENT_DOMAINS) {
    const d = (section as Record<string, unknown>)[domain];
    if (typeof d !== 'object' || d === null) continue;
    for (const [group, g] of Object.entries(d as Record<string, unknown>)) {
      if (typeof g !== 'object' || g === null) continue;
      for (const [name, param] of Object.entries(g as Record<string, unknown>))
        if (isParam(param)) yield { domain, group, name, param };
    }
  }
}

/** The quoted sources of a file's placement parameters (the quote test checks them verbatim). */
export function placementSources(policy: PolicyFile): { path: string; source: Src }[] {
  return [...walk(policy.placement)].flatMap((p) =>
    p.param.source ? [{ path: `${p.domain}.${p.group}.${p.name}`, source: p.param.source }] : [],
  );
}

/** The placement parameters of a file that carry an interpretation, by path (housing.weights.permanent). */
export function placementInterpretations(
  policy: PolicyFile,
): { path: string; interpretation: { text: string; by: 'municipality' | 'medborger' } }[] {
  return [...walk(policy.placement)].flatMap((p) =>
    p.param.interpretation
      ? [{ path: `${p.domain}.${p.group}.${p.name}`, interpretation: p.param.interpretation }]
      : [],
  );
}

const describeValue = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

function lawReference(param: RawParam): string {
  const s = param.source;
  if (!s) return 'national.yaml';
  // The statute's own reference where the source gives it (act, paragraph, version), else where it is quoted from.
  const where = s.act
    ? `${s.act}${s.paragraph ? ` ${s.paragraph}` : ''}${s.version ? `, ${s.version}` : ''}`
    : `${s.document}${s.section ? `, ${s.section}` : ''}`;
  return `${where}: "${s.quote}"`;
}

/** Reasons why a municipal value is looser than the law's binding value; empty when not. */
function loosening(key: string, mine: unknown, law: RawParam): string | null {
  const direction = PLACEMENT_STRICTER[key];
  const ref = `the law's ${describeValue(law.value)} in placement.${key} (${lawReference(law)})`;
  if (direction === 'lower' && typeof mine === 'number' && typeof law.value === 'number' && mine > law.value)
    return `its ${mine} is above ${ref}`;
  if (direction === 'higher' && typeof mine === 'number' && typeof law.value === 'number' && mine < law.value)
    return `its ${mine} is below ${ref}`;
  if (direction === 'true' && law.value === true && mine !== true) return `it switches off ${ref}`;
  return null;
}

/** Problems of national.yaml's placement section: every parameter present; `binding` only where a direction is known. */
export function checkLawPlacement(law: LoadedPolicy): string[] {
  const problems: string[] = [];
  const section: Record<string, Record<string, unknown>> = {};
  for (const domain of PLACEMENT_DOMAINS) {
    section[domain] = { ...(law.policy.placement?.[domain] ?? {}) };
    for (const group of groupsOf(domain)) section[domain][group] ??= {};
  }
  const parsed = PlacementComplete.safeParse(section);
  if (!parsed.success) {
    for (const i of parsed.error.issues)
      problems.push(
        `placement.${i.path.join('.')}: ${i.message === 'Invalid input: expected object, received undefined' ? 'missing (the law gives every placement parameter its default)' : i.message}`,
      );
  }
  for (const p of walk(law.policy.placement)) {
    const key = `${p.domain}.${p.group}.${p.name}`;
    if (p.param.binding && !PLACEMENT_STRICTER[key])
      problems.push(
        `placement.${key} is marked binding, but it has no stricter direction (it is a weight or a scoring scale)`,
      );
  }
  return problems;
}

/** Problems of a municipal file's placement section against the law: no loosening of binding parameters. */
export function checkPlacementAgainstLaw(municipal: LoadedPolicy, law: LoadedPolicy): string[] {
  const lawParams = new Map([...walk(law.policy.placement)].map((p) => [`${p.domain}.${p.group}.${p.name}`, p.param]));
  const problems: string[] = [];
  for (const p of walk(municipal.policy.placement)) {
    const key = `${p.domain}.${p.group}.${p.name}`;
    if (p.param.binding !== undefined)
      problems.push(`placement parameter ${key} sets binding, which only ${path.basename(law.file)} may do`);
    const lawParam = lawParams.get(key);
    if (!lawParam?.binding) continue;
    const reason = loosening(key, p.param.value, lawParam);
    if (reason) problems.push(`placement parameter ${key} loosens the law: ${reason}`);
  }
  return problems;
}

function inEffect(effective: { from: string; to?: string | undefined }, on: string | undefined): boolean {
  return on === undefined || (effective.from <= on && (effective.to === undefined || on <= effective.to));
}

/**
 * The effective placement parameters of one municipality: every parameter of national.yaml,
 * replaced by the municipality's own where its file sets one. A cap rule with a number (law or
 * municipal, in effect on `on` when given) that is stricter than the matching cap parameter
 * takes its place, so the rule and the placement engine never disagree.
 */
export function placementParameters(set: PolicySet, municipalityCode: string, on?: string): PlacementParameters {
  const merged: Record<string, Record<string, Record<string, RawParam & { layer: string }>>> = {};
  const put = (domain: string, group: string, name: string, param: RawParam, layer: string) => {
    ((merged[domain] ??= {})[group] ??= {})[name] = { ...param, layer };
  };
  for (const domain of PLACEMENT_DOMAINS) for (const group of groupsOf(domain)) (merged[domain] ??= {})[group] ??= {};
  for (const p of walk(set.law.policy.placement)) put(p.domain, p.group, p.name, p.param, 'national');
  const own = set.byMunicipality.get(municipalityCode);
  for (const p of walk(own?.policy.placement)) put(p.domain, p.group, p.name, p.param, municipalityCode);

  const capRules = [
    ...set.law.policy.rules.map((rule) => ({ rule, layer: 'national' })),
    ...(own?.policy.rules ?? []).map((rule) => ({ rule, layer: municipalityCode })),
  ];
  for (const { rule, layer } of capRules) {
    if (rule.kind !== 'cap' || !inEffect(rule.effective, on)) continue;
    // The version of the deprived-area rule in force says whom it does not count (§ 26 b from L 95, 2024-25).
    if (rule.scope === 'daycare' && rule.category === 'deprived_housing_area' && layer === 'national')
      put(
        'daycare',
        'caps',
        'deprivedAreaExempt',
        {
          value: rule.exempt ?? [],
          source: rule.source,
          ...(rule.interpretation ? { interpretation: rule.interpretation } : {}),
          note: `Fra reglen ${rule.id}`,
        },
        layer,
      );
    if (rule.maxShare === undefined) continue;
    const name =
      rule.category === 'bilingual' ? 'bilingualMaxShare' : rule.scope === 'daycare' ? 'deprivedAreaMaxShare' : null;
    if (!name) continue;
    const current = merged[rule.scope]?.caps?.[name];
    if (current && typeof current.value === 'number' && current.value <= rule.maxShare) continue;
    put(
      rule.scope,
      'caps',
      name,
      {
        value: rule.maxShare,
        source: rule.source,
        ...(rule.interpretation ? { interpretation: rule.interpretation } : {}),
        note: `Fra reglen ${rule.id}`,
      },
      layer,
    );
  }

  // Check the merged set without the layers (the parameter objects are strict): every parameter
  // present with a valid value. The law is checked at load, so this fails only on a set built by hand.
  const bare = Object.fromEntries(
    Object.entries(merged).map(([d, groups]) => [
      d,
      Object.fromEntries(
        Object.entries(groups).map(([g, ps]) => [
          g,
          Object.fromEntries(Object.entries(ps).map(([n, { layer: _layer, ...param }]) => [n, param])),
        ]),
      ),
    ]),
  );
  const checked = PlacementComplete.safeParse(bare);
  if (!checked.success) {
    throw new RangeError(
      `placement parameters of ${municipalityCode} are incomplete: ${checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  return { ...(merged as unknown as Effective<PlacementComplete>), municipalityCode };
}

/**
 * The numbers the domain's eligibility rules read (src/domain/placement-eligibility.ts): the
 * daycare and school age bands, daycare from its weeks of age, the reception-class period, and the
 * benefit levels that stand in for an unrecorded income. Their sources stay with the parameters.
 */
export function placementFigures(params: PlacementParameters): {
  eligibility: EligibilityFigures;
  income: IncomeFigures;
} {
  const d = params.daycare.eligibility,
    s = params.school.eligibility;
  return {
    eligibility: {
      daycare: {
        fromWeeks: d.fromWeeks.value,
        ageMin: d.ageMin.value,
        ageMax: d.ageMax.value,
        deprivedAreaExempt: params.daycare.caps.deprivedAreaExempt?.value ?? [],
      },
      school: { ageMin: s.ageMin.value, ageMax: s.ageMax.value, receptionClassYears: s.receptionClassYears.value },
    },
    income: { ...params.housing.scoring.estimatedMonthlyIncome.value },
  };
}

function groupsOf(domain: PlacementDomain): string[] {
  return Object.keys(PlacementComplete.shape[domain].shape);
}

/** The effective parameters as a flat list (for the policy page and the placement explanation). */
export function placementParameterList(params: PlacementParameters): PlacementParameterView[] {
  const out: PlacementParameterView[] = [];
  for (const p of walk(params)) {
    const e = p.param as RawParam & { layer: string };
    out.push({
      path: `${p.domain}.${p.group}.${p.name}`,
      domain: p.domain,
      group: p.group,
      name: p.name,
      value: e.value,
      layer: e.layer,
      ...(e.source ? { source: e.source } : {}),
      ...(e.interpretation ? { interpretation: e.interpretation } : {}),
      ...(e.binding ? { binding: true } : {}),
      ...(e.note ? { note: e.note } : {}),
    });
  }
  return out;
}
