// The `medborger` command: serve, migrate, seed-demo, token create, purge-access-log, retention, report annual.
import { readFileSync, writeFileSync } from 'node:fs';
import { Command, InvalidArgumentError } from 'commander';
import { ConfigError, loadConfig } from '../config.js';
import { DataDirLockedError, readLock } from '../db/lock.js';
import { DEFAULT_PURPOSE, ROLES, type Role } from '../domain/authorization.js';
import path from 'node:path';
import type { EngineChoice } from '../placement/solve.js';
import { ServiceError } from '../services/errors.js';
import type { PlanKind } from '../services/placement.js';
import { isIsoDate, todayIso } from '../domain/dates.js';

/** Errors whose message is the whole answer (the command's modules are loaded only when it runs). */
const EXPECTED_ERRORS = new Set(['PolicyError', 'InfeasibleError', 'PlacementInputError', 'EngineError']);

function fail(err: unknown): never {
  if (
    err instanceof ConfigError ||
    err instanceof ServiceError ||
    err instanceof DataDirLockedError ||
    // The errors of the modules a command loads when it runs, told by their class names.
    (err instanceof Error && EXPECTED_ERRORS.has(err.constructor.name)) ||
    err instanceof RangeError ||
    err instanceof SyntaxError
  ) {
    console.error(`medborger: ${err.message}`);
  } else {
    console.error('medborger: unexpected error:', err instanceof Error ? err.message : err);
    if (process.env.DEBUG) console.error(err);
  }
  process.exit(1);
}

const program = new Command('medborger').description(
  "Medborger: carries out a municipality's integration policy and shows whether it is kept.",
);

program
  .command('serve')
  .description('Start the HTTP server (PORT, HOST, MEDBORGER_DATA_DIR, DATABASE_URL)')
  .action(async () => {
    const { serve } = await import('../server.js');
    await serve(loadConfig());
  });

program
  .command('migrate')
  .description(
    'Run pending database migrations and exit (PostgreSQL: as the owner, MEDBORGER_OWNER_DATABASE_URL; sets up the login role DATABASE_URL names)',
  )
  .action(async () => {
    const { migrateDatabase } = await import('../runtime.js');
    const result = await migrateDatabase(loadConfig());
    console.log(
      `migrated ${result.description}${result.applied.length ? ` (applied ${result.applied.join(', ')})` : ''}`,
    );
    if (result.server)
      console.log(`the server connects as the login role ${result.server.role}: DATABASE_URL=${result.server.url}`);
  });

program
  .command('seed-demo')
  .description('Seed the synthetic demo population (once)')
  .action(async () => {
    const { seedDemo } = await import('../demo/seed.js');
    const { openRuntime } = await import('../runtime.js');
    const runtime = await openRuntime(loadConfig(), 'seed-demo');
    try {
      const seeded = await runtime.database.db
        .selectFrom('households')
        .select('id')
        .where('synthetic', '=', true)
        .limit(1)
        .executeTakeFirst();
      if (seeded) {
        console.log('The demo population is already seeded.');
      } else {
        const s = await seedDemo(runtime.database.db, runtime.vault);
        console.log(
          `Seeded ${s.households} households and ${s.persons} persons (synthetic) in ${s.municipalities.join(', ')}.`,
        );
      }
    } finally {
      await runtime.close();
    }
  });

program
  .command('purge-access-log')
  .description('Delete access-log rows older than the retention period')
  .action(async () => {
    const { purgeAccessLogRows } = await import('../db/database.js');
    const { openRuntime } = await import('../runtime.js');
    const config = loadConfig();
    const runtime = await openRuntime(config, 'purge-access-log');
    try {
      // Through the owner's function: never rows younger than the retention the owner recorded.
      const { deleted, retentionDays } = await purgeAccessLogRows(runtime.database.db, config.accessLogRetentionDays);
      console.log(
        `Purged ${deleted} access-log rows older than ${retentionDays} days${retentionDays !== config.accessLogRetentionDays ? ' (the retention the owner recorded at migrate)' : ''}.`,
      );
    } finally {
      await runtime.close();
    }
  });

