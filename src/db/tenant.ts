// Every unit of application work is one transaction under the application role with the tenant
// set for that transaction only. Row-level security then shows and accepts only that
// municipality's rows; a transaction that sets no tenant sees none.
//
// On PostgreSQL the server is connected as the login role `medborger_server`, a member of
// `medborger_app` and of nothing else (see runtime.ts): switching to `medborger_app` here changes
// nothing it may do, and `RESET ROLE` only returns to a role with the same grants, under the same
// policies. On PGlite (one in-process user, the owner) the switch is what puts the transaction
// under row-level security.
import {
  sql,
  type CompiledQuery,
  type Kysely,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type Transaction,
  type UnknownRow,
} from 'kysely';
import pg from 'pg';
import { APP_ROLE, TENANT_SETTING, USER_SETTING } from './names.js';
import { withQueueKey } from './pglite-dialect.js';
import type { DB } from './schema.js';

export type Tx = Transaction<DB>;

/** The acting user of a Kysely instance made by actingAs(). */
const ACTORS = new WeakMap<Kysely<DB>, string>();

/**
 * Kysely instances over a PostgreSQL server (not PGlite): their tenant transactions begin and set
 * the tenant in one round trip (a simple-query `BEGIN; SELECT set_config(…)`), instead of two.
 */
const ONE_ROUND_TRIP_BEGIN = new WeakSet<Kysely<DB>>();

/** Marks a database on a PostgreSQL server: its transactions begin with the tenant in one round trip. */
export function beginsInOneRoundTrip(db: Kysely<DB>): void {
  ONE_ROUND_TRIP_BEGIN.add(db);
}

/**
 * PostgreSQL transactions' statements to send with their COMMIT, in one round trip (the
 * access-log rows of a read: issue 16, each round trip a write on the socket, the largest share
 * of the server's samples under load). A statement that fails there fails the COMMIT: the
 * transaction is rolled back and the operation answers with the error, as any failed write.
 */
const AT_COMMIT = new WeakMap<object, string[]>();

/** A compiled query's text with its parameters as SQL literals; null when one is not a string, a number or null. */
function inlined(query: CompiledQuery): string | null {
  // Kysely's inserts carry no literals of their own: a quote in the text would make $n ambiguous.
  if (query.sql.includes("'") || query.sql.includes(';')) return null;
  const literals: string[] = [];
  for (const v of query.parameters) {
    if (v === null) literals.push('NULL');
    else if (typeof v === 'string') {
      if (v.includes('\u0000')) return null;
      literals.push(pg.escapeLiteral(v));
    } else if (typeof v === 'number' && Number.isFinite(v)) literals.push(String(v));
    else return null;
  }
  return query.sql.replace(/\$(\d+)/g, (_m, n: string) => literals[Number(n) - 1] ?? 'NULL');
}

/**
 * Sends a write with the transaction's COMMIT instead of now, when the transaction can (a
 * PostgreSQL server; the query's parameters strings, numbers or null): true when deferred, false
 * when the caller must execute it itself. Nothing in the transaction may read what it writes.
 */
export function writeAtCommit(tx: Tx, query: CompiledQuery): boolean {
  const pending = AT_COMMIT.get(tx);
  if (!pending) return false;
  const text = inlined(query);
  if (text === null) return false;
  pending.push(text);
  return true;
}

/** A setting's value as an SQL literal, for the few values that are plain identifiers (codes, ids). */
function plainLiteral(value: string): string | null {
  return /^[A-Za-z0-9_.-]*$/.test(value) ? `'${value}'` : null;
}

/**
 * The same database, bound to the authenticated user: every inTenant transaction on it names
 * that user (`medborger.user_id`), and the database then refuses an access-log row in any other
 * user's name (policy access_log_actor, migration 0004).
 */
export function actingAs(db: Kysely<DB>, userId: string): Kysely<DB> {
  const bound = db.withTables<Record<string, never>>() as unknown as Kysely<DB>;
  ACTORS.set(bound, userId);
  if (ONE_ROUND_TRIP_BEGIN.has(db)) ONE_ROUND_TRIP_BEGIN.add(bound);
  return bound;
}

/**
 * What a transaction that wrote does before it commits, in it (registered once by the service
 * that keeps what is derived from the written rows: src/services/obligation-store.ts evaluates
 * again the obligations of the persons whose facts the transaction changed).
 */
