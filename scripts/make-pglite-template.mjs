// Part of `npm install` (the prepare script, after the build): makes the fresh PGlite cluster that
// new embedded databases are unpacked from (src/db/pglite-template.ts), so that the first
// `npm start` does not run initdb. Harmless to run again; a failure only means initdb runs later.
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const { makeTemplate, templateFile } = await import('../dist/db/pglite-template.js');
const file = templateFile();
if (existsSync(file)) process.exit(0);
try {
  const t = performance.now();
  await makeTemplate(file);
  console.log(`medborger: made the embedded database's cluster template in ${Math.round(performance.now() - t)} ms`);
} catch (err) {
  console.warn(
    `medborger: could not make the embedded database's cluster template (initdb will run at first start): ${err}`,
  );
}
