// Medborger as real processes: `medborger serve` and `medborger token create` started with
// child_process from the TypeScript sources, stopped with SIGTERM or SIGKILL, restarted on the
// same embedded data directory or PostgreSQL database. Covers what in-process tests cannot:
// durability across restarts and crashes, the embedded data-directory lock, and the CPR-key
// check at start-up. The PostgreSQL cases run only when TEST_DATABASE_URL is set. One test calls
// the lock directly, to pin down an interleaving of two processes that timing cannot force.
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { closeSync, cpSync, existsSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import pg from 'pg';
import { loadConfig } from '../src/config.js';
import { DataDirLockedError, lockDataDir } from '../src/db/lock.js';
import { migrateDatabase, openRuntime } from '../src/runtime.js';
import { aFamily, createPgDatabase } from './helpers.js';
import {
  api,
  childEnv,
  createTokenViaCli,
  freePort,
  killAllChildren,
  runCli,
  ServerProcess,
  startServer,
  tempDir,
  withTimeout,
  type ChildResult,
} from './process-helpers.js';

const cleanups: (() => Promise<void> | void)[] = [];
after(async () => {
  killAllChildren();
  for (const c of cleanups.reverse())
    await Promise.resolve(c()).catch((err: unknown) => {
      console.error('cleanup failed:', err);
    });
});

/** A temp data directory removed after the file's tests. */
function dataDir(): string {
  const tmp = tempDir();
  cleanups.push(() => {
    tmp.remove();
  });
  return tmp.dir;
}

// Initialising an embedded database (initdb and migrations) takes several seconds, so it is done
// once: `token create` on an empty directory creates the database, the key file (cpr.key) and a
// caseworker token for 580. Each embedded test works on its own copy of that directory.
let template: Promise<{ dir: string; token: string }> | undefined;
function templateDir(): Promise<{ dir: string; token: string }> {
  template ??= (async () => {
    const dir = dataDir();
    const token = await createTokenViaCli(childEnv({ MEDBORGER_DATA_DIR: dir }), 'Proces Sagsbehandler');
    return { dir, token };
  })();
  return template;
}

/** A fresh copy of the template data directory and the caseworker token valid in it. */
async function embedded(): Promise<{ dir: string; token: string }> {
  const { dir: source, token } = await templateDir();
  const dir = dataDir();
  cpSync(source, dir, { recursive: true });
  return { dir, token };
}

const lockFile = (dir: string) => path.join(dir, 'medborger.lock');
const readLockFile = (dir: string) =>
  JSON.parse(readFileSync(lockFile(dir), 'utf8')) as { pid: number; port: number | null; command: string };
const HOUSEHOLDS = '/api/v1/municipalities/580/households';
const person = (id: string) => `/api/v1/municipalities/580/persons/${id}`;
const searchPath = (query: string) => `/api/v1/municipalities/580/persons?query=${encodeURIComponent(query)}`;

async function registerFamily(server: ServerProcess, token: string) {
  const family = aFamily();
  const res = await api(server.url, token, 'POST', HOUSEHOLDS, family);
  assert.equal(res.status, 201, `registering a household answered ${res.status}: ${res.text}`);
  const body = res.body as { householdId: string; members: { personId: string }[] };
  return { family, householdId: body.householdId, headId: body.members[0]!.personId, cpr: family.members[0]!.cpr! };
}

async function assertFoundByCpr(server: ServerProcess, token: string, cpr: string, personId: string, when: string) {
  const res = await api(server.url, token, 'GET', searchPath(cpr.replace('-', '')));
  assert.equal(res.status, 200, res.text);
  const ids = (res.body as { results: { id: string }[] }).results.map((r) => r.id);
  assert.ok(
    ids.includes(personId),
    `${when}: searching by the CPR number ${cpr.slice(0, 6)}-xxxx does not find the person ${personId} (got ${JSON.stringify(ids)})`,
  );
}

const describeResult = (r: ChildResult) =>
  `exit code ${r.code}, signal ${r.signal}, after ${r.ms} ms\n--- stdout ---\n${r.stdout}\n--- stderr ---\n${r.stderr}`;

// Concurrency 3: the PostgreSQL cases run while the embedded template is being created.
describe('Medborger as real processes', { concurrency: 3 }, () => {
  /** A CPR key no database here was written with. */
  const keyB = randomBytes(32).toString('base64');

  test('killing the server with SIGKILL during a stream of writes on PostgreSQL loses no write that was answered 2xx', async (t) => {
    if (!process.env.TEST_DATABASE_URL) {
      t.skip('TEST_DATABASE_URL is not set: this crash test needs a PostgreSQL server');
      return;
    }
    const db = await createPgDatabase();
    cleanups.push(() => db.drop());
    // Migrated by the owner; the server and `token create` connect as the login role.
    await migrateDatabase(loadConfig({ MEDBORGER_OWNER_DATABASE_URL: db.url, DATABASE_URL: db.appUrl }));
    const env = childEnv({ DATABASE_URL: db.appUrl, MEDBORGER_CPR_KEY: randomBytes(32).toString('base64') });
    const token = await createTokenViaCli(env, 'Strøm Sagsbehandler');
    const server = await startServer(env);
    let restarted: ServerProcess | undefined;
    try {
      const { headId } = await registerFamily(server, token);
      const url = `${person(headId)}/conversations`;
      const run = randomUUID().slice(0, 8);
      const WORKERS = 8;
      const MAX_WRITES = 2000;
      const KILL_AFTER = 100;

      const acked: { i: number; id: string; note: string; afterKill: boolean }[] = [];
      const failed: { i: number; note: string; error: string }[] = [];
      const refused: { i: number; status: number; text: string }[] = [];
      const inFlight = new Set<number>();
      let next = 0;
      let killed = false;
      let inFlightAtKill = -1;
      let ackedAtKill = -1;

      // Called after each write; a function of its own, so that `killed` is read as it is now (another worker may have
      // set it while this one awaited), not as the loop condition left it.
      const killOnceEnoughAcked = () => {
        if (killed || acked.length < KILL_AFTER) return;
        killed = true;
        inFlightAtKill = inFlight.size;
        ackedAtKill = acked.length;
        server.proc.kill('SIGKILL');
      };
      const worker = async () => {
        while (!killed && next < MAX_WRITES) {
          const i = next++;
          const note = `stream ${run} write ${i}`;
          inFlight.add(i);
          try {
            const r = await api(
              server.url,
              token,
              'POST',
              url,
              { date: '2025-03-25', kind: 'other', repatriationGuidance: false, note },
              10_000,
            );
            if (r.status >= 200 && r.status < 300)
              acked.push({ i, id: (r.body as { id: string }).id, note, afterKill: killed });
            else refused.push({ i, status: r.status, text: r.text.slice(0, 300) });
          } catch (err) {
            const { cause, message } = err as Error;
            failed.push({ i, note, error: cause instanceof Error ? String(cause) : message });
          } finally {
            inFlight.delete(i);
          }
          killOnceEnoughAcked();
        }
      };
      await withTimeout(Promise.all(Array.from({ length: WORKERS }, worker)), 60_000, 'the stream of writes');
      assert.ok(
        killed,
        `the server was never killed: only ${acked.length} of ${MAX_WRITES} writes were acknowledged (${refused.length} refused, first: ${JSON.stringify(refused[0])})`,
      );
      const exit = await withTimeout(server.exited, 10_000, 'the SIGKILLed server to exit');
      assert.equal(exit.signal, 'SIGKILL');
      assert.deepEqual(refused, [], 'writes before the kill should all succeed');

      // A new server on the same database: it starts, and every acknowledged write is there.
      restarted = await startServer(env);
      const read = await api(restarted.url, token, 'GET', person(headId));
      assert.equal(read.status, 200, read.text);
      const viaApi = new Map(
        (read.body as { conversations: { id: string; note: string | null }[] }).conversations.map((c) => [
          c.id,
          c.note,
        ]),
      );
      const lostViaApi = acked.filter((a) => viaApi.get(a.id) !== a.note);
      assert.deepEqual(
        lostViaApi.map((a) => a.i),
        [],
        `${lostViaApi.length} of ${acked.length} writes answered 2xx are missing after the restart (read via the API)`,
      );

      const owner = new pg.Client({ connectionString: db.url });
      await owner.connect();
      let inDb: Map<string, string | null>;
      try {
        const rows = await owner.query<{ id: string; note: string | null }>(
          'SELECT id::text AS id, note FROM conversations WHERE person_id = $1',
          [headId],
        );
        inDb = new Map(rows.rows.map((r) => [r.id, r.note]));
      } finally {
        await owner.end();
      }
      const lost = acked.filter((a) => inDb.get(a.id) !== a.note);
      assert.deepEqual(
        lost.map((a) => a.i),
        [],
        `${lost.length} of ${acked.length} writes answered 2xx are missing from the conversations table`,
      );
      const notes = new Set(inDb.values());
      const committedUnanswered = failed.filter((f) => notes.has(f.note)).length;
      const ackedAfterKill = acked.filter((a) => a.afterKill).length;
      t.diagnostic(
        `acknowledged (2xx): ${acked.length} (${ackedAtKill} when SIGKILL was sent, ${ackedAfterKill} answered after it); in flight at the kill: ${inFlightAtKill}; failed without an answer: ${failed.length}, of which committed anyway: ${committedUnanswered}; rows after restart: ${inDb.size}; lost acknowledged writes: ${lost.length}`,
      );
      if (failed[0]) t.diagnostic(`an unanswered write failed with: ${failed[0].error}`);
      const stopped = await restarted.stop('SIGTERM');
      assert.equal(stopped.code, 0, describeResult(stopped));
    } finally {
      if (server.running) await server.kill();
      if (restarted?.running) await restarted.kill();
    }
  });

  test('a wrong CPR key is refused at start on PostgreSQL with a fingerprint message', async (t) => {
    if (!process.env.TEST_DATABASE_URL) {
      t.skip('TEST_DATABASE_URL is not set: this case needs a PostgreSQL server');
      return;
    }
    const db = await createPgDatabase();
    cleanups.push(() => db.drop());
    // Key A: the database is migrated by the owner and its key fingerprint stored by a first
    // start as the login role, in-process (saves a start).
    await migrateDatabase(loadConfig({ MEDBORGER_OWNER_DATABASE_URL: db.url, DATABASE_URL: db.appUrl }));
    const written = await openRuntime(
      loadConfig({ DATABASE_URL: db.appUrl, MEDBORGER_CPR_KEY: randomBytes(32).toString('base64') }),
      'test',
    );
    await written.close();
    const wrong = new ServerProcess(childEnv({ DATABASE_URL: db.appUrl, MEDBORGER_CPR_KEY: keyB }), await freePort());
    const refused = await withTimeout(wrong.exited, 30_000, 'the server with the wrong key to give up');
    assert.notEqual(
      refused.code,
      0,
      `a server with a different CPR key should refuse to start; ${describeResult(refused)}`,
    );
    assert.doesNotMatch(refused.stdout, /listening on/);
    assert.match(
      refused.stderr,
      /fingerprint/i,
      `the refusal should explain the key fingerprint mismatch; stderr:\n${refused.stderr}`,
    );
  });

  test('a restart keeps all data: the household, its activity and CPR search survive SIGTERM and a new start on the same embedded data directory', async () => {
    const { dir, token } = await embedded();
    const env = childEnv({ MEDBORGER_DATA_DIR: dir });

    const first = await startServer(env);
    let second: ServerProcess | undefined;
    try {
      const { headId, householdId, cpr } = await registerFamily(first, token);
      const activity = await api(first.url, token, 'POST', `${person(headId)}/activities`, {
        kind: 'danish_education',
        startDate: '2025-03-20',
        hoursPerWeek: 15,
        provider: 'Sprogcenter Aabenraa',
      });
      assert.equal(activity.status, 201, activity.text);
      const activityId = (activity.body as { id: string }).id;
      const before = await api(first.url, token, 'GET', person(headId));
      assert.equal(before.status, 200, before.text);

      const stopped = await first.stop('SIGTERM');
      assert.equal(
        stopped.code,
        0,
        `SIGTERM should stop the server cleanly with exit code 0; ${describeResult(stopped)}`,
      );
      assert.match(stopped.stdout, /SIGTERM: finishing requests and closing the database/);
      assert.ok(!existsSync(lockFile(dir)), 'a clean stop removes the data-directory lock file');

      second = await startServer(env);
      const again = await api(second.url, token, 'GET', person(headId));
      assert.equal(again.status, 200, `after the restart the person ${headId} is gone: ${again.status} ${again.text}`);
      assert.deepEqual(again.body, before.body, 'after the restart the person reads back differently than before it');
      const body = again.body as {
        household: { id: string; members: unknown[] };
        activities: { id: string; provider: string; hoursPerWeek: number }[];
        cpr: string;
      };
      assert.equal(body.household.id, householdId);
      assert.equal(body.household.members.length, 3, 'after the restart the household does not have its three members');
      const kept = body.activities.find((a) => a.id === activityId);
      assert.ok(kept, `after the restart the activity ${activityId} is missing`);
      assert.equal(kept.provider, 'Sprogcenter Aabenraa');
      assert.equal(kept.hoursPerWeek, 15);
      await assertFoundByCpr(second, token, cpr, headId, 'after the restart');
      const revealed = await api(second.url, token, 'GET', `${person(headId)}?reveal=cpr`);
      assert.equal(
        (revealed.body as { cpr: string }).cpr,
        cpr,
        'after the restart the CPR number no longer decrypts to the one registered',
      );

      const stoppedAgain = await second.stop('SIGTERM');
      assert.equal(stoppedAgain.code, 0, describeResult(stoppedAgain));
    } finally {
      if (first.running) await first.kill();
      if (second?.running) await second.kill();
    }
  });

  test("a second server on the same embedded data directory fails fast with a clear message, and a SIGKILLed holder's stale lock is taken over", async () => {
    const { dir, token } = await embedded();
    const env = childEnv({ MEDBORGER_DATA_DIR: dir });
    const first = await startServer(env);
    let third: ServerProcess | undefined;
    try {
      const { headId, cpr } = await registerFamily(first, token);
      const held = readLockFile(dir);
      assert.equal(held.pid, first.pid, "the lock file names the running server's pid");
      assert.equal(held.port, first.port, "the lock file records the running server's port");

      const second = new ServerProcess(env, await freePort());
      const refused = await withTimeout(second.exited, 20_000, 'the second server to give up');
      assert.notEqual(refused.code, 0, `a second server on ${dir} should refuse to start; ${describeResult(refused)}`);
      // It gives up at the lock, before it opens the database (a server that opened it says "database: …").
      assert.doesNotMatch(
        refused.stdout,
        /\[medborger\] database:/,
        `the second server must give up before it opens the database; ${describeResult(refused)}`,
      );
      assert.doesNotMatch(
        refused.stdout,
        /listening on/,
        'the second server must not serve the same embedded database',
      );
      assert.ok(
        refused.stderr.includes(dir),
        `the refusal should name the data directory ${dir}; stderr:\n${refused.stderr}`,
      );
      assert.ok(
        refused.stderr.includes(`pid ${first.pid}`),
        `the refusal should name the holding pid ${first.pid}; stderr:\n${refused.stderr}`,
      );
      assert.ok(
        refused.stderr.includes(`127.0.0.1:${first.port}`),
        `the refusal should point to the running server's port ${first.port}; stderr:\n${refused.stderr}`,
      );

      assert.ok(first.running, 'the first server died when a second one tried the same data directory');
      const health = await api(first.url, null, 'GET', '/health');
      assert.equal(
        health.status,
        200,
        `the first server is no longer healthy after the refused second start: ${health.text}`,
      );
      assert.equal(
        readLockFile(dir).pid,
        first.pid,
        "the refused second server removed or replaced the first server's lock",
      );
      const stillReads = await api(first.url, token, 'GET', person(headId));
      assert.equal(stillReads.status, 200, stillReads.text);

      const killed = await first.kill();
      assert.equal(killed.signal, 'SIGKILL');
      assert.ok(existsSync(lockFile(dir)), 'after SIGKILL the (now stale) lock file is left behind');

      third = await startServer(env);
      assert.equal(readLockFile(dir).pid, third.pid, 'the new server took over the stale lock');
      const read = await api(third.url, token, 'GET', person(headId));
      assert.equal(
        read.status,
        200,
        `after a SIGKILL and restart the person ${headId} is gone: ${read.status} ${read.text}`,
      );
      await assertFoundByCpr(third, token, cpr, headId, 'after a SIGKILL and restart');
      const stopped = await third.stop('SIGTERM');
      assert.equal(stopped.code, 0, describeResult(stopped));
    } finally {
      if (first.running) await first.kill();
      if (third?.running) await third.kill();
    }
  });

  test('token create while a server holds the embedded database says so and points to the admin API', async () => {
    const { dir } = await embedded();
    const env = childEnv({ MEDBORGER_DATA_DIR: dir });
    const server = await startServer(env);
    try {
      const r = await runCli(
        ['token', 'create', '--municipality', '580', '--role', 'caseworker', '--user', 'Blokeret Bruger'],
        env,
      );
      assert.notEqual(r.code, 0, `token create should fail while a server holds the database; ${describeResult(r)}`);
      assert.doesNotMatch(r.stdout, /mb_/, 'no token may be printed when the command could not store it');
      assert.match(r.stderr, /POST/, `the message should tell to POST to the admin API; stderr:\n${r.stderr}`);
      assert.ok(r.stderr.includes('/api/v1/tokens'), `the message should name /api/v1/tokens; stderr:\n${r.stderr}`);
      assert.ok(
        r.stderr.includes(`127.0.0.1:${server.port}/api/v1/tokens`),
        `the message should give the running server's URL (port ${server.port}); stderr:\n${r.stderr}`,
      );
      assert.ok(
        r.stderr.includes(`pid ${server.pid}`),
        `the message should name the server's pid ${server.pid}; stderr:\n${r.stderr}`,
      );
      assert.ok(r.stderr.includes(dir), `the message should name the data directory; stderr:\n${r.stderr}`);
      assert.ok(server.running, 'the server died when token create tried its database');
      assert.equal((await api(server.url, null, 'GET', '/health')).status, 200);
      assert.equal(readLockFile(dir).pid, server.pid, "the refused token create removed the server's lock");
    } finally {
      await server.stop('SIGTERM').catch(() => server.kill());
    }
  });

  test('a wrong CPR key is refused at start (embedded, MEDBORGER_CPR_KEY): a different key than the data was written with stops the server with a fingerprint message', async () => {
    // The copied database was written with key A, its key file; the server is given key B.
    const { dir, token } = await embedded();
    const keyA = readFileSync(path.join(dir, 'cpr.key'), 'utf8').trim();
    const wrong = new ServerProcess(childEnv({ MEDBORGER_DATA_DIR: dir, MEDBORGER_CPR_KEY: keyB }), await freePort());
    const refused = await withTimeout(wrong.exited, 30_000, 'the server with the wrong key to give up');
    assert.notEqual(
      refused.code,
      0,
      `a server with a different CPR key should refuse to start; ${describeResult(refused)}`,
    );
    assert.doesNotMatch(refused.stdout, /listening on/, 'a server with the wrong CPR key must not serve');
    assert.match(
      refused.stderr,
      /fingerprint/i,
      `the refusal should explain the key fingerprint mismatch; stderr:\n${refused.stderr}`,
    );
    assert.match(
      refused.stderr,
      /MEDBORGER_CPR_KEY/,
      `the refusal should name MEDBORGER_CPR_KEY; stderr:\n${refused.stderr}`,
    );
    assert.ok(!refused.stderr.includes(keyA) && !refused.stderr.includes(keyB), 'the refusal must not print a key');
    assert.ok(!existsSync(lockFile(dir)), 'the refused start left the data-directory lock behind');

    // The refusal changed nothing: key A, now given as MEDBORGER_CPR_KEY, starts, encrypts and finds.
    const right = await startServer(childEnv({ MEDBORGER_DATA_DIR: dir, MEDBORGER_CPR_KEY: keyA }));
    try {
      const { headId, cpr } = await registerFamily(right, token);
      await assertFoundByCpr(right, token, cpr, headId, 'with the original key after a refused wrong-key start');
      const stopped = await right.stop('SIGTERM');
      assert.equal(stopped.code, 0, describeResult(stopped));
    } finally {
      if (right.running) await right.kill();
    }
  });

  // A second process may look at the lock file in the instant a holder is creating or
  // rewriting it. A lock file that cannot be read must not be taken for a stale one: two
  // processes would then open one PGlite directory. (Racing six real processes for a fresh
  // directory once let two of them in.) Here an empty, fresh lock file is held open so the
  // interleaving is certain.
  test('the embedded data-directory lock stays exclusive when a second process looks while the holder is still writing the lock file', () => {
    const dir = dataDir();
    const holderFd = openSync(lockFile(dir), 'wx', 0o600); // the holder, between openSync('wx') and writeSync
    let second: { release: () => void } | undefined;
    let refusal: unknown;
    try {
      try {
        second = lockDataDir(dir, 'serve');
      } catch (err) {
        refusal = err;
      }
      assert.ok(
        second === undefined,
        'a second process took the data-directory lock while the holder was writing it (src/db/lock.ts treats an empty lock file as stale and deletes it): both would open the same embedded database',
      );
      assert.ok(
        refusal instanceof DataDirLockedError,
        `the second process should be refused with DataDirLockedError, got ${String(refusal)}`,
      );
    } finally {
      second?.release();
      closeSync(holderFd);
    }
  });
});
