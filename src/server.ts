// `medborger serve`: open the runtime, seed the demo on a first embedded start, serve HTTP,
// purge the access log daily, and shut down cleanly on SIGINT/SIGTERM.
import { sql } from 'kysely';
import { buildApp } from './http/app.js';
import type { Config } from './config.js';
import { purgeAccessLog, purgeExpiredTokens } from './db/database.js';
import { seedDemo } from './demo/seed.js';
import { openRuntime } from './runtime.js';
import { createToken } from './services/tokens.js';
import { demoAccounts } from './web/idp/demo-accounts.js';
import type { DemoIdp } from './web/idp/demo-idp.js';
import { OidcRelyingParty } from './web/oidc.js';

const DAY_MS = 86_400_000;

export async function serve(config: Config): Promise<void> {
  const runtime = await openRuntime(config, 'serve');
  const { database, vault } = runtime;
  const log = (msg: string) => console.log(`[medborger] ${msg}`);
  log(`database: ${database.description}`);

  if (config.seedDemoOnFirstStart && database.engine === 'pglite') {
    const any = await database.db.selectFrom('households').select('id').limit(1).executeTakeFirst();
    if (!any) {
      log('first start on an empty embedded database: seeding the synthetic demo population …');
      const summary = await seedDemo(database.db, vault);
      log(`seeded ${summary.households} households, ${summary.persons} persons (synthetic) in ${summary.municipalities.join(', ')}`);
    }
  }

  // PGlite runs no autovacuum: refresh planner statistics at start, so that plans fit the data.
  if (database.engine === 'pglite') await sql`ANALYZE`.execute(database.db);

  const purge = async () => {
    const n = await purgeAccessLog(database.db, config.accessLogRetentionDays);
    if (n > 0) log(`purged ${n} access-log rows older than ${config.accessLogRetentionDays} days`);
    const t = await purgeExpiredTokens(database.db);
    if (t > 0) log(`deleted ${t} tokens and sessions that expired more than 30 days ago`);
  };
  await purge();
  const timer = setInterval(() => { purge().catch((err) => console.error('[medborger] access-log purge failed:', err)); }, DAY_MS);
  timer.unref();

  const auth = { rp: null as OidcRelyingParty | null, publicUrl: config.publicUrl ?? `http://localhost:${config.port}` };
  const app = await buildApp({ db: database.db, vault, engine: database.engine, logger: { level: process.env.LOG_LEVEL ?? 'warn' }, web: { db: database.db, vault, auth } });
  let closing = false;
  let idp: DemoIdp | null = null;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log(`${signal}: finishing requests and closing the database …`);
    clearInterval(timer);
    await idp?.close();
    await app.close();
    await runtime.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  const address = await app.listen({ port: config.port, host: config.host });
  const port = app.server.address() && typeof app.server.address() === 'object' ? (app.server.address() as { port: number }).port : config.port;
  database.announcePort(port);
  if (!config.publicUrl) auth.publicUrl = `http://localhost:${port}`;
  const redirectUri = new URL('/auth/callback', auth.publicUrl).href;
  if (config.oidc) {
    auth.rp = await OidcRelyingParty.discover({ ...config.oidc, redirectUri });
    log(`sign-in: OpenID Connect provider ${config.oidc.issuer}`);
  } else if (!config.production) {
    // Loaded only when used: oidc-provider is the demo's, never production's.
    const { startDemoIdp } = await import('./web/idp/demo-idp.js');
    idp = await startDemoIdp({ port: config.demoIdpPort, redirectUri, accounts: await demoAccounts(database.db) });
    auth.rp = await OidcRelyingParty.discover({ issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret, redirectUri });
    log(`sign-in: local demo identity provider at ${idp.issuer} (demo users on its sign-in page; never in production)`);
  } else {
    log('sign-in: no identity provider configured (MEDBORGER_OIDC_ISSUER …); the web pages cannot be used');
  }
  log(`listening on ${address} – open ${auth.publicUrl} (API: ${address}/api/v1, OpenAPI: ${address}/api/v1/openapi.json)`);

  if (config.seedDemoOnFirstStart && database.engine === 'pglite') {
    // Demo mode only: fresh tokens for trying the API (stored hashed; shown once).
    const demoAdmin = await createToken(database.db, { municipalityCode: '580', role: 'admin', userName: 'Demo-administrator (syntetisk)', days: 7, synthetic: true });
    const demoCaseworker = await createToken(database.db, { municipalityCode: '580', role: 'caseworker', userName: 'Demo-sagsbehandler (syntetisk)', days: 7, synthetic: true });
    log('demo tokens for Aabenraa (580), valid 7 days — synthetic data only:');
    log(`  admin:      ${demoAdmin.token}`);
    log(`  caseworker: ${demoCaseworker.token}`);
    log(`  try: curl -H "Authorization: Bearer ${demoCaseworker.token}" "${address}/api/v1/municipalities/580/persons?query=al"`);
  }
}
