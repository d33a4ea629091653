// Loading policy files: parse YAML, check against the schema, check that every municipal rule
// that names a legal rule only tightens it, and compile the layers (law + municipality) into the
// rule list the obligations engine reads. A file that loosens the law, or names in `tightens` a
// legal rule its rule cannot be compared with, is refused at load with a message naming the file,
// the rule and the law. How a rule compares with the law is its kind's (src/policy/kinds/).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import type { CompiledRule } from '../domain/obligations.js';
import { parseDuration, type Duration } from '../domain/dates.js';
import { RULE_KIND_NAMES } from '../domain/rules.js';
import { compareWithLaw, isRuleKindName, personEvaluation } from './kinds/index.js';
import { looksEnglish } from './language.js';
import { checkLawPlacement, checkPlacementAgainstLaw, placementSources } from './placement.js';
import { PolicyFile, type LoadedPolicy, type PolicySet, type Rule } from './schema.js';

export type { LoadedPolicy, PolicySet } from './schema.js';

export { neverLonger } from './kinds/common.js';

export class PolicyError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** The policies shipped with Medborger (the repository's policies/ folder). */
export const POLICY_DIR =
  process.env.MEDBORGER_POLICY_DIR ?? fileURLToPath(new URL('../../policies/', import.meta.url));

export function parsePolicyText(text: string, file: string): PolicyFile {
  let raw: unknown;
  try {
    raw = parseYaml(text, { prettyErrors: true });
  } catch (err) {
    throw new PolicyError(file, [`not valid YAML: ${(err as Error).message}`]);
  }
  const unknownKinds = unknownRuleKinds(raw);
  const parsed = PolicyFile.safeParse(raw);
  if (unknownKinds.size > 0 || !parsed.success) {
    // A rule of an unknown kind is reported as such, not as the schema's many complaints about it.
    const issues = parsed.success
      ? []
      : parsed.error.issues.filter((i) => !(i.path[0] === 'rules' && unknownKinds.has(i.path[1] as number)));
    throw new PolicyError(file, [
      ...unknownKinds.values(),
      ...issues.map(
        (i) => `${i.path.length ? i.path.join('.') : '(file)'}: ${i.message}${describeRuleAt(raw, i.path)}`,
      ),
    ]);
  }
  const ids = new Set<string>();
  const dupes = parsed.data.rules
    .filter((r) => ids.size === ids.add(r.id).size)
    .map((r) => `rule id ${r.id} is used twice`);
  if (dupes.length) throw new PolicyError(file, dupes);
  return parsed.data;
}

const KNOWN_KINDS = `a rule's kind is one of ${RULE_KIND_NAMES.join(', ')}`;

/** Rules whose `kind` is missing or names no registered kind, by index. */
function unknownRuleKinds(raw: unknown): Map<number, string> {
  const out = new Map<number, string>();
  const rules = raw !== null && typeof raw === 'object' ? (raw as { rules?: unknown }).rules : undefined;
  if (!Array.isArray(rules)) return out;
  rules.forEach((rule: unknown, i) => {
    if (rule === null || typeof rule !== 'object') return;
    const { kind, id } = rule as { kind?: unknown; id?: unknown };
    if (isRuleKindName(kind)) return;
    const what = kind === undefined ? 'has no kind' : `has the unknown rule kind ${JSON.stringify(kind)}`;
    out.set(i, `rules.${i}: ${typeof id === 'string' ? `rule ${id}` : 'the rule'} ${what}; ${KNOWN_KINDS}`);
  });
  return out;
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

function lawName(rule: Rule): string {
  return `${rule.id} (${rule.source.section ?? rule.source.document})`;
}

/** What is wrong with municipal rule `m` naming legal rule `law` in `tightens`; empty when it only tightens it. */
export function tighteningProblems(m: Rule, law: Rule): string[] {
  // Rules from the parser have registered kinds; rules built another way are checked here too.
  for (const r of [m, law] as { id: string; kind: string }[]) {
    if (!isRuleKindName(r.kind))
      return [
        `rule ${m.id} cannot be compared with the legal rule ${lawName(law)} it names in tightens: ${r.id} has the unknown rule kind ${JSON.stringify(r.kind)}; ${KNOWN_KINDS}`,
      ];
  }
  const comparison = compareWithLaw(m, law);
  if (!comparison.comparable)
    return [
      `rule ${m.id} cannot be compared with the legal rule ${lawName(law)} it names in tightens: ${comparison.reason}`,
    ];
  return comparison.looser.map((reason) => `rule ${m.id} loosens the law: ${reason} in ${lawName(law)}`);
}

/** Checks a municipal policy against the law: every `tightens` exists and is not loosened; no binding placement parameter is loosened. */
export function checkAgainstLaw(municipal: LoadedPolicy, law: LoadedPolicy): void {
  const lawRules = new Map(law.policy.rules.map((r) => [r.id, r]));
  const problems: string[] = [];
  for (const rule of municipal.policy.rules) {
    if (lawRules.has(rule.id))
      problems.push(
        `rule ${rule.id} reuses the id of a legal rule; a municipal rule cannot replace the law, only tighten it (tightens: [${rule.id}])`,
      );
    for (const id of rule.tightens ?? []) {
      const lawRule = lawRules.get(id);
      if (!lawRule) {
        problems.push(`rule ${rule.id} tightens ${id}, which is not a rule of ${path.basename(law.file)}`);
        continue;
      }
      problems.push(...tighteningProblems(rule, lawRule));
    }
  }
  problems.push(...checkPlacementAgainstLaw(municipal, law));
  if (problems.length) throw new PolicyError(municipal.file, problems);
}

// ---- Danish law, Danish text ----------------------------------------------------------------

/** The fields a legal source must have: the act, its paragraph, the consolidated version and the kind of text quoted. */
const LEGAL_SOURCE_FIELDS = ['act', 'paragraph', 'version', 'quoteKind'] as const;

/**
 * A legal rule quotes Danish law with its act, paragraph, version and the kind of text quoted; no
 * text a user reads (quotes, titles, interpretations, reasons, notes) is English.
 */
export function languageProblems(loaded: LoadedPolicy): string[] {
  const p = loaded.policy;
  const isLaw = p.municipality === 'national';
  const problems: string[] = [];
  const danish = (what: string, text: string | undefined) => {
    if (text !== undefined && looksEnglish(text))
      problems.push(`${what} is English, not Danish: "${text.slice(0, 80)}"`);
  };
  for (const rule of p.rules) {
    const at = `rule ${rule.id}`;
    danish(`${at}: the quote`, rule.source.quote);
    danish(`${at}: the title`, rule.title);
    danish(`${at}: the interpretation`, rule.interpretation?.text);
    danish(`${at}: the note`, (rule as { note?: string }).note);
    danish(`${at}: the effective period's basis`, rule.effective.basis);
    if (isLaw) {
      const missing = LEGAL_SOURCE_FIELDS.filter((f) => rule.source[f] === undefined);
      if (missing.length)
        problems.push(`${at}: a legal rule's source names its ${missing.join(', ')} (law/excerpts.md has them)`);
    }
  }
  problems.push(...versionProblems(p.rules));
  for (const { path: where, source } of placementSources(p)) danish(`placement.${where}: the quote`, source.quote);
  p.names?.forEach((n, i, all) => {
    danish(`names.${i}: the quote`, n.source.quote);
    danish(`names.${i}: the effective period's basis`, n.effective.basis);
    const next = all[i + 1];
    if (next && n.effective.to !== dayBefore(next.effective.from))
      problems.push(
        `names.${i} is followed by a version from ${next.effective.from}, so its period ends the day before (effective.to), not ${n.effective.to ?? 'never'}`,
      );
  });
  danish('retention.integration: the interpretation', p.retention?.integration.interpretation?.text);
  p.notEncoded.forEach((n, i) => {
    danish(`notEncoded.${i}: the quote`, n.quote);
    danish(`notEncoded.${i}: the reason`, n.reason);
  });
  return problems;
}

function dayBefore(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** A rule that `replaces` another is a later version of it: same kind, the earlier one ends the day before, both say why. */
function versionProblems(rules: readonly Rule[]): string[] {
  const byId = new Map(rules.map((r) => [r.id, r]));
  const problems: string[] = [];
  for (const rule of rules) {
    if (rule.replaces === undefined) continue;
    const old = byId.get(rule.replaces);
    if (!old) {
      problems.push(`rule ${rule.id} replaces ${rule.replaces}, which is not a rule of this file`);
      continue;
    }
    if (old.kind !== rule.kind)
      problems.push(`rule ${rule.id} is of kind ${rule.kind} but replaces a ${old.kind} rule`);
    if (old.effective.to !== dayBefore(rule.effective.from))
      problems.push(
        `rule ${rule.replaces} is replaced by ${rule.id} from ${rule.effective.from}, so its effective period ends the day before (effective.to), not ${old.effective.to ?? 'never'}`,
      );
    if (!rule.effective.basis || !old.effective.basis)
      problems.push(
        `rules ${old.id} and ${rule.id} are versions of the law: each says what sets its period (effective.basis)`,
      );
  }
  return problems;
}

// ---- Layers -------------------------------------------------------------------------------

/** Loads national.yaml and every NNN-*.yaml of a folder; refuses the whole set if any file is wrong. */
export function loadPolicySet(dir: string = POLICY_DIR): PolicySet {
  const lawFile = path.join(dir, 'national.yaml');
  if (!existsSync(lawFile)) throw new PolicyError(lawFile, ['the national-law file is missing']);
  const law = loadPolicyFile(lawFile);
  if (law.policy.municipality !== 'national') throw new PolicyError(lawFile, ['municipality must be "national"']);
  const lawPlacement = [
    ...checkLawPlacement(law),
    ...languageProblems(law),
    ...(law.policy.retention ? [] : ['retention: the law file gives the default retention of closed cases']),
  ];
  if (lawPlacement.length) throw new PolicyError(lawFile, lawPlacement);
  const byMunicipality = new Map<string, LoadedPolicy>();
  for (const name of readdirSync(dir)
    .filter((f) => /^\d{3}-.*\.ya?ml$/.test(f))
    .sort()) {
    const loaded = loadPolicyFile(path.join(dir, name));
    if (loaded.policy.municipality !== name.slice(0, 3))
      throw new PolicyError(loaded.file, [
        `the file name says ${name.slice(0, 3)} but municipality is ${loaded.policy.municipality}`,
      ]);
    checkAgainstLaw(loaded, law);
    const language = languageProblems(loaded);
    if (language.length) throw new PolicyError(loaded.file, language);
    byMunicipality.set(loaded.policy.municipality, loaded);
  }
  return { law, byMunicipality };
}

/** The rules in force for one municipality: the law's and the municipality's own. */
export function compileRules(
  set: PolicySet,
  municipalityCode: string,
): { rules: CompiledRule<Rule>[]; dueSoonDays: number; policy: LoadedPolicy | null } {
  const lawCompiled = set.law.policy.rules.map((rule): CompiledRule<Rule> => ({
    rule,
    layer: 'national',
    person: bind(set.law, rule),
  }));
  const lawById = new Map(lawCompiled.map((c) => [c.rule.id, c]));
  const own = set.byMunicipality.get(municipalityCode) ?? null;
  const municipal =
    own === null
      ? []
      : own.policy.rules.map((rule): CompiledRule<Rule> => ({
          rule,
          layer: municipalityCode,
          tightened: rule.tightens?.flatMap((id) => lawById.get(id) ?? []),
          person: bind(own, rule),
        }));
  return {
    rules: [...lawCompiled, ...municipal],
    dueSoonDays: own?.policy.dueSoonDays ?? set.law.policy.dueSoonDays,
    policy: own,
  };
}

/** The rule bound to its kind's evaluation; a rule of a kind without a module is refused, never skipped. */
function bind(loaded: LoadedPolicy, rule: Rule) {
  const { id, kind } = rule as { id: string; kind: string };
  if (!isRuleKindName(kind))
    throw new PolicyError(loaded.file, [
      `rule ${id} has the unknown rule kind ${JSON.stringify(kind)}; ${KNOWN_KINDS}`,
    ]);
  return personEvaluation(rule);
}

/** How long a closed case is kept in a municipality: its own file's period, else the law's default (checked at load). */
export function retentionFor(
  set: PolicySet,
  municipalityCode: string,
): { afterClosure: Duration; text: string; layer: string } {
  const own = set.byMunicipality.get(municipalityCode)?.policy.retention;
  const chosen = own ?? set.law.policy.retention;
  if (!chosen) throw new PolicyError(set.law.file, ['retention: the law file gives no default retention']);
  const afterClosure = parseDuration(chosen.integration.afterClosure);
  if (!afterClosure) throw new PolicyError(set.law.file, ['retention: not a duration']);
  return { afterClosure, text: chosen.integration.afterClosure, layer: own ? municipalityCode : 'national' };
}

let cached: PolicySet | null = null;

/** The shipped policy set, loaded once per process. */
export function shippedPolicies(): PolicySet {
  cached ??= loadPolicySet();
  return cached;
}
