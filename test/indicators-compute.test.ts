// The pure indicator computation (src/domain/indicators.ts) on small hand-built populations whose
// answers are known: each numerator kind, each breakdown, the compliance figures, and the
// boundaries (age 24 vs 25 on the reference date, a test passed 5 years and 1 day after the
// start, a period ending the day before the reference date, a reference date after `asOf`).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  AGE_BANDS,
  computeIndicators,
  median,
  obligationRecord,
  type ComplianceIndicatorDefinition,
  type IndicatorFigure,
  type IndicatorInput,
  type IndicatorPerson,
  type ObligationRecord,
  type PersonIndicatorDefinition,
} from '../src/domain/indicators.js';
import { obligationsFor, type CaseFacts } from '../src/domain/obligations.js';
import {
  danishEducationProblems,
  isEmployedOn,
  labourMarketPeriodProblems,
  statusOn,
  type LabourMarketPeriod,
} from '../src/domain/outcomes.js';
import { loadIndicatorCatalogue } from '../src/policy/indicators.js';
import { compileRules, loadPolicySet } from '../src/policy/load.js';

const YEAR = 2025;
const AFTER = '2026-06-30';

function person(id: string, over: Partial<IndicatorPerson> = {}): IndicatorPerson {
  return {
    id,
    sex: 'female',
    birthDate: '1990-05-05',
    residenceBasis: 'spontaneous_refugee',
    program: 'self_support_and_return',
    takeoverDate: '2022-03-01',
    arrivalDate: null,
    languages: ['ar'],
    householdId: null,
    leftOn: null,
    ...over,
  };
}

function input(over: Partial<IndicatorInput>): IndicatorInput {
  return {
    persons: [],
    labourMarket: [],
    educationCompleted: [],
    danishEducation: [],
    danishTests: [],
    enrolments: [],
    languageAssessments: [],
    obligations: [],
    ...over,
  };
}

type DefOver = Partial<PersonIndicatorDefinition> & Pick<PersonIndicatorDefinition, 'numerator'>;
function def(over: DefOver): PersonIndicatorDefinition {
  return {
    kind: 'persons',
    id: 'test',
    title: 'Test',
    value: 'share',
    reference: { kind: 'year_end' },
    population: {},
    breakdowns: [],
    ...over,
  };
}

function one(
  d: PersonIndicatorDefinition | ComplianceIndicatorDefinition,
  i: IndicatorInput,
  asOf = AFTER,
): IndicatorFigure {
  return computeIndicators([d], i, YEAR, asOf)[0]!;
}

type Kind = LabourMarketPeriod['kind'];
const job = (personId: string, from: string, to: string | null, kind: Kind = 'ordinary_job'): LabourMarketPeriod => ({
  personId,
  kind,
  from,
  to,
  ...(kind === 'benefit' ? { benefit: 'self_support_and_return_benefit' as const } : {}),
});

const catalogue = loadIndicatorCatalogue();
const shipped = (id: string): PersonIndicatorDefinition => {
  const d = catalogue.indicators.find((x) => x.id === id)?.definition;
  assert.ok(d && d.kind === 'persons', id);
  return d;
};

