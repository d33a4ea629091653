// Presenting policies: a rule in one line of Danish, a policy rule by rule with its sources, and
// the difference between two municipalities (which legal rules each tightens, and what each adds).
import type { Rule } from './schema.js';
import { compileRules, type PolicySet } from './load.js';

const ANCHOR_DA: Record<string, string> = { takeover: 'overtagelsen', arrival: 'ankomsten', birth: 'fødslen', school_start: 'skolestart' };

function durationDa(d: string): string {
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/.exec(d);
  if (!m) return d;
  const parts: string[] = [];
  const add = (n: string | undefined, one: string, many: string) => { if (n && n !== '0') parts.push(`${n} ${n === '1' ? one : many}`); };
  add(m[1], 'år', 'år'); add(m[2], 'måned', 'måneder'); add(m[3], 'uge', 'uger'); add(m[4], 'dag', 'dage');
  return parts.length ? parts.join(' og ') : '0 dage';
}

/** The rule's parameters in one line of Danish, e.g. "inden 4 uger fra ankomsten". */
export function ruleSummary(rule: Rule): string {
  switch (rule.kind) {
    case 'deadline': return `inden ${durationDa(rule.within)} fra ${ANCHOR_DA[rule.from]}${rule.offset ? ` + ${durationDa(rule.offset)}` : ''}`;
    case 'weekly_hours': return `mindst ${rule.minHours} timer/uge senest ${durationDa(rule.startWithin)} fra ${ANCHOR_DA[rule.from]} (gennemsnit over ${durationDa(rule.window)})`;
    case 'presence': return `${rule.evidence === 'contact_person' ? 'fast kontaktperson' : 'plads i dagtilbud'} ${/^P0[DW]?$/.test(rule.within) ? 'fra' : `senest ${durationDa(rule.within)} fra`} ${ANCHOR_DA[rule.from]}`;
    case 'every_conversation': return `vejledning om repatriering i ${rule.conversationKinds.length >= 3 ? 'alle samtaler' : rule.conversationKinds.map((k) => (k === 'contract_follow_up' ? 'opfølgning på kontrakten' : k)).join(', ')}`;
    case 'cadence': return `mindst ${rule.count} pr. ${durationDa(rule.within)} fra ${ANCHOR_DA[rule.from]}${rule.offset ? ` + ${durationDa(rule.offset)}` : ''}${rule.repeatFor ? ` i ${durationDa(rule.repeatFor)}` : ''}`;
    case 'coverage': return `mål: ${Math.round(rule.target * 100)} % (${rule.population})`;
    case 'cap': return `${rule.category === 'bilingual' ? 'tosprogede børn' : 'børn fra udsatte boligområder'} pr. ${rule.scope === 'daycare' ? 'dagtilbud' : 'skole'}: ${rule.maxShare !== undefined ? `højst ${Math.round(rule.maxShare * 100)} %` : 'modvirk koncentration'}`;
    case 'governance': return `${rule.every === 'election_period' ? 'én gang pr. valgperiode' : rule.every === 'once' ? 'ved behov/én gang' : `hvert ${durationDa(rule.every)}`} – ${rule.responsible}`;
  }
}

export function ruleView(rule: Rule, layer: string) {
  return {
    id: rule.id, kind: rule.kind, layer, title: rule.title, summary: ruleSummary(rule), appliesTo: rule.appliesTo,
    source: rule.source, effective: rule.effective,
    ...(rule.interpretation ? { interpretation: rule.interpretation } : {}),
    ...(rule.tightens ? { tightens: rule.tightens } : {}),
    parameters: Object.fromEntries(Object.entries(rule).filter(([k]) => !['id', 'kind', 'title', 'appliesTo', 'source', 'effective', 'interpretation', 'tightens', 'note'].includes(k))),
  };
}

/** A municipality's policy with the law beneath it, rule by rule with sources. */
export function policyView(set: PolicySet, municipalityCode: string) {
  const { rules, policy } = compileRules(set, municipalityCode);
  const p = policy?.policy;
  return {
    municipalityCode,
    policy: p ? {
      title: p.title, document: p.document, adopted: p.adopted, period: p.period, vision: p.vision ?? null, values: p.values,
      targetGroups: p.targetGroups, tracks: p.tracks, focusAreas: p.focusAreas, responsibleCommittee: p.responsibleCommittee ?? null,
      evaluation: p.evaluation ?? null, languages: p.languages, notEncoded: p.notEncoded,
    } : null,
    rules: rules.map((c) => ruleView(c.rule, c.layer)),
  };
}

/** How two municipalities differ: per legal rule, what each makes of it; and each one's own rules. */
export function policyDiff(set: PolicySet, a: string, b: string) {
  const ra = compileRules(set, a).rules.filter((c) => c.layer !== 'national');
  const rb = compileRules(set, b).rules.filter((c) => c.layer !== 'national');
  const tightening = (rs: typeof ra, lawId: string) => rs.filter((c) => c.rule.tightens?.includes(lawId)).map((c) => ({ id: c.rule.id, title: c.rule.title, summary: ruleSummary(c.rule), quote: c.rule.source.quote }));
  const law = set.law.policy.rules.map((l) => ({
    lawRuleId: l.id, title: l.title, law: ruleSummary(l),
    a: tightening(ra, l.id), b: tightening(rb, l.id),
  })).filter((x) => x.a.length > 0 || x.b.length > 0);
  const own = (rs: typeof ra) => rs.filter((c) => !c.rule.tightens).map((c) => ({ id: c.rule.id, kind: c.rule.kind, title: c.rule.title, summary: ruleSummary(c.rule), quote: c.rule.source.quote }));
  const title = (code: string) => set.byMunicipality.get(code)?.policy.title ?? null;
  return { a: { municipalityCode: a, title: title(a) }, b: { municipalityCode: b, title: title(b) }, tightenedLaw: law, onlyA: own(ra), onlyB: own(rb) };
}
