// The service ↔ repository boundary (ARCHITECTURE.md, layer 3): a service reads top to bottom
// (authorize → one tenant transaction → check → write → access-log rows → view) and calls a
// repository for every query; the SQL lives in src/repositories/. This test parses every file
// under src/services/ with the TypeScript compiler (so comments and strings do not count) and
// fails, naming file:line, when one builds or runs a query itself.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';

const ROOT = join(import.meta.dirname, '..');
const SERVICES = join(ROOT, 'src', 'services');

/** Kysely's query builders: a call of one of these is SQL, whatever the receiver is called. */
const QUERY_BUILDERS = new Set([
  'selectFrom',
  'selectNoFrom',
  'insertInto',
  'replaceInto',
  'updateTable',
  'deleteFrom',
  'mergeInto',
  'executeQuery',
]);

/** Every place in `source` that runs SQL itself, as "line: what". */
function sqlInSource(fileName: string, source: string): string[] {
  const file = ts.createSourceFile(
    fileName,
    source,
    ts.ScriptTarget.Latest,
    true,
    fileName.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const found: string[] = [];
  const at = (node: ts.Node, what: string) =>
    found.push(`${file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1}: ${what}`);
  const visit = (node: ts.Node): void => {
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      QUERY_BUILDERS.has(node.expression.name.text)
    ) {
      at(node, `.${node.expression.name.text}(…)`);
    }
    if (ts.isTaggedTemplateExpression(node)) {
      const tag = node.tag.getText(file);
      if (tag === 'sql' || tag.startsWith('sql.') || tag.startsWith('sql<')) at(node, 'sql`…`');
    }
    if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'sql')
      at(node, `sql.${node.name.text}`);
    if (
      ts.isImportDeclaration(node) &&
      ts.isStringLiteral(node.moduleSpecifier) &&
      node.moduleSpecifier.text === 'kysely'
    ) {
      const clause = node.importClause;
      if (
        clause &&
        clause.phaseModifier !== ts.SyntaxKind.TypeKeyword &&
        clause.namedBindings &&
        ts.isNamedImports(clause.namedBindings)
      ) {
        for (const el of clause.namedBindings.elements) {
          if (!el.isTypeOnly && (el.propertyName ?? el.name).text === 'sql') at(el, "import { sql } from 'kysely'");
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

function serviceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return serviceFiles(path);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

test('a service that runs SQL itself (selectFrom, insertInto, updateTable, deleteFrom, sql`…`) instead of calling a repository is reported with file:line', () => {
  const files = serviceFiles(SERVICES);
  // Not vacuous: the services are there to be checked.
  assert.ok(files.length >= 10, `expected the service modules under src/services/, found ${files.length}`);
  const offences = files.flatMap((f) =>
    sqlInSource(f, readFileSync(f, 'utf8')).map((o) => `${relative(ROOT, f)}:${o}`),
  );
  assert.deepEqual(
    offences,
    [],
    `SQL in a service; move each statement into the repository of its aggregate (src/repositories/):\n${offences.join('\n')}`,
  );
});

test('the SQL detector finds each kind of query and ignores comments, strings and type-only imports', () => {
  const offending = [
    "import { sql, type Kysely } from 'kysely';",
    "const a = await tx.selectFrom('persons').selectAll().execute();",
    "await ctx.db.insertInto('x').values({}).execute();",
    "await tx.updateTable('x').set({}).execute();",
    "await trx.deleteFrom('x').execute();",
    'await sql`SELECT 1`.execute(tx);',
    "const r = sql.raw('1');",
  ].join('\n');
  assert.deepEqual(
    sqlInSource('offending.ts', offending).map((o) => o.split(':')[0]),
    ['1', '2', '3', '4', '5', '6', '7'],
  );
  const clean = [
    "import type { Kysely } from 'kysely';",
    "import { type sql as s } from 'kysely';",
    "// tx.selectFrom('persons') and sql`…` in a comment",
    'const text = "tx.insertInto(\'x\')";',
    'const visitation = await visitationVersion(tx, personId, { lock: true });',
  ].join('\n');
  assert.deepEqual(sqlInSource('clean.ts', clean), []);
});
