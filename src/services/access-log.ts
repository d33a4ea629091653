// A person's access log: staff see who used the data and why; the citizen sees dates, kinds of
// use and purposes, never staff identities. Reading the log is itself a logged read.
import { inTenant } from '../db/tenant.js';
import { accessLogForPerson, recordAccess } from '../repositories/access-log.js';
import { findPerson } from '../repositories/persons.js';
import { authorize, type Ctx } from './context.js';
import { NotFoundError } from './errors.js';

const LIMIT = 500;

export async function personAccessLog(ctx: Ctx, municipalityCode: string, personId: string) {
  authorize(ctx, municipalityCode, 'accessLog.read', personId);
  return inTenant(ctx.db, municipalityCode, async (tx) => {
    if (!(await findPerson(tx, personId))) throw new NotFoundError('The person');
    const rows = await accessLogForPerson(tx, personId, LIMIT);
    await recordAccess(tx, ctx, [{ personId, action: 'read', resource: 'access-log' }]);
    const citizen = ctx.actor.role === 'citizen';
    return {
      personId,
      entries: rows.map((r) => citizen
        ? { date: new Date(r.at).toISOString().slice(0, 10), action: r.action, purpose: r.purpose }
        : { at: new Date(r.at).toISOString(), action: r.action, purpose: r.purpose, user: r.user_name, role: r.role, resource: r.resource, criterion: r.criterion }),
      truncated: rows.length === LIMIT,
    };
  });
}
