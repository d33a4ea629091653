// Keeping the materialised obligations (migration 0016) equal to the engine's output.
//
// - A transaction that wrote evaluates again, before it commits, the persons the database marked
//   in it (setBeforeCommitOfWrites, run by src/db/tenant.ts): the rows change with the facts.
// - A worklist for the service's day reads the rows. When they were evaluated for another day or
//   under another policy, the whole municipality is evaluated for the day first (once: the others
//   wait on the municipality's evaluation lock and then find it done); marks another writer left
//   (a script, a migration) are evaluated before reading. Date-driven changes (due soon, overdue,
//   the next period of a cadence) are thus a new evaluation once a day, not a rewrite per change.
// - A worklist for any other day is computed by the engine on the spot (src/services/obligations.ts).
//
// Each evaluation of some persons holds the municipality's evaluation lock shared and a lock per
// person (two transactions evaluating one person take turns, and the second reads the facts the
// first committed); the evaluation of the whole municipality holds it exclusively.
import { createHash } from 'node:crypto';
import { setBeforeCommitOfWrites, type Tx } from '../db/tenant.js';
import type { CompiledRule, Obligation } from '../domain/obligations.js';
import { OBLIGATIONS_ENGINE_REVISION, obligationHead, tightenedLaw } from '../domain/obligations.js';
import { worklistObligationsOf } from '../domain/worklist.js';
import { compileRules, shippedPolicies } from '../policy/load.js';
import { loadCaseFacts } from '../repositories/case-facts.js';
import {
  clearMarks,
  lockMunicipalityEvaluation,
  lockPersons,
  markedPersons,
  obligationDay,
  replaceObligations,
  setObligationDay,
  storedObligations,
  takeOwnMarks,
  type ObligationDay,
  type StoredObligation,
} from '../repositories/obligation-store.js';

const FINGERPRINTS = new WeakMap<object, Map<string, string>>();

/**
 * What the rows of a municipality were evaluated under: its compiled rules (law and policy), the
 * days counted as due soon, and the engine's revision. Rows under another fingerprint are stale.
 */
export function policyFingerprint(municipalityCode: string): string {
  const set = shippedPolicies();
  let byCode = FINGERPRINTS.get(set);
  if (!byCode) FINGERPRINTS.set(set, (byCode = new Map<string, string>()));
  const known = byCode.get(municipalityCode);
  if (known !== undefined) return known;
  const { rules, dueSoonDays } = compileRules(set, municipalityCode);
  const text = JSON.stringify({
    engine: OBLIGATIONS_ENGINE_REVISION,
    dueSoonDays,
    rules: rules.map((c) => ({ layer: c.layer, rule: c.rule, tightened: c.tightened?.map((t) => t.rule.id) })),
  });
  const fingerprint = createHash('sha256').update(text).digest('hex');
  byCode.set(municipalityCode, fingerprint);
  return fingerprint;
}

/** The row to store for one of the engine's obligations of a person. */
export function toStored(personId: string, o: Obligation): StoredObligation {
  if (o.status === 'not_applicable')
    throw new RangeError(`The worklist shows no not-applicable obligation (${o.ruleId})`);
  return {
    personId,
    ruleId: o.ruleId,
    status: o.status,
    dueDate: o.dueDate,
    evidence: o.evidence ?? null,
    reason: o.reason ?? null,
    tightens: o.tightens ? o.tightens.map((t) => [t.status, t.dueDate]) : null,
  };
}

/** The engine's obligation again from a stored row and the rules it was evaluated under. */
export function fromStored(rules: ReadonlyMap<string, CompiledRule>, s: StoredObligation): Obligation {
  const c = rules.get(s.ruleId);
  if (!c) throw new RangeError(`A stored obligation names a rule not in force: ${s.ruleId}`);
  const tightens = c.tightened?.map((t, i) => {
    const [status, dueDate] = s.tightens?.[i] ?? ['not_applicable', null];
    return tightenedLaw(t, { status, dueDate });
  });
  return {
    ...obligationHead(c, tightens),
    dueDate: s.dueDate,
    status: s.status,
    ...(s.evidence !== null && s.evidence !== undefined ? { evidence: s.evidence as Obligation['evidence'] } : {}),
    ...(s.reason !== null ? { reason: s.reason } : {}),
  };
}