describe('outcome records', () => {
  test('a job that ended the day before is not employment on the day; one ending on the day is', () => {
    const periods = [job('p', '2025-01-01', '2025-12-30')];
    assert.equal(isEmployedOn(periods, '2025-12-31'), false);
    assert.equal(isEmployedOn([job('p', '2025-01-01', '2025-12-31')], '2025-12-31'), true);
  });

  test('wage subsidy and flexjob are not employment in the sense of MM13; an IGU is', () => {
    assert.equal(isEmployedOn([job('p', '2025-01-01', null, 'wage_subsidy')], '2025-06-01'), false);
    assert.equal(isEmployedOn([job('p', '2025-01-01', null, 'flexjob')], '2025-06-01'), false);
    assert.equal(isEmployedOn([job('p', '2025-01-01', null, 'igu')], '2025-06-01'), true);
  });

  test('a job beside a supplementary benefit is the status "ordinary job"; no period is "unknown"', () => {
    const periods = [job('p', '2025-01-01', null, 'benefit'), job('p', '2025-03-01', null)];
    assert.equal(statusOn(periods, '2025-06-01'), 'ordinary_job');
    assert.equal(statusOn(periods, '2025-02-01'), 'benefit');
    assert.equal(statusOn([], '2025-02-01'), 'unknown');
  });

  test('inconsistent records are reported: a period ending before it starts, a benefit without its kind, DU3 module 7', () => {
    const backwards = labourMarketPeriodProblems({
      personId: 'p',
      kind: 'ordinary_job',
      from: '2025-02-01',
      to: '2025-01-01',
    });
    assert.match(backwards.join(), /ends .* before it starts/);
    const benefit = labourMarketPeriodProblems({ personId: 'p', kind: 'benefit', from: '2025-01-01', to: null });
    assert.match(benefit.join(), /names the benefit/);
    assert.deepEqual(labourMarketPeriodProblems(job('p', '2025-01-01', null, 'benefit')), []);
    const du3 = {
      personId: 'p',
      referredOn: '2025-01-01',
      startedOn: '2025-02-01',
      track: 'du3' as const,
      module: 7 as 6,
    };
    assert.match(danishEducationProblems(du3).join(), /no module 7/);
  });
});

