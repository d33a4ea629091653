// `medborger serve`: open the runtime, seed the demo on a first embedded start, serve HTTP,
// purge the access log and delete closed cases past their retention daily, and shut down cleanly
// on SIGINT/SIGTERM.
import { cprSafeLogger } from './http/log-options.js';
import { sql } from 'kysely';
import { buildApp } from './app.js';
import type { Config } from './config.js';
import { autovacuumIsOn, vacuumPastThresholds } from './db/autovacuum.js';
import { purgeAccessLogRows, purgeExpiredTokens } from './db/database.js';
import { seedDemo } from './demo/seed.js';
import { openRuntime } from './runtime.js';
import { createToken } from './services/tokens.js';
import { retentionLines, runRetention } from './services/retention.js';
import { todayIso } from './domain/dates.js';
import { demoAccounts } from './web/idp/demo-accounts.js';
import type { Server } from 'node:http';
import type { DemoIdp } from './web/idp/demo-idp.js';
import { DEMO_ISSUER } from './security/identities.js';
import { OidcRelyingParty } from './web/oidc.js';

const DAY_MS = 86_400_000;
/** How often the embedded database's tables are checked for a vacuum (PostgreSQL's autovacuum_naptime is 60 s). */
const EMBEDDED_AUTOVACUUM_MS = 10_000;

