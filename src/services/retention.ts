// Retention of closed cases (issue 13, item 4): a closed case is deleted once the retention period
// of its case type has run out after the closure day (src/domain/closure.ts retentionPassed; the
// period is configuration: `retention` in policies/national.yaml, or the municipality's own file).
// One tenant transaction per municipality: find the closed cases due → lock the persons → delete
// each person with every case record of theirs (their CPR number goes with the person's row) and
// each household left without members → one access-log row per person deleted (action delete, in
// the name of the technical user "Integration: medborger retention") → the report. A dry run finds
// the same and deletes nothing (its list is logged as a read). The report names persons and households by id with the closure's
// day and reason, never a name or a CPR number. Access-log rows are kept: the access log's own
// retention purges them (purge-access-log).
import type { ClosureReason } from '../domain/closure.js';
import { retentionPassed } from '../domain/closure.js';
import { addDuration } from '../domain/dates.js';
import { MUNICIPALITIES } from '../domain/municipalities.js';
import { inTenant } from '../db/tenant.js';
import { retentionFor, shippedPolicies } from '../policy/load.js';
import type { PolicySet } from '../policy/schema.js';
import { recordAccess } from '../repositories/access-log.js';
import * as retention from '../repositories/retention.js';
import type { Database } from './context.js';
// The deletion's marks are evaluated (and so removed) before it commits, also from the command line.
import './obligation-store.js';

/** The technical user deletions by retention are logged as. */
export const RETENTION_USER = 'Integration: medborger retention';
const PURPOSE = 'Sletning efter opbevaringsfristen for afsluttede sager';

export interface RetainedCase {
  personId: string;
  householdId: string;
  closedOn: string;
  reason: ClosureReason;
  /** The last day the case is kept: the closure day plus the retention period. */
  keptUntil: string;
}

export interface RetentionOfMunicipality {
  municipalityCode: string;
  /** The retention period (ISO 8601) and whose it is: 'national' or the municipality's code. */
  retention: string;
  retentionFrom: string;
  /** The cases due for deletion (deleted, unless a dry run). */
  cases: RetainedCase[];
  /** The households deleted (or, in a dry run, that would be) because no member remains. */
  householdIds: string[];
  /** Rows deleted per table (empty in a dry run). */
  rowsDeleted: Record<string, number>;
}

export interface RetentionReport {
  today: string;
  dryRun: boolean;
  municipalities: RetentionOfMunicipality[];
  totalCases: number;
}

export interface RetentionOptions {
  /** The day of the run (injectable for tests); a case is due when its retention ended before it. */
  today: string;
  dryRun: boolean;
  /** Only these municipalities (default: all 98). */
  municipalities?: readonly string[];
  policies?: PolicySet;
}

/**
 * Finds, and unless a dry run deletes, the closed cases whose retention period has run out on
 * `today`, municipality by municipality (one transaction each: all of a municipality's deletions
 * or none). Only municipalities with cases due are in the report.
 */
export async function runRetention(db: Database, options: RetentionOptions): Promise<RetentionReport> {
  const policies = options.policies ?? shippedPolicies();
  const codes = options.municipalities ?? MUNICIPALITIES.map((m) => m.code);
  const out: RetentionOfMunicipality[] = [];
  for (const code of codes) {
    const period = retentionFor(policies, code);
    const result = await inTenant(db, code, async (tx) => {
      const due = (await retention.closedCases(tx)).filter((c) =>
        retentionPassed(c.closed_on, period.afterClosure, options.today),
      );
      if (due.length === 0) return null;
      const cases = due.map((c): RetainedCase => ({
        personId: c.person_id,
        householdId: c.household_id,
        closedOn: c.closed_on,
        reason: c.reason,
        keptUntil: addDuration(c.closed_on, period.afterClosure),
      }));
      const personIds = cases.map((c) => c.personId);
      const householdIds = [...new Set(cases.map((c) => c.householdId))];
      let emptied: string[];
      let rowsDeleted: Record<string, number> = {};
      if (options.dryRun) {
        // Households all of whose members are due with this run.
        const leaving = new Set(personIds);
        const members = await retention.householdMembers(tx, householdIds);
        emptied = householdIds.filter((h) => (members.get(h) ?? []).every((p) => leaving.has(p)));
      } else {
        await retention.lockPersons(tx, personIds);
        rowsDeleted = await retention.deletePersons(tx, personIds);
        emptied = await retention.householdsWithoutMembers(tx, householdIds);
        rowsDeleted.households = await retention.deleteHouseholds(tx, emptied);
      }
      // A deletion is a use of the persons' data, and so is the dry run's list of their cases.
      const user = await retention.retentionUser(tx, code, RETENTION_USER);
      await recordAccess(
        tx,
        {
          actor: { municipalityCode: code, userId: user.id, userName: user.name, role: 'admin', personId: null },
          purpose: PURPOSE,
        },
        cases.map((c) => ({
          personId: c.personId,
          action: options.dryRun ? ('read' as const) : ('delete' as const),
          resource: options.dryRun ? 'retention-dry-run' : 'retention',
          criterion: `afsluttet ${c.closedOn}, opbevaret til ${c.keptUntil}`,
        })),
      );
      return { cases, householdIds: emptied, rowsDeleted };
    });
    if (result) out.push({ municipalityCode: code, retention: period.text, retentionFrom: period.layer, ...result });
  }
  return {
    today: options.today,
    dryRun: options.dryRun,
    municipalities: out,
    totalCases: out.reduce((n, m) => n + m.cases.length, 0),
  };
}

/** The report as the command line prints it: per municipality the count, each case by id with its closure, the households; never a name or a CPR number. */
export function retentionLines(report: RetentionReport): string[] {
  const verb = report.dryRun ? 'would delete' : 'deleted';
  const lines: string[] = [];
  for (const m of report.municipalities) {
    lines.push(
      `${m.municipalityCode}: ${verb} ${m.cases.length} closed case${m.cases.length === 1 ? '' : 's'} (retention ${m.retention} after the closure, ${m.retentionFrom === 'national' ? 'the national default' : "the municipality's policy"})`,
    );
    for (const c of m.cases)
      lines.push(
        `  person ${c.personId} (household ${c.householdId}): closed ${c.closedOn} (${c.reason}), kept until ${c.keptUntil}`,
      );
    if (m.householdIds.length) lines.push(`  households without members: ${m.householdIds.join(', ')}`);
    if (!report.dryRun) {
      const rows = Object.entries(m.rowsDeleted)
        .filter(([, n]) => n > 0)
        .map(([table, n]) => `${table} ${n}`);
      lines.push(`  rows deleted: ${rows.join(', ')}`);
    }
  }
  lines.push(
    `${report.dryRun ? 'Dry run: nothing deleted. ' : ''}${report.totalCases} closed case${report.totalCases === 1 ? '' : 's'} past retention on ${report.today}${report.dryRun ? '' : ', deleted'}.`,
  );
  return lines;
}
