// A benchmark's stand-in for PostgreSQL's autovacuum when the server runs with it off (this
// project's CI machine does): as the owner, every 10 s, the tables past their autovacuum
// thresholds are vacuumed and analysed (src/db/autovacuum.ts, the formulas autovacuum applies),
// so that the figures are those of a server configured as PostgreSQL ships. Said when it runs.
import { autovacuumIsOn, vacuumPastThresholds } from '../src/db/autovacuum.js';
import type { Database } from '../src/db/database.js';

export async function ownerAutovacuum(owner: Database['db']): Promise<{ stop(): Promise<void> }> {
  if (await autovacuumIsOn(owner)) return { stop: () => Promise.resolve() };
  console.log(
    'PostgreSQL runs with autovacuum off here: the benchmark vacuums and analyses as the owner every 10 s instead',
  );
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = running
      .then(() => vacuumPastThresholds(owner))
      .catch((err: unknown) => {
        console.error('vacuum as the owner failed:', err);
      });
  }, 10_000);
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
