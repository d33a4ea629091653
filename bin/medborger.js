#!/usr/bin/env node
// Entry point of the `medborger` command. The TypeScript sources are compiled to dist/ by
// `npm install` (the prepare script); run `npm run build` after changing them.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  console.error('medborger: the compiled program is missing (dist/). Run `npm install` or `npm run build` first.');
  process.exit(1);
}
await import(entry.href);
