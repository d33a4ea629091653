// Runs every test file with Node's test runner (TypeScript through tsx). Test files run in
// separate processes; each opens its own database (see test/helpers.ts).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const files = readdirSync('test')
  .filter((f) => f.endsWith('.test.ts'))
  .sort()
  .map((f) => `test/${f}`);
const only = process.argv.slice(2);
const selected = only.length > 0 ? files.filter((f) => only.some((o) => f.includes(o))) : files;
console.log(
  `engines: pglite${process.env.TEST_DATABASE_URL ? ' + postgres (TEST_DATABASE_URL)' : ' (set TEST_DATABASE_URL to also test on PostgreSQL)'}`,
);
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...selected], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
