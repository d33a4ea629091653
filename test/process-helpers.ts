// Support for tests that run Medborger as real processes: the CLI from TypeScript source
// (`node --import tsx src/cli/main.ts …`, no build needed), free ports, temp data directories,
// servers started and stopped with signals, and plain HTTP calls. Every child is tracked and
// killed by `killAllChildren()` (and, as a last resort, when the test process exits).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = ['--import', 'tsx', 'src/cli/main.ts'];

export interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Milliseconds from spawn to exit. */
  ms: number;
}

const children = new Set<ChildProcess>();

/** SIGKILLs every child still running. Call from `after`. */
export function killAllChildren(): void {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        child.kill('SIGKILL');
      } catch {
        /* already gone */
      }
    }
  }
  children.clear();
}
process.once('exit', killAllChildren);

/** Settings a test may set for a child, starting from a clean environment (no inherited database or key). */
export function childEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  const inherited = [
    'DATABASE_URL',
    'MEDBORGER_OWNER_DATABASE_URL',
    'MEDBORGER_CPR_KEY',
    'MEDBORGER_DATA_DIR',
    'PORT',
    'HOST',
    'NODE_TEST_CONTEXT',
    'NODE_ENV',
    'DEBUG',
  ];
  for (const name of inherited) Reflect.deleteProperty(env, name);
  Object.assign(env, { MEDBORGER_DEMO: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' }, extra);
  for (const [k, v] of Object.entries(env)) if (v === undefined) Reflect.deleteProperty(env, k);
  return env;
}

/** A port that was free a moment ago (listen on 0, read it, close). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => {
        if (port) resolve(port);
        else reject(new Error('no port from listen(0)'));
      });
    });
  });
}

/** A fresh temp directory and its removal. */
export function tempDir(prefix = 'medborger-proc-'): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return {
    dir,
    remove: () => {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`timed out after ${ms} ms: ${what}`));
    }, ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** A running (or failed) child process of the CLI with its output collected. */
export class CliProcess {
  readonly proc: ChildProcess;
  readonly started = Date.now();
  private out = '';
  private err = '';
  readonly exited: Promise<ChildResult>;

  constructor(args: string[], env: NodeJS.ProcessEnv) {
    this.proc = spawn(process.execPath, [...CLI, ...args], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(this.proc);
    this.proc.stdout!.setEncoding('utf8').on('data', (s: string) => {
      this.out += s;
    });
    this.proc.stderr!.setEncoding('utf8').on('data', (s: string) => {
      this.err += s;
    });
    this.exited = new Promise((resolve) => {
      this.proc.once('close', (code, signal) => {
        children.delete(this.proc);
        resolve({ code, signal, stdout: this.out, stderr: this.err, ms: Date.now() - this.started });
      });
      this.proc.once('error', (e) => {
        this.err += `\n[spawn error] ${e.message}`;
      });
    });
  }

  get pid(): number {
    return this.proc.pid ?? -1;
  }
  get stdout(): string {
    return this.out;
  }
  get stderr(): string {
    return this.err;
  }
  get running(): boolean {
    return this.proc.exitCode === null && this.proc.signalCode === null;
  }

  /** Output for assertion messages. */
  describe(): string {
    return `pid ${this.pid}\n--- stdout ---\n${this.out.slice(-3000)}\n--- stderr ---\n${this.err.slice(-3000)}`;
  }

  /** Sends a signal and waits for the exit; SIGKILLs and throws if it does not exit in time. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 15_000): Promise<ChildResult> {
    if (this.running) this.proc.kill(signal);
    try {
      return await withTimeout(this.exited, timeoutMs, `pid ${this.pid} to exit after ${signal}`);
    } catch (err) {
      if (this.running) this.proc.kill('SIGKILL');
      await withTimeout(this.exited, 5_000, `pid ${this.pid} to exit after SIGKILL`).catch(() => undefined);
      throw err;
    }
  }

  /** SIGKILL and wait for the exit. */
  async kill(): Promise<ChildResult> {
    return this.stop('SIGKILL', 10_000);
  }
}

/** Runs a CLI command to its end (bounded). */
export async function runCli(args: string[], env: NodeJS.ProcessEnv, timeoutMs = 45_000): Promise<ChildResult> {
  const child = new CliProcess(args, env);
  try {
    return await withTimeout(child.exited, timeoutMs, `medborger ${args.join(' ')}`);
  } catch (err) {
    await child.kill().catch(() => undefined);
    throw new Error(`${(err as Error).message}\n${child.describe()}`);
  }
}

/** `medborger token create …`; returns the token (the last line of stdout). */
export async function createTokenViaCli(
  env: NodeJS.ProcessEnv,
  user: string,
  role = 'caseworker',
  municipality = '580',
): Promise<string> {
  const r = await runCli(['token', 'create', '--municipality', municipality, '--role', role, '--user', user], env);
  if (r.code !== 0) throw new Error(`token create exited with ${r.code ?? r.signal}:\n${r.stderr}\n${r.stdout}`);
  const token = r.stdout.trim().split('\n').pop()!.trim();
  if (!/^mb_/.test(token)) throw new Error(`token create printed no token as its last line:\n${r.stdout}`);
  return token;
}

export class ServerProcess extends CliProcess {
  constructor(
    env: NodeJS.ProcessEnv,
    readonly port: number,
  ) {
    super(['serve'], { ...env, PORT: String(port) });
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Resolves once the server printed "listening on"; rejects if it exits first or takes too long. */
  async listening(timeoutMs = 45_000): Promise<this> {
    const deadline = Date.now() + timeoutMs;
    while (!/listening on /.test(this.stdout)) {
      if (!this.running)
        throw new Error(
          `the server exited before listening (code ${this.proc.exitCode}, signal ${this.proc.signalCode})\n${this.describe()}`,
        );
      if (Date.now() > deadline) {
        await this.kill().catch(() => undefined);
        throw new Error(`the server did not print "listening on" within ${timeoutMs} ms\n${this.describe()}`);
      }
      await sleep(50);
    }
    return this;
  }
}

/** Starts `medborger serve` on a free port and waits until it listens. */
export async function startServer(env: NodeJS.ProcessEnv, timeoutMs = 45_000): Promise<ServerProcess> {
  const server = new ServerProcess(env, await freePort());
  return server.listening(timeoutMs);
}

export interface ApiResponse {
  status: number;
  body: unknown;
  text: string;
}

/** One HTTP call with a bearer token and a bounded time. */
export async function api(
  baseUrl: string,
  token: string | null,
  method: string,
  urlPath: string,
  body?: unknown,
  timeoutMs = 15_000,
): Promise<ApiResponse> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(baseUrl + urlPath, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON */
  }
  return { status: res.status, body: parsed, text };
}
