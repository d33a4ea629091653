// The registries' rows (issue 15): one set of queries for every registry, driven by its
// definition in src/domain/registries.ts (table, columns, the tables that refer to a record).
// The service decides; these read and write. Arrays are bound as JSON and unpacked in SQL, the
// same on PGlite and PostgreSQL.
import { sql, type RawBuilder } from 'kysely';
import type { Tx } from '../db/tenant.js';
import type { FieldDef, RegistryDef } from '../domain/registries.js';

/** A registry row by column name, with its id and version. */
export type RegistryRow = Record<string, unknown> & { id: string; version: number };

/** A value to write: a scalar, or a list (text[]). */
export type ColumnValue = string | number | boolean | null | readonly string[];

const table = (def: RegistryDef) => sql.table(def.table);

function columnList(def: RegistryDef): RawBuilder<unknown> {
  return sql.join([sql.ref('id'), sql.ref('version'), ...def.fields.map((f) => sql.ref(f.column))]);
}

function bind(field: FieldDef, value: ColumnValue): RawBuilder<unknown> {
  if (Array.isArray(value))
    return sql`ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify(value)}::jsonb))::text[]`;
  if (value === null) return sql`NULL`;
  switch (field.type.kind) {
    case 'date':
      return sql`${value}::date`;
    case 'integer':
      return sql`${value}::integer`;
    case 'decimal':
      return sql`${value}::numeric`;
    case 'boolean':
      return sql`${value}::boolean`;
    case 'reference':
      return sql`${value}::uuid`;
    default:
      return sql`${value}::text`;
  }
}

function fieldOf(def: RegistryDef, column: string): FieldDef {
  const field = def.fields.find((f) => f.column === column);
  if (!field) throw new Error(`${def.table} has no registry column ${column}.`);
  return field;
}

/** Every record of the registry, in its order. */
export async function listRegistryRows(tx: Tx, def: RegistryDef): Promise<RegistryRow[]> {
  const order = sql.join([...def.orderBy.map((c) => sql.ref(c)), sql.ref('id')]);
  const { rows } = await sql<RegistryRow>`SELECT ${columnList(def)} FROM ${table(def)} ORDER BY ${order}`.execute(tx);
  return rows;
}

export async function findRegistryRow(tx: Tx, def: RegistryDef, id: string): Promise<RegistryRow | null> {
  const { rows } = await sql<RegistryRow>`SELECT ${columnList(def)} FROM ${table(def)} WHERE id = ${id}::uuid`.execute(
    tx,
  );
  return rows[0] ?? null;
}

/** The ids among `ids` that are records of the table (for references to check). */
export async function existingIds(tx: Tx, tableName: string, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const { rows } = await sql<{ id: string }>`
    SELECT id FROM ${sql.table(tableName)}
     WHERE id IN (SELECT jsonb_array_elements_text(${JSON.stringify([...new Set(ids)])}::jsonb)::uuid)`.execute(tx);
  return new Set(rows.map((r) => r.id));
}

export async function insertRegistryRow(
  tx: Tx,
  def: RegistryDef,
  municipalityCode: string,
  values: ReadonlyMap<string, ColumnValue>,
  userId: string,
): Promise<RegistryRow> {
  const columns = [...values.keys()];
  const { rows } = await sql<RegistryRow>`
    INSERT INTO ${table(def)} (municipality_code, updated_at, updated_by, ${sql.join(columns.map((c) => sql.ref(c)))})
    VALUES (${municipalityCode}, now(), ${userId}::uuid, ${sql.join(columns.map((c) => bind(fieldOf(def, c), values.get(c) ?? null)))})
    RETURNING ${columnList(def)}`.execute(tx);
  const row = rows[0];
  if (!row) throw new Error(`INSERT INTO ${def.table} returned no row.`);
  return row;
}

/**
 * Changes a record if it still has the version the client read; null when it has another (or
 * is gone): the caller reads it again to tell which.
 */
