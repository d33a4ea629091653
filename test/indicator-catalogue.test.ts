// The indicator catalogue (policies/indicators.yaml) as data: the schema accepts the shipped
// file and refuses a bad one with a message naming the file, the place and the indicator; every
// sentence it quotes is in its source document (like the policy rules' quotes, test/policy.test.ts);
// the national figures are those recorded in shared/indicators/national-indicators.md; each
// coverage target of the five policies has its indicator; compliance indicators are generated.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { isPersonRule } from '../src/domain/obligations.js';
import {
  checkCatalogueAgainstPolicies,
  complianceIndicators,
  coverageRulesWithoutIndicator,
  indicatorsFor,
  INDICATOR_CATALOGUE_FILE,
  loadIndicatorCatalogue,
  parseIndicatorCatalogue,
  type CatalogueIndicator,
  type IndicatorQuote,
} from '../src/policy/indicators.js';
import { compileRules, loadPolicySet, PolicyError } from '../src/policy/load.js';

const SHARED = path.resolve(process.cwd(), '..', 'shared');
const noShared = !existsSync(SHARED) && 'shared/ is not beside the checkout';
const normalize = (s: string) => s.replace(/\s+/g, ' ').trim();
const FIVE = ['320', '550', '580', '813', '860'];

/** A document named in a source: a policy file name (shared/policies/), DOMAIN.md, or a path under shared/. */
function documentText(doc: string): string {
  const file = doc.includes('/') || doc === 'DOMAIN.md' ? path.join(SHARED, doc) : path.join(SHARED, 'policies', doc);
  return normalize(readFileSync(file, 'utf8').replace(/\*\*/g, ''));
}

function quotesOf(x: CatalogueIndicator): { what: string; q: IndicatorQuote }[] {
  const out: { what: string; q: IndicatorQuote }[] = [];
  const s = x.source;
  if (s.type === 'policy' || s.type === 'law' || s.type === 'national') out.push({ what: 'source', q: s });
  if (x.target) out.push({ what: 'target', q: x.target.source });
  return out;
}

const catalogue = loadIndicatorCatalogue();
const byId = (id: string) => {
  const x = catalogue.indicators.find((i) => i.id === id);
  assert.ok(x, `the catalogue has no indicator ${id}`);
  return x;
};

const MINIMAL_ENTRY = [
  '  - id: bad-one',
  '    title: En indikator',
  '    measurable: true',
  '    appliesTo: all',
  '    reference: { kind: year_end }',
  '    value: share',
  '    source: { type: national, document: DOMAIN.md, quote: "x" }',
];

