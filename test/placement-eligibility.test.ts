// Who needs a daycare or school seat, and a reception class, by the policy's figures
// (src/domain/placement-eligibility.ts): the figures come from policies/national.yaml and a
// municipality's own file, and the engine's age check (childOutsideAgeBand) agrees with them.
// The repository used to decide this itself, by the Danish school grade (school up to 9th grade,
// daycare from 182 days) while national.yaml says school covers ages 6–16: a 16-year-old in
// 10th grade was never loaded, and a 5-year-old in the reception year was loaded for school and
// then excluded by the engine for being 5, so had no round at all.
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { addDays, ageOn } from '../src/domain/dates.js';
import {
  childrenNeedingSeat,
  estimatedMonthlyIncome,
  householdFacts,
  isOfSeatAge,
  needsReceptionClass,
  type ChildRecord,
} from '../src/domain/placement-eligibility.js';
import { childOutsideAgeBand } from '../src/placement/criteria.js';
import { loadPolicySet, POLICY_DIR, shippedPolicies } from '../src/policy/load.js';
import { placementFigures, placementParameters } from '../src/policy/placement.js';

const LAW = placementParameters(shippedPolicies(), '580', '2026-09-01');
const FIGURES = placementFigures(LAW);

const child = (birthDate: string, on: string, values: Partial<ChildRecord> = {}): ChildRecord => ({
  id: `child-${birthDate}`,
  givenName: 'Barn',
  familyName: birthDate,
  householdId: 'h',
  birthDate,
  age: ageOn(birthDate, on),
  languages: ['ar'],
  arrivalDate: null,
  takeoverDate: '2020-01-01',
  townId: 'town',
  deprived: false,
  parentsInWorkOrEducation: false,
  siblingAt: [],
  ...values,
});

