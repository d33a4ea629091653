// Why each agent got its option: the criteria behind the score, the best alternative and why it
// lost (it scores lower; it is taken by someone who gains more from it; it would break a cap),
// and the constraints that bind. Computed from the problem and the placement alone (prices are
// used when the engine has them), so every engine's answer is explained the same way.
// Texts are Danish (the housing coordinator reads them); codes are stable for the API. Pure.
import { constraintsByOption, evaluate, indexByAgent, type PlacementProblem, type PlacementSolution } from './model.js';

export interface CriterionScore {
  criterion: string;
  label_da: string;
  /** the measured quantity (minutes, DKK, rooms …) */
  raw: number;
  /** 0..1 */
  score: number;
  weight: number;
  contribution: number;
}

export interface BindingConstraint {
  constraint: string;
  load: number;
  cap: number;
  /** value of one more unit of capacity, in score points (when the engine gives prices) */
  price: number | null;
}

export type LossReason = 'lower_score' | 'taken' | 'cap' | 'within_gap';

export interface Alternative {
  option: number;
  optionLabel: string;
  value: number;
  criteria: CriterionScore[] | null;
  reason: LossReason;
  /** for 'taken': who holds it and what an exchange would change in total */
  takenBy?: { agent: number; agentLabel: string; exchangeDelta: number | null };
  /** for 'cap': the constraints that placing the agent there would exceed */
  exceeds?: BindingConstraint[];
  text_da: string;
}

export interface Explanation {
  agent: number;
  agentLabel: string;
  option: number | null;
  optionLabel: string | null;
  value: number;
  criteria: CriterionScore[] | null;
  alternative: Alternative | null;
  /** constraints on the chosen option that are full */
  binding: BindingConstraint[];
  /** eligible options the agent had */
  eligibleOptions: number;
  text_da: string;
}

const fmt = (x: number) => (Math.round(x * 10) / 10).toLocaleString('da-DK');
/** Two scores with as many decimals (1 to 3) as it takes to tell them apart. */
function fmtTwo(a: number, b: number): [string, string] {
  let digits = 1;
  while (digits < 3 && Math.round(a * 10 ** digits) === Math.round(b * 10 ** digits)) digits++;
  const show = (x: number) =>
    (Math.round(x * 10 ** digits) / 10 ** digits).toLocaleString('da-DK', { maximumFractionDigits: digits });
  return [show(a), show(b)];
}

