// The OpenAPI document the server serves, linted as a client generator's author would: Redocly
// CLI with its recommended rules (redocly.yaml) and Spectral with `spectral:oas` (.spectral.yaml),
// both unchanged. Any error or warning fails. The linters run offline (no telemetry, no update
// check). `npm run lint:openapi` runs this file alone; OPENAPI_OUT=<file> keeps the document.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { buildApp } from '../src/app.js';
import { openTestDb, type TestDb } from './helpers.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const BIN = path.join(ROOT, 'node_modules', '.bin');
const OFFLINE = {
  REDOCLY_TELEMETRY: 'off',
  REDOCLY_SUPPRESS_NOTIFICATIONS: 'true',
  REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
  NO_UPDATE_NOTIFIER: '1',
};

let t: TestDb;
let dir: string;
let file: string;

function run(command: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(path.join(BIN, command), args, {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...OFFLINE },
    timeout: 60_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

before(async () => {
  t = await openTestDb('pglite');
  // The app as `medborger serve` builds it, web application included: its pages must stay out of the document.
  const app = await buildApp({
    db: t.appDb,
    vault: t.vault,
    engine: 'pglite',
    web: { db: t.appDb, vault: t.vault, auth: { rp: null, publicUrl: 'http://localhost:3000' } },
  });
  try {
    const res = await app.inject({ url: '/api/v1/openapi.json' });
    assert.equal(res.statusCode, 200, res.body);
    dir = mkdtempSync(path.join(tmpdir(), 'medborger-openapi-'));
    file = path.join(dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(res.json(), null, 2));
    if (process.env.OPENAPI_OUT) copyFileSync(file, process.env.OPENAPI_OUT);
  } finally {
    await app.close();
  }
});
after(async () => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  await t.cleanup();
});

interface RedoclyProblem {
  ruleId: string;
  severity: string;
  message: string;
  location?: { pointer?: string }[];
}

test('Redocly CLI (recommended rules): 0 errors, 0 warnings', () => {
  const r = run('redocly', [
    'lint',
    file,
    '--config',
    path.join(ROOT, 'redocly.yaml'),
    '--format',
    'json',
    '--max-problems',
    '1000',
  ]);
  const report = JSON.parse(r.stdout) as { totals: { errors: number; warnings: number }; problems: RedoclyProblem[] };
  const lines = report.problems.map((p) => `${p.severity} ${p.ruleId} ${p.location?.[0]?.pointer ?? ''}: ${p.message}`);
  assert.deepEqual(
    { errors: report.totals.errors, warnings: report.totals.warnings },
    { errors: 0, warnings: 0 },
    lines.join('\n'),
  );
  assert.equal(r.status, 0, r.stderr);
});

interface SpectralResult {
  code: string;
  severity: number;
  message: string;
  path: (string | number)[];
}

test('Spectral (spectral:oas): 0 errors, 0 warnings', () => {
  const r = run('spectral', [
    'lint',
    file,
    '--ruleset',
    path.join(ROOT, '.spectral.yaml'),
    '--format',
    'json',
    '--fail-severity',
    'warn',
    '--quiet',
  ]);
  const results = JSON.parse(r.stdout || '[]') as SpectralResult[];
  const severities = ['error', 'warning', 'info', 'hint'];
  const lines = results.map((p) => `${severities[p.severity]} ${p.code} ${p.path.join('.')}: ${p.message}`);
  const count = (severity: number) => results.filter((p) => p.severity === severity).length;
  assert.deepEqual({ errors: count(0), warnings: count(1) }, { errors: 0, warnings: 0 }, lines.join('\n'));
  assert.equal(r.status, 0, r.stderr);
});
