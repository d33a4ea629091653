// A Kysely dialect for embedded PGlite. PGlite is one connection in one process: a transaction
// must own it from BEGIN to COMMIT, so connections are handed out one at a time. Waiting
// transactions queue per tenant (the municipality inTenant names, through withQueueKey), and the
// queues take turns: one municipality loading its worklist many times over makes another's
// request wait for the one transaction in progress, not for every one queued before it.
// Written here because the published dialects pin PGlite < 0.5 or bring a code generator and a
// CLI framework with them; this is the whole of it.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { PGlite } from '@electric-sql/pglite';
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
} from 'kysely';

const queueKey = new AsyncLocalStorage<string>();

/** Runs `work` with its transactions queued under `key` (a tenant) on the embedded database. */
export function withQueueKey<T>(key: string, work: () => Promise<T>): Promise<T> {
  return queueKey.run(key, work);
}

/** A mutex whose waiters queue per key; the keys take turns (round robin), FIFO within a key. */
class FairMutex {
  private busy = false;
  private readonly queues = new Map<string, (() => void)[]>();

  async acquire(key: string): Promise<void> {
    if (!this.busy) {
      this.busy = true;
      return;
    }
    await new Promise<void>((resolve) => {
      const queue = this.queues.get(key);
      if (queue) queue.push(resolve);
      else this.queues.set(key, [resolve]);
    });
  }

  release(): void {
    // The key waiting longest as a key goes next (Map order), then moves to the back of the turn.
    for (const [key, queue] of this.queues) {
      const next = queue.shift();
      this.queues.delete(key);
      if (queue.length > 0) this.queues.set(key, queue);
      if (next) {
        next();
        return;
      }
    }
    this.busy = false;
  }
}

class PGliteConnection implements DatabaseConnection {
  constructor(private readonly pg: PGlite) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.pg.query<R>(compiled.sql, compiled.parameters as unknown[]);
    const isWrite = /^\s*(insert|update|delete|merge)/i.test(compiled.sql);
    return {
      rows: result.rows,
      ...(isWrite && result.affectedRows !== undefined ? { numAffectedRows: BigInt(result.affectedRows) } : {}),
    };
  }

  streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('Streaming queries are not supported on the embedded database.');
  }
}

class PGliteDriver implements Driver {
  private readonly mutex = new FairMutex();
  private readonly releases = new WeakMap<DatabaseConnection, () => void>();
  private readonly connection: PGliteConnection;

  constructor(private readonly pg: PGlite) {
    this.connection = new PGliteConnection(pg);
  }

  async init(): Promise<void> {
    await this.pg.waitReady;
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.mutex.acquire(queueKey.getStore() ?? '');
    // One logical connection object per acquisition, so release bookkeeping stays exact.
    const handle = Object.create(this.connection) as PGliteConnection;
    let released = false;
    this.releases.set(handle, () => {
      if (released) return;
      released = true;
      this.mutex.release();
    });
    return handle;
  }

  async beginTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw('begin'));
  }

  async commitTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw('rollback'));
  }

  releaseConnection(conn: DatabaseConnection): Promise<void> {
    this.releases.get(conn)?.();
    this.releases.delete(conn);
    return Promise.resolve();
  }

  async destroy(): Promise<void> {
    await this.mutex.acquire('');
    if (!this.pg.closed) await this.pg.close();
  }
}

export class PGliteDialect implements Dialect {
  constructor(private readonly pg: PGlite) {}
  createAdapter() {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new PGliteDriver(this.pg);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
  createIntrospector(db: Kysely<unknown>) {
    return new PostgresIntrospector(db);
  }
}