export function explainPlacement(
  p: PlacementProblem,
  sol: PlacementSolution,
  criteriaOf: (pair: number) => CriterionScore[] | null = () => null,
): Explanation[] {
  const byAgent = indexByAgent(p);
  const oc = constraintsByOption(p);
  const ev = evaluate(p, sol.assignment, byAgent);
  const load = ev.load;
  const better = (a: number, b: number) => (p.sense === 'max' ? a > b + 1e-9 : a < b - 1e-9);
  const agentLabel = (i: number) => p.agentLabels?.[i] ?? `agent ${i}`;
  const optionLabel = (j: number) => p.optionLabels?.[j] ?? `option ${j}`;
  const pairOf = new Int32Array(p.agents).fill(-1);
  const holders: number[][] = Array.from({ length: p.options }, () => []);
  for (let i = 0; i < p.agents; i++) {
    const j = sol.assignment[i]!;
    if (j < 0) continue;
    holders[j]!.push(i);
    for (let q = byAgent.start[i]!; q < byAgent.start[i + 1]!; q++)
      if (p.pairOption[byAgent.pairs[q]!] === j) {
        pairOf[i] = byAgent.pairs[q]!;
        break;
      }
  }
  const pairFor = (i: number, j: number) => {
    for (let q = byAgent.start[i]!; q < byAgent.start[i + 1]!; q++)
      if (p.pairOption[byAgent.pairs[q]!] === j) return byAgent.pairs[q]!;
    return -1;
  };
  const use = (con: number, k: number) => p.dimensions[p.constraints[con]!.dimension]!.use[k]!;
  const covers = (con: number, j: number) => {
    for (let r = oc.start[j]!; r < oc.start[j + 1]!; r++) if (oc.cons[r] === con) return true;
    return false;
  };
  const binding = (con: number): BindingConstraint => ({
    constraint: p.constraints[con]!.name,
    load: load[con]!,
    cap: p.constraints[con]!.cap,
    price: sol.prices ? sol.prices[con]! : null,
  });

  /** The constraints agent i (now on pair `from`) would exceed on pair k. */
  const wouldExceed = (i: number, from: number, k: number, ignoreAgent = -1): number[] => {
    const j = p.pairOption[k]!;
    const out: number[] = [];
    for (let r = oc.start[j]!; r < oc.start[j + 1]!; r++) {
      const con = oc.cons[r]!;
      let after = load[con]! + use(con, k);
      if (from >= 0 && covers(con, p.pairOption[from]!)) after -= use(con, from);
      if (ignoreAgent >= 0) {
        const h = pairOf[ignoreAgent]!;
        if (h >= 0 && covers(con, p.pairOption[h]!)) after -= use(con, h);
      }
      if (after > p.constraints[con]!.cap + 1e-9) out.push(con);
    }
    return out;
  };

  return Array.from({ length: p.agents }, (_, i): Explanation => {
    const k = pairOf[i]!;
    const j = k >= 0 ? p.pairOption[k]! : null;
    const value = k >= 0 ? p.pairValue[k]! : (p.unplacedValue?.[i] ?? NaN);
    // Best alternative: the best-valued other eligible option.
    let alt = -1;
    for (let q = byAgent.start[i]!; q < byAgent.start[i + 1]!; q++) {
      const a = byAgent.pairs[q]!;
      if (a === k) continue;
      if (alt === -1 || better(p.pairValue[a]!, p.pairValue[alt]!)) alt = a;
    }
    let alternative: Alternative | null = null;
    if (alt >= 0) {
      const altJ = p.pairOption[alt]!;
      const altValue = p.pairValue[alt]!;
      const base = { option: altJ, optionLabel: optionLabel(altJ), value: altValue, criteria: criteriaOf(alt) };
      if (!better(altValue, value) && k >= 0) {
        alternative = {
          ...base,
          reason: 'lower_score',
          text_da: `Næstbedste mulighed, ${optionLabel(altJ)}, scorer ${fmtTwo(altValue, value).join(' mod ')}.`,
        };
      } else {
        const exceeded = wouldExceed(i, k, alt);
        const others = holders[altJ]!.filter((h) => h !== i);
        if (exceeded.length === 0) {
          alternative = {
            ...base,
            reason: 'within_gap',
            text_da: `${optionLabel(altJ)} scorer højere (${fmt(altValue)}) og er ledig; forskellen ligger inden for løsningens dokumenterede afstand til optimum.`,
          };
        } else if (
          others.length > 0 &&
          exceeded.every((con) => wouldExceed(i, k, alt, others[0]).indexOf(con) === -1)
        ) {
          // Room appears if the holder leaves: it is taken. What would an exchange give in total?
          const h = others[0]!;
          const hPair = pairOf[h]!;
          const hToMine = j !== null ? pairFor(h, j) : -1;
          let exchangeDelta: number | null = null;
          if (k >= 0 && hToMine >= 0) exchangeDelta = altValue + p.pairValue[hToMine]! - (value + p.pairValue[hPair]!);
          else if (k < 0 && p.unplacedValue && Number.isFinite(p.unplacedValue[h]!))
            exchangeDelta = altValue + p.unplacedValue[h]! - (value + p.pairValue[hPair]!);
          const swap =
            exchangeDelta === null
              ? `${agentLabel(h)} kan ikke bytte`
              : `et bytte ville give ${fmt(Math.abs(exchangeDelta))} point ${better(exchangeDelta, 0) ? 'mere' : 'mindre'} samlet`;
          alternative = {
            ...base,
            reason: 'taken',
            takenBy: { agent: h, agentLabel: agentLabel(h), exchangeDelta },
            text_da: `${optionLabel(altJ)} scorer ${fmt(altValue)}, men er tildelt ${agentLabel(h)}; ${swap}.`,
          };
        } else {
          const exceeds = exceeded.map(binding);
          alternative = {
            ...base,
            reason: 'cap',
            exceeds,
            text_da: `${optionLabel(altJ)} scorer ${fmt(altValue)}, men ville overskride ${exceeds.map((b) => `${b.constraint} (${fmt(b.load)} af ${fmt(b.cap)} brugt)`).join(' og ')}.`,
          };
        }
      }
    }
    const bindingHere: BindingConstraint[] = [];
    if (j !== null) {
      for (let r = oc.start[j]!; r < oc.start[j + 1]!; r++) {
        const con = oc.cons[r]!;
        if (load[con]! >= p.constraints[con]!.cap - 1e-9) bindingHere.push(binding(con));
      }
    }
    const eligible = byAgent.start[i + 1]! - byAgent.start[i]!;
    const criteria = k >= 0 ? criteriaOf(k) : null;
    const top = criteria
      ? [...criteria]
          .sort((a, b) => b.contribution - a.contribution)
          .slice(0, 2)
          .map((c) => c.label_da.toLowerCase())
      : [];
    const text_da =
      j === null
        ? eligible === 0
          ? 'Ingen mulighed opfylder kravene (fx værelser, husleje eller tilgængelighed).'
          : `Ikke placeret: alle ${eligible} egnede muligheder er brugt af andre, der scorer højere, eller ville overskride et loft.${alternative ? ` ${alternative.text_da}` : ''}`
        : `Placeret i ${optionLabel(j)} med score ${fmt(value)}${top.length ? `, især for ${top.join(' og ')}` : ''}.${alternative ? ` ${alternative.text_da}` : ''}`;
    return {
      agent: i,
      agentLabel: agentLabel(i),
      option: j,
      optionLabel: j === null ? null : optionLabel(j),
      value,
      criteria,
      alternative,
      binding: bindingHere,
      eligibleOptions: eligible,
      text_da,
    };
  });
}