/** Evaluates the persons (all when null) for the day and replaces their rows; the caller holds their locks. */
async function evaluate(tx: Tx, municipalityCode: string, personIds: readonly string[] | null, on: string) {
  const { rules, dueSoonDays } = compileRules(shippedPolicies(), municipalityCode);
  const facts = await loadCaseFacts(tx, personIds === null ? {} : { personIds: [...personIds] });
  const rows: StoredObligation[] = [];
  for (const f of facts.values())
    for (const o of worklistObligationsOf(rules, f, on, dueSoonDays)) rows.push(toStored(f.personId, o));
  await replaceObligations(tx, municipalityCode, personIds, rows);
}

function isCurrent(day: ObligationDay | null, municipalityCode: string, on: string): day is ObligationDay {
  return day !== null && day.evaluatedFor === on && day.policy === policyFingerprint(municipalityCode);
}

/**
 * Before a transaction that wrote commits: the persons it marked, evaluated again for the day
 * their municipality's rows are for. Rows already stale (no day, another policy) are left for the
 * whole municipality's next evaluation.
 */
export async function evaluateOwnMarks(tx: Tx, municipalityCode: string): Promise<void> {
  const personIds = await takeOwnMarks(tx);
  if (personIds.length === 0) return;
  await lockMunicipalityEvaluation(tx, municipalityCode, 'shared');
  await lockPersons(tx, municipalityCode, personIds);
  // After the lock: a whole evaluation that held it has committed, and its day is read here.
  const day = await obligationDay(tx, municipalityCode);
  if (day === null || day.policy !== policyFingerprint(municipalityCode)) return;
  await evaluate(tx, municipalityCode, personIds, day.evaluatedFor);
}

setBeforeCommitOfWrites(evaluateOwnMarks);

/**
 * Makes the municipality's rows current for the day: evaluates all of them when they are for
 * another day or policy (or none exist yet), else the persons others left marked.
 */
export async function makeCurrent(tx: Tx, municipalityCode: string, on: string, day: ObligationDay | null) {
  if (!isCurrent(day, municipalityCode, on)) {
    await lockMunicipalityEvaluation(tx, municipalityCode, 'exclusive');
    const now = await obligationDay(tx, municipalityCode);
    if (!isCurrent(now, municipalityCode, on)) {
      await clearMarks(tx, null);
      await evaluate(tx, municipalityCode, null, on);
      await setObligationDay(tx, municipalityCode, { evaluatedFor: on, policy: policyFingerprint(municipalityCode) });
      return;
    }
  }
  const marked = await markedPersons(tx);
  if (marked.length === 0) return;
  await lockMunicipalityEvaluation(tx, municipalityCode, 'shared');
  await lockPersons(tx, municipalityCode, marked);
  await clearMarks(tx, marked);
  await evaluate(tx, municipalityCode, marked, on);
}

export { isCurrent as rowsAreCurrent };

export interface StoreCheck {
  /** Rows stored for the municipality, and rows the engine finds for the day. */
  stored: number;
  engine: number;
  /** The first few person/rule keys whose stored row differs from the engine's (or exists on one side only). */
  differences: string[];
}

/**
 * The municipality's stored rows against what the engine finds for every person on the day, in
 * one transaction (the randomised test, bench:soak): equal when `differences` is empty.
 */
export async function checkStore(tx: Tx, municipalityCode: string, on: string, limit = 5): Promise<StoreCheck> {
  const { rules, dueSoonDays } = compileRules(shippedPolicies(), municipalityCode);
  const facts = await loadCaseFacts(tx);
  const key = (r: StoredObligation) => `${r.personId}/${r.ruleId}`;
  const engine = new Map<string, string>();
  for (const f of facts.values())
    for (const o of worklistObligationsOf(rules, f, on, dueSoonDays)) {
      const r = toStored(f.personId, o);
      engine.set(key(r), JSON.stringify(r));
    }
  const stored = new Map((await storedObligations(tx, null)).map((r) => [key(r), JSON.stringify(r)]));
  const differences: string[] = [];
  for (const k of new Set([...stored.keys(), ...engine.keys()]))
    if (stored.get(k) !== engine.get(k) && differences.length < limit)
      differences.push(`${k}: stored ${stored.get(k) ?? 'none'}, engine ${engine.get(k) ?? 'none'}`);
  return { stored: stored.size, engine: engine.size, differences };
}