program
  .command('retention')
  .description(
    'Delete the closed cases whose retention period after the closure has run out (policies: retention), each person with every case record, their CPR number and a household left without members; one transaction per municipality. The server runs it daily; run it from cron or a systemd timer when the server does not run',
  )
  .option(
    '--dry-run',
    'list what would be deleted (ids and closure days, never a name or a CPR number); delete nothing',
  )
  .option('--municipality <code>', 'only this municipality', (v) => {
    if (!/^\d{3}$/.test(v)) throw new InvalidArgumentError('a 3-digit municipality code');
    return v;
  })
  .action(async (opts: { dryRun?: boolean; municipality?: string }) => {
    const { openRuntime } = await import('../runtime.js');
    const { retentionLines, runRetention } = await import('../services/retention.js');
    const runtime = await openRuntime(loadConfig(), 'retention');
    try {
      const report = await runRetention(runtime.database.db, {
        today: todayIso(),
        dryRun: opts.dryRun === true,
        ...(opts.municipality ? { municipalities: [opts.municipality] } : {}),
      });
      for (const line of retentionLines(report)) console.log(line);
    } finally {
      await runtime.close();
    }
  });

const policy = program.command('policy').description('Policies as data: show, compare, check');

policy
  .command('show')
  .argument('<code>', 'municipality code')
  .description("Show a municipality's rules (law + policy) with their sources")
  .action(async (code: string) => {
    const { sourceReferenceDa } = await import('../domain/glossary.js');
    const { shippedPolicies } = await import('../policy/load.js');
    const { policyView } = await import('../policy/present.js');
    const set = shippedPolicies();
    const view = policyView(set, code);
    if (view.policy) {
      console.log(
        `${view.policy.title} (${code}) – ${view.policy.adopted.body}${view.policy.adopted.date ? `, ${view.policy.adopted.date}` : ''}, ${view.policy.adopted.status}`,
      );
      if (view.policy.vision) console.log(`Vision: ${view.policy.vision}`);
    } else {
      console.log(`Municipality ${code} has no policy file; the law applies.`);
    }
    for (const r of view.rules) {
      console.log(
        `\n[${r.layer === 'national' ? 'lov' : code}] ${r.id} (${r.kind})${r.tightens ? ` skærper ${r.tightens.join(', ')}` : ''}`,
      );
      console.log(`  ${r.title}: ${r.summary}`);
      console.log(`  Kilde: ${sourceReferenceDa(r.source)}: "${r.source.quote}"`);
      if (r.interpretation) console.log(`  Fortolkning (${r.interpretation.by}): ${r.interpretation.text}`);
    }
    if (view.policy?.notEncoded.length) {
      console.log('\nIkke kodet som regler:');
      for (const n of view.policy.notEncoded) console.log(`  - "${n.quote}"\n    ${n.reason}`);
    }
  });

policy
  .command('diff')
  .argument('<a>')
  .argument('<b>')
  .description('How two municipalities differ')
  .action(async (a: string, b: string) => {
    const { shippedPolicies } = await import('../policy/load.js');
    const { policyDiff } = await import('../policy/present.js');
    const d = policyDiff(shippedPolicies(), a, b);
    console.log(`${a}: ${d.a.title ?? '(kun loven)'}\n${b}: ${d.b.title ?? '(kun loven)'}`);
    console.log('\nLovregler, som kommunerne skærper:');
    for (const row of d.tightenedLaw) {
      console.log(`  ${row.lawRuleId} – loven: ${row.law}`);
      console.log(`    ${a}: ${row.a.map((r) => `${r.id}: ${r.summary}`).join('; ') || 'som loven'}`);
      console.log(`    ${b}: ${row.b.map((r) => `${r.id}: ${r.summary}`).join('; ') || 'som loven'}`);
    }
    for (const [code, rules] of [
      [a, d.onlyA],
      [b, d.onlyB],
    ] as const) {
      console.log(`\nKun ${code}:`);
      for (const r of rules) console.log(`  ${r.id} (${r.kind}): ${r.title} – ${r.summary}`);
      if (rules.length === 0) console.log('  (ingen)');
    }
  });

policy
  .command('check')
  .argument('<file>', 'a policy YAML file')
  .description('Validate a policy file (schema, and never looser than the law)')
  .action(async (file: string) => {
    const { checkAgainstLaw, loadPolicyFile, shippedPolicies } = await import('../policy/load.js');
    const loaded = loadPolicyFile(file);
    if (loaded.policy.municipality !== 'national') checkAgainstLaw(loaded, shippedPolicies().law);
    const p = loaded.policy;
    console.log(`${file}: OK – ${p.rules.length} rules, ${p.notEncoded.length} commitments recorded as not encoded.`);
  });

