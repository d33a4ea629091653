// A new embedded database is unpacked from the cluster template (src/db/pglite-template.ts)
// instead of running initdb: it must be the cluster initdb makes, survive a restart, and a damaged
// template must not stop a first start.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'kysely';
import { migrate, openDatabase } from '../src/db/database.js';
import { makeTemplate } from '../src/db/pglite-template.js';

const CLUSTER = `SELECT current_user AS "user", current_database() AS "database",
  (SELECT pg_encoding_to_char(encoding) FROM pg_database WHERE datname = current_database()) AS encoding,
  (SELECT datcollate FROM pg_database WHERE datname = current_database()) AS collate,
  (SELECT count(*)::int FROM pg_class) AS relations,
  (SELECT string_agg(datname, ',' ORDER BY datname) FROM pg_database) AS databases`;

function tempDir(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'medborger-template-'));
  t.after(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  return dir;
}

test('a new embedded database made from the cluster template is the cluster initdb makes, and keeps its data over a restart', async (t) => {
  const dir = tempDir(t);
  const templateFile = path.join(dir, 'cluster.tar.gz');
  await makeTemplate(templateFile);

  const initdb = await PGlite.create();
  const expected = (await initdb.query(CLUSTER)).rows[0];
  await initdb.close();

  const dataDir = path.join(dir, 'data');
  const first = await openDatabase({ dataDir, command: 'test', clusterTemplateFile: templateFile });
  assert.deepEqual((await sql.raw(CLUSTER).execute(first.db)).rows[0], expected);
  await migrate(first.db);
  await sql`CREATE TABLE municipalities_seen_by_test (code text)`.execute(first.db);
  await sql`INSERT INTO municipalities_seen_by_test (code) VALUES ('580')`.execute(first.db);
  await first.close();

  // The restart opens the database it finds (the template is not unpacked over it).
  const again = await openDatabase({ dataDir, command: 'test', clusterTemplateFile: templateFile });
  const rows = (await sql<{ code: string }>`SELECT code FROM municipalities_seen_by_test`.execute(again.db)).rows;
  assert.deepEqual(rows, [{ code: '580' }]);
  const shared = (await sql<{ shared_buffers: string }>`SHOW shared_buffers`.execute(again.db)).rows[0];
  assert.equal(shared?.shared_buffers, '32MB', 'the embedded database keeps its small shared buffers');
  await again.close();
});

test('a damaged cluster template does not stop a first start: the database is made by initdb instead', async (t) => {
  const dir = tempDir(t);
  const templateFile = path.join(dir, 'cluster.tar.gz');
  writeFileSync(templateFile, 'not a tarball');
  const database = await openDatabase({
    dataDir: path.join(dir, 'data'),
    command: 'test',
    clusterTemplateFile: templateFile,
  });
  const one = (await sql<{ one: number }>`SELECT 1 AS one`.execute(database.db)).rows[0];
  assert.deepEqual(one, { one: 1 });
  await database.close();
});
