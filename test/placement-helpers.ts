// Test helpers for the placement engine: pure, no database.
import { evaluate, type PlacementProblem } from '../src/placement/model.js';

/** The best objective over every assignment (each agent: an eligible option or unplaced), or null when none is feasible. */
export function bruteForce(p: PlacementProblem): number | null {
  const options: number[][] = Array.from({ length: p.agents }, () => []);
  for (let k = 0; k < p.pairAgent.length; k++) options[p.pairAgent[k]!]!.push(p.pairOption[k]!);
  for (let i = 0; i < p.agents; i++) if (p.unplacedValue && Number.isFinite(p.unplacedValue[i]!)) options[i]!.push(-1);
  let best: number | null = null;
  const a = new Int32Array(p.agents);
  const go = (i: number) => {
    if (i === p.agents) {
      const ev = evaluate(p, a);
      if (ev.feasible && (best === null || (p.sense === 'min' ? ev.objective < best : ev.objective > best)))
        best = ev.objective;
      return;
    }
    for (const j of options[i]!) {
      a[i] = j;
      go(i + 1);
    }
  };
  go(0);
  return best;
}
