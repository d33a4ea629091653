// Loading policy files: parse YAML, check against the schema, check that every municipal rule
// that names a legal rule only tightens it, and compile the layers (law + municipality) into the
// rule list the obligations engine reads. A file that loosens the law is refused at load with a
// message naming the file, the rule and the law.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { durationDayRange, parseDuration } from '../domain/dates.js';
import type { CompiledRule } from '../domain/obligations.js';
import { checkLawPlacement, checkPlacementAgainstLaw } from './placement.js';
import { PolicyFile, type Evidence, type Rule } from './schema.js';

export class PolicyError extends Error {
  constructor(readonly file: string, readonly problems: string[]) {
    super(`${file}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export interface LoadedPolicy {
  file: string;
  policy: PolicyFile;
}

/** The policies shipped with Medborger (the repository's policies/ folder). */
export const POLICY_DIR = process.env.MEDBORGER_POLICY_DIR ?? fileURLToPath(new URL('../../policies/', import.meta.url));

export function parsePolicyText(text: string, file: string): PolicyFile {
  let raw: unknown;
  try {
    raw = parseYaml(text, { prettyErrors: true });
  } catch (err) {
    throw new PolicyError(file, [`not valid YAML: ${(err as Error).message}`]);
  }
  const parsed = PolicyFile.safeParse(raw);
  if (!parsed.success) {
    throw new PolicyError(file, parsed.error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(file)'}: ${i.message}${describeRuleAt(raw, i.path)}`));
  }
  const ids = new Set<string>();
  const dupes = parsed.data.rules.filter((r) => ids.size === ids.add(r.id).size).map((r) => `rule id ${r.id} is used twice`);
  if (dupes.length) throw new PolicyError(file, dupes);
  return parsed.data;
}

function describeRuleAt(raw: unknown, at: PropertyKey[]): string {
  if (at[0] !== 'rules' || typeof at[1] !== 'number') return '';
  const rule = (raw as { rules?: { id?: unknown }[] }).rules?.[at[1]];
  return rule && typeof rule.id === 'string' ? ` (rule ${rule.id})` : '';
}

export function loadPolicyFile(file: string): LoadedPolicy {
  return { file, policy: parsePolicyText(readFileSync(file, 'utf8'), file) };
}

// ---- Never loosen the law ------------------------------------------------------------------

/** Whether duration a is never longer than b, whatever day it is counted from. */
export function neverLonger(a: string, b: string): boolean {
  const da = parseDuration(a)!;
  const db = parseDuration(b)!;
  const months = (d: typeof da) => d.years * 12 + d.months;
  const fixed = (d: typeof da) => d.weeks * 7 + d.days;
  if (months(da) <= months(db) && fixed(da) <= fixed(db)) return true;
  return durationDayRange(da)[1] <= durationDayRange(db)[0];
}

function lawName(rule: Rule): string {
  return `${rule.id} (${rule.source.section ?? rule.source.document})`;
}

function evidenceCovers(municipal: Evidence[], law: Evidence[]): boolean {
  // Every legal evidence item must be demanded by the municipal rule, with the same or fewer kinds.
  return law.every((l) => municipal.some((m) => {
    if (m.type !== l.type) return false;
    if ('kinds' in l && 'kinds' in m) return (m.kinds as string[]).every((k) => (l.kinds as string[]).includes(k));
    return true;
  }));
}

/** Reasons why `m` is looser than `law`; empty when it is as strict or stricter. */
export function looseningReasons(m: Rule, law: Rule): string[] {
  const out: string[] = [];
  if (m.kind !== law.kind) return [`is a ${m.kind} rule but tightens the ${law.kind} rule ${lawName(law)}`];
  const longer = (mine: string, theirs: string, what: string) => {
    if (!neverLonger(mine, theirs)) out.push(`${what} ${mine} is longer than the law's ${theirs} in ${lawName(law)}`);
  };
  if (m.kind === 'deadline' && law.kind === 'deadline') {
    longer(m.within, law.within, 'its deadline');
    if (!evidenceCovers(m.evidence, law.evidence)) out.push(`it does not demand all the evidence the law demands in ${lawName(law)}`);
  } else if (m.kind === 'weekly_hours' && law.kind === 'weekly_hours') {
    if (m.minHours < law.minHours) out.push(`its ${m.minHours} hours a week are fewer than the law's ${law.minHours} in ${lawName(law)}`);
    longer(m.startWithin, law.startWithin, 'its start');
    longer(m.window, law.window, 'its averaging window');
  } else if (m.kind === 'presence' && law.kind === 'presence') {
    longer(m.within, law.within, 'its deadline');
    if (m.evidence !== law.evidence) out.push(`it demands ${m.evidence}, the law ${law.evidence}, in ${lawName(law)}`);
  } else if (m.kind === 'every_conversation' && law.kind === 'every_conversation') {
    const missing = law.conversationKinds.filter((k) => !m.conversationKinds.includes(k));
    if (missing.length) out.push(`it leaves out conversations of kind ${missing.join(', ')} that the law covers in ${lawName(law)}`);
  } else if (m.kind === 'cadence' && law.kind === 'cadence') {
    if (m.count < law.count) out.push(`its ${m.count} follow-ups are fewer than the law's ${law.count} in ${lawName(law)}`);
    longer(m.within, law.within, 'its window');
  } else if (m.kind === 'coverage' && law.kind === 'coverage') {
    if (m.target < law.target) out.push(`its target ${m.target} is below the law's ${law.target} in ${lawName(law)}`);
  } else if (m.kind === 'cap' && law.kind === 'cap') {
    if (law.maxShare !== undefined && (m.maxShare === undefined || m.maxShare > law.maxShare)) out.push(`its cap is above the law's ${law.maxShare} in ${lawName(law)}`);
  }
  return out;
}