export type BeforeCommit = (tx: Tx, municipalityCode: string) => Promise<void>;
let beforeCommitOfWrites: BeforeCommit | null = null;

export function setBeforeCommitOfWrites(hook: BeforeCommit): void {
  beforeCommitOfWrites = hook;
}

/** Tables whose writes change nothing derived: the access log, and the derived rows themselves. */
const DERIVED_OR_LOG = new Set(['access_log', 'person_obligations', 'obligations_dirty', 'obligation_days']);

function writesData(node: RootOperationNode): boolean {
  switch (node.kind) {
    case 'InsertQueryNode':
      return !DERIVED_OR_LOG.has(node.into?.table.identifier.name ?? '');
    case 'UpdateQueryNode':
    case 'DeleteQueryNode':
    case 'MergeQueryNode':
      return true;
    case 'RawNode': {
      const text = node.sqlFragments.join(' ').trimStart();
      if (/^(select|begin|commit|rollback)\b/i.test(text) || /^insert\s+into\s+access_log\b/i.test(text)) return false;
      return /\b(insert|update|delete|merge)\b/i.test(text);
    }
    default:
      return false;
  }
}

/** Notes whether a transaction's statements wrote anything but the access log (only the watch's own flag). */
class WriteWatch implements KyselyPlugin {
  wrote = false;
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (!this.wrote && writesData(args.node)) this.wrote = true;
    return args.node;
  }
  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}

/** Runs `work` in one transaction as the application role, scoped to one municipality. */
export async function inTenant<T>(db: Kysely<DB>, municipalityCode: string, work: (tx: Tx) => Promise<T>): Promise<T> {
  const userId = ACTORS.get(db) ?? '';
  const code = plainLiteral(municipalityCode);
  const user = plainLiteral(userId);
  if (ONE_ROUND_TRIP_BEGIN.has(db) && code !== null && user !== null) {
    // PostgreSQL: BEGIN and the settings in one simple query (no parameters, so the server runs
    // both statements in order); the values are plain codes and ids, checked above. The rest is
    // what Kysely's transaction does: the work on one connection, then COMMIT, or ROLLBACK.
    return db.connection().execute(async (connection) => {
      let result: T;
      const atCommit: string[] = [];
      const watch = new WriteWatch();
      const conn = connection.withPlugin(watch);
      AT_COMMIT.set(conn, atCommit);
      try {
        await sql
          .raw(
            `BEGIN; SELECT set_config('role', '${APP_ROLE}', true), set_config('${TENANT_SETTING}', ${code}, true), set_config('${USER_SETTING}', ${user}, true)`,
          )
          .execute(conn);
        result = await work(conn as unknown as Tx);
        if (watch.wrote && beforeCommitOfWrites) await beforeCommitOfWrites(conn as unknown as Tx, municipalityCode);
        // The deferred writes and COMMIT in one simple query: a failed write skips the COMMIT.
        await sql.raw([...atCommit, 'COMMIT'].join('; ')).execute(conn);
      } catch (err) {
        // Never hand the connection back inside a transaction (an aborted one included).
        await sql.raw('ROLLBACK').execute(conn);
        throw err;
      } finally {
        AT_COMMIT.delete(conn);
      }
      return result;
    });
  }
  // The embedded database queues transactions per municipality (no effect on PostgreSQL).
  return withQueueKey(municipalityCode, () =>
    db.transaction().execute(async (tx) => {
      await sql`SELECT set_config('role', ${APP_ROLE}, true), set_config(${TENANT_SETTING}, ${municipalityCode}, true), set_config(${USER_SETTING}, ${userId}, true)`.execute(
        tx,
      );
      const watch = new WriteWatch();
      const watched = tx.withPlugin(watch);
      const result = await work(watched);
      if (watch.wrote && beforeCommitOfWrites) await beforeCommitOfWrites(watched, municipalityCode);
      return result;
    }),
  );
}

/** Runs `work` as the application role with no tenant: reference data only, no tenant rows. */
export async function asApp<T>(db: Kysely<DB>, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (tx) => {
    await sql`SELECT set_config('role', ${APP_ROLE}, true)`.execute(tx);
    return work(tx);
  });
}
