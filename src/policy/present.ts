// Presenting policies: a rule in one line of Danish, a policy rule by rule with its sources, and
// the difference between two municipalities (which legal rules each tightens, and what each adds).
import { ruleSummaryDa } from './kinds/index.js';
import { compileRules, type PolicySet } from './load.js';
import { placementInterpretations } from './placement.js';
import type { PolicyFile, Rule } from './schema.js';

/** The rule's parameters in one line of Danish, e.g. "inden 4 uger fra ankomsten" (each kind words its own). */
export function ruleSummary(rule: Rule): string {
  return ruleSummaryDa(rule);
}

export function ruleView(rule: Rule, layer: string) {
  return {
    id: rule.id,
    kind: rule.kind,
    layer,
    title: rule.title,
    summary: ruleSummary(rule),
    appliesTo: rule.appliesTo,
    source: rule.source,
    effective: rule.effective,
    ...(rule.interpretation ? { interpretation: rule.interpretation } : {}),
    ...(rule.tightens ? { tightens: rule.tightens } : {}),
    ...(rule.replaces ? { replaces: rule.replaces } : {}),
    parameters: Object.fromEntries(
      Object.entries(rule).filter(
        ([k]) =>
          ![
            'id',
            'kind',
            'title',
            'appliesTo',
            'source',
            'effective',
            'interpretation',
            'tightens',
            'replaces',
            'note',
          ].includes(k),
      ),
    ),
  };
}

/** One reading of a vague sentence, where it is made (a rule, a parameter), its text and who made it. */
export interface InterpretationView {
  /** law: national.yaml; municipality: the municipality's policy file. */
  layer: 'law' | 'municipality';
  /** The rule id, or the parameter's path (placement.housing.weights.permanent, checks.iguMaxDuration). */
  where: string;
  /** The rule's title, or the parameter's name. */
  title: string;
  text: string;
  by: 'municipality' | 'medborger';
}

/**
 * Every interpretation in force for the municipality: of each rule (and of a rule's parameters,
 * such as the day records count from), of the placement parameters, of the law's registration
 * checks; the law's first, then the municipality's.
 */
export function interpretations(set: PolicySet, municipalityCode: string): InterpretationView[] {
  const { rules } = compileRules(set, municipalityCode);
  const out: InterpretationView[] = [];
  const layerOf = (l: string): InterpretationView['layer'] => (l === 'national' ? 'law' : 'municipality');
  for (const c of rules) {
    const r = c.rule;
    if (r.interpretation) out.push({ layer: layerOf(c.layer), where: r.id, title: r.title, ...r.interpretation });
    if (r.kind === 'deadline' && r.countsFrom)
      out.push({
        layer: layerOf(c.layer),
        where: `${r.id}.countsFrom`,
        title: `${r.title}: registreringer tæller fra ${r.countsFrom.before} før`,
        ...r.countsFrom.interpretation,
      });
  }
  const files: [InterpretationView['layer'], PolicyFile | undefined][] = [
    ['law', set.law.policy],
    ['municipality', set.byMunicipality.get(municipalityCode)?.policy],
  ];
  for (const [layer, file] of files) {
    if (!file) continue;
    for (const p of placementInterpretations(file))
      out.push({ layer, where: `placement.${p.path}`, title: p.path, ...p.interpretation });
    for (const [name, param] of Object.entries(file.checks ?? {}))
      if (param.interpretation) out.push({ layer, where: `checks.${name}`, title: name, ...param.interpretation });
  }
  out.sort((a, b) => (a.layer === b.layer ? 0 : a.layer === 'law' ? -1 : 1));
  return out;
}

/** A municipality's policy with the law beneath it, rule by rule with sources. */
export function policyView(set: PolicySet, municipalityCode: string) {
  const { rules, policy } = compileRules(set, municipalityCode);
  const p = policy?.policy;
  return {
    municipalityCode,
    policy: p
      ? {
          title: p.title,
          document: p.document,
          adopted: p.adopted,
          period: p.period,
          vision: p.vision ?? null,
          values: p.values,
          targetGroups: p.targetGroups,
          tracks: p.tracks,
          focusAreas: p.focusAreas,
          responsibleCommittee: p.responsibleCommittee ?? null,
          evaluation: p.evaluation ?? null,
          languages: p.languages,
          notEncoded: p.notEncoded,
        }
      : null,
    rules: rules.map((c) => ruleView(c.rule, c.layer)),
    interpretations: interpretations(set, municipalityCode),
    /** The law's names of the programmes, per version of the law with its period. */
    names: set.law.policy.names ?? [],
  };
}

/** How two municipalities differ: per legal rule, what each makes of it; and each one's own rules. */
export function policyDiff(set: PolicySet, a: string, b: string) {
  const ra = compileRules(set, a).rules.filter((c) => c.layer !== 'national');
  const rb = compileRules(set, b).rules.filter((c) => c.layer !== 'national');
  const tightening = (rs: typeof ra, lawId: string) =>
    rs
      .filter((c) => c.rule.tightens?.includes(lawId))
      .map((c) => ({ id: c.rule.id, title: c.rule.title, summary: ruleSummary(c.rule), quote: c.rule.source.quote }));
  const law = set.law.policy.rules
    .map((l) => ({
      lawRuleId: l.id,
      title: l.title,
      law: ruleSummary(l),
      a: tightening(ra, l.id),
      b: tightening(rb, l.id),
    }))
    .filter((x) => x.a.length > 0 || x.b.length > 0);
  const own = (rs: typeof ra) =>
    rs
      .filter((c) => !c.rule.tightens)
      .map((c) => ({
        id: c.rule.id,
        kind: c.rule.kind,
        title: c.rule.title,
        summary: ruleSummary(c.rule),
        quote: c.rule.source.quote,
      }));
  const title = (code: string) => set.byMunicipality.get(code)?.policy.title ?? null;
  return {
    a: { municipalityCode: a, title: title(a) },
    b: { municipalityCode: b, title: title(b) },
    tightenedLaw: law,
    onlyA: own(ra),
    onlyB: own(rb),
  };
}