describe('placement eligibility by the policy figures', () => {
  test('a child from a deprived area whose parents work counts in the 30 % in 2024, and not from 2025 (dagtilbudsloven § 26 b)', () => {
    const figuresOn = (day: string) => placementFigures(placementParameters(shippedPolicies(), '580', day)).eligibility;
    const toddler = (values: Partial<ChildRecord>) => child('2024-01-10', '2024-12-01', { deprived: true, ...values });
    const counts = (day: string, values: Partial<ChildRecord>) =>
      childrenNeedingSeat('daycare', [toddler(values)], day, figuresOn(day)).map((c) => c.countsInDeprivedAreaCap);
    assert.deepEqual(counts('2024-12-01', { parentsInWorkOrEducation: true }), [true]);
    assert.deepEqual(counts('2025-01-02', { parentsInWorkOrEducation: true }), [false]);
    assert.deepEqual(counts('2025-01-02', { parentsInWorkOrEducation: false }), [true]);
    assert.deepEqual(counts('2025-01-02', { deprived: false, parentsInWorkOrEducation: false }), [false]);
    const exempt = placementParameters(shippedPolicies(), '580', '2025-01-02').daycare.caps.deprivedAreaExempt;
    assert.match(exempt?.note ?? '', /law\.daycare-deprived-area-30pct-2025/);
  });

  test('national.yaml gives the figures the repository used to hard-code, with their sources', () => {
    assert.deepEqual(FIGURES.eligibility, {
      daycare: { fromWeeks: 26, ageMin: 0, ageMax: 5, deprivedAreaExempt: ['parents_in_work_or_education'] },
      school: { ageMin: 6, ageMax: 16, receptionClassYears: 2 },
    });
    assert.deepEqual(FIGURES.income, {
      year: 2025,
      singleProvider: 13_000,
      providerInCouple: 9_300,
      withoutChildrenOlder: 7_000,
      withoutChildrenYounger: 5_300,
      olderFromAge: 30,
      perChild: 1_250,
    });
    assert.equal(LAW.school.eligibility.receptionClassYears.source?.document, 'law/excerpts.md');
    assert.equal(LAW.school.eligibility.receptionClassYears.source.paragraph, '§ 3, stk. 2');
    assert.match(LAW.daycare.eligibility.fromWeeks.interpretation?.text ?? '', /dagtilbudsloven § 23/);
    assert.match(LAW.housing.scoring.estimatedMonthlyIncome.interpretation?.text ?? '', /2025/);
  });

  test('a 16-year-old in 10th grade needs a school seat (ages 6–16), as the engine agrees; a 17-year-old does not', () => {
    const on = '2026-09-01';
    const sixteen = child('2010-03-01', on);
    assert.equal(sixteen.age, 16);
    const [pupil] = childrenNeedingSeat('school', [sixteen], on, FIGURES.eligibility);
    assert.ok(pupil, 'the policy says school to 16 inclusive; grade ≤ 9 left this child out');
    assert.equal(
      childOutsideAgeBand('school', pupil, LAW),
      null,
      'the engine does not exclude whom eligibility includes',
    );
    assert.deepEqual(childrenNeedingSeat('school', [child('2009-03-01', on)], on, FIGURES.eligibility), []);
  });

  test('a 5-year-old in the reception year needs a school seat, not a daycare seat, and the engine does not exclude them', () => {
    const on = '2026-09-01';
    const five = child('2020-10-01', on);
    assert.equal(five.age, 5);
    assert.deepEqual(childrenNeedingSeat('daycare', [five], on, FIGURES.eligibility), []);
    const [pupil] = childrenNeedingSeat('school', [five], on, FIGURES.eligibility);
    assert.ok(pupil);
    assert.equal(pupil.age, 6, 'counted in school years: 6 in the year they turn 6');
    assert.equal(childOutsideAgeBand('school', pupil, LAW), null);
    // Before the school start, a 6-year-old born in spring is still a daycare child (and not excluded for being 6).
    const spring = child('2020-03-01', '2026-07-15');
    const [daycare] = childrenNeedingSeat('daycare', [spring], '2026-07-15', FIGURES.eligibility);
    assert.ok(daycare && spring.age === 6);
    assert.equal(childOutsideAgeBand('daycare', daycare, LAW), null);
  });

  test("every child under 18 is of seat age for at most one kind, for exactly one from 26 weeks to the school band's end, and the engine agrees", () => {
    for (const on of ['2026-01-15', '2026-07-31', '2026-08-01', '2026-11-23']) {
      for (let d = 0; d < 18 * 366; d += 4) {
        const birth = addDays(on, -d);
        if (ageOn(birth, on) >= 18) continue;
        const daycare = isOfSeatAge('daycare', birth, on, FIGURES.eligibility);
        const school = isOfSeatAge('school', birth, on, FIGURES.eligibility);
        assert.ok(!(daycare && school), `${birth} on ${on}: both daycare and school`);
        const schoolDone = Number(on.slice(0, 4)) - (on.slice(5) >= '08-01' ? 0 : 1) - Number(birth.slice(0, 4)) > 16;
        if (d >= 26 * 7 && !schoolDone) assert.ok(daycare || school, `${birth} on ${on}: neither daycare nor school`);
        if (d < 26 * 7) assert.ok(!daycare && !school, `${birth} on ${on}: under 26 weeks`);
        for (const kind of ['daycare', 'school'] as const) {
          for (const c of childrenNeedingSeat(kind, [child(birth, on)], on, FIGURES.eligibility)) {
            assert.equal(
              childOutsideAgeBand(kind, c, LAW),
              null,
              `${birth} on ${on}: ${kind} by eligibility, excluded by the engine`,
            );
          }
        }
      }
    }
  });

  test("a reception class for a child without Danish who arrived less than the policy's years ago", () => {
    const on = '2026-09-01';
    const f = FIGURES.eligibility;
    assert.equal(
      needsReceptionClass({ languages: ['ar'], arrivalDate: '2025-03-01', takeoverDate: '2025-04-01' }, on, f),
      true,
    );
    assert.equal(
      needsReceptionClass({ languages: ['ar'], arrivalDate: '2024-09-01', takeoverDate: '2025-04-01' }, on, f),
      false,
      'exactly 2 years ago',
    );
    assert.equal(
      needsReceptionClass({ languages: ['ar', 'da'], arrivalDate: '2026-03-01', takeoverDate: '2026-04-01' }, on, f),
      false,
      'speaks Danish',
    );
    assert.equal(
      needsReceptionClass({ languages: ['ar'], arrivalDate: null, takeoverDate: '2025-04-01' }, on, f),
      true,
      'no arrival date: the takeover',
    );
  });

  test('the estimated income follows the benefit levels by family type', () => {
    const income = FIGURES.income;
    assert.equal(estimatedMonthlyIncome([35, 33], 2, income), 2 * 9_300 + 2 * 1_250);
    assert.equal(estimatedMonthlyIncome([28], 1, income), 13_000 + 1_250);
    assert.equal(estimatedMonthlyIncome([30, 29], 0, income), 7_000 + 5_300);
    const h = householdFacts(
      {
        id: 'h',
        needsAccessible: false,
        monthlyIncome: null,
        currentHousing: 'none',
        townId: null,
        workTownId: null,
        members: [
          { id: 'a', relation: 'head', givenName: 'Amal', familyName: 'H', birthDate: '1990-01-01', languages: ['ar'] },
        ],
      },
      '2026-09-01',
      FIGURES.eligibility,
      { ...income, withoutChildrenOlder: 8_000 },
    );
    assert.equal(h.monthlyIncome, 8_000, 'the figures, not a constant');
  });
});

