// Issue 9, point 9: a municipal rule that names a legal rule in `tightens` may only make it
// stricter. Every way of making it looser, and every rule the loader cannot compare with the law
// it names, is refused at load with a message naming the file, the rule and the law.
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { parseDuration } from '../src/domain/dates.js';
import { ACTIVITY_KINDS, CONVERSATION_KINDS, FOLLOW_UP_KINDS } from '../src/domain/model.js';
import { ANCHORS, type Anchor } from '../src/domain/rules.js';
import {
  checkAgainstLaw,
  compileRules,
  loadPolicyFile,
  loadPolicySet,
  parsePolicyText,
  PolicyError,
  POLICY_DIR,
  type LoadedPolicy,
} from '../src/policy/load.js';

type Raw = Record<string, unknown>;
type RawRule = Raw & { id: string; kind: string; tightens?: string[] };

const LAW_FILE = path.join(POLICY_DIR, 'national.yaml');
const lawRaw = () => parseYaml(readFileSync(LAW_FILE, 'utf8')) as Raw & { rules: RawRule[] };
const clone = <T>(x: T): T => structuredClone(x);

/** A municipal file with the given rules, as policy staff would write it. */
function municipalText(rules: Raw[], code = '999'): string {
  return stringifyYaml({
    municipality: code,
    title: 'Prøvepolitik',
    document: 'proeve.md',
    adopted: { body: 'Byrådet', status: 'draft' },
    period: { from: '2024-01-01' },
    rules,
  });
}

/** A rule's common fields, quoting a sentence of the (test) policy document. */
function head(id: string, tightens?: string[]): Raw & { id: string; tightens?: string[] } {
  return {
    id,
    title: 'Prøveregel',
    source: {
      document: 'proeve.md',
      quote: 'En sætning fra politikken.',
      // A legal test rule names its act, paragraph and version like every legal rule.
      ...(id.startsWith('law.')
        ? { act: 'prøveloven', paragraph: '§ 1', version: 'LOV nr. 1 af 01/01/2024', quoteKind: 'statute' }
        : {}),
    },
    effective: { from: '2024-01-01' },
    ...(tightens ? { tightens } : {}),
  };
}

