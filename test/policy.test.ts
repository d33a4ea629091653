import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { addDuration, parseDuration } from '../src/domain/dates.js';
import { averageWeeklyHours, deadlineObligation, type CaseFacts } from '../src/domain/obligations.js';
import { loadPolicySet, neverLonger, PolicyError, POLICY_DIR } from '../src/policy/load.js';
import { looksEnglish } from '../src/policy/language.js';
import { placementSources } from '../src/policy/placement.js';
import { policyJsonSchema } from '../src/policy/schema.js';

const SHARED = path.resolve(process.cwd(), '..', 'shared');
const normalize = (s: string) => s.replace(/\s+/g, ' ').trim();

describe('policy files', () => {
  test('the law and the five policies load, and every municipality has its file', () => {
    const set = loadPolicySet();
    assert.deepEqual([...set.byMunicipality.keys()].sort(), ['320', '550', '580', '813', '860']);
    assert.ok(set.law.policy.rules.length >= 6);
  });

  test(
    'every rule, placement parameter and not-encoded commitment quotes its source document verbatim',
    { skip: !existsSync(SHARED) && 'shared/ is not beside the checkout' },
    () => {
      const set = loadPolicySet();
      const sourceText = (doc: string) =>
        normalize(
          readFileSync(
            doc === 'DOMAIN.md' || doc.includes('/') ? path.join(SHARED, doc) : path.join(SHARED, 'policies', doc),
            'utf8',
          ).replace(/\*\*/g, ''),
        );
      for (const loaded of [set.law, ...set.byMunicipality.values()]) {
        for (const rule of loaded.policy.rules) {
          assert.ok(
            sourceText(rule.source.document).includes(normalize(rule.source.quote)),
            `${path.basename(loaded.file)}: ${rule.id} quotes a sentence not in ${rule.source.document}`,
          );
        }
        for (const { path: at, source } of placementSources(loaded.policy)) {
          assert.ok(
            sourceText(source.document).includes(normalize(source.quote)),
            `${path.basename(loaded.file)}: placement.${at} quotes a sentence not in ${source.document}`,
          );
        }
        for (const [i, n] of (loaded.policy.names ?? []).entries()) {
          assert.ok(
            sourceText(n.source.document).includes(normalize(n.source.quote)),
            `${path.basename(loaded.file)}: names.${i} quotes a sentence not in ${n.source.document}`,
          );
        }
        for (const n of loaded.policy.notEncoded) {
          assert.ok(
            sourceText(loaded.policy.document).includes(normalize(n.quote)),
            `${path.basename(loaded.file)}: not-encoded quote not found: ${n.quote.slice(0, 60)}`,
          );
        }
      }
    },
  );

  test('every legal rule quotes Danish law with its act, paragraph, consolidated version and kind of text', () => {
    const set = loadPolicySet();
    assert.equal(set.law.policy.document, 'law/excerpts.md');
    for (const rule of set.law.policy.rules) {
      const s = rule.source;
      assert.equal(s.document, 'law/excerpts.md', `${rule.id} quotes ${s.document}, not the statute excerpts`);
      assert.ok(
        s.act && s.paragraph?.startsWith('§') && s.version && s.quoteKind,
        `${rule.id} lacks a legal reference`,
      );
      assert.ok(!looksEnglish(s.quote), `${rule.id} quotes English: ${s.quote}`);
    }
  });

  test('a national file whose legal rule quotes an English paraphrase, or names no paragraph, is refused', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'medborger-policy-'));
    try {
      const law = readFileSync(path.join(POLICY_DIR, 'national.yaml'), 'utf8');
      const english = law.replace(
        /quote: "Når visitationen efter § 17 er gennemført[^"]*"/,
        'quote: "Contract follow-ups (§ 20): at least 4 in the first 6 months, then as needed."',
      );
      assert.notEqual(english, law);
      writeFileSync(path.join(dir, 'national.yaml'), english);
      assert.throws(
        () => loadPolicySet(dir),
        (e: unknown) => e instanceof PolicyError && /law\.contract-follow-ups: the quote is English/.test(e.message),
      );
      writeFileSync(path.join(dir, 'national.yaml'), law.replace('      paragraph: "§ 20, stk. 1, 2. pkt."\n', ''));
      assert.throws(
        () => loadPolicySet(dir),
        (e: unknown) =>
          e instanceof PolicyError &&
          /law\.contract-follow-ups: a legal rule's source names its paragraph/.test(e.message),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a Danish sentence is not taken for English, an English paraphrase is', () => {
    assert.equal(
      looksEnglish('Kommunalbestyrelsen skal inden 1 måned efter at have overtaget ansvaret henvise den pågældende'),
      false,
    );
    assert.equal(looksEnglish('Integration contract within 1 month of takeover, signed by both parties'), true);
    assert.equal(looksEnglish("Not binding by the policy's own words."), true);
  });

  test('a policy file that loosens a legal deadline is refused, naming the file, the rule and the law', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'medborger-policy-'));
    try {
      copyFileSync(path.join(POLICY_DIR, 'national.yaml'), path.join(dir, 'national.yaml'));
      writeFileSync(
        path.join(dir, '999-loose.yaml'),
        [
          'municipality: "999"',
          'title: Løs politik',
          'document: loose.md',
          'adopted: { body: Byrådet, status: draft }',
          'period: { from: "2024-01-01" }',
          'rules:',
          '  - id: loose.contract-6-weeks',
          '    kind: deadline',
          '    title: Kontrakt inden 6 uger',
          '    from: takeover',
          '    within: P6W',
          '    evidence: [{ type: contract_signed }]',
          '    tightens: [law.contract-1-month]',
          '    source: { document: loose.md, quote: "Kontrakten laves inden 6 uger." }',
          '    effective: { from: "2024-01-01" }',
        ].join('\n'),
      );
      assert.throws(
        () => loadPolicySet(dir),
        (err: unknown) => {
          assert.ok(err instanceof PolicyError);
          assert.match(err.message, /999-loose\.yaml/);
          assert.match(err.message, /loose\.contract-6-weeks loosens the law/);
          assert.match(err.message, /law\.contract-1-month/);
          assert.match(err.message, /P6W is longer than the law's P1M/);
          return true;
        },
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a schema error names the file, the place and the rule', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'medborger-policy-'));
    try {
      copyFileSync(path.join(POLICY_DIR, 'national.yaml'), path.join(dir, 'national.yaml'));
      writeFileSync(
        path.join(dir, '998-bad.yaml'),
        'municipality: "998"\ntitle: X\ndocument: x.md\nadopted: { body: B, status: draft }\nperiod: { from: "2024-01-01" }\nrules:\n  - id: bad.rule\n    kind: deadline\n    title: X\n    from: takeover\n    within: four weeks\n    evidence: [{ type: contract_signed }]\n    source: { document: x.md, quote: q }\n    effective: { from: "2024-01-01" }\n',
      );
      assert.throws(
        () => loadPolicySet(dir),
        /998-bad\.yaml[\s\S]*rules\.0\.within[\s\S]*ISO 8601 duration[\s\S]*bad\.rule/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the JSON Schema for editors describes rules and their kinds, and the shipped copy is current', () => {
    const schema = JSON.stringify(policyJsonSchema());
    const shipped = JSON.stringify(JSON.parse(readFileSync(path.join(POLICY_DIR, 'policy.schema.json'), 'utf8')));
    assert.equal(
      shipped,
      schema,
      'policies/policy.schema.json is stale: run `npx medborger policy schema > policies/policy.schema.json`',
    );
    for (const kind of [
      'deadline',
      'weekly_hours',
      'presence',
      'every_conversation',
      'cadence',
      'coverage',
      'cap',
      'governance',
    ])
      assert.ok(schema.includes(`"${kind}"`), kind);
  });
});

describe('deadline arithmetic', () => {
  test('one month after 31 January is the last day of February; 4 weeks is 28 days', () => {
    assert.equal(addDuration('2025-01-31', parseDuration('P1M')!), '2025-02-28');
    assert.equal(addDuration('2024-01-31', parseDuration('P1M')!), '2024-02-29');
    assert.equal(addDuration('2025-03-01', parseDuration('P4W')!), '2025-03-29');
  });
  test('four weeks is never longer than a month; six weeks can be', () => {
    assert.equal(neverLonger('P4W', 'P1M'), true);
    assert.equal(neverLonger('P6W', 'P1M'), false);
    assert.equal(neverLonger('P6M', 'P6M'), true);
  });
  test('weekly hours average over the days of the window', () => {
    const facts = {
      activities: [{ id: 'a', kind: 'danish_education', startDate: '2025-03-08', endDate: null, hoursPerWeek: 14 }],
    } as unknown as CaseFacts;
    assert.equal(averageWeeklyHours(facts, ['danish_education'], '2025-03-01', '2025-03-14'), 7);
  });
});

describe('interpretations as parameters', () => {
  test("the day a language assessment counts from is the rule's countsFrom, not a constant of the engine", () => {
    const set = loadPolicySet();
    const law = set.law.policy.rules.find((r) => r.id === 'law.language-assessment-age-3');
    assert.ok(law?.kind === 'deadline' && law.countsFrom, 'the legal rule has countsFrom');
    assert.equal(law.countsFrom.before, 'P3M');
    const facts = {
      personId: 'p',
      birthDate: '2022-06-01',
      takeoverDate: '2023-01-01',
      arrivalDate: null,
      residenceBasis: 'spontaneous_refugee',
      program: null,
      relation: 'child',
      languages: ['ar'],
      visitationHeldOn: null,
      contractSignedOn: null,
      activities: [],
      conversations: [],
      contactPersons: [],
      enrolments: [],
      languageAssessments: [{ id: 'a', date: '2025-04-10' }], // 7 weeks before the third birthday
      followUps: [],
    } satisfies CaseFacts;
    const countsFrom = law.countsFrom;
    const met = (before: string) =>
      deadlineObligation.evaluate(
        { ...law, countsFrom: { interpretation: countsFrom.interpretation, before } },
        facts,
        '2025-07-01',
        7,
      ).status;
    assert.equal(met('P3M'), 'met', 'counted from 3 months before: the assessment counts');
    assert.notEqual(met('P1M'), 'met', 'counted from 1 month before: it does not');
  });
});
