// A person's access log: staff see who used the data and why; the citizen sees dates, kinds of
// use and purposes, never staff identities. Reading the log is itself a logged read.
import { inTenant } from '../db/tenant.js';
import { accessLogForPerson } from '../repositories/access-log.js';
import { authorize, type Ctx } from './context.js';
import { Disclosure, logDisclosure } from './disclosure.js';
import { NotFoundError } from './errors.js';
import { findPerson } from '../repositories/persons.js';
import { loadAuthorizedPerson } from './persons.js';
import { presentAccessLog } from './presenters/access-log.js';

const LIMIT = 500;

export async function personAccessLog(ctx: Ctx, municipalityCode: string, personId: string) {
  authorize(ctx, municipalityCode, 'accessLog.read', personId);
  return inTenant(ctx.db, municipalityCode, async (tx) => {
    await loadAuthorizedPerson(tx, ctx, personId, 'accessLog.read');
    const person = await findPerson(tx, personId);
    if (!person) throw new NotFoundError('person.not_found', 'The person');
    const rows = await accessLogForPerson(tx, personId, LIMIT);
    const shown = new Disclosure();
    const view = presentAccessLog(person, rows, rows.length === LIMIT, ctx.actor.role, shown);
    await logDisclosure(tx, ctx, shown, { action: 'read', resource: 'access-log' });
    return view;
  });
}
