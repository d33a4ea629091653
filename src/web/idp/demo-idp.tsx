// The local identity provider for the embedded demo: a real OpenID Connect provider
// (oidc-provider) started in-process on loopback, with demo users for each role and
// municipality listed on its sign-in page. It is never started when NODE_ENV=production; a
// municipality configures its own identity provider instead (MEDBORGER_OIDC_ISSUER …).
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Configuration } from 'oidc-provider';
import { render } from 'preact-render-to-string';
import { ConfigError } from '../../config.js';
import { roleDa } from '../components.js';

export interface DemoAccount {
  /** The subject (`sub`) the provider sends, unique: the seeded user's id, or a fixed demo name. */
  id: string;
  name: string;
  municipalityCode: string;
  municipalityName: string;
  role: string;
  /** A demo citizen's CPR number, sent as the `cpr` claim (as MitID's broker would); never shown on the page. */
  cpr?: string;
  /** A demo citizen who is a parent (said on the page). */
  parent?: boolean;
}

export interface DemoIdp {
  issuer: string;
  clientId: string;
  clientSecret: string;
  close(): Promise<void>;
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function signInPage(uid: string, accounts: DemoAccount[]): string {
  const byMunicipality = new Map<string, { code: string; list: DemoAccount[] }>();
  for (const a of accounts) {
    const group = byMunicipality.get(a.municipalityName);
    if (group) group.list.push(a);
    else byMunicipality.set(a.municipalityName, { code: a.municipalityCode, list: [a] });
  }
  const body = render(
    <main>
      <h1>Log ind (demo)</h1>
      <p>Dette er den lokale demo-login til Medborger. Vælg en demobruger. Alle data er syntetiske.</p>
      {[...byMunicipality.entries()].map(([name, { code, list }]) => (
        <section aria-labelledby={`m-${code}`}>
          <h2 id={`m-${code}`}>{name} Kommune</h2>
          <ul>
            {list.map((a) => (
              <li>
                <form method="post" action={`/interaction/${uid}/login`}>
                  <input type="hidden" name="accountId" value={a.id} />
                  <button type="submit">
                    Log ind som {a.name}, {roleDa(a.role)}
                    {a.parent ? ' (forælder)' : ''}
                  </button>
                </form>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </main>,
  );
  return `<!DOCTYPE html><html lang="da"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Log ind (demo) – Medborger</title>
<style>body{font-family:system-ui,sans-serif;max-width:48rem;margin:1rem auto;padding:0 1rem;line-height:1.5}ul{list-style:none;padding:0}li{margin:.25rem 0}button{font:inherit;padding:.4rem .8rem;border:1px solid #1a1a1a;background:#fff;cursor:pointer;text-align:left;width:100%}button:focus{outline:3px solid #ffbf47;outline-offset:2px}</style>
</head><body>${body}</body></html>`;
}

function readForm(req: http.IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      data += chunk;
      if (data.length > 10_000) req.destroy();
    });
    req.on('end', () => {
      resolve(new URLSearchParams(data));
    });
    req.on('error', reject);
  });
}

/**
 * Binds the demo provider's port on 127.0.0.1 before Medborger itself listens, so that a port in
 * use is a clear start-up error (MEDBORGER_DEMO_IDP_PORT) and not an unhandled EADDRINUSE later.
 */
export async function reserveDemoIdpPort(port: number): Promise<http.Server> {
  if (process.env.NODE_ENV === 'production')
    throw new Error('The demo identity provider is never started in production.');
  const server = http.createServer();
  await new Promise<void>((resolve, reject) => {
    const failed = (err: NodeJS.ErrnoException) => {
      server.close();
      if (err.code === 'EADDRINUSE' || err.code === 'EACCES') {
        reject(
          new ConfigError(
            `The demo identity provider cannot listen on 127.0.0.1:${port} (MEDBORGER_DEMO_IDP_PORT): the port is ${err.code === 'EADDRINUSE' ? 'already in use' : 'not allowed'}. ` +
              `Choose another port, or 0 for any free port. / Demo-login kan ikke bruge port ${port}: porten er optaget eller ikke tilladt. Vælg en anden port, eller 0 for en ledig port.`,
          ),
        );
      } else {
        reject(err);
      }
    };
    server.once('error', failed);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', failed);
      resolve();
    });
  });
  return server;
}

export function startDemoIdp(options: {
  server: http.Server;
  redirectUri: string;
  /** The citizen pages' callback (/borger/auth/callback), the same client's second redirect URI. */
  citizenRedirectUri?: string;
  accounts: DemoAccount[];
}): Promise<DemoIdp> {
  if (process.env.NODE_ENV === 'production')
    return Promise.reject(new Error('The demo identity provider is never started in production.'));
  const accounts = new Map(options.accounts.map((a) => [a.id, a]));
  const clientId = 'medborger-web';
  const clientSecret = randomBytes(24).toString('base64url');
  const server = options.server;
  server.on('error', (err) => {
    console.error(`[medborger] demo identity provider: ${err.message}`);
  });
  const issuer = `http://localhost:${(server.address() as AddressInfo).port}`;

  const configuration: Configuration = {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [options.redirectUri, ...(options.citizenRedirectUri ? [options.citizenRedirectUri] : [])],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    jwks: undefined,
    pkce: { required: () => true },
    claims: { openid: ['sub'], profile: ['name'], medborger: ['municipality', 'role', 'cpr'] },
    scopes: ['openid', 'profile', 'medborger'],
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    // First-party client: no consent screen; the grant covers the scopes Medborger asks for.
    loadExistingGrant: async (ctx) => {
      const { session, client } = ctx.oidc;
      const grantId =
        ctx.oidc.result?.consent?.grantId ?? (session && client ? session.grantIdFor(client.clientId) : undefined);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const accountId = session?.accountId;
      if (!client || !accountId) throw new Error('A grant needs the client and the signed-in account.');
      const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId });
      grant.addOIDCScope('openid profile medborger');
      await grant.save();
      return grant;
    },
    findAccount: (_ctx, sub) => {
      const a = accounts.get(sub);
      if (!a) return undefined;
      return {
        accountId: sub,
        claims: () => ({
          sub,
          name: a.name,
          municipality: a.municipalityCode,
          role: a.role,
          ...(a.cpr ? { cpr: a.cpr } : {}),
        }),
      };
    },
    ttl: {
      Session: 8 * 3600,
      Interaction: 3600,
      Grant: 8 * 3600,
      AccessToken: 3600,
      IdToken: 3600,
      AuthorizationCode: 60,
    },
    renderError: (ctx, out) => {
      ctx.type = 'html';
      ctx.body = `<!DOCTYPE html><html lang="da"><head><meta charset="utf-8"><title>Fejl ved login – Medborger</title></head><body><main><h1>Login mislykkedes</h1><p>${esc(out.error_description ?? out.error)}</p><p><a href="${esc(options.redirectUri.replace(/\/auth\/callback$/, '/'))}">Tilbage til Medborger</a></p></main></body></html>`;
    },
  };
  const provider = new Provider(issuer, configuration);
  const callback = provider.callback();

  server.on('request', (req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    const m = /^\/interaction\/([A-Za-z0-9_-]+)(\/login)?$/.exec(url.pathname);
    if (!m) {
      void callback(req, res);
      return;
    }
    (async () => {
      const details = await provider.interactionDetails(req, res);
      if (details.uid !== m[1]) throw new Error('interaction mismatch');
      if (req.method === 'GET' && !m[2]) {
        res.writeHead(200, {
          'content-type': 'text/html; charset=utf-8',
          'cache-control': 'no-store',
          'x-frame-options': 'DENY',
        });
        res.end(signInPage(details.uid, options.accounts));
        return;
      }
      if (req.method === 'POST' && m[2]) {
        const form = await readForm(req);
        const accountId = form.get('accountId') ?? '';
        if (!accounts.has(accountId)) {
          res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
          res.end('Ukendt demobruger.');
          return;
        }
        await provider.interactionFinished(req, res, { login: { accountId } }, { mergeWithLastSubmission: false });
        return;
      }
      res.writeHead(405);
      res.end();
    })().catch(() => {
      if (!res.headersSent) {
        res.writeHead(400, { 'content-type': 'text/html; charset=utf-8' });
        res.end(
          '<!DOCTYPE html><html lang="da"><head><meta charset="utf-8"><title>Login udløbet</title></head><body><main><h1>Login udløbet</h1><p>Start forfra fra Medborgers forside.</p></main></body></html>',
        );
      }
    });
  });

  return Promise.resolve({
    issuer,
    clientId,
    clientSecret,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  });
}