policy
  .command('schema')
  .description('Print the JSON Schema of policy files (for editors)')
  .action(async () => {
    const { policyJsonSchema } = await import('../policy/schema.js');
    console.log(JSON.stringify(policyJsonSchema(), null, 2));
  });

program
  .command('solve')
  .argument('<file>', 'a problem file')
  .option('--format <format>', 'json | orlib-assign | orlib-gap', 'json')
  .option(
    '--sense <sense>',
    'orlib-gap: max or min (default: gap1–gap12 max, gapa–gapd min, as the OR-Library README says)',
  )
  .option(
    '--time-limit <seconds>',
    'per problem',
    (v) => {
      const n = Number(v);
      if (!(n > 0)) throw new InvalidArgumentError('a positive number of seconds');
      return n;
    },
    60,
  )
  .option('--engine <engine>', 'auto | flow | highs | lagrangian', 'auto')
  .description(
    'Solve a placement problem; prints objective, bound, gap, status and time as JSON (one line per problem)',
  )
  .action(async (file: string, opts: { format: string; sense?: string; timeLimit: number; engine: string }) => {
    // Each format loads only what it needs (the JSON reader's zod schema alone costs ~80 ms).
    const text = readFileSync(file, 'utf8');
    const print = (
      r: { objective: number; bound: number; gap: number; status: string; engine: string },
      extra: Record<string, unknown>,
      parseMs: number,
      solveMs: number,
    ) => {
      console.log(
        JSON.stringify({
          ...extra,
          status: r.status,
          objective: r.objective,
          bound: r.bound,
          gap: r.gap,
          engine: r.engine,
          parseMs: Math.round(parseMs),
          solveMs: Math.round(solveMs),
        }),
      );
    };
    if (!['auto', 'flow', 'highs', 'lagrangian'].includes(opts.engine))
      throw new ConfigError(`Unknown engine ${opts.engine}; use auto, flow, highs or lagrangian.`);
    const engine = opts.engine as EngineChoice;
    let t0 = performance.now();
    if (opts.format === 'orlib-assign') {
      const { solveAssignment } = await import('../placement/assignment.js');
      const { parseAssign } = await import('../placement/orlib.js');
      t0 = performance.now();
      const problem = parseAssign(text);
      const parseMs = performance.now() - t0;
      t0 = performance.now();
      const r = solveAssignment(problem);
      print(
        { ...r, status: r.gap < 1e-9 ? 'optimal' : 'feasible', engine: 'assignment' },
        { agents: problem.n },
        parseMs,
        performance.now() - t0,
      );
    } else if (opts.format === 'orlib-gap') {
      const name = path.basename(file);
      const sense = opts.sense ?? (/^gap[a-d]/i.test(name) ? 'min' : /^gap\d/i.test(name) ? 'max' : undefined);
      if (sense !== 'min' && sense !== 'max')
        throw new ConfigError(
          'An OR-Library GAP file does not say whether to minimise or maximise: give --sense max or --sense min.',
        );
      const { gapToProblem, parseGap } = await import('../placement/orlib.js');
      const { solvePlacement } = await import('../placement/solve.js');
      t0 = performance.now();
      const instances = parseGap(text);
      const parseMs = performance.now() - t0;
      for (const [index, inst] of instances.entries()) {
        t0 = performance.now();
        const r = await solvePlacement(gapToProblem(inst, sense), { timeLimitSec: opts.timeLimit, engine });
        print(
          r,
          { problem: index + 1, sense, agents: inst.m, jobs: inst.n },
          index === 0 ? parseMs : 0,
          performance.now() - t0,
        );
      }
    } else if (opts.format === 'json') {
      const { parseJsonProblem } = await import('../placement/json-problem.js');
      const { solvePlacement } = await import('../placement/solve.js');
      t0 = performance.now();
      const problem = parseJsonProblem(text);
      const parseMs = performance.now() - t0;
      t0 = performance.now();
      const r = await solvePlacement(problem, { timeLimitSec: opts.timeLimit, engine });
      const { agentLabels, optionLabels } = problem;
      const placements =
        agentLabels && optionLabels
          ? Array.from(r.assignment, (j, i) => ({ agent: agentLabels[i], option: j >= 0 ? optionLabels[j] : null }))
          : undefined;
      print(
        r,
        {
          sense: problem.sense,
          agents: problem.agents,
          options: problem.options,
          ...(r.notes?.length ? { notes: r.notes } : {}),
          ...(process.env.MEDBORGER_SOLVE_PLACEMENTS === '1' ? { placements } : {}),
        },
        parseMs,
        performance.now() - t0,
      );
    } else throw new ConfigError(`Unknown format ${opts.format}; use json, orlib-assign or orlib-gap.`);
  });

