// Queries built and compiled once. Kysely builds a query's tree and compiles it to SQL at every
// call; for the statements of the hottest reads (a person, the case file) that was the largest
// share of the server's JavaScript time under load (issue 16: kysely 7.9 % of the samples of
// bench:api's GET person, the parser and the visitor first). A query made with `compileOnce` is
// built by the same typed builder, once, with a sentinel in place of each named parameter; each
// call sends the cached SQL text with the parameters put in place. The text is the same at every
// call, so the server's prepared statement (src/db/prepared.ts) is reused as before.
import { CompiledQuery, type Compilable } from 'kysely';
import type { Tx } from './tenant.js';

const SENTINEL = '\u0000medborger-parameter:';

type Slot<K extends string> = { key: K } | { value: unknown };

/**
 * A query over named string parameters, compiled at its first call. `build` must use each
 * parameter only as a whole value (a sentinel folded into a longer value is refused at compile).
 */
export function compileOnce<K extends string, R>(
  keys: readonly K[],
  build: (tx: Tx, p: Readonly<Record<K, string>>) => Compilable<R>,
): (tx: Tx, params: Readonly<Record<K, string>>) => Promise<R[]> {
  let cached: { sql: string; slots: Slot<K>[] } | null = null;
  return async (tx, params) => {
    if (cached === null) {
      const sentinels = Object.fromEntries(keys.map((k) => [k, SENTINEL + k])) as Record<K, string>;
      const compiled = build(tx, sentinels).compile();
      const slots = compiled.parameters.map((v): Slot<K> => {
        const key = keys.find((k) => v === SENTINEL + k);
        if (key !== undefined) return { key };
        if (typeof v === 'string' && v.includes(SENTINEL))
          throw new Error('compileOnce: a parameter is used inside a longer value; pass it as a whole value.');
        return { value: v };
      });
      for (const k of keys)
        if (!slots.some((s) => 'key' in s && s.key === k))
          throw new Error(`compileOnce: the query does not use the parameter ${k}.`);
      cached = { sql: compiled.sql, slots };
    }
    const parameters = cached.slots.map((s) => ('key' in s ? params[s.key] : s.value));
    const result = await tx.executeQuery<R>(CompiledQuery.raw(cached.sql, parameters));
    return result.rows;
  };
}
