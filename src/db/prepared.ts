// Named prepared statements for the queries Kysely sends to a PostgreSQL server. Kysely sends each
// query as an unnamed statement, which the server parses and plans at every execution: the case
// file's one statement (nine subqueries, each under row-level security) spent 3–8 ms planning per
// GET person against 1 ms executing (issue 16, found with log_min_duration_statement = 0). Named,
// a statement is parsed once per connection and its plan is cached by the server (custom plans
// first, then the generic plan when it is as cheap), and PostgreSQL re-plans a cached statement
// itself when a table, a policy or the role it was planned for changes.
import type pg from 'pg';

/** At most this many distinct statements are named (per process); the rest go unnamed, as before. */
const MAX_NAMED = 2000;
const names = new Map<string, string>();

function nameOf(text: string): string | undefined {
  let name = names.get(text);
  if (name === undefined && names.size < MAX_NAMED) {
    name = `mb${names.size.toString(36)}`;
    names.set(text, name);
  }
  return name;
}

/**
 * Makes the client send Kysely's parameterised queries as named prepared statements. A query
 * without parameters is left as it is: it may be a simple query of several statements (the
 * tenant's `BEGIN; SELECT set_config(…)`), which cannot be prepared.
 */
export function preparesStatements(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    const [text, values] = args;
    if (typeof text === 'string' && Array.isArray(values) && values.length > 0 && args.length === 2) {
      const name = nameOf(text);
      if (name) return query({ name, text, values });
    }
    return query(...args);
  };
}
