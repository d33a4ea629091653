// The `medborger` command: serve, migrate, seed-demo, token create, purge-access-log.
import { Command, InvalidArgumentError } from 'commander';
import { ConfigError, loadConfig } from '../config.js';
import { purgeAccessLog } from '../db/database.js';
import { DataDirLockedError, readLock } from '../db/lock.js';
import { seedDemo } from '../demo/seed.js';
import { ROLES, type Role } from '../domain/authorization.js';
import { openRuntime } from '../runtime.js';
import { serve } from '../server.js';
import { ServiceError } from '../services/errors.js';
import { createToken } from '../services/tokens.js';

function fail(err: unknown): never {
  if (err instanceof ConfigError || err instanceof ServiceError || err instanceof DataDirLockedError) {
    console.error(`medborger: ${err.message}`);
  } else {
    console.error('medborger: unexpected error:', err instanceof Error ? err.message : err);
    if (process.env.DEBUG) console.error(err);
  }
  process.exit(1);
}

const program = new Command('medborger').description('Medborger: carries out a municipality\'s integration policy and shows whether it is kept.');

program.command('serve').description('Start the HTTP server (PORT, HOST, MEDBORGER_DATA_DIR, DATABASE_URL)').action(async () => {
  await serve(loadConfig());
});

program.command('migrate').description('Run pending database migrations and exit').action(async () => {
  const runtime = await openRuntime(loadConfig(), 'migrate');
  console.log(`migrated ${runtime.database.description}`);
  await runtime.close();
});

program.command('seed-demo').description('Seed the synthetic demo population (once)').action(async () => {
  const runtime = await openRuntime(loadConfig(), 'seed-demo');
  try {
    const seeded = await runtime.database.db.selectFrom('households').select('id').where('synthetic', '=', true).limit(1).executeTakeFirst();
    if (seeded) {
      console.log('The demo population is already seeded.');
    } else {
      const s = await seedDemo(runtime.database.db, runtime.vault);
      console.log(`Seeded ${s.households} households and ${s.persons} persons (synthetic) in ${s.municipalities.join(', ')}.`);
    }
  } finally {
    await runtime.close();
  }
});

program.command('purge-access-log').description('Delete access-log rows older than the retention period').action(async () => {
  const config = loadConfig();
  const runtime = await openRuntime(config, 'purge-access-log');
  try {
    const n = await purgeAccessLog(runtime.database.db, config.accessLogRetentionDays);
    console.log(`Purged ${n} access-log rows older than ${config.accessLogRetentionDays} days.`);
  } finally {
    await runtime.close();
  }
});

const token = program.command('token').description('API tokens');
token.command('create')
  .description('Create an API token; prints it as the last line')
  .requiredOption('--municipality <code>', 'municipality code, e.g. 580', (v) => { if (!/^\d{3}$/.test(v)) throw new InvalidArgumentError('a 3-digit municipality code'); return v; })
  .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`, (v) => { if (!(ROLES as readonly string[]).includes(v)) throw new InvalidArgumentError(`one of ${ROLES.join(', ')}`); return v; })
  .requiredOption('--user <name>', 'the user the token is for (created if new)')
  .option('--days <n>', 'days until it expires', (v) => { const n = Number(v); if (!Number.isInteger(n) || n < 1 || n > 365) throw new InvalidArgumentError('1 to 365'); return n; }, 30)
  .option('--person <id>', 'for a citizen token: the person id')
  .action(async (opts: { municipality: string; role: Role; user: string; days: number; person?: string }) => {
    const config = loadConfig();
    let runtime;
    try {
      runtime = await openRuntime(config, 'token create');
    } catch (err) {
      if (err instanceof DataDirLockedError) {
        const holder = readLock(config.dataDir);
        const url = holder?.port ? `http://localhost:${holder.port}` : 'http://localhost:PORT';
        console.error(`medborger: a running Medborger server (pid ${err.holder.pid}) holds the embedded database in ${config.dataDir}, so this command cannot open it.`);
        console.error('Create the token through the server\'s admin API instead (needs an admin token):');
        console.error(`  curl -X POST ${url}/api/v1/tokens -H "Authorization: Bearer <admin token>" -H "Content-Type: application/json" \\`);
        console.error(`       -d '{"role":"${opts.role}","user":"${opts.user.replace(/'/g, '')}","days":${opts.days}${opts.person ? `,"personId":"${opts.person}"` : ''}}'`);
        console.error('(The server prints demo admin tokens at start in demo mode.) Or stop the server and run this command again.');
        process.exit(2);
      }
      throw err;
    }
    try {
      const created = await createToken(runtime.database.db, { municipalityCode: opts.municipality, role: opts.role, userName: opts.user, days: opts.days, personId: opts.person });
      console.log(`Token for ${opts.user} (${opts.role}, municipality ${opts.municipality}), expires ${created.expiresAt.toISOString()}. It is shown only now:`);
      console.log(created.token);
    } finally {
      await runtime.close();
    }
  });

program.parseAsync(process.argv).catch(fail);