/** Loads a folder holding the law (shipped, or with extra legal rules) and one municipal file, as the server does at start. */
function loadFolder(municipal: string, extraLawRules: RawRule[] = [], fileName = '999-proeve.yaml') {
  const dir = mkdtempSync(path.join(tmpdir(), 'medborger-tightening-'));
  try {
    if (extraLawRules.length === 0) copyFileSync(LAW_FILE, path.join(dir, 'national.yaml'));
    else {
      const law = lawRaw();
      law.rules.push(...extraLawRules);
      writeFileSync(path.join(dir, 'national.yaml'), stringifyYaml(law));
    }
    writeFileSync(path.join(dir, fileName), municipal);
    return loadPolicySet(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Asserts a refusal naming the file, the rule and the law on one line, and returns that line. */
function assertRefused(
  load: () => unknown,
  file: string,
  ruleId: string,
  lawId: string,
  expected: RegExp,
  what = '',
): string {
  let line = '';
  assert.throws(
    load,
    (err: unknown) => {
      assert.ok(err instanceof PolicyError, `expected a PolicyError, got ${String(err)}`);
      assert.ok(err.message.includes(file), `the message names the file ${file}:\n${err.message}`);
      const named = err.problems.filter((p) => p.includes(`rule ${ruleId} `) && p.includes(lawId));
      assert.ok(named.length > 0, `a problem names rule ${ruleId} and the law ${lawId}:\n${err.message}`);
      const matching = named.find((p) => expected.test(p));
      assert.ok(matching, `a problem naming rule ${ruleId} and ${lawId} says ${expected}:\n${err.message}`);
      line = matching;
      return true;
    },
    `${ruleId} ${what} is refused as looser than ${lawId}`,
  );
  return line;
}

// The law's rules, and a few more legal rules of the kinds the shipped law has none of (or with
// parameters it does not use), so that every kind and parameter is tried.
const EXTRA_LAW_RULES: RawRule[] = [
  {
    ...head('law.test-contact-person-1-month'),
    kind: 'presence',
    from: 'takeover',
    within: 'P1M',
    evidence: 'contact_person',
  },
  {
    ...head('law.test-yearly-follow-up'),
    kind: 'cadence',
    from: 'takeover',
    offset: 'P1Y',
    count: 1,
    within: 'P1Y',
    repeatFor: 'P5Y',
    evidence: [{ type: 'follow_up', kinds: ['yearly'] }],
  },
  {
    ...head('law.test-youth-education'),
    kind: 'coverage',
    indicator: 'youth_education_completed',
    target: 0.8,
    population: 'Unge under 25 år',
  },
  {
    ...head('law.test-bilingual-per-allocation'),
    kind: 'cap',
    scope: 'school',
    category: 'bilingual',
    maxShare: 0.4,
    per: 'allocation',
  },
];
const EXTRA_LAW_GOVERNANCE: RawRule = {
  ...head('law.test-annual-report'),
  kind: 'governance',
  event: 'annual_report',
  every: 'P1Y',
  responsible: 'Byrådet',
};

describe('policies that loosen the law (issue 9)', () => {
  test('a weekly-hours rule that counts health activities is refused as looser than the law', () => {
    const text = municipalText([
      {
        ...head('proeve.37-hours-with-health', ['law.program-37-hours']),
        kind: 'weekly_hours',
        from: 'takeover',
        startWithin: 'P1M',
        minHours: 37,
        window: 'P4W',
        kinds: ['danish_education', 'company_internship', 'wage_subsidy', 'igu', 'ordinary_job', 'education', 'health'],
      },
    ]);
    assertRefused(
      () => loadFolder(text),
      '999-proeve.yaml',
      'proeve.37-hours-with-health',
      'law.program-37-hours',
      /loosens the law: it counts health activities/,
    );
  });

  test('a weekly-hours rule that counts "other" activities is refused as looser than the law', () => {
    const text = municipalText([
      {
        ...head('proeve.37-hours-with-other', ['law.program-37-hours']),
        kind: 'weekly_hours',
        from: 'takeover',
        startWithin: 'P4W',
        minHours: 40,
        window: 'P4W',
        kinds: ['danish_education', 'company_internship', 'other'],
      },
    ]);
    assertRefused(
      () => loadFolder(text),
      '999-proeve.yaml',
      'proeve.37-hours-with-other',
      'law.program-37-hours',
      /it counts other activities/,
    );
  });

  test('a cadence rule that starts two years late (offset P2Y) is refused as looser than the law', () => {
    const text = municipalText([
      {
        ...head('proeve.follow-ups-after-2-years', ['law.contract-follow-ups']),
        kind: 'cadence',
        from: 'takeover',
        offset: 'P2Y',
        count: 4,
        within: 'P6M',
        evidence: [
          { type: 'follow_up', kinds: ['contract'] },
          { type: 'conversation', kinds: ['contract_follow_up'] },
        ],
      },
    ]);
    assertRefused(
      () => loadFolder(text),
      '999-proeve.yaml',
      'proeve.follow-ups-after-2-years',
      'law.contract-follow-ups',
      /its offset P2Y is longer than the law's/,
    );
  });

  test('a cadence rule that counts more kinds of evidence than the law is refused as looser than the law', () => {
    const text = municipalText([
      {
        ...head('proeve.follow-ups-any-kind', ['law.contract-follow-ups']),
        kind: 'cadence',
        from: 'takeover',
        count: 4,
        within: 'P6M',
        evidence: [
          { type: 'follow_up', kinds: ['contract', 'yearly', 'family'] },
          { type: 'conversation', kinds: ['contract_follow_up', 'other'] },
          { type: 'visitation_held' },
        ],
      },
    ]);
    const loaded = () => loadFolder(text);
    assertRefused(
      loaded,
      '999-proeve.yaml',
      'proeve.follow-ups-any-kind',
      'law.contract-follow-ups',
      /it counts follow_up of kind yearly, family, which the law does not count/,
    );
    assertRefused(
      loaded,
      '999-proeve.yaml',
      'proeve.follow-ups-any-kind',
      'law.contract-follow-ups',
      /it counts conversation of kind other/,
    );
    assertRefused(
      loaded,
      '999-proeve.yaml',
      'proeve.follow-ups-any-kind',
      'law.contract-follow-ups',
      /it counts visitation_held, which the law does not count/,
    );
  });

  test("the issue's cadence (offset P2Y and more evidence kinds) is refused for both at once", () => {
    const text = municipalText([
      {
        ...head('proeve.late-and-loose', ['law.contract-follow-ups']),
        kind: 'cadence',
        from: 'takeover',
        offset: 'P2Y',
        count: 4,
        within: 'P6M',
        evidence: [{ type: 'follow_up', kinds: ['contract', 'family'] }],
      },
    ]);
    assert.throws(
      () => loadFolder(text),
      (err: unknown) => {
        assert.ok(err instanceof PolicyError);
        const lines = err.problems.filter(
          (p) => p.includes('proeve.late-and-loose') && p.includes('law.contract-follow-ups'),
        );
        assert.equal(lines.length, 2, err.message);
        return true;
      },
    );
  });

  test('a deadline with offset P1Y is refused as looser than the law', () => {
    const text = municipalText([
      {
        ...head('proeve.contract-after-a-year', ['law.contract-1-month']),
        kind: 'deadline',
        from: 'takeover',
        offset: 'P1Y',
        within: 'P1M',
        evidence: [{ type: 'contract_signed' }],
      },
    ]);
    assertRefused(
      () => loadFolder(text),
      '999-proeve.yaml',
      'proeve.contract-after-a-year',
      'law.contract-1-month',
      /its offset P1Y is longer than the law's P0D/,
    );
  });

  test('a deadline that accepts more kinds of activity than the law demands is refused as looser than the law', () => {
    const text = municipalText([
      {
        ...head('proeve.any-offer', ['law.company-offer-1-month']),
        kind: 'deadline',
        from: 'takeover',
        within: 'P2W',
        evidence: [{ type: 'activity_started', kinds: ['company_internship', 'health'] }],
      },
    ]);
    assertRefused(
      () => loadFolder(text),
      '999-proeve.yaml',
      'proeve.any-offer',
      'law.company-offer-1-month',
      /it accepts activity_started of kind health/,
    );
  });

  test('a deadline whose clock starts at the first day in a reception class instead of takeover is refused as not comparable with the law', () => {
    const text = municipalText([
      {
        ...head('proeve.contract-from-reception-class', ['law.contract-1-month']),
        kind: 'deadline',
        from: 'reception_class_start',
        within: 'P1W',
        evidence: [{ type: 'contract_signed' }],
      },
    ]);
    assertRefused(
      () => loadFolder(text),
      '999-proeve.yaml',
      'proeve.contract-from-reception-class',
      'law.contract-1-month',
      /cannot be compared .* it runs from reception_class_start, the law from takeover/,
    );
  });

  test('a rule of an unknown kind is refused by the loader, naming the kind, the rule and the file', () => {
    const text = municipalText([{ ...head('proeve.quota'), kind: 'quota', share: 0.5 }]);
    assert.throws(
      () => loadFolder(text),
      (err: unknown) => {
        assert.ok(err instanceof PolicyError);
        assert.match(err.message, /999-proeve\.yaml/);
        assert.match(
          err.message,
          /rule proeve\.quota has the unknown rule kind "quota"; a rule's kind is one of deadline, weekly_hours, presence, every_conversation, cadence, coverage, cap, governance/,
        );
        return true;
      },
    );
  });

  test('a rule of an unknown kind that bypasses the parser is refused when compiled, not skipped by the engine as municipality-level', () => {
    const law = loadPolicyFile(LAW_FILE);
    const smuggled = {
      ...law.policy.rules[0]!,
      id: 'law.smuggled',
      kind: 'quota',
    } as unknown as LoadedPolicy['policy']['rules'][number];
    const set = {
      law: { ...law, policy: { ...law.policy, rules: [...law.policy.rules, smuggled] } },
      byMunicipality: new Map(),
    };
    assert.throws(
      () => compileRules(set, '101'),
      (err: unknown) =>
        err instanceof PolicyError &&
        /national\.yaml/.test(err.message) &&
        /rule law\.smuggled has the unknown rule kind "quota"/.test(err.message),
    );
  });

  test('a governance rule that names a legal rule in tightens is refused as not comparable with the law', () => {
    const text = municipalText([
      {
        ...head('proeve.report', ['law.test-annual-report']),
        kind: 'governance',
        event: 'annual_report',
        every: 'P6M',
        responsible: 'Byrådet',
      },
    ]);
    assertRefused(
      () => loadFolder(text, [EXTRA_LAW_GOVERNANCE]),
      '999-proeve.yaml',
      'proeve.report',
      'law.test-annual-report',
      /cannot be compared with the legal rule law\.test-annual-report/,
    );
  });

  test('a rule that names a legal rule of another kind in tightens is refused as not comparable with the law', () => {
    const text = municipalText([
      {
        ...head('proeve.contact-person', ['law.contract-1-month']),
        kind: 'presence',
        from: 'takeover',
        within: 'P0D',
        evidence: 'contact_person',
      },
    ]);
    assertRefused(
      () => loadFolder(text),
      '999-proeve.yaml',
      'proeve.contact-person',
      'law.contract-1-month',
      /cannot be compared .* it is a presence rule and law\.contract-1-month a deadline rule/,
    );
  });

  test('a coverage rule that counts another population than the law is refused as not comparable with the law', () => {
    const text = municipalText([
      {
        ...head('proeve.youth', ['law.test-youth-education']),
        kind: 'coverage',
        indicator: 'youth_education_completed',
        target: 0.95,
        population: 'Unge under 18 år',
      },
    ]);
    assertRefused(
      () => loadFolder(text, EXTRA_LAW_RULES),
      '999-proeve.yaml',
      'proeve.youth',
      'law.test-youth-education',
      /cannot be compared .* it counts "Unge under 18 år", the law "Unge under 25 år"/,
    );
  });

  test('a cap per calendar year where the law caps every allocation is refused as looser than the law', () => {
    const text = municipalText([
      {
        ...head('proeve.bilingual-yearly', ['law.test-bilingual-per-allocation']),
        kind: 'cap',
        scope: 'school',
        category: 'bilingual',
        maxShare: 0.3,
        per: 'calendar_year',
      },
    ]);
    assertRefused(
      () => loadFolder(text, EXTRA_LAW_RULES),
      '999-proeve.yaml',
      'proeve.bilingual-yearly',
      'law.test-bilingual-per-allocation',
      /it caps per calendar year, where the law caps every allocation/,
    );
  });

  test('a presence rule whose clock starts at birth instead of takeover is refused as not comparable with the law', () => {
    const text = municipalText([
      {
        ...head('proeve.contact-from-birth', ['law.test-contact-person-1-month']),
        kind: 'presence',
        from: 'birth',
        within: 'P0D',
        evidence: 'contact_person',
      },
    ]);
    assertRefused(
      () => loadFolder(text, EXTRA_LAW_RULES),
      '999-proeve.yaml',
      'proeve.contact-from-birth',
      'law.test-contact-person-1-month',
      /it runs from birth, the law from takeover/,
    );
  });

  test("a yearly cadence that stops repeating before the law's is refused as looser than the law", () => {
    const text = municipalText([
      {
        ...head('proeve.yearly-3-years', ['law.test-yearly-follow-up']),
        kind: 'cadence',
        from: 'takeover',
        offset: 'P1Y',
        count: 2,
        within: 'P1Y',
        repeatFor: 'P3Y',
        evidence: [{ type: 'follow_up', kinds: ['yearly'] }],
      },
    ]);
    assertRefused(
      () => loadFolder(text, EXTRA_LAW_RULES),
      '999-proeve.yaml',
      'proeve.yearly-3-years',
      'law.test-yearly-follow-up',
      /its repetitions \(P1Y \+ P3Y\) end before the law's \(P1Y \+ P5Y\)/,
    );
  });
});

// ---- Property: every legal parameter moved looser is refused ---------------------------------

/** A duration strictly longer than `d` (absent = none): d plus a non-zero extra in every reading. */
function longerThan(d: string | undefined): fc.Arbitrary<string> {
  const base = d === undefined ? { years: 0, months: 0, weeks: 0, days: 0 } : parseDuration(d)!;
  return fc
    .record({ years: fc.nat(2), months: fc.nat(6), weeks: fc.nat(4), days: fc.nat(10) })
    .filter((e) => e.years + e.months + e.weeks + e.days > 0)
    .map((e) => {
      const y = base.years + e.years;
      const m = base.months + e.months;
      const w = base.weeks + e.weeks;
      const dd = base.days + e.days;
      return `P${y ? `${y}Y` : ''}${m ? `${m}M` : ''}${w ? `${w}W` : ''}${dd ? `${dd}D` : ''}`;
    });
}

const incomparableAnchors = (law: Anchor) =>
  ANCHORS.filter((a) => a !== law && ![a, law].every((x) => x === 'takeover' || x === 'arrival'));
const nonEmptySubset = <T>(xs: readonly T[]) => fc.subarray([...xs], { minLength: 1 });
type Item = { type: string; kinds?: string[] };
const ALL_KINDS: Record<string, readonly string[]> = {
  activity_started: ACTIVITY_KINDS,
  follow_up: FOLLOW_UP_KINDS,
  conversation: CONVERSATION_KINDS,
  enrolment: ['daycare', 'school', 'reception_class', 'sfo'],
};
const KINDLESS = ['contract_signed', 'visitation_held', 'contact_person_assigned', 'language_assessment'];

/** A named way of moving one parameter of a rule looser than the legal rule `law`: a patch to the municipal rule. */
interface Mutation {
  parameter: string;
  patch: fc.Arbitrary<Raw>;
}

/**
 * The mutations towards looser, per kind, written from what the law means (not from the loader):
 * a later clock, a longer time, fewer hours or conversations, more that counts, less demanded.
 */
function looserMutations(rule: RawRule, law: RawRule): Mutation[] {
  const out: Mutation[] = [];
  const add = (parameter: string, patch: fc.Arbitrary<Raw>) => out.push({ parameter, patch });
  const anchor = (key = 'from') => {
    const others = incomparableAnchors(law[key] as Anchor);
    if (others.length)
      add(
        key,
        fc.constantFrom(...others).map((a) => ({ [key]: a })),
      );
  };
  const longer = (key: string) =>
    add(
      key,
      longerThan(law[key] as string | undefined).map((d) => ({ [key]: d })),
    );
  const lawItems = (law.evidence ?? []) as Item[];
  switch (law.kind) {
    case 'deadline': {
      anchor();
      longer('offset');
      longer('within');
      for (const l of lawItems) {
        if (l.type === 'enrolment_ended') {
          // Demanding other enrolments ended instead of the law's is looser (more kinds ended is stricter).
          const others = ALL_KINDS.enrolment!.filter((k) => !l.kinds!.includes(k));
          add(
            'evidence: enrolment_ended of other kinds',
            nonEmptySubset(others).map((kinds) => ({
              evidence: (rule.evidence as Item[]).map((m) => (m.type === l.type ? { ...m, kinds } : m)),
            })),
          );
          continue;
        }
        const extras = l.kinds ? ALL_KINDS[l.type]!.filter((k) => !l.kinds!.includes(k)) : [];
        if (extras.length) {
          add(
            `evidence: ${l.type} in more kinds`,
            nonEmptySubset(extras).map((more) => ({
              evidence: (rule.evidence as Item[]).map((m) =>
                m.type === l.type ? { ...m, kinds: [...new Set([...m.kinds!, ...more])] } : m,
              ),
            })),
          );
        }
        const others = KINDLESS.filter((t) => !lawItems.some((x) => x.type === t));
        add(
          `evidence: ${l.type} left out`,
          fc.constantFrom(...others).map((other) => {
            // An item stands for the law's when it is of its type, or (a started Danish education) shows
            // that the teaching could begin (danskuddannelsesloven § 5).
            const standsFor = (m: Item) =>
              m.type === l.type ||
              (l.type === 'danish_education_start_possible' &&
                m.type === 'activity_started' &&
                (m.kinds ?? []).every((k) => k === 'danish_education'));
            const kept = (rule.evidence as Item[]).filter((m) => !standsFor(m));
            return { evidence: kept.length ? kept : [{ type: other }] };
          }),
        );
      }
      break;
    }
    case 'weekly_hours': {
      anchor();
      longer('startWithin');
      longer('window');
      add(
        'minHours',
        fc
          .double({ min: 0.5, max: law.minHours as number, maxExcluded: true, noNaN: true })
          .map((h) => ({ minHours: h })),
      );
      const extras = ACTIVITY_KINDS.filter((k) => !(law.kinds as string[]).includes(k));
      if (extras.length)
        add(
          'kinds',
          nonEmptySubset(extras).map((more) => ({ kinds: [...new Set([...(rule.kinds as string[]), ...more])] })),
        );
      break;
    }
    case 'presence': {
      anchor();
      longer('within');
      add(
        'evidence',
        fc.constant({ evidence: law.evidence === 'contact_person' ? 'daycare_enrolment' : 'contact_person' }),
      );
      break;
    }
    case 'every_conversation': {
      const lawKinds = law.conversationKinds as string[];
      add(
        'conversationKinds',
        fc
          .tuple(nonEmptySubset(lawKinds), fc.subarray(CONVERSATION_KINDS.filter((k) => !lawKinds.includes(k))))
          .map(([dropped, others]) => [
            ...new Set([...(rule.conversationKinds as string[]).filter((k) => !dropped.includes(k)), ...others]),
          ])
          .filter((kinds) => kinds.length > 0)
          .map((kinds) => ({ conversationKinds: kinds })),
      );
      break;
    }
    case 'cadence': {
      anchor();
      longer('offset');
      longer('within');
      if ((law.count as number) > 1)
        add(
          'count',
          fc.integer({ min: 1, max: (law.count as number) - 1 }).map((n) => ({ count: n })),
        );
      if (law.repeatFor !== undefined) add('repeatFor', fc.constant({ repeatFor: undefined }));
      for (const l of lawItems) {
        const extras = l.kinds ? ALL_KINDS[l.type]!.filter((k) => !l.kinds!.includes(k)) : [];
        if (extras.length) {
          add(
            `evidence: ${l.type} in more kinds`,
            nonEmptySubset(extras).map((more) => ({
              evidence: [
                ...(rule.evidence as Item[]).filter((m) => m.type !== l.type),
                { type: l.type, kinds: [...l.kinds!, ...more] },
              ],
            })),
          );
        }
      }
      const uncounted = KINDLESS.filter((t) => !lawItems.some((x) => x.type === t));
      add(
        'evidence: a type the law does not count',
        fc.constantFrom(...uncounted).map((t) => ({ evidence: [...(rule.evidence as Item[]), { type: t }] })),
      );
      break;
    }
    case 'coverage': {
      add(
        'target',
        fc.double({ min: 0, max: law.target as number, maxExcluded: true, noNaN: true }).map((t) => ({ target: t })),
      );
      add('indicator', fc.constant({ indicator: `${law.indicator as string}_other` }));
      add('population', fc.constant({ population: `${law.population as string} (udvalgte)` }));
      break;
    }
    case 'cap': {
      if (law.maxShare !== undefined) {
        add(
          'maxShare',
          fc
            .oneof(
              fc.double({ min: law.maxShare as number, max: 1, minExcluded: true, noNaN: true }),
              fc.constant(undefined),
            )
            .map((s) => ({ maxShare: s })),
        );
      }
      if (law.per === 'allocation') add('per', fc.constant({ per: 'calendar_year' }));
      add('scope', fc.constant({ scope: law.scope === 'daycare' ? 'school' : 'daycare' }));
      add('category', fc.constant({ category: law.category === 'bilingual' ? 'deprived_housing_area' : 'bilingual' }));
      break;
    }
    default:
      throw new Error(`no looser mutations written for the kind ${law.kind}: add them here`);
  }
  return out;
}

function withPatch(rule: RawRule, patch: Raw): RawRule {
  const out: RawRule = { ...clone(rule), ...clone(patch) };
  for (const [k, v] of Object.entries(patch)) if (v === undefined) Reflect.deleteProperty(out, k);
  return out;
}

/** The file with one rule replaced, through the loader (schema, then the check against the law). */
function loadWithRule(
  file: string,
  raw: Raw & { rules: RawRule[] },
  index: number,
  rule: RawRule,
  law: LoadedPolicy,
): void {
  const mutated = { ...raw, rules: raw.rules.map((r, i) => (i === index ? rule : r)) };
  checkAgainstLaw({ file, policy: parsePolicyText(stringifyYaml(mutated), file) }, law);
}

/** Runs every looser mutation of rule `index` of `raw` against each legal rule it tightens; returns how many were tried. */
function everyMutationRefused(
  file: string,
  raw: Raw & { rules: RawRule[] },
  index: number,
  lawRules: Map<string, RawRule>,
  law: LoadedPolicy,
): number {
  const rule = raw.rules[index]!;
  let tried = 0;
  assert.doesNotThrow(
    () => {
      loadWithRule(file, raw, index, rule, law);
    },
    `${path.basename(file)}: ${rule.id} as written is accepted`,
  );
  for (const lawId of rule.tightens ?? []) {
    const lawRule = lawRules.get(lawId)!;
    const mutations = looserMutations(rule, lawRule);
    assert.ok(mutations.length > 0, `${rule.id}: some parameter of ${lawId} can be loosened`);
    for (const { parameter, patch } of mutations) {
      fc.assert(
        fc.property(patch, (p) => {
          tried++;
          const mutated = withPatch(rule, p);
          assertRefused(
            () => {
              loadWithRule(file, raw, index, mutated, law);
            },
            path.basename(file),
            rule.id,
            lawId,
            /loosens the law|cannot be compared/,
            `${parameter} ${JSON.stringify(p)}`,
          );
        }),
        { numRuns: 15 },
      );
    }
  }
  return tried;
}

describe('every legal parameter of every tightening rule, moved looser, is refused naming the file, the rule and the law', () => {
  const law = loadPolicyFile(LAW_FILE);
  const lawRules = new Map(lawRaw().rules.map((r) => [r.id, r]));

  test('the tightening rules of the shipped policies', (t) => {
    const files = readdirSync(POLICY_DIR)
      .filter((f) => /^\d{3}-.*\.ya?ml$/.test(f))
      .sort();
    const seen = new Set<string>();
    let tried = 0;
    for (const name of files) {
      const file = path.join(POLICY_DIR, name);
      const raw = parseYaml(readFileSync(file, 'utf8')) as Raw & { rules: RawRule[] };
      raw.rules.forEach((r, i) => {
        if (!r.tightens) return;
        seen.add(`${name}:${r.id}`);
        tried += everyMutationRefused(file, raw, i, lawRules, law);
      });
    }
    // The shipped policies tighten the law in five rules (Aabenraa 3, Frederikshavn 1, Hjørring 1).
    assert.ok(seen.size >= 5, [...seen].join(', '));
    assert.ok(tried >= 100, `${tried} mutations`);
    t.diagnostic(`${seen.size} tightening rules, ${tried} looser mutations, each refused`);
  });

  test('a municipal copy of each legal rule is accepted as it stands, and refused once any parameter is looser', (t) => {
    const extended = lawRaw();
    extended.rules.push(...clone(EXTRA_LAW_RULES));
    const extendedLaw: LoadedPolicy = { file: LAW_FILE, policy: parsePolicyText(stringifyYaml(extended), LAW_FILE) };
    const extendedRules = new Map(extended.rules.map((r) => [r.id, r]));
    const copies: RawRule[] = extended.rules.map((l) => {
      const { note: _note, ...rest } = clone(l);
      return { ...rest, id: `kopi.${l.id.replace(/^law\./, '')}`, tightens: [l.id] };
    });
    const raw = parseYaml(municipalText(copies)) as Raw & { rules: RawRule[] };
    const kinds = new Set<string>();
    let tried = 0;
    raw.rules.forEach((r, i) => {
      kinds.add(r.kind);
      tried += everyMutationRefused('999-kopi.yaml', raw, i, extendedRules, extendedLaw);
    });
    assert.deepEqual([...kinds].sort(), [
      'cadence',
      'cap',
      'coverage',
      'deadline',
      'every_conversation',
      'presence',
      'weekly_hours',
    ]);
    assert.ok(tried >= 200, `${tried} mutations`);
    t.diagnostic(`${raw.rules.length} copies of legal rules, ${tried} looser mutations, each refused`);
  });
});
