// Medborger as an OpenID Connect relying party (openid-client): authorization code flow with
// PKCE, state and nonce. The three values travel in a short-lived signed __Host- cookie between
// the redirect to the identity provider and the callback.
import * as client from 'openid-client';

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}

export interface PendingLogin {
  verifier: string;
  state: string;
  nonce: string;
  returnTo: string;
}

/** Who signed in: `issuer` and `subject` are the identity (the user's key); the name is a label. */
export interface SignedIn {
  issuer: string;
  subject: string;
  name: string;
  municipalityCode: string;
  role: string;
}

export class OidcRelyingParty {
  private constructor(
    private readonly config: client.Configuration,
    private readonly settings: OidcSettings,
    private readonly recordedIssuer: string | undefined,
  ) {}

  /**
   * `recordAs`: the issuer to record identities under instead of the provider's own (the local
   * demo provider's URL changes with its port; its identities are kept under a stable name).
   */
  static async discover(settings: OidcSettings, recordAs?: string): Promise<OidcRelyingParty> {
    const insecure = new URL(settings.issuer).protocol === 'http:';
    const config = await client.discovery(
      new URL(settings.issuer),
      settings.clientId,
      settings.clientSecret,
      undefined,
      // openid-client marks allowInsecureRequests deprecated only so that it stands out; it has no
      // replacement, and an http: issuer (the loopback demo provider) needs it.
      // eslint-disable-next-line @typescript-eslint/no-deprecated -- needed for an http: issuer, no replacement
      insecure ? { execute: [client.allowInsecureRequests] } : undefined,
    );
    return new OidcRelyingParty(config, settings, recordAs);
  }

  async begin(returnTo: string): Promise<{ url: string; pending: PendingLogin }> {
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(this.config, {
      redirect_uri: this.settings.redirectUri,
      scope: 'openid profile medborger',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
      // Always ask the identity provider to authenticate: after "Log ud" on a shared computer,
      // the next person must not be signed in silently as the previous caseworker.
      prompt: 'login',
    });
    return { url: url.href, pending: { verifier, state, nonce, returnTo } };
  }

  async finish(callbackUrl: URL, pending: PendingLogin): Promise<SignedIn> {
    const tokens = await client.authorizationCodeGrant(this.config, callbackUrl, {
      pkceCodeVerifier: pending.verifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
    });
    const claims = tokens.claims();
    if (!claims) throw new Error('The identity provider sent no ID token.');
    const { name, municipality, role, sub, iss } = claims as Record<string, unknown>;
    if (
      typeof sub !== 'string' ||
      sub.length === 0 ||
      typeof iss !== 'string' ||
      typeof name !== 'string' ||
      typeof municipality !== 'string' ||
      typeof role !== 'string'
    ) {
      throw new Error('The identity provider did not say who you are, in which municipality and with which role.');
    }
    // openid-client has checked that `iss` is the discovered issuer and the token is signed by it.
    return { issuer: this.recordedIssuer ?? iss, subject: sub, name, municipalityCode: municipality, role };
  }
}
