// A person's access log. Staff see who used the data, in which role, what and why; the citizen
// sees the day, the kind of use and the purpose, never a staff member's name or role.
import type { Role } from '../../domain/authorization.js';
import type { Disclosure } from '../disclosure.js';

export interface AccessLogRecord {
  at: Date | string;
  action: string;
  purpose: string;
  user_name: string;
  role: string;
  resource: string;
  criterion: string | null;
}

/** One entry, as the viewer's role may see it. */
export function presentAccessLogEntry(r: AccessLogRecord, role: Role) {
  return role === 'citizen'
    ? { date: new Date(r.at).toISOString().slice(0, 10), action: r.action, purpose: r.purpose }
    : {
        at: new Date(r.at).toISOString(),
        action: r.action,
        purpose: r.purpose,
        user: r.user_name,
        role: r.role,
        resource: r.resource,
        criterion: r.criterion,
      };
}

export interface AccessLogOwner {
  id: string;
  given_name: string;
  family_name: string;
}

/** The log of one person, newest first; registers the person (reading a log is itself a use of their data). */
export function presentAccessLog(
  person: AccessLogOwner,
  rows: AccessLogRecord[],
  truncated: boolean,
  role: Role,
  shown: Disclosure,
) {
  return {
    personId: shown.person(person.id),
    name: { givenName: person.given_name, familyName: person.family_name },
    entries: rows.map((r) => presentAccessLogEntry(r, role)),
    truncated,
  };
}
