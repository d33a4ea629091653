// Every policy commitment is accounted for (issue 12, item 5): a not-encoded commitment's reason
// that points at a rule ("reglen X", "lovens regel X") or an indicator ("indikator X") names one
// that exists and applies to the municipality, and a reason never claims a rule or an indicator
// without naming it. And the reception commitments the issue lists are rules or indicators.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import { loadIndicatorCatalogue } from '../src/policy/indicators.js';
import { loadPolicySet } from '../src/policy/load.js';

const set = loadPolicySet();
const catalogue = loadIndicatorCatalogue();
const RULE_ID = /\b(?:law|aabenraa|faxe|frederikshavn|hjorring|tonder)\.[a-z0-9]+(?:[.-][a-z0-9]+)*/g;
const INDICATOR_CLAIM = /\bindikator(?:en)?\s+([a-z0-9]+(?:[.-][a-z0-9]+)*)?/gi;

function municipalities() {
  return [...set.byMunicipality.entries()].map(([code, loaded]) => ({ code, loaded }));
}

describe('every policy commitment accounted for', () => {
  test('a not-encoded reason that names a rule names one in force for the municipality (the law or its own)', () => {
    let named = 0;
    for (const { code, loaded } of municipalities()) {
      const ids = new Set([...set.law.policy.rules, ...loaded.policy.rules].map((r) => r.id));
      for (const n of loaded.policy.notEncoded) {
        for (const [id] of n.reason.matchAll(RULE_ID)) {
          named++;
          assert.ok(
            ids.has(id),
            `${path.basename(loaded.file)}: the reason for "${n.quote.slice(0, 50)}" names ${id}, which ${code} does not have`,
          );
        }
      }
    }
    assert.ok(named >= 5, 'the reasons name rules');
  });

  test('a not-encoded reason that says "vises som indikator" names an indicator of the catalogue for the municipality', () => {
    let named = 0;
    for (const { code, loaded } of [...municipalities(), { code: 'law', loaded: set.law }]) {
      for (const n of loaded.policy.notEncoded) {
        for (const m of n.reason.matchAll(INDICATOR_CLAIM)) {
          const id = m[1];
          assert.ok(
            id,
            `${path.basename(loaded.file)}: the reason for "${n.quote.slice(0, 50)}" claims an indicator without naming it`,
          );
          const indicator = catalogue.indicators.find((i) => i.id === id);
          assert.ok(
            indicator,
            `${path.basename(loaded.file)}: the reason for "${n.quote.slice(0, 50)}" names the indicator ${id}, which is not in indicators.yaml`,
          );
          assert.ok(
            indicator.appliesTo === 'all' || indicator.appliesTo.includes(code),
            `${path.basename(loaded.file)}: the indicator ${id} does not apply to ${code}`,
          );
          assert.ok(indicator.definition !== null, `the indicator ${id} a reason points at is measurable`);
          named++;
        }
      }
    }
    assert.ok(named >= 4, 'the reasons name indicators');
  });

  test('no not-encoded reason claims a check without saying where it is ("kontrolleres" names the rule)', () => {
    for (const loaded of [set.law, ...set.byMunicipality.values()]) {
      for (const n of loaded.policy.notEncoded) {
        if (!/kontrolleres|dækket af|tæller i reglen/i.test(n.reason)) continue;
        assert.ok(
          [...n.reason.matchAll(RULE_ID)].length > 0,
          `${path.basename(loaded.file)}: the reason for "${n.quote.slice(0, 50)}" claims a check but names no rule: ${n.reason}`,
        );
      }
    }
  });

  test('the reception commitments the issue lists are rules checked against reception steps, or indicators', () => {
    const rules = (code: string) => set.byMunicipality.get(code)?.policy.rules ?? [];
    const stepRule = (code: string, kind: string) =>
      rules(code).find(
        (r) =>
          'evidence' in r &&
          Array.isArray(r.evidence) &&
          r.evidence.some((e) => e.type === 'reception_step' && (e.kinds as string[]).includes(kind)),
      );
    const stepIndicator = (code: string, kind: string) =>
      catalogue.indicators.find(
        (i) =>
          i.appliesTo !== 'all' &&
          i.appliesTo.includes(code) &&
          i.definition?.kind === 'persons' &&
          i.definition.numerator.kind === 'reception_step' &&
          (i.definition.numerator.kinds as string[]).includes(kind),
      );
    const expected: [string, string][] = [
      ['580', 'rights_and_duties_information'],
      ['813', 'rights_and_duties_information'],
      ['860', 'rights_and_duties_information'],
      ['813', 'reception_program'],
      ['813', 'local_area_introduction'],
      ['813', 'association_participation_help'],
      ['580', 'association_information'],
      ['860', 'association_information'],
      ['860', 'special_needs_assessment'],
      ['860', 'health_orientation'],
      ['860', 'business_structure_information'],
      ['813', 'elderly_offers_information'],
    ];
    for (const [code, kind] of expected)
      assert.ok(stepRule(code, kind) ?? stepIndicator(code, kind), `${code} has no rule or indicator for ${kind}`);
  });
});