const PLACE_ROLE: Record<PlanKind, Role> = {
  housing: 'housing',
  daycare: 'institution',
  school: 'institution',
  internships: 'caseworker',
  mentors: 'volunteer_coordinator',
};

program
  .command('place')
  .argument('<kind>', 'housing | daycare | school | internships | mentors')
  .description(
    'Run a placement and store its proposals as a draft plan, for the coordinator to accept whole or in part (API: POST …/placement-plans/{id}/decisions)',
  )
  .requiredOption('--municipality <code>', 'municipality code, e.g. 580', (v) => {
    if (!/^\d{3}$/.test(v)) throw new InvalidArgumentError('a 3-digit municipality code');
    return v;
  })
  .requiredOption('--date <date>', 'the day of the round (YYYY-MM-DD)', (v) => {
    if (!isIsoDate(v)) throw new InvalidArgumentError('a date as YYYY-MM-DD');
    return v;
  })
  .option(
    '--weight <criterion=weight>',
    "what-if: override a criterion's weight (repeatable)",
    (v, acc: Record<string, number>) => {
      const [, criterion, weight] = /^([a-z_]+)=(\d+(?:\.\d+)?)$/.exec(v) ?? [];
      if (criterion === undefined || weight === undefined)
        throw new InvalidArgumentError('criterion=weight, e.g. transport=3');
      return { ...acc, [criterion]: Number(weight) };
    },
    {} as Record<string, number>,
  )
  .option('--mechanism <mechanism>', 'daycare and school: optimise | deferred_acceptance')
  .option('--time-limit <seconds>', 'solver time limit', (v) => {
    const n = Number(v);
    if (!(n >= 1 && n <= 120)) throw new InvalidArgumentError('1 to 120 seconds');
    return n;
  })
  .option('--user <name>', 'who runs it: the access log records it as the integration client "Integration: <name>"')
  .option('--json', 'print the whole plan as JSON')
  .action(
    async (
      kind: string,
      opts: {
        municipality: string;
        date: string;
        weight: Record<string, number>;
        mechanism?: string;
        timeLimit?: number;
        user?: string;
        json?: boolean;
      },
    ) => {
      const { openRuntime } = await import('../runtime.js');
      const { createToken, authenticate } = await import('../services/tokens.js');
      const { PLAN_KINDS, runPlacement } = await import('../services/placement.js');
      const { etagOf } = await import('../services/etag.js');
      if (!(PLAN_KINDS as readonly string[]).includes(kind))
        throw new ConfigError(`Unknown placement ${kind}; use ${PLAN_KINDS.join(', ')}.`);
      if (opts.mechanism && opts.mechanism !== 'optimise' && opts.mechanism !== 'deferred_acceptance')
        throw new ConfigError('--mechanism is optimise or deferred_acceptance.');
      const planKind = kind as PlanKind;
      const config = loadConfig();
      let runtime;
      try {
        runtime = await openRuntime(config, 'place');
      } catch (err) {
        if (err instanceof DataDirLockedError) {
          console.error(
            `medborger: a running Medborger server (pid ${err.holder.pid}) holds the embedded database in ${config.dataDir}; run the placement through its API instead:`,
          );
          console.error(
            `  curl -X POST http://127.0.0.1:${readLock(config.dataDir)?.port ?? 'PORT'}/api/v1/municipalities/${opts.municipality}/placement-plans -H "Authorization: Bearer <token>" -H "Content-Type: application/json" -d '{"kind":"${kind}","date":"${opts.date}"}'`,
          );
          process.exit(2);
        }
        throw err;
      }
      try {
        const db = runtime.database.db;
        const role = PLACE_ROLE[planKind];
        // The run is logged like any other use of personal data: as a named user of the role.
        const { token: secret } = await createToken(db, {
          municipalityCode: opts.municipality,
          role,
          userName: opts.user ?? `medborger place ${role} (kommandolinje)`,
          days: 1,
          hours: 0.1,
          createdVia: 'kommandolinje (place)',
        });
        const actor = await authenticate(db, secret);
        if (!actor) throw new Error('The token just created does not authenticate.');
        const ctx = { db, vault: runtime.vault, actor, purpose: DEFAULT_PURPOSE[role], today: todayIso() };
        const { plan } = await runPlacement(ctx, opts.municipality, {
          kind: planKind,
          date: opts.date,
          weights: opts.weight,
          mechanism: opts.mechanism as never,
          timeLimitSec: opts.timeLimit,
        });
        if (opts.json) {
          console.log(JSON.stringify(plan, null, 2));
          return;
        }
        const summary = plan.summary as { unplaced: { label: string; reason_da: string }[]; notes: string[] };
        console.log(
          `Plan ${plan.id} (${plan.kind}, ${plan.date}, ${plan.status}): ${plan.proposals.length} forslag, ${summary.unplaced.length} ikke placeret.`,
        );
        console.log(
          `Motor ${plan.engine}: objektiv ${plan.objective ?? '–'}, grænse ${plan.bound ?? '–'}, gap ${plan.gap ?? '–'}, ${plan.solveMs} ms.${summary.notes.length ? ` (${summary.notes.join('; ')})` : ''}`,
        );
        for (const p of plan.proposals)
          console.log(
            `\n${p.agentLabel} → ${p.optionLabel ?? p.optionId} (score ${Math.round(p.score * 10) / 10})\n  ${(p.explanation as { text_da: string }).text_da}`,
          );
        for (const u of summary.unplaced) console.log(`\n${u.label}: ikke placeret.\n  ${u.reason_da}`);
        console.log(
          `\nAccepter helt eller delvist: POST /api/v1/municipalities/${opts.municipality}/placement-plans/${plan.id}/decisions med If-Match: ${etagOf(plan.version)}`,
        );
      } finally {
        await runtime.close();
      }
    },
  );