describe('indicator catalogue', () => {
  test('the shipped catalogue loads and agrees with the loaded policies (documents, coverage rules, targets)', () => {
    assert.ok(catalogue.indicators.length >= 15);
    checkCatalogueAgainstPolicies(catalogue, loadPolicySet());
  });

  test('a catalogue with an unknown numerator kind is refused, naming the file, the place and the indicator', () => {
    const text = ['indicators:', ...MINIMAL_ENTRY, '    numerator: { kind: happiness }'].join('\n');
    assert.throws(
      () => parseIndicatorCatalogue(text, 'bad-catalogue.yaml'),
      (err: unknown) => {
        assert.ok(err instanceof PolicyError);
        assert.match(err.message, /bad-catalogue\.yaml/);
        assert.match(err.message, /indicators\.0\.numerator/);
        assert.match(err.message, /\(indicator bad-one\)/);
        return true;
      },
    );
  });

  test('a catalogue with a share target above 1 or an age range upside down is refused with each problem', () => {
    const text = [
      'indicators:',
      ...MINIMAL_ENTRY,
      '    numerator: { kind: employed }',
      '    population: { ageMin: 30, ageMax: 20 }',
      '    target: { value: 90, source: { document: DOMAIN.md, quote: "x" } }',
    ].join('\n');
    assert.throws(
      () => parseIndicatorCatalogue(text, 'bad.yaml'),
      (err: unknown) => {
        assert.ok(err instanceof PolicyError);
        assert.match(err.message, /indicators\.0\.population\.ageMin: ageMin is above ageMax/);
        assert.match(err.message, /indicators\.0\.target\.value/);
        return true;
      },
    );
  });

  test('a catalogue that uses an id twice, or quotes a policy for a municipality it does not apply to, is refused', () => {
    const entry = [...MINIMAL_ENTRY, '    numerator: { kind: employed }'];
    const twice = ['indicators:', ...entry, ...entry].join('\n');
    assert.throws(() => parseIndicatorCatalogue(twice, 'twice.yaml'), /twice\.yaml[\s\S]*the id bad-one is used twice/);
    const wrongPlace = [
      'indicators:',
      ...MINIMAL_ENTRY.filter((l) => !l.includes('source:')),
      '    numerator: { kind: employed }',
      '    source: { type: policy, municipality: "813", document: frederikshavn.md, quote: "x" }',
    ];
    assert.throws(
      () => parseIndicatorCatalogue(wrongPlace.join('\n'), 'w.yaml'),
      /quotes the policy of 813 but does not apply to 813/,
    );
  });

  test('an indicator whose target differs from the coverage rule it measures is refused', () => {
    const text = readFileSync(INDICATOR_CATALOGUE_FILE, 'utf8').replace(/value: 0\.9\b/, 'value: 0.8');
    const changed = parseIndicatorCatalogue(text, 'changed.yaml');
    assert.throws(
      () => {
        checkCatalogueAgainstPolicies(changed, loadPolicySet());
      },
      new RegExp(
        'frederikshavn-youth-education-under-25: its target 0\\.8 is not the target 0\\.9 of ' +
          'frederikshavn\\.youth-education-90',
      ),
    );
  });

  test(
    'every quoted sentence (policy, law, national source and target) is found verbatim in its document',
    { skip: noShared },
    () => {
      const set = loadPolicySet();
      const all = [...catalogue.indicators, ...FIVE.flatMap((m) => complianceIndicators(set, m))];
      let checked = 0;
      for (const x of all) {
        for (const { what, q } of quotesOf(x)) {
          assert.ok(
            documentText(q.document).includes(normalize(q.quote)),
            `${x.id}: the ${what} quotes a sentence not in ${q.document}: ${q.quote.slice(0, 60)}`,
          );
          checked++;
        }
      }
      assert.ok(checked >= 20, `only ${checked} quotes checked`);
    },
  );

  test(
    'every Barometer indicator has the number, national value and year of national-indicators.md',
    { skip: noShared },
    () => {
      const table = new Map<string, { value: number; year: number }>();
      const text = readFileSync(path.join(SHARED, 'indicators', 'national-indicators.md'), 'utf8');
      for (const m of text.matchAll(/^\| (\d\.\d) \|.*\| (\d+) \| (\d{4}) \| [^|]+\|$/gm)) {
        table.set(m[1]!, { value: Number(m[2]) / 100, year: Number(m[3]) });
      }
      assert.equal(table.size, 8, 'the Barometer table of national-indicators.md was not read');
      const barometer = catalogue.indicators.flatMap((x) =>
        x.source.type === 'barometer' ? [{ id: x.id, s: x.source }] : [],
      );
      assert.deepEqual(
        barometer.map((b) => b.s.number).sort(),
        [...table.keys()].sort(),
        'every Barometer indicator is in the catalogue, measurable or not',
      );
      for (const { id, s } of barometer) {
        const row = table.get(s.number)!;
        assert.equal(s.nationalValue, row.value, `${id}: national value`);
        assert.equal(s.year, row.year, `${id}: year`);
        assert.equal(s.document, 'indicators/national-indicators.md');
      }
    },
  );

  test(
    'the Jobindsats measure is named with its title as national-indicators.md records it',
    { skip: noShared },
    () => {
      for (const x of catalogue.indicators) {
        if (x.source.type !== 'jobindsats') continue;
        const doc = documentText(x.source.document);
        assert.ok(doc.includes(`measure ${x.source.measure}`), `${x.id}: ${x.source.measure}`);
        assert.ok(documentText(x.source.document).includes(normalize(x.source.title)), `${x.id}: title`);
      }
    },
  );

  test("Frederikshavn's youth-education indicator has the target 0.9 quoting its sentence, for 813 only", () => {
    const x = byId('frederikshavn-youth-education-under-25');
    assert.equal(x.target?.value, 0.9);
    assert.equal(x.target.source.document, 'frederikshavn.md');
    assert.equal(
      x.target.source.quote,
      'Også for de nye borgere er målet, at mindst 90 % af unge under 25 år skal gennemføre en ungdomsuddannelse',
    );
    assert.deepEqual(x.appliesTo, ['813']);
    assert.ok(indicatorsFor(catalogue, loadPolicySet(), '813').some((i) => i.id === x.id));
    assert.ok(!indicatorsFor(catalogue, loadPolicySet(), '860').some((i) => i.id === x.id));
  });

  test('the national ambition of 50 % in employment after 3 years is the target of the refugees indicator', () => {
    const x = byId('refugees-employed-after-3-years');
    assert.equal(x.target?.value, 0.5);
    assert.equal(x.target.source.document, 'indicators/national-indicators.md');
    const d = x.definition;
    assert.equal(d?.kind === 'persons' && d.reference.kind === 'anniversary' && d.reference.months, 36);
  });

  test('each Barometer-aligned measurable indicator can be broken down by sex', () => {
    const aligned = catalogue.indicators.filter(
      (x) => x.measurable && (x.source.type === 'barometer' || x.source.type === 'jobindsats'),
    );
    assert.ok(aligned.length >= 5, aligned.map((x) => x.id).join(', '));
    const named = [
      'barometer-1.2-employment-25-64',
      'barometer-2.2-youth-education-20-24',
      'barometer-3.3-danish-test-within-5-years',
      'refugees-employed-after-3-years',
    ];
    for (const id of named) {
      assert.ok(
        aligned.some((x) => x.id === id),
        id,
      );
    }
    for (const x of aligned) assert.ok(x.definition?.breakdowns.includes('sex'), `${x.id} has no by-sex breakdown`);
  });

  test('every coverage target of the five policies has an indicator (measurable or with the reason why not)', () => {
    assert.deepEqual(coverageRulesWithoutIndicator(catalogue, loadPolicySet()), []);
    assert.equal(byId('frederikshavn-bilingual-children-in-daycare').target?.value, 1);
    assert.ok(byId('frederikshavn-language-screening-from-3').measurable);
  });

  test("what cannot be measured (the employment gap, Hjørring's equal attachment) says why in Danish, no definition", () => {
    for (const id of ['barometer-1.1-employment-gap', 'hjorring-equal-labour-market-attachment']) {
      const x = byId(id);
      assert.equal(x.measurable, false);
      assert.equal(x.definition, null);
      assert.match(x.notMeasurableReason ?? '', /dansk oprindelse/);
    }
    for (const x of catalogue.indicators) assert.equal(x.measurable, x.definition !== null, x.id);
  });

  test('status after 1, 3, 6 and 12 months is one indicator per month, reckoned from takeover, broken down by cohort', () => {
    for (const m of [1, 3, 6, 12]) {
      const x = byId(`status-after-takeover-employed-${m}m`);
      assert.ok(x.definition?.kind === 'persons');
      assert.deepEqual(x.definition.reference, { kind: 'anniversary', of: 'takeover', months: m });
      assert.ok(x.definition.breakdowns.includes('cohort'));
      assert.match(x.title, m === 1 ? /1 måned efter/ : new RegExp(`${m} måneder efter`));
    }
  });

  test('every rule evaluated per person has an on-time and a median-days-late compliance indicator, per municipality', () => {
    const set = loadPolicySet();
    for (const code of FIVE) {
      const rules = compileRules(set, code).rules.filter(isPersonRule);
      const generated = complianceIndicators(set, code);
      assert.equal(generated.length, rules.length * 2, code);
      for (const c of rules) {
        const onTime = generated.find((g) => g.id === `compliance.${c.rule.id}.on-time`);
        const late = generated.find((g) => g.id === `compliance.${c.rule.id}.median-days-late`);
        const what = `${code} ${c.rule.id}`;
        assert.ok(onTime?.definition?.kind === 'compliance' && onTime.definition.value === 'share', what);
        assert.ok(late?.definition?.kind === 'compliance' && late.definition.value === 'median_days', what);
        assert.equal(onTime.source.type, c.layer === 'national' ? 'law' : 'policy');
      }
    }
    const aabenraa = complianceIndicators(set, '580');
    assert.ok(aabenraa.some((g) => g.id === 'compliance.aabenraa.first-offers-4-weeks.on-time'));
  });
});
