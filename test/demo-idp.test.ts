// The local demo identity provider: a busy MEDBORGER_DEMO_IDP_PORT stops the start with a clear
// message before Medborger listens (issue 9, point 10), and a real OpenID Connect sign-in through
// it keys the user by subject, so two demo accounts with the same display name stay two users
// (point 3).
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { ConfigError } from '../src/config.js';
import { buildApp } from '../src/app.js';
import { DEMO_ISSUER } from '../src/security/identities.js';
import { authenticate } from '../src/services/tokens.js';
import { reserveDemoIdpPort, startDemoIdp, type DemoAccount, type DemoIdp } from '../src/web/idp/demo-idp.js';
import { OidcRelyingParty } from '../src/web/oidc.js';
import { SESSION_COOKIE } from '../src/web/session.js';
import { forEachEngine, openTestDb, TODAY, type TestDb } from './helpers.js';
import { childEnv, killAllChildren, runCli, tempDir } from './process-helpers.js';

async function occupyPort(): Promise<{ server: Server; port: number }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

describe('a busy demo identity provider port', () => {
  after(killAllChildren);

  test('reserving a port in use is a clear configuration error naming MEDBORGER_DEMO_IDP_PORT, in English and Danish', async () => {
    const busy = await occupyPort();
    try {
      await assert.rejects(reserveDemoIdpPort(busy.port), (err: unknown) => {
        assert.ok(err instanceof ConfigError, String(err));
        assert.match(err.message, new RegExp(`127\\.0\\.0\\.1:${busy.port} \\(MEDBORGER_DEMO_IDP_PORT\\)`));
        assert.match(err.message, /already in use/);
        assert.match(err.message, /porten er optaget/);
        return true;
      });
    } finally {
      busy.server.close();
    }
  });

  test('`medborger serve` with MEDBORGER_DEMO_IDP_PORT in use stops before it listens, with the message, not an unhandled EADDRINUSE', async () => {
    const busy = await occupyPort();
    const dir = tempDir();
    try {
      const r = await runCli(
        ['serve'],
        childEnv({ MEDBORGER_DATA_DIR: dir.dir, PORT: '0', MEDBORGER_DEMO_IDP_PORT: String(busy.port) }),
        90_000,
      );
      assert.equal(r.code, 1, `exit code\n${r.stdout}\n${r.stderr}`);
      assert.doesNotMatch(r.stdout, /listening on/, 'it never announced that it listens');
      assert.match(
        r.stderr,
        new RegExp(
          `^medborger: The demo identity provider cannot listen on 127\\.0\\.0\\.1:${busy.port} \\(MEDBORGER_DEMO_IDP_PORT\\)`,
          'm',
        ),
      );
      assert.doesNotMatch(r.stderr, /unexpected error|Unhandled|at .*\.js:\d+/, 'no stack trace');
    } finally {
      busy.server.close();
      dir.remove();
    }
  });
});

/** A minimal browser: cookies per host (paths and flags ignored), redirects followed by hand. */
class Browser {
  private readonly jar = new Map<string, Map<string, string>>();

