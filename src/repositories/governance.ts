// The governance cycle's records of one municipality: cases with general integration-policy
// dimensions and the events (meetings, hearings, statements, reports, campaigns, initiatives).
// Read and write only; what is due is decided by src/domain/governance.ts.
import type { Tx } from '../db/tenant.js';
import type { GovernanceCase, GovernanceEvent, GovernanceEventKind } from '../domain/governance.js';

export interface GovernanceDocument {
  title: string;
  url: string;
}

export interface GovernanceEventRecord extends GovernanceEvent {
  description: string | null;
  documents: GovernanceDocument[];
  recordedBy: string;
  version: number;
}

export interface GovernanceCaseRecord extends GovernanceCase {
  description: string | null;
  registeredBy: string;
  version: number;
}

function eventRecord(r: {
  id: string;
  kind: string;
  date: string;
  title: string;
  body: string | null;
  description: string | null;
  documents: unknown;
  published: boolean;
  rule_id: string | null;
  case_id: string | null;
  recorded_by: string;
  version: number;
}): GovernanceEventRecord {
  return {
    id: r.id,
    kind: r.kind as GovernanceEventKind,
    date: r.date,
    title: r.title,
    body: r.body,
    description: r.description,
    documents: (r.documents ?? []) as GovernanceDocument[],
    published: r.published,
    ruleId: r.rule_id,
    caseId: r.case_id,
    recordedBy: r.recorded_by,
    version: r.version,
  };
}

/** Every event of the municipality from a date on (all when `from` is null), oldest first. */
export async function governanceEvents(tx: Tx, from: string | null = null): Promise<GovernanceEventRecord[]> {
  let q = tx.selectFrom('governance_events').selectAll();
  if (from) q = q.where('date', '>=', from);
  return (await q.orderBy('date').orderBy('id').execute()).map(eventRecord);
}

export async function governanceCases(tx: Tx): Promise<GovernanceCaseRecord[]> {
  const rows = await tx.selectFrom('governance_cases').selectAll().orderBy('decision_date').orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    body: r.body,
    decisionDate: r.decision_date,
    description: r.description,
    registeredBy: r.registered_by,
    version: r.version,
  }));
}

export async function findGovernanceCase(tx: Tx, id: string): Promise<GovernanceCaseRecord | null> {
  return (await governanceCases(tx)).find((c) => c.id === id) ?? null;
}

export interface NewGovernanceEvent {
  municipalityCode: string;
  kind: GovernanceEventKind;
  date: string;
  title: string;
  body: string | null;
  description: string | null;
  documents: GovernanceDocument[];
  published: boolean;
  ruleId: string | null;
  caseId: string | null;
  recordedBy: string;
}

export async function insertGovernanceEvent(tx: Tx, e: NewGovernanceEvent): Promise<GovernanceEventRecord> {
  const row = await tx
    .insertInto('governance_events')
    .values({
      municipality_code: e.municipalityCode,
      kind: e.kind,
      date: e.date,
      title: e.title,
      body: e.body,
      description: e.description,
      documents: JSON.stringify(e.documents),
      published: e.published,
      rule_id: e.ruleId,
      case_id: e.caseId,
      recorded_by: e.recordedBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return eventRecord(row);
}

export interface NewGovernanceCase {
  municipalityCode: string;
  title: string;
  body: string | null;
  decisionDate: string;
  description: string | null;
  registeredBy: string;
}

export async function insertGovernanceCase(tx: Tx, c: NewGovernanceCase): Promise<GovernanceCaseRecord> {
  const r = await tx
    .insertInto('governance_cases')
    .values({
      municipality_code: c.municipalityCode,
      title: c.title,
      body: c.body,
      decision_date: c.decisionDate,
      description: c.description,
      registered_by: c.registeredBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return {
    id: r.id,
    title: r.title,
    body: r.body,
    decisionDate: r.decision_date,
    description: r.description,
    registeredBy: r.registered_by,
    version: r.version,
  };
}
