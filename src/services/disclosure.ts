// The persons a response shows, collected where its view is built and logged once each.
//
// A service creates one Disclosure per response; every presenter that puts a person's data into
// the view registers that person on it (`shown.person(id)` returns the id, so the view reads
// `personId: shown.person(row.id)`). Before the transaction commits, the service writes one
// access-log row per person registered — whatever the route, page, CSV or PDF built on it — so
// that a person shown without a row, or a row without a person shown, needs a presenter that
// bypasses the collector (test/access-log-coverage.test.ts derives the persons shown from every
// response and compares).
import type { Tx } from '../db/tenant.js';
import { maskCprInText } from '../domain/cpr.js';
import { recordAccess, type AccessAction } from '../repositories/access-log.js';
import type { Ctx } from './context.js';

/** How one person is shown, where it differs from the response's own log entry. */
export interface ShownAs {
  /** the part of the response, e.g. 'household' for a member shown beside the person read */
  resource?: string;
}

export class Disclosure {
  readonly #persons = new Map<string, ShownAs>();

  /**
   * Registers a person whose personal data goes into the response; returns the id. The first
   * registration of a person decides how the row describes it.
   */
  person(id: string, resource?: string): string {
    if (!this.#persons.has(id)) this.#persons.set(id, resource === undefined ? {} : { resource });
    return id;
  }

  get size(): number {
    return this.#persons.size;
  }

  entries(): [string, string | undefined][] {
    return [...this.#persons.entries()].map(([id, as]) => [id, as.resource]);
  }
}

export interface DisclosureLog {
  action: AccessAction;
  resource: string;
  /**
   * e.g. the search criterion; CPR-like runs are masked before it is stored. It describes the
   * persons the response is about, not those shown beside them under another resource.
   */
  criterion?: string | null;
  /** a search logs one row without a person when it found nobody */
  rowWhenEmpty?: boolean;
}

/** Writes one access-log row per person shown, in the response's own transaction. */
export async function logDisclosure(tx: Tx, ctx: Ctx, shown: Disclosure, log: DisclosureLog): Promise<void> {
  const criterion = log.criterion == null ? null : maskCprInText(log.criterion);
  if (shown.size === 0) {
    if (log.rowWhenEmpty)
      await recordAccess(tx, ctx, [{ personId: null, action: log.action, resource: log.resource, criterion }]);
    return;
  }
  await recordAccess(
    tx,
    ctx,
    shown.entries().map(([personId, resource]) => ({
      personId,
      action: log.action,
      resource: resource ?? log.resource,
      criterion: resource === undefined ? criterion : null,
    })),
  );
}