  async request(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Response> {
    const u = new URL(url);
    const cookies = [...(this.jar.get(u.host) ?? new Map()).entries()].map(([k, v]) => `${k}=${v}`).join('; ');
    const headers: Record<string, string> = {};
    if (cookies) headers.cookie = cookies;
    let body: string | undefined;
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    }
    const res = await fetch(url, {
      method: init.method ?? 'GET',
      headers,
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(15_000),
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const jar = this.jar.get(u.host) ?? new Map<string, string>();
      jar.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
      this.jar.set(u.host, jar);
    }
    return res;
  }

  cookie(host: string, name: string): string | undefined {
    return this.jar.get(host)?.get(name);
  }

  /** Follows redirects from `url` until a response that is not a redirect, or until `stop` says so. */
  async follow(url: string, stop: (url: URL) => boolean = () => false): Promise<{ res: Response; url: string }> {
    let current = url;
    for (let i = 0; i < 15; i++) {
      const res = await this.request(current);
      const location = res.headers.get('location');
      if (res.status < 300 || res.status >= 400 || !location) return { res, url: current };
      current = new URL(location, current).href;
      if (stop(new URL(current))) return { res, url: current };
    }
    throw new Error(`too many redirects from ${url}`);
  }
}

forEachEngine('sign-in through the demo identity provider', (engine) => {
  let t: TestDb;
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  let idp: DemoIdp | undefined;
  let base: string;
  const accounts: DemoAccount[] = [
    {
      id: 'demo:580:twin-1',
      name: 'Anne Tvilling',
      municipalityCode: '580',
      municipalityName: 'Aabenraa',
      role: 'caseworker',
    },
    {
      id: 'demo:580:twin-2',
      name: 'Anne Tvilling',
      municipalityCode: '580',
      municipalityName: 'Aabenraa',
      role: 'caseworker',
    },
  ];

  before(async () => {
    t = await openTestDb(engine);
    const auth = { rp: null as OidcRelyingParty | null, publicUrl: '' };
    app = await buildApp({
      db: t.database.db,
      vault: t.vault,
      engine,
      today: () => TODAY,
      web: { db: t.database.db, vault: t.vault, auth },
    });
    const idpServer = await reserveDemoIdpPort(0);
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://localhost:${(app.server.address() as AddressInfo).port}`;
    auth.publicUrl = base;
    const redirectUri = `${base}/auth/callback`;
    idp = await startDemoIdp({ server: idpServer, redirectUri, accounts });
    auth.rp = await OidcRelyingParty.discover(
      { issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret, redirectUri },
      DEMO_ISSUER,
    );
  });
  after(async () => {
    await idp?.close();
    await app?.close();
    await t.cleanup();
  });

  async function signInAs(accountId: string): Promise<string> {
    const browser = new Browser();
    // /login → the provider's authorization endpoint → its interaction (sign-in) page.
    const { res: signInPage, url: interactionUrl } = await browser.follow(`${base}/login?returnTo=%2F`);
    assert.equal(signInPage.status, 200, interactionUrl);
    const html = await signInPage.text();
    assert.match(html, /Log ind \(demo\)/);
    const action = new RegExp(
      `action="([^"]+)"[^>]*>\\s*<input type="hidden" name="accountId" value="${accountId}"`,
    ).exec(html)?.[1];
    assert.ok(action, 'the account is on the sign-in page');
    const posted = await browser.request(new URL(action, interactionUrl).href, { method: 'POST', form: { accountId } });
    assert.ok(posted.status >= 300 && posted.status < 400, `sign-in form: ${posted.status}`);
    // The provider resumes the authorization and redirects to Medborger's callback, which redirects home.
    const { url: final } = await browser.follow(
      new URL(posted.headers.get('location')!, interactionUrl).href,
      (u) => u.origin === base && !u.pathname.startsWith('/auth/'),
    );
    assert.equal(new URL(final).pathname, '/');
    const session = browser.cookie(new URL(base).host, SESSION_COOKIE);
    assert.ok(session, 'signed in');
    return decodeURIComponent(session);
  }

  test('two demo accounts with the same display name sign in as two users, keyed by the demo issuer and their subjects', async () => {
    const one = (await authenticate(t.database.db, await signInAs('demo:580:twin-1')))!;
    const two = (await authenticate(t.database.db, await signInAs('demo:580:twin-2')))!;
    assert.equal(one.userName, 'Anne Tvilling');
    assert.equal(two.userName, 'Anne Tvilling');
    assert.notEqual(one.userId, two.userId);
    const again = (await authenticate(t.database.db, await signInAs('demo:580:twin-1')))!;
    assert.equal(again.userId, one.userId, 'the same subject again is the same user');
    const users = await t.database.db
      .selectFrom('users')
      .select(['id', 'issuer', 'subject', 'kind'])
      .where('name', '=', 'Anne Tvilling')
      .orderBy('subject')
      .execute();
    assert.deepEqual(
      users.map((u) => [u.id, u.issuer, u.subject, u.kind]),
      [
        [one.userId, DEMO_ISSUER, 'demo:580:twin-1', 'person'],
        [two.userId, DEMO_ISSUER, 'demo:580:twin-2', 'person'],
      ],
    );
  });
});
