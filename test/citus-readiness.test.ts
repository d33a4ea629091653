// Ready for a national installation on Citus, distributed by municipality_code: read from the
// migrated schema itself (pg_catalog), so that a table added later is checked without being
// listed here. A tenant table is every table with a municipality_code column; the others are
// reference tables (the municipalities every node holds) or the owner's bookkeeping.
//   - every tenant table's primary key, every unique constraint and unique index begins with
//     municipality_code (Citus enforces uniqueness per shard only when it includes the
//     distribution column);
//   - every foreign key of a tenant table either joins on municipality_code to the same column of
//     another tenant table (co-located: the row and the row it refers to are on one shard), or
//     refers to a reference table; no reference table refers to a tenant table;
//   - every tenant query filters on municipality_code: each tenant table has row-level security
//     with a policy for the application role whose USING and WITH CHECK are
//     `municipality_code = current_setting('medborger.municipality')`, so that the planner adds
//     the filter to every statement the application runs, which the plan of an unfiltered
//     statement on each table shows.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { APP_ROLE, TENANT_SETTING } from '../src/db/names.js';
import { inTenant } from '../src/db/tenant.js';
import { forEachEngine, openTestDb, type TestDb } from './helpers.js';

/** Not tenant data: the owner's settings and Kysely's migration bookkeeping (never read by the application's role). */
const OWNER_ONLY = ['settings', 'kysely_migration', 'kysely_migration_lock'];

forEachEngine('Citus readiness: distribution by municipality_code', (engine) => {
  let t: TestDb;
  let tenantTables: string[];
  let referenceTables: string[];

  before(async () => {
    t = await openTestDb(engine);
    const tables = await sql<{ name: string; tenant: boolean }>`
      select c.relname as name,
             exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'municipality_code' and not a.attisdropped) as tenant
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and c.relkind in ('r', 'p') order by 1`.execute(t.database.db);
    tenantTables = tables.rows.filter((r) => r.tenant).map((r) => r.name);
    referenceTables = tables.rows.filter((r) => !r.tenant && !OWNER_ONLY.includes(r.name)).map((r) => r.name);
  });
  after(async () => {
    await t.cleanup();
  });

  test('the schema has the tenant tables and one reference table, the municipalities', () => {
    assert.ok(tenantTables.length >= 38, `tenant tables found: ${tenantTables.length}`);
    assert.ok(tenantTables.includes('persons') && tenantTables.includes('access_log'));
    assert.deepEqual(referenceTables, ['municipalities']);
  });

  test('every primary key, unique constraint and unique index of a tenant table begins with municipality_code', async () => {
    const keys = await sql<{ table_name: string; index_name: string; first_column: string | null; primary: boolean }>`
      select c.relname as table_name, i.relname as index_name, x.indisprimary as primary,
             (select a.attname from pg_attribute a where a.attrelid = x.indrelid and a.attnum = x.indkey[0]) as first_column
        from pg_index x join pg_class c on c.oid = x.indrelid join pg_class i on i.oid = x.indexrelid
        join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and x.indisunique`.execute(t.database.db);
    const tenant = keys.rows.filter((k) => tenantTables.includes(k.table_name));
    for (const table of tenantTables)
      assert.ok(
        tenant.some((k) => k.table_name === table && k.primary),
        `${table} has a primary key`,
      );
    const wrong = tenant
      .filter((k) => k.first_column !== 'municipality_code')
      .map((k) => `${k.table_name}.${k.index_name}`);
    assert.deepEqual(wrong, [], 'unique keys of tenant tables that do not begin with municipality_code');
  });

  test('every foreign key between tenant tables joins on municipality_code (co-located); others refer to reference tables', async () => {
    const fks = await sql<{ table_name: string; conname: string; referenced: string; pairs: string[] }>`
      select c.relname as table_name, k.conname, r.relname as referenced,
             array(select a.attname || '=' || b.attname
                     from unnest(k.conkey, k.confkey) with ordinality as u(ck, fk, ord)
                     join pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.ck
                     join pg_attribute b on b.attrelid = k.confrelid and b.attnum = u.fk
                    order by u.ord) as pairs
        from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_class r on r.oid = k.confrelid
        join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and k.contype = 'f' order by 1, 2`.execute(t.database.db);
    const wrong: string[] = [];
    for (const fk of fks.rows) {
      const from = tenantTables.includes(fk.table_name);
      const to = tenantTables.includes(fk.referenced);
      const name = `${fk.table_name}.${fk.conname} -> ${fk.referenced} (${fk.pairs.join(', ')})`;
      if (from && to && fk.pairs[0] !== 'municipality_code=municipality_code') wrong.push(name);
      else if (from && !to && !referenceTables.includes(fk.referenced)) wrong.push(name);
      else if (!from && to) wrong.push(`${name}: a reference table refers to a tenant table`);
    }
    assert.ok(fks.rows.length >= 30, `the foreign keys are all checked (${fks.rows.length})`);
    assert.deepEqual(wrong, [], 'foreign keys a distribution by municipality_code cannot keep');
  });

  test('every tenant table filters every statement of the application on municipality_code (row-level security)', async () => {
    const policies = await sql<{ table_name: string; rls: boolean; qual: string | null; with_check: string | null }>`
      select c.relname as table_name, c.relrowsecurity as rls, pg_get_expr(p.polqual, p.polrelid) as qual,
             pg_get_expr(p.polwithcheck, p.polrelid) as with_check
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
        left join pg_policy p on p.polrelid = c.oid
         and (select rolname from pg_roles where oid = any (p.polroles) limit 1) = ${APP_ROLE}
         and pg_get_expr(p.polqual, p.polrelid) like '%municipality_code%'
       where n.nspname = 'public' and c.relkind in ('r', 'p')`.execute(t.database.db);
    const tenantFilter = new RegExp(`municipality_code = current_setting\\('${TENANT_SETTING.replace('.', '\\.')}'`);
    const unfiltered = tenantTables.filter((table) => {
      const ps = policies.rows.filter((p) => p.table_name === table);
      return (
        !ps.some((p) => p.rls && p.qual !== null && tenantFilter.test(p.qual)) ||
        // append-only tables: the insert is checked too
        !ps.some((p) => p.with_check === null || tenantFilter.test(p.with_check))
      );
    });
    assert.deepEqual(unfiltered, [], 'tenant tables without the tenant filter for the application role');

    // What the planner makes of a statement that names no municipality, under the application role.
    const plans: string[] = [];
    await inTenant(t.appDb, '580', async (tx) => {
      for (const table of tenantTables) {
        const plan = await sql<{ 'QUERY PLAN': string }>`explain select * from ${sql.table(table)}`.execute(tx);
        const text = plan.rows.map((r) => r['QUERY PLAN']).join('\n');
        if (!/municipality_code = current_setting\('medborger\.municipality'/.test(text))
          plans.push(`${table}:\n${text}`);
      }
    });
    assert.deepEqual(plans, [], 'statements on tenant tables the planner does not filter by municipality_code');
  });
});
