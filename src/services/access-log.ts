// A person's access log: staff see who used the data and why; the citizen sees dates, kinds of
// use and purposes, never staff identities. Reading the log is itself a logged read.
import { inTenant } from '../db/tenant.js';
import { accessLogForPerson } from '../repositories/access-log.js';
import { authorize, type Ctx } from './context.js';
import { Disclosure, logDisclosure } from './disclosure.js';
import { findPerson } from '../repositories/persons.js';
import { loadAuthorizedPerson } from './persons.js';

const LIMIT = 500;

export async function personAccessLog(ctx: Ctx, municipalityCode: string, personId: string) {
  authorize(ctx, municipalityCode, 'accessLog.read', personId);
  return inTenant(ctx.db, municipalityCode, async (tx) => {
    await loadAuthorizedPerson(tx, ctx, personId, 'accessLog.read');
    const person = (await findPerson(tx, personId))!;
    const rows = await accessLogForPerson(tx, personId, LIMIT);
    const citizen = ctx.actor.role === 'citizen';
    const shown = new Disclosure();
    const view = {
      personId: shown.person(personId),
      name: { givenName: person.given_name, familyName: person.family_name },
      entries: rows.map((r) => citizen
        ? { date: new Date(r.at).toISOString().slice(0, 10), action: r.action, purpose: r.purpose }
        : { at: new Date(r.at).toISOString(), action: r.action, purpose: r.purpose, user: r.user_name, role: r.role, resource: r.resource, criterion: r.criterion }),
      truncated: rows.length === LIMIT,
    };
    await logDisclosure(tx, ctx, shown, { action: 'read', resource: 'access-log' });
    return view;
  });
}
