// A fresh PGlite cluster, as PGlite's initdb makes it, kept as a tarball per PGlite version in
// node_modules/.cache/medborger (where build tools keep their caches). A new embedded database
// (the first start, every test file's database) is unpacked from it instead of running initdb,
// which is most of a first start: 7–9 s of initdb against 1.6–2.3 s unpacked (bench:start, issue 16).
// `npm install` makes it (the prepare script); a missing or damaged one is made again, and any
// failure to read or make it falls back to initdb. The tarball is what initdb writes: the same
// PGlite version, the same cluster.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';

/** The installed PGlite package's folder (its package.json is not exported: found from its entry). */
function pgliteRoot(): string {
  let dir = path.dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  while (!existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return dir;
}

/** Where the template of the installed PGlite version is kept. */
export function templateFile(): string {
  const root = pgliteRoot();
  const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
  // node_modules/@electric-sql/pglite → node_modules/.cache/medborger
  return path.join(root, '..', '..', '.cache', 'medborger', `pglite-${version}-cluster.tar.gz`);
}

/** Makes the template (initdb in memory, dumped); written atomically, so concurrent makers do not clash. */
export async function makeTemplate(file = templateFile()): Promise<Blob> {
  const pglite = await PGlite.create();
  try {
    const blob = await pglite.dumpDataDir('gzip');
    mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, Buffer.from(await blob.arrayBuffer()));
    renameSync(tmp, file);
    return blob;
  } finally {
    await pglite.close();
  }
}

/** The template as PGlite's `loadDataDir`, made first if it is missing; null if it cannot be had. */
export async function clusterTemplate(file = templateFile()): Promise<Blob | null> {
  try {
    return new Blob([readFileSync(file)]);
  } catch {
    // not made yet (or unreadable): make it now
  }
  try {
    return await makeTemplate(file);
  } catch {
    return null;
  }
}