describe('indicator computation', () => {
  test('employment 25–64 counts one aged 25 on 31 December, not one aged 24, nor one whose job ended on 30 December', () => {
    const i = input({
      persons: [
        person('age25', { birthDate: '2000-12-31' }),
        person('age24', { birthDate: '2001-01-01' }),
        person('ended', { birthDate: '1980-01-01' }),
        person('igu', { birthDate: '1980-01-01' }),
        person('subsidy', { birthDate: '1980-01-01' }),
        person('age65', { birthDate: '1960-12-31' }),
      ],
      labourMarket: [
        job('age25', '2025-06-01', null),
        job('age24', '2025-06-01', null),
        job('ended', '2025-01-01', '2025-12-30'),
        job('igu', '2024-01-01', null, 'igu'),
        job('subsidy', '2025-01-01', null, 'wage_subsidy'),
        job('age65', '2025-01-01', null),
      ],
    });
    const f = one(shipped('barometer-1.2-employment-25-64'), i);
    assert.equal(f.denominator, 4, 'age25, ended, igu, subsidy');
    assert.equal(f.numerator, 2, 'age25 and igu');
    assert.equal(f.value, 0.5);
  });

  test('a person taken over after the reference date, or who left the case file before it, is not in the population', () => {
    const i = input({
      persons: [
        person('in'),
        person('later', { takeoverDate: '2026-01-01' }),
        person('left', { leftOn: '2025-06-01' }),
        person('leftAfter', { leftOn: '2026-01-01' }),
      ],
      labourMarket: ['in', 'later', 'left', 'leftAfter'].map((id) => job(id, '2020-01-01', null)),
    });
    const f = one(def({ numerator: { kind: 'employed' } }), i);
    assert.equal(f.denominator, 2, 'in and leftAfter');
    assert.equal(f.numerator, 2);
  });

  test('status 3 months after takeover counts those whose day falls in the year; a day after asOf is pending', () => {
    const d = def({
      reference: { kind: 'anniversary', of: 'takeover', months: 3 },
      numerator: { kind: 'status', statuses: ['benefit'] },
      breakdowns: ['cohort'],
    });
    const i = input({
      persons: [
        person('dec24', { takeoverDate: '2024-11-15' }), // day 2025-02-15
        person('mar25', { takeoverDate: '2025-03-10' }), // day 2025-06-10
        person('may25', { takeoverDate: '2025-05-01' }), // day 2025-08-01, after asOf
        person('oct25', { takeoverDate: '2025-10-15' }), // day 2026-01-15: not this year
      ],
      labourMarket: [
        job('dec24', '2024-11-15', null, 'benefit'),
        job('mar25', '2025-03-10', '2025-06-09', 'benefit'),
        job('mar25', '2025-06-10', null),
      ],
    });
    const f = one(d, i, '2025-06-30');
    assert.equal(f.denominator, 2);
    assert.equal(f.numerator, 1, 'mar25 left benefit for a job on its day');
    assert.equal(f.pending, 1);
    assert.deepEqual(
      f.breakdown.map((g) => [g.group, g.numerator, g.denominator]),
      [
        ['2024', 1, 1],
        ['2025', 0, 1],
      ],
    );
  });

  test('youth education at 20–24 counts those who arrived aged 12 or less, with a Danish education done by 31 December', () => {
    const d = shipped('barometer-2.2-youth-education-20-24');
    const i = input({
      persons: [
        person('done', { birthDate: '2003-02-01', arrivalDate: '2012-06-01' }),
        person('vocational', { birthDate: '2003-02-01', arrivalDate: '2012-06-01' }),
        person('next-year', { birthDate: '2003-02-01', arrivalDate: '2012-06-01' }),
        person('foreign', { birthDate: '2003-02-01', arrivalDate: '2012-06-01' }),
        person('arrived-13', { birthDate: '2003-02-01', arrivalDate: '2016-03-01' }),
      ],
      educationCompleted: [
        { personId: 'done', kind: 'youth_education', completedOn: '2022-06-20', inDenmark: true },
        { personId: 'vocational', kind: 'vocational', completedOn: '2025-12-31', inDenmark: true },
        { personId: 'next-year', kind: 'youth_education', completedOn: '2026-01-05', inDenmark: true },
        { personId: 'foreign', kind: 'youth_education', completedOn: '2020-06-20', inDenmark: false },
        { personId: 'arrived-13', kind: 'youth_education', completedOn: '2022-06-20', inDenmark: true },
      ],
    });
    const f = one(d, i);
    assert.equal(f.denominator, 4);
    assert.equal(f.numerator, 2, 'done and vocational');
  });

  test('a Danish test passed 5 years after the start counts, one passed 5 years and 1 day after does not', () => {
    const d = shipped('barometer-3.3-danish-test-within-5-years');
    const start = (personId: string, startedOn: string) => ({
      personId,
      referredOn: startedOn,
      startedOn,
      track: 'du2' as const,
      module: 6 as const,
    });
    const i = input({
      persons: [
        person('on-day'),
        person('day-after'),
        person('failed'),
        person('later-cohort'),
        person('child', { program: null }),
      ],
      danishEducation: [
        start('on-day', '2020-03-01'),
        start('day-after', '2020-03-01'),
        start('failed', '2020-04-01'),
        start('later-cohort', '2021-01-10'),
        start('child', '2020-03-01'),
        { personId: 'on-day', referredOn: '2020-09-01', startedOn: '2020-09-01', track: 'du3', module: 1 },
      ],
      danishTests: [
        { personId: 'on-day', test: 'pd2', takenOn: '2025-03-01', passed: true },
        { personId: 'day-after', test: 'pd2', takenOn: '2025-03-02', passed: true },
        { personId: 'failed', test: 'pd3', takenOn: '2023-06-01', passed: false },
        { personId: 'child', test: 'pd1', takenOn: '2022-06-01', passed: true },
      ],
    });
    const f = one(d, i);
    assert.equal(f.denominator, 3, 'on-day, day-after, failed; the 2021 starter counts in 2026; the child: no program');
    assert.equal(f.numerator, 1);
  });

  test('bilingual children aged 1–5 are in daycare only when enrolled on 31 December; a Danish-speaking child is not', () => {
    const d = shipped('frederikshavn-bilingual-children-in-daycare');
    const child = (id: string, over: Partial<IndicatorPerson> = {}) =>
      person(id, { birthDate: '2022-04-01', program: null, residenceBasis: 'accompanying_child', ...over });
    const i = input({
      persons: [
        child('enrolled'),
        child('ended'),
        child('none'),
        child('danish', { languages: ['da'] }),
        child('six', { birthDate: '2019-12-31' }),
      ],
      enrolments: [
        { personId: 'enrolled', kind: 'daycare', startDate: '2024-01-01', endDate: null },
        { personId: 'ended', kind: 'daycare', startDate: '2024-01-01', endDate: '2025-12-30' },
        { personId: 'danish', kind: 'daycare', startDate: '2024-01-01', endDate: null },
        { personId: 'six', kind: 'daycare', startDate: '2024-01-01', endDate: null },
      ],
    });
    const f = one(d, i);
    assert.deepEqual([f.numerator, f.denominator], [1, 3]);
  });

  test('language screening counts an assessment from 2 years 9 months to 3½ years, for children turning 3½ in the year', () => {
    const d = shipped('frederikshavn-language-screening-from-3');
    const child = (id: string, birthDate: string) =>
      person(id, { birthDate, program: null, takeoverDate: '2023-01-01' });
    const i = input({
      persons: [
        child('at-34-months', '2022-01-10'),
        child('at-30-months', '2022-01-10'),
        child('at-43-months', '2022-01-10'),
        child('too-young', '2022-09-01'),
      ],
      languageAssessments: [
        { personId: 'at-34-months', date: '2024-11-10' },
        { personId: 'at-30-months', date: '2024-07-10' },
        { personId: 'at-43-months', date: '2025-08-10' },
      ],
    });
    const f = one(d, i);
    assert.deepEqual([f.numerator, f.denominator], [1, 3], 'the child born 2022-09-01 turns 3½ in 2026');
  });

  test('breakdowns give each group its own counts, in the vocabulary order, with unknown and no program last', () => {
    const d = def({
      numerator: { kind: 'employed' },
      breakdowns: ['sex', 'age_band', 'residence_basis', 'program', 'cohort'],
    });
    const i = input({
      persons: [
        person('a', { sex: 'male', birthDate: '2000-06-01', takeoverDate: '2023-02-01' }),
        person('b', { sex: 'female', birthDate: '1990-06-01', residenceBasis: null }),
        person('c', { sex: null, birthDate: null, program: null, residenceBasis: 'quota_refugee' }),
        person('d', { sex: 'female', birthDate: '1960-01-01', program: 'introduction', residenceBasis: 'other' }),
      ],
      labourMarket: [job('a', '2025-01-01', null), job('b', '2025-01-01', null)],
    });
    const f = one(d, i);
    const groups = (dim: string) =>
      f.breakdown.filter((g) => g.dimension === dim).map((g) => `${g.group}:${g.numerator}/${g.denominator}`);
    assert.deepEqual(groups('sex'), ['female:1/2', 'male:1/1', 'unknown:0/1']);
    assert.deepEqual(groups('age_band'), ['25-29:1/1', '30-39:1/1', '65+:0/1', 'unknown:0/1']);
    assert.deepEqual(groups('residence_basis'), [
      'spontaneous_refugee:1/1',
      'quota_refugee:0/1',
      'other:0/1',
      'unknown:1/1',
    ]);
    assert.deepEqual(groups('program'), ['self_support_and_return:2/2', 'introduction:0/1', 'none:0/1']);
    assert.deepEqual(groups('cohort'), ['2022:1/3', '2023:1/1']);
    assert.deepEqual([f.numerator, f.denominator, f.value], [2, 4, 0.5]);
  });

  test('an empty population has no value, not 0', () => {
    const f = one(def({ numerator: { kind: 'employed' }, breakdowns: ['sex'] }), input({}));
    assert.deepEqual([f.value, f.numerator, f.denominator, f.breakdown.length], [null, 0, 0, 0]);
  });
});