/** Checks a municipal policy against the law: every `tightens` exists and is not loosened; no binding placement parameter is loosened. */
export function checkAgainstLaw(municipal: LoadedPolicy, law: LoadedPolicy): void {
  const lawRules = new Map(law.policy.rules.map((r) => [r.id, r]));
  const problems: string[] = [];
  for (const rule of municipal.policy.rules) {
    if (lawRules.has(rule.id)) problems.push(`rule ${rule.id} reuses the id of a legal rule; a municipal rule cannot replace the law, only tighten it (tightens: [${rule.id}])`);
    for (const id of rule.tightens ?? []) {
      const lawRule = lawRules.get(id);
      if (!lawRule) { problems.push(`rule ${rule.id} tightens ${id}, which is not a rule of ${path.basename(law.file)}`); continue; }
      for (const reason of looseningReasons(rule, lawRule)) problems.push(`rule ${rule.id} loosens the law: ${reason}`);
    }
  }
  problems.push(...checkPlacementAgainstLaw(municipal, law));
  if (problems.length) throw new PolicyError(municipal.file, problems);
}

// ---- Layers -------------------------------------------------------------------------------

export interface PolicySet {
  law: LoadedPolicy;
  byMunicipality: Map<string, LoadedPolicy>;
}

/** Loads national.yaml and every NNN-*.yaml of a folder; refuses the whole set if any file is wrong. */
export function loadPolicySet(dir: string = POLICY_DIR): PolicySet {
  const lawFile = path.join(dir, 'national.yaml');
  if (!existsSync(lawFile)) throw new PolicyError(lawFile, ['the national-law file is missing']);
  const law = loadPolicyFile(lawFile);
  if (law.policy.municipality !== 'national') throw new PolicyError(lawFile, ['municipality must be "national"']);
  const lawPlacement = checkLawPlacement(law);
  if (lawPlacement.length) throw new PolicyError(lawFile, lawPlacement);
  const byMunicipality = new Map<string, LoadedPolicy>();
  for (const name of readdirSync(dir).filter((f) => /^\d{3}-.*\.ya?ml$/.test(f)).sort()) {
    const loaded = loadPolicyFile(path.join(dir, name));
    if (loaded.policy.municipality !== name.slice(0, 3)) throw new PolicyError(loaded.file, [`the file name says ${name.slice(0, 3)} but municipality is ${loaded.policy.municipality}`]);
    checkAgainstLaw(loaded, law);
    byMunicipality.set(loaded.policy.municipality, loaded);
  }
  return { law, byMunicipality };
}

/** The rules in force for one municipality: the law's and the municipality's own. */
export function compileRules(set: PolicySet, municipalityCode: string): { rules: CompiledRule[]; dueSoonDays: number; policy: LoadedPolicy | null } {
  const lawCompiled = set.law.policy.rules.map((rule): CompiledRule => ({ rule, layer: 'national' }));
  const lawById = new Map(lawCompiled.map((c) => [c.rule.id, c]));
  const own = set.byMunicipality.get(municipalityCode) ?? null;
  const municipal = (own?.policy.rules ?? []).map((rule): CompiledRule => ({
    rule, layer: municipalityCode, tightened: rule.tightens?.map((id) => lawById.get(id)!).filter(Boolean),
  }));
  return { rules: [...lawCompiled, ...municipal], dueSoonDays: own?.policy.dueSoonDays ?? set.law.policy.dueSoonDays, policy: own };
}

let cached: PolicySet | null = null;

/** The shipped policy set, loaded once per process. */
export function shippedPolicies(): PolicySet {
  cached ??= loadPolicySet();
  return cached;
}