export async function serve(config: Config): Promise<void> {
  const runtime = await openRuntime(config, 'serve');
  const { database, vault } = runtime;
  const log = (msg: string) => {
    console.log(`[medborger] ${msg}`);
  };
  log(`database: ${database.description}`);
  if (config.ownerDatabaseUrl)
    log(
      "MEDBORGER_OWNER_DATABASE_URL is set but `serve` never uses it (only `medborger migrate` does): keep the owner's credentials out of the server's environment",
    );

  if (config.seedDemoOnFirstStart && database.engine === 'pglite') {
    const any = await database.db.selectFrom('households').select('id').limit(1).executeTakeFirst();
    if (!any) {
      log('first start on an empty embedded database: seeding the synthetic demo population …');
      const summary = await seedDemo(database.db, vault);
      log(
        `seeded ${summary.households} households, ${summary.persons} persons (synthetic) in ${summary.municipalities.join(', ')}`,
      );
    }
  }

  const purge = async () => {
    // Through the owner's function: the server's role cannot delete access-log rows itself.
    const { deleted: n, retentionDays } = await purgeAccessLogRows(database.db, config.accessLogRetentionDays);
    if (retentionDays !== config.accessLogRetentionDays)
      log(
        `access-log retention: ${retentionDays} days, as recorded by the owner at \`medborger migrate\` (MEDBORGER_ACCESS_LOG_RETENTION_DAYS=${config.accessLogRetentionDays} here); run migrate with the new value to shorten it`,
      );
    if (n > 0) log(`purged ${n} access-log rows older than ${retentionDays} days`);
    const t = await purgeExpiredTokens(database.db);
    if (t > 0) log(`deleted ${t} tokens and sessions that expired more than 30 days ago`);
    // Closed cases past their retention (policies: retention), as `medborger retention` deletes them.
    const retained = await runRetention(database.db, { today: todayIso(), dryRun: false });
    if (retained.totalCases > 0) for (const line of retentionLines(retained)) log(`retention: ${line}`);
  };
  const timer = setInterval(() => {
    purge().catch((err: unknown) => {
      console.error('[medborger] daily purge (access log, tokens, retention) failed:', err);
    });
  }, DAY_MS);
  timer.unref();
  if (database.engine === 'postgres' && !(await autovacuumIsOn(database.db)))
    log(
      'PostgreSQL runs with autovacuum off: the worklist and the writes slow down as dead rows pile up; turn it on (autovacuum = on), or run VACUUM ANALYZE as the owner regularly',
    );
  // PGlite runs no autovacuum: the server vacuums and analyses what PostgreSQL's would (src/db/autovacuum.ts).
  if (database.engine === 'pglite') {
    let running = false;
    const vacuumTimer = setInterval(() => {
      if (running) return;
      running = true;
      vacuumPastThresholds(database.db)
        .catch((err: unknown) => {
          console.error('[medborger] vacuum of the embedded database failed:', err);
        })
        .finally(() => {
          running = false;
        });
    }, EMBEDDED_AUTOVACUUM_MS);
    vacuumTimer.unref();
  }

  const auth = {
    rp: null as OidcRelyingParty | null,
    publicUrl: config.publicUrl ?? `http://localhost:${config.port}`,
    citizenRp: null as OidcRelyingParty | null,
    citizenCprClaim: config.citizenOidc?.cprClaim ?? 'cpr',
  };
  const app = await buildApp({
    db: database.db,
    vault,
    engine: database.engine,
    logger: cprSafeLogger(process.env.LOG_LEVEL ?? 'warn'),
    web: { db: database.db, vault, auth },
  });
  let closing = false;
  let idp: DemoIdp | null = null;
  let idpServer: Server | null = null;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log(`${signal}: finishing requests and closing the database …`);
    clearInterval(timer);
    if (idp) await idp.close();
    else idpServer?.close();
    await app.close();
    await runtime.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  // The demo identity provider's port is bound before Medborger listens: a port in use stops the
  // start with a clear message (MEDBORGER_DEMO_IDP_PORT) instead of failing after "listening on".
  const demoIdp = !config.oidc && !config.production;
  try {
    if (demoIdp) {
      const { reserveDemoIdpPort } = await import('./web/idp/demo-idp.js');
      idpServer = await reserveDemoIdpPort(config.demoIdpPort);
    }
  } catch (err) {
    clearInterval(timer);
    await app.close();
    await runtime.close();
    throw err;
  }

  const address = await app.listen({ port: config.port, host: config.host });
  const port =
    app.server.address() && typeof app.server.address() === 'object'
      ? (app.server.address() as { port: number }).port
      : config.port;
  database.announcePort(port);
  if (!config.publicUrl) auth.publicUrl = `http://localhost:${port}`;
  const redirectUri = new URL('/auth/callback', auth.publicUrl).href;
  const citizenRedirectUri = new URL('/borger/auth/callback', auth.publicUrl).href;
  if (config.citizenOidc) {
    // The citizens sign in with MitID through the municipality's broker (its own issuer and client).
    auth.citizenRp = await OidcRelyingParty.discover({
      issuer: config.citizenOidc.issuer,
      clientId: config.citizenOidc.clientId,
      clientSecret: config.citizenOidc.clientSecret,
      redirectUri: citizenRedirectUri,
      scope: config.citizenOidc.scope,
    });
    log(`citizen sign-in: OpenID Connect provider ${config.citizenOidc.issuer}`);
  }
  if (config.oidc) {
    auth.rp = await OidcRelyingParty.discover({ ...config.oidc, redirectUri });
    log(`sign-in: OpenID Connect provider ${config.oidc.issuer}`);
  } else if (demoIdp && idpServer) {
    // Loaded only when used: oidc-provider is the demo's, never production's.
    const { startDemoIdp } = await import('./web/idp/demo-idp.js');
    idp = await startDemoIdp({
      server: idpServer,
      redirectUri,
      citizenRedirectUri,
      accounts: await demoAccounts(database.db, vault),
    });
    // Its URL changes with the port: the identities it vouches for are recorded under DEMO_ISSUER.
    auth.rp = await OidcRelyingParty.discover(
      { issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret, redirectUri },
      DEMO_ISSUER,
    );
    // The demo citizens sign in at the same local provider (with a CPR claim, as MitID's broker sends).
    auth.citizenRp ??= await OidcRelyingParty.discover(
      {
        issuer: idp.issuer,
        clientId: idp.clientId,
        clientSecret: idp.clientSecret,
        redirectUri: citizenRedirectUri,
      },
      DEMO_ISSUER,
    );
    log(`sign-in: local demo identity provider at ${idp.issuer} (demo users on its sign-in page; never in production)`);
  } else {
    log('sign-in: no identity provider configured (MEDBORGER_OIDC_ISSUER …); the web pages cannot be used');
  }
  log(
    `listening on ${address} – open ${auth.publicUrl} (API: ${address}/api/v1, OpenAPI: ${address}/api/v1/openapi.json)`,
  );

  // After listening, so that a restart answers at once: PGlite runs no autovacuum, so planner
  // statistics are refreshed at start, then the first daily purge runs (both queue behind requests).
  void (async () => {
    if (database.engine === 'pglite') await sql`ANALYZE`.execute(database.db);
    await purge();
  })().catch((err: unknown) => {
    console.error('[medborger] start-up ANALYZE and purge failed:', err);
  });

  if (config.seedDemoOnFirstStart && database.engine === 'pglite') {
    // Demo mode only: fresh tokens for trying the API (stored hashed; shown once).
    const via = 'server start (demo)';
    const demoAdmin = await createToken(database.db, {
      municipalityCode: '580',
      role: 'admin',
      userName: 'Demo-administrator (syntetisk)',
      days: 7,
      synthetic: true,
      createdVia: via,
    });
    const demoCaseworker = await createToken(database.db, {
      municipalityCode: '580',
      role: 'caseworker',
      userName: 'Demo-sagsbehandler (syntetisk)',
      days: 7,
      synthetic: true,
      createdVia: via,
    });
    log('demo tokens for Aabenraa (580), valid 7 days — synthetic data only:');
    log(`  admin:      ${demoAdmin.token}`);
    log(`  caseworker: ${demoCaseworker.token}`);
    log(
      `  try: curl -H "Authorization: Bearer ${demoCaseworker.token}" "${address}/api/v1/municipalities/580/persons?query=al"`,
    );
  }
}