describe('compliance figures', () => {
  const onTime: ComplianceIndicatorDefinition = {
    kind: 'compliance',
    id: 'c',
    title: 'c',
    ruleId: 'r',
    value: 'share',
    breakdowns: ['sex'],
  };
  const late: ComplianceIndicatorDefinition = { ...onTime, value: 'median_days' };
  const ob = (personId: string, o: Partial<ObligationRecord>): ObligationRecord => ({
    personId,
    ruleId: 'r',
    status: 'met',
    dueDate: '2025-03-01',
    metOn: '2025-02-20',
    ...o,
  });
  const persons = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8', 'p9'].map((id, n) =>
    person(id, { sex: n % 2 ? 'male' : 'female' }),
  );
  const asOf = '2025-06-30';
  const obligations = [
    ob('p1', {}), // on time
    ob('p2', { metOn: '2025-03-11' }), // 10 days late
    ob('p3', { status: 'overdue', metOn: null, dueDate: '2025-06-10' }), // open, 20 days late so far
    ob('p4', { metOn: '2025-03-31' }), // 30 days late
    ob('p5', { status: 'not_applicable', dueDate: null, metOn: null }),
    ob('p6', { dueDate: '2024-12-31', metOn: '2025-01-05' }), // due last year
    ob('p7', { status: 'open', dueDate: '2025-06-30', metOn: null }), // due today: pending
    ob('p8', { status: 'met', dueDate: null, metOn: '2025-04-01' }), // every conversation, met: on time
    { ...ob('p9', {}), ruleId: 'other' },
  ];

  test('the share on time counts the obligations due in the year that were met by their due date', () => {
    const f = one(onTime, input({ persons, obligations }), asOf);
    assert.deepEqual([f.numerator, f.denominator, f.pending], [2, 5, 1]);
    assert.equal(f.value, 0.4);
    assert.deepEqual(
      f.breakdown.map((g) => `${g.group}:${g.numerator}/${g.denominator}`),
      ['female:1/2', 'male:1/3'],
    );
  });

  test('the median days late is over those met late and those still open past due (counted to asOf)', () => {
    const f = one(late, input({ persons, obligations }), asOf);
    assert.deepEqual([f.value, f.denominator, f.numerator], [20, 3, undefined]);
    assert.equal(median([1, 2, 3, 4]), 2.5);
    assert.equal(median([]), null);
  });

  test('an obligation dated before the birth of a child born after the takeover counts the child as aged 0, not a crash', () => {
    const baby = person('b', { birthDate: '2025-05-01', takeoverDate: '2025-01-01' });
    const f = one(
      { ...onTime, breakdowns: ['age_band'] },
      input({ persons: [baby], obligations: [ob('b', { dueDate: '2025-03-01', metOn: '2025-02-20' })] }),
      asOf,
    );
    assert.deepEqual([f.numerator, f.denominator], [1, 1]);
    assert.deepEqual(
      f.breakdown.map((g) => [g.group, g.denominator]),
      [[AGE_BANDS[0].id, 1]],
    );
  });

  test('obligations from the engine: a contract signed 10 days after its due date is late by 10 days', () => {
    const { rules, dueSoonDays } = compileRules(loadPolicySet(), '813');
    const facts = (personId: string, contractSignedOn: string | null): CaseFacts => ({
      personId,
      birthDate: '1990-01-01',
      takeoverDate: '2025-01-01',
      arrivalDate: null,
      residenceBasis: 'spontaneous_refugee',
      program: 'self_support_and_return',
      relation: 'head',
      languages: ['ar'],
      activities: [],
      conversations: [],
      contractSignedOn,
      visitationHeldOn: null,
      contactPersons: [],
      enrolments: [],
      languageAssessments: [],
      followUps: [],
    });
    const records = [facts('x', '2025-02-11'), facts('y', '2025-01-20'), facts('z', null)].flatMap((f) =>
      obligationsFor(rules, f, asOf, dueSoonDays).map((o) => obligationRecord(f.personId, o)),
    );
    const ps = ['x', 'y', 'z'].map((id) => person(id, { takeoverDate: '2025-01-01' }));
    const [share, days] = computeIndicators(
      [
        // Taken over after the reform of 1 January 2025: the contract of the introduction programme.
        { ...onTime, ruleId: 'law.contract-introduction-program' },
        { ...late, ruleId: 'law.contract-introduction-program' },
      ],
      input({ persons: ps, obligations: records }),
      YEAR,
      asOf,
    );
    assert.deepEqual([share!.numerator, share!.denominator], [1, 3]);
    // Due 2025-02-01: x 10 days late; z still open, 149 days by 2025-06-30.
    assert.deepEqual([days!.value, days!.denominator], [(10 + 149) / 2, 2]);
  });
});
