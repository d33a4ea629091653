// Sign-in through the web application's real routes (/login, /auth/callback) with a stand-in
// for the identity provider: it vouches for whichever identity the test names. Everything
// after the provider (the pending-login cookie, the returnTo checks, finding the user by issuer
// and subject, the session cookie) is Medborger's own code.
import type { FastifyInstance } from 'fastify';
import type { OidcRelyingParty, PendingLogin, SignedIn } from '../src/web/oidc.js';
import { SESSION_COOKIE } from '../src/web/session.js';

export const PUBLIC_URL = 'http://localhost:3000';
export const TEST_ISSUER = 'https://idp.test.example';

export interface StubProvider {
  rp: OidcRelyingParty;
  /** The identity the next callback signs in. */
  next: SignedIn;
  /** When set, begin() stores this returnTo instead of the one Medborger passes (a stale or tampered pending login). */
  storeReturnTo?: string;
}

export function stubProvider(): StubProvider {
  const stub: StubProvider = {
    next: { issuer: TEST_ISSUER, subject: 'nobody', name: 'Nobody', municipalityCode: '580', role: 'caseworker' },
    rp: undefined as unknown as OidcRelyingParty,
  };
  stub.rp = {
    begin: (returnTo: string) =>
      Promise.resolve({
        url: `${TEST_ISSUER}/authorize?state=s`,
        pending: {
          verifier: 'v',
          state: 's',
          nonce: 'n',
          returnTo: stub.storeReturnTo ?? returnTo,
        } satisfies PendingLogin,
      }),
    finish: () => Promise.resolve(stub.next),
  } as unknown as OidcRelyingParty;
  return stub;
}

export interface SignInResult {
  loginStatus: number;
  callbackStatus: number;
  location: string | undefined;
  session: string | undefined;
}

/** GET /login?returnTo=… then the provider's redirect back to /auth/callback, as a browser would. */
export async function signInThroughWeb(app: FastifyInstance, returnToQuery: string | null): Promise<SignInResult> {
  const login = await app.inject({
    url: returnToQuery === null ? '/login' : `/login?returnTo=${returnToQuery}`,
    headers: { host: new URL(PUBLIC_URL).host },
  });
  const pending = login.cookies.find((c) => c.name === '__Host-medborger-login');
  const callback = await app.inject({
    url: '/auth/callback?code=c&state=s',
    cookies: pending ? { [pending.name]: pending.value } : {},
  });
  const location = callback.headers.location;
  return {
    loginStatus: login.statusCode,
    callbackStatus: callback.statusCode,
    location: typeof location === 'string' ? location : undefined,
    session: callback.cookies.find((c) => c.name === SESSION_COOKIE)?.value,
  };
}