const report = program.command('report').description('Reports of a municipality (aggregates only, never a person)');
report
  .command('annual')
  .description(
    "Write the annual report (årsrapport) of a municipality for a year as PDF or HTML: the policy's vision, every rule with its compliance, the indicators with their trend, governance and a comparison",
  )
  .requiredOption('--municipality <code>', 'municipality code, e.g. 580', (v) => {
    if (!/^\d{3}$/.test(v)) throw new InvalidArgumentError('a 3-digit municipality code');
    return v;
  })
  .option('--year <year>', 'the year reported on (default: last year)', (v) => {
    if (!/^\d{4}$/.test(v)) throw new InvalidArgumentError('a year as YYYY, e.g. 2025');
    return Number(v);
  })
  .option('--format <format>', 'pdf | html (default: from the file name of --out, else pdf)', (v) => {
    if (v !== 'pdf' && v !== 'html') throw new InvalidArgumentError('pdf or html');
    return v;
  })
  .requiredOption('--out <file>', 'the file to write')
  .option(
    '--compare <codes>',
    'the municipalities to compare with, e.g. 813,860 (default: the other municipalities with a policy in Medborger)',
    (v) => {
      if (!/^\d{3}(,\d{3})*$/.test(v))
        throw new InvalidArgumentError('municipality codes separated by commas, e.g. 813,860');
      return v.split(',');
    },
  )
  .action(
    async (opts: { municipality: string; year?: number; format?: 'pdf' | 'html'; out: string; compare?: string[] }) => {
      const { openRuntime } = await import('../runtime.js');
      const { createToken, authenticate } = await import('../services/tokens.js');
      const { annualReport } = await import('../services/annual-report.js');
      const { annualReportHtml, annualReportPdf } = await import('../reports/annual-report.js');
      const started = performance.now();
      const format = opts.format ?? (/\.html?$/i.test(opts.out) ? 'html' : 'pdf');
      const today = todayIso();
      const year = opts.year ?? Number(today.slice(0, 4)) - 1;
      const config = loadConfig();
      let runtime;
      try {
        runtime = await openRuntime(config, 'report annual');
      } catch (err) {
        if (err instanceof DataDirLockedError) {
          console.error(
            `medborger: a running Medborger server (pid ${err.holder.pid}) holds the embedded database in ${config.dataDir}; get the report through its API instead (analyst or secretariat token):`,
          );
          console.error(
            `  curl -o ${opts.out} -H "Authorization: Bearer <token>" "http://127.0.0.1:${readLock(config.dataDir)?.port ?? 'PORT'}/api/v1/municipalities/${opts.municipality}/reports/annual?year=${year}&format=${format}"`,
          );
          process.exit(2);
        }
        throw err;
      }
      try {
        const db = runtime.database.db;
        // Made as a technical user with the analyst's rights (aggregates only), its token's creation audited.
        const { token: secret } = await createToken(db, {
          municipalityCode: opts.municipality,
          role: 'analyst',
          userName: 'medborger report annual (kommandolinje)',
          days: 1,
          hours: 0.1,
          createdVia: 'kommandolinje (report annual)',
        });
        const actor = await authenticate(db, secret);
        if (!actor) throw new Error('The token just created does not authenticate.');
        const ctx = { db, vault: runtime.vault, actor, purpose: DEFAULT_PURPOSE.analyst, today };
        const model = await annualReport(ctx, opts.municipality, year, opts.compare ? { compare: opts.compare } : {});
        const bytes = format === 'pdf' ? await annualReportPdf(model) : Buffer.from(await annualReportHtml(model));
        writeFileSync(opts.out, bytes);
        const name = `${model.municipality.name} Kommune`;
        if (!model.hasRecords)
          console.error(
            `medborger: ${name} (${opts.municipality}) har ingen registreringer i Medborger; rapporten har ingen tal, kun politikken, reglerne og styringen.`,
          );
        console.log(
          `Årsrapport ${year} for ${name} skrevet til ${opts.out} (${format.toUpperCase()}, ${Math.round(bytes.length / 1024)} kB, ${((performance.now() - started) / 1000).toFixed(1).replace('.', ',')} s).`,
        );
      } finally {
        await runtime.close();
      }
    },
  );

