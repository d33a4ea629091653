// Support for the browser tests (test/browser.test.ts): Debian's Chromium driven by
// playwright-core (no browser downloads), a demo server started as a real process on an empty
// embedded data directory (it seeds the synthetic population and starts the local demo identity
// provider), axe-core accessibility checks, full-page screenshots as test artifacts, sign-in
// through the demo identity provider's page, and Danish dates and CPR numbers for forms.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import {
  api,
  childEnv,
  REPO_ROOT,
  sleep,
  startServer,
  tempDir,
  type ApiResponse,
  type ServerProcess,
} from './process-helpers.js';

export const CHROMIUM = process.env.MEDBORGER_CHROMIUM ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = path.join(REPO_ROOT, 'test-results', 'screenshots');

/** Null when the browser can run here; else why the browser tests are skipped. */
export function browserSkipReason(): string | null {
  if (!existsSync(CHROMIUM))
    return `no Chromium at ${CHROMIUM} (install Debian's chromium package or set MEDBORGER_CHROMIUM): the browser tests need a browser and cannot download one`;
  return null;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    timeout: 30_000,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface DemoServer {
  server: ServerProcess;
  /** http://localhost:PORT — the public URL the sign-in redirects to (not 127.0.0.1). */
  base: string;
  /** Milliseconds from spawn to "listening on" (includes seeding the demo population). */
  startMs: number;
  /** The API as Aabenraa's demo caseworker (the bearer token the demo server prints after "listening on"). */
  api(method: string, urlPath: string, body?: unknown): Promise<ApiResponse>;
  stop(): Promise<void>;
}

/** The demo caseworker token of Aabenraa from the server's output (printed just after "listening on"). */
async function demoCaseworkerToken(server: ServerProcess, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const m = /^\[medborger\]\s+caseworker:\s+(mb_\S+)$/m.exec(server.stdout);
    if (m) return m[1]!;
    if (!server.running || Date.now() > deadline)
      throw new Error(`the demo server printed no caseworker token\n${server.describe()}`);
    await sleep(50);
  }
}

/** `medborger serve` on a fresh embedded data directory with the demo (seeded population, demo IdP). */
export async function startDemoServer(timeoutMs = 120_000): Promise<DemoServer> {
  const tmp = tempDir('medborger-browser-');
  const env = childEnv({ MEDBORGER_DATA_DIR: tmp.dir, MEDBORGER_DEMO: '1', LOG_LEVEL: 'warn' });
  const t0 = Date.now();
  let server: ServerProcess;
  try {
    server = await startServer(env, timeoutMs);
  } catch (err) {
    tmp.remove();
    throw err;
  }
  let token: string | undefined;
  return {
    server,
    base: `http://localhost:${server.port}`,
    startMs: Date.now() - t0,
    async api(method, urlPath, body) {
      token ??= await demoCaseworkerToken(server);
      return api(server.url, token, method, urlPath, body);
    },
    async stop() {
      try {
        if (server.running) await server.stop('SIGTERM', 15_000);
      } finally {
        tmp.remove();
      }
    },
  };
}

// ---- Accessibility ------------------------------------------------------------------------

export const AXE_PATH = createRequire(import.meta.url).resolve('axe-core');
let axeSource: string | undefined;

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/**
 * axe-core on the page, WCAG 2.0/2.1 A and AA; the violations found. axe is evaluated through
 * the DevTools protocol rather than added with `page.addScriptTag`: the app's
 * Content-Security-Policy (script-src 'self') refuses an injected inline <script> (and would log
 * a CSP violation on every page), while an evaluation is not governed by the page's policy — the
 * page keeps its real policy.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object');
  if (!loaded) {
    axeSource ??= readFileSync(AXE_PATH, 'utf8');
    await page.evaluate(`${axeSource}\n;void 0`);
    const ok = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object');
    if (!ok) throw new Error(`axe-core could not be loaded into ${page.url()}`);
  }
  return page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: AxeViolation[] }> } }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target.map(String), failureSummary: n.failureSummary })),
    }));
  });
}

/** One line per violation: id, help and the target nodes (at most 5 shown). */
export function formatViolations(violations: AxeViolation[]): string {
  return violations
    .map((v) => {
      const targets = v.nodes
        .slice(0, 5)
        .map((n) => n.target.join(' '))
        .join(' | ');
      const more = v.nodes.length > 5 ? ` (+${v.nodes.length - 5} more)` : '';
      return `  - ${v.id} (${v.impact ?? 'n/a'}): ${v.help} — ${v.nodes.length} node(s): ${targets}${more}`;
    })
    .join('\n');
}

// ---- Script errors ------------------------------------------------------------------------

/**
 * Collects the page's uncaught errors and console errors (CSP violations, failed scripts and
 * stylesheets among them). Not collected: a missing favicon, and the "Failed to load resource"
 * Chromium logs for the document itself when a page answers 4xx on purpose (a 404, a form
 * shown again with errors).
 */
