// Transaction-scoped advisory locks on named keys (a person's evaluation, a notice's reference):
// taken in one order (by the keys' hashes), so that two transactions locking overlapping sets
// never deadlock. Each key is locked as (hash of the namespace, hash of the key).
import { sql } from 'kysely';
import type { Tx } from './tenant.js';

/** Locks `namespace`'s `keys` until the transaction ends, waiting for any other holder. */
export async function lockKeys(tx: Tx, namespace: string, keys: readonly string[]): Promise<void> {
  if (keys.length === 0) return;
  await sql`
    SELECT pg_advisory_xact_lock(s.namespace_key, s.key)
      FROM (SELECT hashtext(${namespace}) AS namespace_key, hashtext(k) AS key
              FROM unnest(${sql.val([...keys])}::text[]) AS k
             ORDER BY 2 OFFSET 0) s`.execute(tx);
}