export async function updateRegistryRow(
  tx: Tx,
  def: RegistryDef,
  id: string,
  version: number,
  values: ReadonlyMap<string, ColumnValue>,
  userId: string,
): Promise<RegistryRow | null> {
  const sets = [...values.entries()].map(([c, v]) => sql`${sql.ref(c)} = ${bind(fieldOf(def, c), v)}`);
  const { rows } = await sql<RegistryRow>`
    UPDATE ${table(def)}
       SET ${sql.join([...sets, sql`version = version + 1`, sql`updated_at = now()`, sql`updated_by = ${userId}::uuid`])}
     WHERE id = ${id}::uuid AND version = ${version}
    RETURNING ${columnList(def)}`.execute(tx);
  return rows[0] ?? null;
}

/** Deletes a record of the version read; false when it has another version or is gone. */
export async function deleteRegistryRow(tx: Tx, def: RegistryDef, id: string, version: number): Promise<boolean> {
  const r = await sql`DELETE FROM ${table(def)} WHERE id = ${id}::uuid AND version = ${version}`.execute(tx);
  return Number(r.numAffectedRows ?? 0) > 0;
}

/** How many rows of each referring table hold the record (only those in the statuses that count). */
export async function referencesTo(tx: Tx, def: RegistryDef, id: string): Promise<{ table: string; count: number }[]> {
  const out: { table: string; count: number }[] = [];
  for (const ref of def.referencedBy) {
    const status = ref.statusIn
      ? sql`AND status IN (SELECT jsonb_array_elements_text(${JSON.stringify(ref.statusIn)}::jsonb))`
      : sql``;
    const { rows } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM ${sql.table(ref.table)} WHERE ${sql.ref(ref.column)} = ${id}::uuid ${status}`.execute(
      tx,
    );
    const n = rows[0]?.n ?? 0;
    if (n > 0) out.push({ table: ref.table, count: n });
  }
  return out;
}

export async function insertRegistryChange(
  tx: Tx,
  change: {
    municipalityCode: string;
    registry: string;
    recordId: string;
    operation: 'create' | 'change' | 'delete' | 'import';
    before: Record<string, unknown> | null;
    userId: string;
  },
): Promise<void> {
  await tx
    .insertInto('registry_changes')
    .values({
      municipality_code: change.municipalityCode,
      registry: change.registry,
      record_id: change.recordId,
      operation: change.operation,
      before: change.before === null ? null : JSON.stringify(change.before),
      changed_by: change.userId,
    })
    .execute();
}

// ---- The household facts placement needs --------------------------------------------------

export interface HouseholdFactsRow {
  id: string;
  version: number;
  monthly_income_dkk: number | null;
  needs_accessible: boolean;
  wishes: string | null;
  housing_status: string;
  housing_unit_id: string | null;
  takeover_date: string;
}

export async function findHouseholdFacts(tx: Tx, householdId: string): Promise<HouseholdFactsRow | null> {
  const row = await tx
    .selectFrom('households')
    .select([
      'id',
      'version',
      'monthly_income_dkk',
      'needs_accessible',
      'wishes',
      'housing_status',
      'housing_unit_id',
      'takeover_date',
    ])
    .where('id', '=', householdId)
    .executeTakeFirst();
  return row ?? null;
}

export async function updateHouseholdFacts(
  tx: Tx,
  householdId: string,
  version: number,
  facts: { monthly_income_dkk?: number | null; needs_accessible?: boolean; wishes?: string | null },
): Promise<boolean> {
  const r = await tx
    .updateTable('households')
    .set({ ...facts, version: sql<number>`version + 1` })
    .where('id', '=', householdId)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** The members of a household: their ids (each shown person is logged). */
export async function householdMemberIds(tx: Tx, householdId: string): Promise<string[]> {
  const rows = await tx
    .selectFrom('persons')
    .select('id')
    .where('household_id', '=', householdId)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}
