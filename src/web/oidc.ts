// Medborger as an OpenID Connect relying party (openid-client): authorization code flow with
// PKCE, state and nonce. The three values travel in a short-lived signed __Host- cookie between
// the redirect to the identity provider and the callback.
import * as client from 'openid-client';

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  /** The scopes asked for; default `openid profile medborger` (a MitID broker names its own, e.g. for the CPR number). */
  scope?: string | undefined;
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

/** A citizen who signed in: the CPR number the provider vouches for, and the municipality if it says one. */
export interface SignedInCitizen {
  issuer: string;
  subject: string;
  cpr: string;
  municipalityCode: string | null;
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
      scope: this.settings.scope ?? 'openid profile medborger',
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

  /** The ID token's claims after the code grant (state, nonce and PKCE checked, the token's signature and issuer verified). */
  private async claimsOf(callbackUrl: URL, pending: PendingLogin): Promise<Record<string, unknown>> {
    const tokens = await client.authorizationCodeGrant(this.config, callbackUrl, {
      pkceCodeVerifier: pending.verifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
    });
    const claims = tokens.claims();
    if (!claims) throw new Error('The identity provider sent no ID token.');
    return claims;
  }

  /**
   * A citizen's sign-in (MitID through the municipality's broker, or the demo provider): the
   * subject, the CPR number from the claim `cprClaim` (the person is found by it, never by name)
   * and the municipality when the provider says it.
   */
  async finishCitizen(callbackUrl: URL, pending: PendingLogin, cprClaim = 'cpr'): Promise<SignedInCitizen> {
    const claims = await this.claimsOf(callbackUrl, pending);
    const { sub, iss, municipality } = claims;
    const cpr = claims[cprClaim];
    if (typeof sub !== 'string' || sub.length === 0 || typeof iss !== 'string' || typeof cpr !== 'string')
      throw new Error('The identity provider did not send the subject and the CPR number.');
    return {
      issuer: this.recordedIssuer ?? iss,
      subject: sub,
      cpr,
      municipalityCode: typeof municipality === 'string' ? municipality : null,
    };
  }

  async finish(callbackUrl: URL, pending: PendingLogin): Promise<SignedIn> {
    const claims = await this.claimsOf(callbackUrl, pending);
    const { name, municipality, role, sub, iss } = claims;
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
