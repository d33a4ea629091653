// Configuration from the environment, read once at start-up. Every setting is documented in
// README.md ("Configuration").
import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  /** Embedded database and key directory (ignored for the database when databaseUrl is set). */
  dataDir: string;
  /**
   * PostgreSQL: the application's login role (owns nothing, cannot become the owner). The server
   * and every command but `migrate` connect with it.
   */
  databaseUrl: string | undefined;
  /** PostgreSQL: the schema owner, for `medborger migrate` only (MEDBORGER_OWNER_DATABASE_URL). */
  ownerDatabaseUrl: string | undefined;
  /** Base64 of 32 bytes; when absent on the embedded database a key file is generated. */
  cprKey: string | undefined;
  accessLogRetentionDays: number;
  production: boolean;
  /** Seed the synthetic demo population on first start of an empty embedded database. */
  seedDemoOnFirstStart: boolean;
  /** The address users open, e.g. https://medborger.aabenraa.dk; default http://localhost:PORT. */
  publicUrl: string | undefined;
  /** The municipality's identity provider; absent: the local demo provider (never in production). */
  oidc: { issuer: string; clientId: string; clientSecret: string } | undefined;
  /** Port of the local demo identity provider (0: any free port). */
  demoIdpPort: number;
  /** The citizens' provider (MitID through the municipality's broker); absent: the local demo provider (never in production). */
  citizenOidc: CitizenOidcConfig | undefined;
}

export interface CitizenOidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The ID token claim that holds the CPR number. */
  cprClaim: string;
  /** The scopes to ask the broker for. */
  scope: string;
}

export class ConfigError extends Error {}

function intSetting(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}; it is "${raw}".`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const databaseUrl = env.DATABASE_URL || undefined;
  return {
    port: intSetting(env, 'PORT', 3000, 0, 65535),
    host: env.HOST || '127.0.0.1',
    dataDir: path.resolve(env.MEDBORGER_DATA_DIR || 'data'),
    databaseUrl,
    ownerDatabaseUrl: env.MEDBORGER_OWNER_DATABASE_URL || undefined,
    cprKey: env.MEDBORGER_CPR_KEY || undefined,
    accessLogRetentionDays: intSetting(env, 'MEDBORGER_ACCESS_LOG_RETENTION_DAYS', 183, 1, 3650),
    production: env.NODE_ENV === 'production',
    seedDemoOnFirstStart: env.MEDBORGER_DEMO !== '0' && !databaseUrl && env.NODE_ENV !== 'production',
    publicUrl: env.MEDBORGER_PUBLIC_URL || undefined,
    oidc: oidcSettings(env),
    demoIdpPort: intSetting(env, 'MEDBORGER_DEMO_IDP_PORT', 0, 0, 65535),
    citizenOidc: citizenOidcSettings(env),
  };
}

function citizenOidcSettings(env: NodeJS.ProcessEnv): CitizenOidcConfig | undefined {
  const issuer = env.MEDBORGER_CITIZEN_OIDC_ISSUER;
  if (!issuer) return undefined;
  const clientId = env.MEDBORGER_CITIZEN_OIDC_CLIENT_ID;
  const clientSecret = env.MEDBORGER_CITIZEN_OIDC_CLIENT_SECRET;
  if (!clientId || !clientSecret)
    throw new ConfigError(
      'MEDBORGER_CITIZEN_OIDC_ISSUER needs MEDBORGER_CITIZEN_OIDC_CLIENT_ID and MEDBORGER_CITIZEN_OIDC_CLIENT_SECRET.',
    );
  return {
    issuer,
    clientId,
    clientSecret,
    cprClaim: env.MEDBORGER_CITIZEN_OIDC_CPR_CLAIM || 'cpr',
    scope: env.MEDBORGER_CITIZEN_OIDC_SCOPE || 'openid profile medborger',
  };
}

function oidcSettings(env: NodeJS.ProcessEnv): Config['oidc'] {
  const issuer = env.MEDBORGER_OIDC_ISSUER;
  if (!issuer) return undefined;
  const clientId = env.MEDBORGER_OIDC_CLIENT_ID;
  const clientSecret = env.MEDBORGER_OIDC_CLIENT_SECRET;
  if (!clientId || !clientSecret)
    throw new ConfigError('MEDBORGER_OIDC_ISSUER needs MEDBORGER_OIDC_CLIENT_ID and MEDBORGER_OIDC_CLIENT_SECRET.');
  return { issuer, clientId, clientSecret };
}