const token = program.command('token').description('API tokens');
token
  .command('create')
  .description('Create an API token; prints it as the last line')
  .requiredOption('--municipality <code>', 'municipality code, e.g. 580', (v) => {
    if (!/^\d{3}$/.test(v)) throw new InvalidArgumentError('a 3-digit municipality code');
    return v;
  })
  .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`, (v) => {
    if (!(ROLES as readonly string[]).includes(v)) throw new InvalidArgumentError(`one of ${ROLES.join(', ')}`);
    return v;
  })
  .requiredOption(
    '--user <name>',
    'the integration client the token is for: a new technical user "Integration: <name>" each time, never an existing person (citizen token: the label of the person\'s citizen user)',
  )
  .option(
    '--days <n>',
    'days until it expires',
    (v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1 || n > 365) throw new InvalidArgumentError('1 to 365');
      return n;
    },
    30,
  )
  .option('--person <id>', 'for a citizen token: the person id')
  .action(async (opts: { municipality: string; role: Role; user: string; days: number; person?: string }) => {
    const { openRuntime } = await import('../runtime.js');
    const { createToken } = await import('../services/tokens.js');
    const config = loadConfig();
    let runtime;
    try {
      runtime = await openRuntime(config, 'token create');
    } catch (err) {
      if (err instanceof DataDirLockedError) {
        const holder = readLock(config.dataDir);
        const url = holder?.port ? `http://127.0.0.1:${holder.port}` : 'http://127.0.0.1:PORT';
        console.error(
          `medborger: a running Medborger server (pid ${err.holder.pid}) holds the embedded database in ${config.dataDir}, so this command cannot open it.`,
        );
        console.error("Create the token through the server's admin API instead (needs an admin token):");
        console.error(
          `  curl -X POST ${url}/api/v1/tokens -H "Authorization: Bearer <admin token>" -H "Content-Type: application/json" \\`,
        );
        console.error(
          `       -d '{"role":"${opts.role}","user":"${opts.user.replace(/'/g, '')}","days":${opts.days}${opts.person ? `,"personId":"${opts.person}"` : ''}}'`,
        );
        console.error(
          '(The server prints demo admin tokens at start in demo mode.) Or stop the server and run this command again.',
        );
        process.exit(2);
      }
      throw err;
    }
    try {
      const created = await createToken(runtime.database.db, {
        municipalityCode: opts.municipality,
        role: opts.role,
        userName: opts.user,
        days: opts.days,
        personId: opts.person,
        createdVia: 'kommandolinje (token create)',
      });
      console.log(
        `Token ${created.tokenId} for ${created.userKind === 'integration_client' ? 'the integration client' : 'the citizen user'} "${created.userName}" (user ${created.userId}, ${opts.role}, municipality ${opts.municipality}), expires ${created.expiresAt.toISOString()}; its creation is in the audit trail. It is shown only now:`,
      );
      console.log(created.token);
    } finally {
      await runtime.close();
    }
  });

program.parseAsync(process.argv).catch(fail);
