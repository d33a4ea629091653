// The municipality's staff who can be contact persons (caseworkers and team leaders).
import { inTenant } from '../db/tenant.js';
import * as staff from '../repositories/staff.js';
import type { Ctx } from './context.js';
import { presentStaffCandidate } from './presenters/staff.js';

export async function contactPersonCandidates(ctx: Ctx): Promise<{ id: string; name: string; role: string }[]> {
  return (await inTenant(ctx.db, ctx.actor.municipalityCode, (tx) => staff.contactPersonCandidates(tx))).map(
    presentStaffCandidate,
  );
}