describe('a municipality changing a figure changes eligibility', () => {
  const withMunicipality = (placement: string[]) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'medborger-placement-policy-'));
    try {
      copyFileSync(path.join(POLICY_DIR, 'national.yaml'), path.join(dir, 'national.yaml'));
      writeFileSync(
        path.join(dir, '999-test.yaml'),
        [
          'municipality: "999"',
          'title: Testpolitik',
          'document: test.md',
          'adopted: { body: Byrådet, status: draft }',
          'period: { from: "2024-01-01" }',
          'rules: []',
          'placement:',
          ...placement,
        ].join('\n'),
      );
      return loadPolicySet(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  const reading = '{ value: VALUE, interpretation: { by: municipality, text: "Kommunens eget tal." } }';

  test('school only to 15: the 16-year-old in 10th grade is no longer of school age there, and the engine agrees', () => {
    const set = withMunicipality(['  school:', '    eligibility:', `      ageMax: ${reading.replace('VALUE', '15')}`]);
    const on = '2026-09-01';
    const params = placementParameters(set, '999', on);
    assert.equal(params.school.eligibility.ageMax.layer, '999');
    const sixteen = child('2010-03-01', on);
    assert.deepEqual(childrenNeedingSeat('school', [sixteen], on, placementFigures(params).eligibility), []);
    assert.equal(
      childrenNeedingSeat('school', [sixteen], on, placementFigures(placementParameters(set, '580', on)).eligibility)
        .length,
      1,
      'elsewhere the law',
    );
  });

  test('daycare from 20 weeks and a reception class for 1 year (stricter than the law) apply; 3 years (looser) is refused at load', () => {
    const set = withMunicipality([
      '  daycare:',
      '    eligibility:',
      `      fromWeeks: ${reading.replace('VALUE', '20')}`,
      '  school:',
      '    eligibility:',
      `      receptionClassYears: ${reading.replace('VALUE', '1')}`,
    ]);
    const on = '2026-09-01';
    const figures = placementFigures(placementParameters(set, '999', on)).eligibility;
    const baby = addDays(on, -22 * 7);
    assert.equal(isOfSeatAge('daycare', baby, on, figures), true);
    assert.equal(isOfSeatAge('daycare', baby, on, FIGURES.eligibility), false, 'the law: from 26 weeks');
    const arrived = { languages: ['ar'], arrivalDate: '2025-03-01', takeoverDate: '2025-04-01' };
    assert.equal(needsReceptionClass(arrived, on, figures), false, "18 months ago: past the municipality's 1 year");
    assert.equal(needsReceptionClass(arrived, on, FIGURES.eligibility), true);
    assert.throws(
      () =>
        withMunicipality([
          '  school:',
          '    eligibility:',
          `      receptionClassYears: ${reading.replace('VALUE', '3')}`,
        ]),
      /999-test\.yaml[\s\S]*school\.eligibility\.receptionClassYears loosens the law/,
    );
  });
});