export function collectPageErrors(page: Page, into: string[]): void {
  page.on('pageerror', (err) => into.push(`${page.url()}: uncaught ${err.name}: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const where = msg.location().url;
    if (/\/favicon\.ico$/.test(where)) return;
    if (
      /^Failed to load resource: the server responded with a status of 4\d\d/.test(msg.text()) &&
      where === page.url()
    )
      return;
    into.push(`${page.url()}: console error: ${msg.text()}${where ? ` (${where})` : ''}`);
  });
}

// ---- Screenshots --------------------------------------------------------------------------

/** A full-page PNG in test-results/screenshots/ (gitignored); never fails the test. */
export async function screenshot(page: Page, name: string): Promise<string | null> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name.replace(/[^a-z0-9_-]+/gi, '-')}.png`);
  try {
    await page.screenshot({ path: file, fullPage: true, timeout: 10_000 });
    return file;
  } catch {
    return null;
  }
}

// ---- Sign-in ------------------------------------------------------------------------------

/**
 * Opens `base + returnTo`, follows the redirect to the demo identity provider's sign-in page and
 * clicks the first "…, sagsbehandler" button in the municipality's section. Resolves on the page
 * the app returns to.
 */
export async function signInAsCaseworker(
  page: Page,
  base: string,
  municipality: string,
  returnTo = '/',
): Promise<{ user: string }> {
  await page.goto(base + returnTo, { waitUntil: 'domcontentloaded' });
  await page.getByRole('heading', { name: 'Log ind (demo)' }).waitFor({ timeout: 15_000 });
  const section = page
    .locator('section')
    .filter({ has: page.getByRole('heading', { name: `${municipality} Kommune`, exact: true }) });
  const button = section.getByRole('button', { name: /, sagsbehandler$/ }).first();
  const label = (await button.textContent())?.trim() ?? '';
  await Promise.all([
    page.waitForURL(
      (url) => url.origin === base && !url.pathname.startsWith('/auth/') && !url.pathname.startsWith('/login'),
      { timeout: 20_000 },
    ),
    button.click(),
  ]);
  return { user: label.replace(/^Log ind som /, '').replace(/, sagsbehandler$/, '') };
}

/**
 * Like signInAsCaseworker, for another role: clicks the first "…, <role in Danish>" button in the
 * municipality's section (the demo identity provider lists an administrator, an analyst and a
 * secretariat for every municipality: demo:{code}:{role}). Resolves on the page the app returns to.
 */
export async function signInAs(
  page: Page,
  base: string,
  municipality: string,
  roleDa: string,
  returnTo = '/',
): Promise<{ user: string }> {
  await page.goto(base + returnTo, { waitUntil: 'domcontentloaded' });
  await page.getByRole('heading', { name: 'Log ind (demo)' }).waitFor({ timeout: 15_000 });
  const section = page
    .locator('section')
    .filter({ has: page.getByRole('heading', { name: `${municipality} Kommune`, exact: true }) });
  const suffix = `, ${roleDa}`;
  const button = section
    .getByRole('button', { name: new RegExp(`${suffix.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`) })
    .first();
  const label = (await button.textContent())?.trim() ?? '';
  await Promise.all([
    page.waitForURL(
      (url) => url.origin === base && !url.pathname.startsWith('/auth/') && !url.pathname.startsWith('/login'),
      { timeout: 20_000 },
    ),
    button.click(),
  ]);
  return { user: label.replace(/^Log ind som /, '').slice(0, -suffix.length) };
}

/** The document's width and the elements reaching past `limit` px (at most 8): a page should scroll only vertically. */
export async function horizontalOverflow(page: Page, limit = 321): Promise<{ scrollWidth: number; wide: string[] }> {
  return page.evaluate((max) => {
    const wide: string[] = [];
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      if (r.right > max + 0.5 && r.width > 0) {
        const id = el.id ? `#${el.id}` : '';
        const cls =
          typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
        wide.push(`${el.tagName.toLowerCase()}${id}${cls} (right edge ${Math.round(r.right)} px)`);
      }
      if (wide.length >= 8) break;
    }
    return { scrollWidth: document.documentElement.scrollWidth, wide };
  }, limit);
}

// ---- Dates and CPR numbers ----------------------------------------------------------------

const COPENHAGEN = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Copenhagen',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today in Copenhagen as yyyy-mm-dd — the server's "today". */
export function todayCopenhagen(): string {
  return COPENHAGEN.format(new Date());
}

/** The ISO date `days` after (negative: before) the ISO date `from`. */
export function addDaysIso(from: string, days: number): string {
  const d = new Date(`${from}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The ISO date `years` years before `from` (same day of the year; 29 Feb becomes 28 Feb). */
export function yearsBefore(from: string, years: number): string {
  const [y, m, d] = from.split('-').map(Number) as [number, number, number];
  const day = m === 2 && d === 29 ? 28 : d;
  return `${y - years}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * A CPR number (DDMMYY-SSSS) for a birth date between 1900 and 2036 with a random serial, so
 * that it does not collide with the demo population: the 7th digit gives the century (0–3 for
 * the 1900s, 4 for 2000–2036), the last digit the sex (odd: male, even: female).
 */
export function cprFor(birthDate: string, sex: 'male' | 'female'): string {
  const [y, m, d] = birthDate.split('-') as [string, string, string];
  const year = Number(y);
  for (let attempt = 0; attempt < 1000; attempt++) {
    const seventh = year >= 2000 ? 4 : Math.floor(Math.random() * 4);
    const middle = String(Math.floor(Math.random() * 100)).padStart(2, '0');
    const last = sex === 'male' ? 1 + 2 * Math.floor(Math.random() * 5) : 2 * Math.floor(Math.random() * 5);
    const cpr = `${d}${m}${y.slice(2)}-${seventh}${middle}${last}`;
    // Never the same number twice in one run: the tests register several people born on the same day.
    if (issuedCprs.has(cpr)) continue;
    issuedCprs.add(cpr);
    return cpr;
  }
  throw new Error(`no unused CPR number left for ${birthDate}`);
}
const issuedCprs = new Set<string>();

/** A name nobody in the demo population has, to find the person again. */
export function uniqueFamilyName(): string {
  const letters = 'bcdfghjklmnprstvz';
  let s = '';
  for (let i = 0; i < 6; i++) s += letters.charAt(Math.floor(Math.random() * letters.length));
  return `Testsen-${s[0]!.toUpperCase()}${s.slice(1)}`;
}
