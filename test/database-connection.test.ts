// The PostgreSQL connection pool survives the server ending an idle connection.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import pg from 'pg';
import { sql } from 'kysely';
import { openDatabase } from '../src/db/database.js';
import { createPgDatabase } from './helpers.js';

test(
  'when PostgreSQL ends an idle pooled connection, the process keeps running and the next query gets a new one',
  { skip: !process.env.TEST_DATABASE_URL && 'TEST_DATABASE_URL is not set' },
  async () => {
    const pgdb = await createPgDatabase();
    const database = await openDatabase({ dataDir: '', databaseUrl: pgdb.url, command: 'test' });
    const uncaught: Error[] = [];
    const onUncaught = (e: Error) => {
      uncaught.push(e);
    };
    process.on('uncaughtException', onUncaught);
    const warn = console.warn;
    const warnings: string[] = [];
    console.warn = (...args: unknown[]) => {
      warnings.push(args.join(' '));
    };
    try {
      const first = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(database.db);
      const pid = first.rows[0]!.pid;
      const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await admin.connect();
      await admin.query('select pg_terminate_backend($1)', [pid]);
      await admin.end();
      // The pool learns of it when the server's message arrives on the idle socket.
      for (let i = 0; i < 50 && warnings.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
      assert.deepEqual(
        uncaught.map((e) => e.message),
        [],
        'no uncaught error',
      );
      assert.match(
        warnings.join('\n'),
        /PostgreSQL closed an idle connection: terminating connection due to administrator command/,
      );
      const again = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(database.db);
      assert.notEqual(again.rows[0]!.pid, pid, 'a new connection serves the next query');
    } finally {
      console.warn = warn;
      process.off('uncaughtException', onUncaught);
      await database.close();
      await pgdb.drop();
    }
  },
);
