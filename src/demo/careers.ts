// What happened to a person of the demo population after takeover, as the outcome records of
// issue 11 hold it: labour-market status periods, educations completed, Danish education and
// Danish tests. Pure and seeded like the rest of the demo; generate.ts turns these histories into
// rows, and into the case records that go with them (a wage subsidy period is also an offer on
// the case file, a Danish course also an activity).
//
// The model is tuned so that the demo's figures land where the Integrationsbarometer and
// Jobindsats put refugees and the family-reunified (shared/indicators/national-indicators.md):
// - Labour market: everyone in the self-support and return program starts on its benefit; each
//   month brings a chance of leaving it, low in the first half year (Danish first), higher after,
//   and lower for women (more so with small children), older persons, persons with little
//   schooling; Ukrainians find work fastest. Leaving means an ordinary job most often, else a
//   wage subsidy, an IGU, an education, self-support without benefit or leave; jobs last or end,
//   wage subsidies and IGUs lead to a job or back to benefit. Four to five in ten are in
//   unsubsidised work three years after takeover (Jobindsats: 43 % in 2018; the national ambition
//   is 50 %), men more often than women; as the years pass, more.
// - Youth: children who grew up here start a youth education at 16; most finish one by 20–24.
// - Danish education (DU1–3 by schooling): six modules (DU3 five and an optional sixth) at a
//   pace by track, some stop along the way, the test at the end (Prøve i Dansk 1/2/3,
//   Studieprøven) is passed by most who take it, a failed test is retaken once: a little over
//   half of the participants pass a test within 5 years of starting (the Barometer: 62 %).
// Periods never overlap: each begins the day after the previous one ends.
import {
  DANISH_EDUCATION_MODULES,
  MODULES_PER_TRACK,
  type BenefitKind,
  type CompletedEducationKind,
  type DanishEducationModule,
  type DanishEducationTrack,
  type DanishTestKind,
  type EducationKind,
  type LabourMarketStatusKind,
} from '../domain/outcomes.js';
import { addYears, ageAt, dayFrom, ymd } from './days.js';
import type { Random } from './random.js';

/** Schooling from the home country, as the visitation interview finds it; it decides the Danish track. */
export type Schooling = 'little' | 'some' | 'higher';

export const TRACK_FOR_SCHOOLING: Readonly<Record<Schooling, DanishEducationTrack>> = {
  little: 'du1',
  some: 'du2',
  higher: 'du3',
};

/** The state pension age (folkepension), for persons born after 1962. */
export const PENSION_AGE = 67;

/** A labour-market status period; `to` is the planned last day, null when it lasts beyond what is known. */
export interface Spell {
  kind: LabourMarketStatusKind;
  from: number;
  to: number | null;
  hours?: number | undefined;
  benefit?: BenefitKind | undefined;
  educationKind?: EducationKind | undefined;
}

export interface Completion {
  kind: CompletedEducationKind;
  on: number;
  inDenmark: boolean;
}

export interface Career {
  spells: Spell[];
  completed: Completion[];
}

export interface CareerPerson {
  birth: number;
  sex: 'male' | 'female';
  takeover: number;
  /** In the self-support and return program: on its benefit while in it, on the transition benefit after. */
  selfSupport: boolean;
  /** How readily the person finds work (see propensity). */
  propensity: number;
  /** The last day the history is made for: today, or the day the person left. */
  horizon: number;
  /** Paid work starting before `until` has at least `hours` a week (the program's 37 hours with Danish). */
  minHours?: { until: number; hours: number } | undefined;
}

/** How readily a person leaves benefit for work, relative to a man with some schooling. */
export function propensity(p: {
  sex: 'male' | 'female';
  schooling: Schooling;
  origin: number;
  youngChildren: boolean;
}): number {
  const schooling = { little: 0.6, some: 1, higher: 1.15 }[p.schooling];
  const sex = p.sex === 'male' ? 1 : p.youngChildren ? 0.26 : 0.45;
  return schooling * sex * p.origin;
}

const AVERAGE_MONTH = 30.44;

type State = LabourMarketStatusKind | 'pension';

interface Step {
  spell: Omit<Spell, 'from' | 'to'>;
  /** The last day; null: lasts. */
  to: number | null;
  next: State;
}

class CareerBuilder {
  private readonly spells: Spell[] = [];
  private readonly completed: Completion[] = [];
  private inProgram: boolean;
  private nextEducation: EducationKind | null = null;
  private readonly pension: number;

  constructor(
    private readonly rng: Random,
    private readonly p: CareerPerson,
  ) {
    this.inProgram = p.selfSupport;
    this.pension = addYears(p.birth, PENSION_AGE);
  }

  run(first: State, from: number, exitNotBefore: number, education: EducationKind | null = null): Career {
    let state = first;
    let t = from;
    let notBefore = exitNotBefore;
    this.nextEducation = education;
    for (let guard = 0; guard < 80 && t <= this.p.horizon; guard++) {
      if (state === 'pension' || t >= this.pension) {
        this.spells.push({ kind: 'benefit', benefit: 'other', from: t, to: null });
        break;
      }
      const step = this.step(state, t, notBefore);
      notBefore = 0;
      let { to, next } = step;
      if ((to === null && this.pension <= this.p.horizon) || (to !== null && to >= this.pension)) {
        to = this.pension - 1;
        next = 'pension';
      }
      this.spells.push({ ...step.spell, from: t, to });
      if (to === null) break;
      t = to + 1;
      state = next;
    }
    return { spells: this.spells, completed: this.completed };
  }

  private age(on: number): number {
    return ageAt(this.p.birth, on);
  }

  private hours(from: number, options: readonly number[]): number {
    const h = this.rng.pick(options);
    const min = this.p.minHours;
    return min && from < min.until ? Math.max(h, min.hours) : h;
  }

  /** The program ends when the person supports themselves (a job, an IGU, an education, no benefit). */
  private leaveProgramFor(next: State): State {
    if (next !== 'benefit' && next !== 'wage_subsidy' && next !== 'other') this.inProgram = false;
    return next;
  }

  private step(state: LabourMarketStatusKind, t: number, notBefore: number): Step {
    const rng = this.rng;
    switch (state) {
      case 'benefit':
        return this.benefit(t, notBefore);
      case 'ordinary_job': {
        const hours = this.hours(t, this.p.sex === 'male' ? [25, 30, 32, 37, 37, 37] : [15, 20, 25, 30, 37, 37]);
        const to = rng.chance(0.55) ? null : t + rng.int(90, 1100);
        const next = rng.weighted<State>([
          ['ordinary_job', 38],
          ['benefit', 50],
          ['other', this.p.sex === 'female' ? 12 : 5],
          ['education', this.age(t) <= 35 ? 5 : 0],
        ]);
        return { spell: { kind: 'ordinary_job', hours }, to, next: this.leaveProgramFor(next) };
      }
      case 'wage_subsidy': {
        const hours = this.hours(t, [20, 25, 30, 37]);
        const next = rng.chance(0.42) ? 'ordinary_job' : 'benefit';
        return {
          spell: { kind: 'wage_subsidy', hours },
          to: t + 7 * rng.int(13, 52) - 1,
          next: this.leaveProgramFor(next),
        };
      }
      case 'igu': {
        const hours = this.hours(t, [25, 30, 32, 37]);
        const to = t + (rng.chance(0.8) ? 730 : rng.int(90, 540)) - 1;
        const next = rng.weighted<State>([
          ['ordinary_job', 65],
          ['benefit', 30],
          ['education', 5],
        ]);
        return { spell: { kind: 'igu', hours }, to, next: this.leaveProgramFor(next) };
      }
      case 'flexjob':
        return { spell: { kind: 'flexjob', hours: rng.pick([10, 12, 15, 20]) }, to: null, next: 'benefit' };
      case 'self_supporting': {
        const to = rng.chance(0.5) ? null : t + rng.int(180, 1000);
        return { spell: { kind: 'self_supporting' }, to, next: rng.chance(0.6) ? 'benefit' : 'ordinary_job' };
      }
      case 'other': {
        // Leave (barsel), illness, or a minor between school and education.
        const age = this.age(t);
        const to = age < 18 ? Math.min(t + rng.int(60, 365), addYears(this.p.birth, 18) - 1) : t + rng.int(90, 365);
        return { spell: { kind: 'other' }, to, next: 'benefit' };
      }
      case 'education':
        return this.education(t);
    }
  }

  private benefit(t: number, notBefore: number): Step {
    const rng = this.rng;
    // A minor is not on benefit of their own: supported by the parents until 18.
    if (this.age(t) < 18) {
      const eighteen = addYears(this.p.birth, 18);
      const to = rng.chance(0.5) ? eighteen - 1 : Math.min(eighteen - 1, t + rng.int(60, 300));
      const next = to === eighteen - 1 ? 'benefit' : rng.chance(0.5) ? 'education' : 'ordinary_job';
      if (next === 'education') this.nextEducation = 'preparatory';
      return { spell: { kind: 'other' }, to, next };
    }
    const benefit: BenefitKind = this.inProgram
      ? 'self_support_and_return_benefit'
      : this.p.selfSupport
        ? 'transition_benefit'
        : 'other';
    const programEnd = this.inProgram ? addYears(this.p.takeover, 5) : null;
    let exit: number | null = null;
    for (let d = Math.max(t + 28, notBefore); d <= this.p.horizon; d += 30) {
      if (rng.chance(this.hazard(d))) {
        exit = d;
        break;
      }
    }
    if (programEnd !== null && programEnd > t && (exit === null || exit > programEnd) && programEnd <= this.p.horizon) {
      // The program lasts at most 5 years; on benefit after it, the transition benefit.
      this.inProgram = false;
      return { spell: { kind: 'benefit', benefit }, to: programEnd - 1, next: 'benefit' };
    }
    if (exit === null) return { spell: { kind: 'benefit', benefit }, to: null, next: 'benefit' };
    const months = (exit - this.p.takeover) / AVERAGE_MONTH;
    const age = this.age(exit);
    const next = rng.weighted<State>([
      ['ordinary_job', 46],
      ['wage_subsidy', this.inProgram || months < 96 ? 20 : 6],
      ['igu', age <= 40 && months < 60 ? 12 : 0],
      ['education', age <= 35 && months >= 12 ? (age <= 29 ? 14 : 6) : 0],
      ['self_supporting', 5],
      ['other', this.p.sex === 'female' ? 8 : 3],
      ['flexjob', months >= 36 && age >= 30 ? 2 : 0],
    ]);
    return { spell: { kind: 'benefit', benefit }, to: exit - 1, next: this.leaveProgramFor(next) };
  }

  /** The monthly chance of leaving benefit on day `d`. */
  private hazard(d: number): number {
    const months = (d - this.p.takeover) / AVERAGE_MONTH;
    const base = months < 6 ? 0.02 : months < 24 ? 0.064 : 0.045;
    const age = this.age(d);
    const byAge = age < 25 ? 0.9 : age < 45 ? 1 : age < 55 ? 0.7 : age < 60 ? 0.4 : 0.12;
    return Math.min(0.6, base * this.p.propensity * byAge);
  }

  private education(t: number): Step {
    const rng = this.rng;
    const age = this.age(t);
    const young = age < 20;
    const kind: EducationKind =
      this.nextEducation ??
      rng.weighted<EducationKind>([
        ['vocational', 55],
        ['preparatory', 30],
        ['youth_education', 10],
        ['higher', age >= 20 ? 8 : 0],
      ]);
    this.nextEducation = null;
    if (kind === 'preparatory' || kind === 'other') {
      const to = t + rng.int(300, 700);
      const next = rng.weighted<State>([
        ['education', 45],
        ['ordinary_job', 30],
        ['benefit', 25],
      ]);
      if (next === 'education') this.nextEducation = 'vocational';
      return { spell: { kind: 'education', educationKind: kind }, to, next };
    }
    const length =
      kind === 'youth_education'
        ? this.schoolYearsLength(t, 3)
        : kind === 'vocational'
          ? rng.int(1100, 1500)
          : rng.int(1200, 1800);
    const completes = rng.chance(
      kind === 'youth_education' ? (young ? 0.86 : 0.7) : kind === 'vocational' ? 0.66 : 0.72,
    );
    if (completes) {
      const to = t + length - 1;
      this.completed.push({ kind, on: to, inDenmark: true });
      const next =
        kind === 'youth_education'
          ? rng.weighted<State>([
              ['education', 48],
              ['ordinary_job', 37],
              ['benefit', 7],
              ['other', 8],
            ])
          : rng.chance(0.85)
            ? 'ordinary_job'
            : 'benefit';
      if (next === 'education') this.nextEducation = rng.chance(0.8) ? 'higher' : 'vocational';
      return { spell: { kind: 'education', educationKind: kind }, to, next };
    }
    const to = t + rng.int(90, Math.max(120, length - 60));
    const next = rng.weighted<State>([
      ['ordinary_job', 35],
      ['education', this.age(to) <= 25 ? 25 : 5],
      ['benefit', 40],
    ]);
    if (next === 'education') this.nextEducation = kind === 'vocational' ? 'preparatory' : 'vocational';
    return { spell: { kind: 'education', educationKind: kind }, to, next };
  }

  /** Days from `t` to the end of June `years` school years on (a school year begins in August). */
  private schoolYearsLength(t: number, years: number): number {
    const [y, m] = ymd(t);
    const firstSummer = m >= 8 ? y + 1 : y;
    return dayFrom(firstSummer + years - 1, 6, 24) - t + 1;
  }
}

/** An adult's labour-market history from takeover: on benefit (or self-supporting) first, then as the model goes. */
export function adultCareer(
  rng: Random,
  person: CareerPerson,
  options: { earliestExit: number; startSelfSupporting: boolean },
): Career {
  const builder = new CareerBuilder(rng, person);
  return builder.run(
    options.startSelfSupporting ? 'self_supporting' : 'benefit',
    person.takeover,
    options.earliestExit,
  );
}

/**
 * A young person's history from the day they leave school (or, arriving at 16 or later, after a
 * year in a reception class): a youth education for most (the general upper-secondary more
 * often for those who grew up here, a preparatory or vocational one for those who came later),
 * then education, work or benefit as for adults.
 */
export function youthCareer(
  rng: Random,
  person: CareerPerson,
  options: { start: number; arrivedAged: number },
): Career {
  const grewUpHere = options.arrivedAged <= 12;
  const first = rng.weighted<EducationKind | 'none'>(
    grewUpHere
      ? [
          ['youth_education', 50],
          ['vocational', 31],
          ['preparatory', 13],
          ['none', 6],
        ]
      : [
          ['preparatory', 45],
          ['vocational', 28],
          ['youth_education', 15],
          ['none', 12],
        ],
  );
  const builder = new CareerBuilder(rng, person);
  if (first === 'none') return builder.run('benefit', options.start, options.start);
  return builder.run('education', options.start, options.start, first);
}

// ---- Danish education ------------------------------------------------------------------------

export interface DanishCourse {
  track: DanishEducationTrack;
  referredOn: number;
  /** The first day the teaching could begin (the language school's offer). */
  startPossibleOn: number;
  startedOn: number;
  /** The first day of each module taken (index 0 is module 1). */
  moduleStarts: number[];
  /** The last day: the last test, stopping, or the end of the 5 years; null if it goes on. */
  end: number | null;
  tests: { test: DanishTestKind; on: number; passed: boolean }[];
}

const TEST_OF_TRACK: Readonly<Record<DanishEducationTrack, DanishTestKind>> = { du1: 'pd1', du2: 'pd2', du3: 'pd3' };
/** Days per module, by track (DU1 slowest, for learners with little schooling). */
const MODULE_DAYS: Readonly<Record<DanishEducationTrack, readonly [number, number]>> = {
  du1: [200, 290],
  du2: [150, 215],
  du3: [110, 165],
};
/** The chance of stopping during a module (a job, moving, illness, leave). */
const STOP_PER_MODULE: Readonly<Record<DanishEducationTrack, number>> = { du1: 0.16, du2: 0.13, du3: 0.09 };
const PASS_RATE: Readonly<Record<DanishTestKind, number>> = { pd1: 0.58, pd2: 0.76, pd3: 0.75, studieproeve: 0.75 };

/**
 * A course of Danish education from its start: modules one after another, perhaps stopping (never
 * before `steadyUntil`: the program's first year keeps its hours), the track's test after the
 * last module, one retake after a failed test, Studieprøven after DU3's optional sixth module for
 * some. The right to Danish education lasts 5 years from the start.
 */
export function danishCourse(
  rng: Random,
  c: {
    referral: number;
    startPossible: number;
    start: number;
    track: DanishEducationTrack;
    steadyUntil: number;
    slow: boolean;
  },
): DanishCourse {
  const course: DanishCourse = {
    track: c.track,
    referredOn: c.referral,
    startPossibleOn: c.startPossible,
    startedOn: c.start,
    moduleStarts: [],
    end: null,
    tests: [],
  };
  const limit = addYears(c.start, 5) - 1;
  const [lo, hi] = MODULE_DAYS[c.track];
  const pace = () => Math.round(rng.int(lo, hi) * (c.slow ? 1.2 : 1));
  const stop = STOP_PER_MODULE[c.track] * (c.slow ? 1.5 : 1);
  let d = c.start;
  for (let module = 1; module <= MODULES_PER_TRACK[c.track].modules; module++) {
    course.moduleStarts.push(d);
    const length = pace();
    if (d > c.steadyUntil && rng.chance(stop)) {
      course.end = Math.min(limit, d + rng.int(20, length));
      return course;
    }
    d += length;
    if (d > limit) {
      course.end = limit;
      return course;
    }
  }
  const test = TEST_OF_TRACK[c.track];
  let passed = rng.chance(PASS_RATE[test]);
  course.tests.push({ test, on: d, passed });
  if (!passed) {
    const retake = d + rng.int(120, 240);
    if (retake <= limit) {
      passed = rng.chance(0.5);
      course.tests.push({ test, on: retake, passed });
      d = retake;
    }
  }
  if (passed && c.track === 'du3' && rng.chance(0.3)) {
    course.moduleStarts.push(d + 1);
    const studieproeve = d + pace();
    if (studieproeve <= limit) {
      course.tests.push({ test: 'studieproeve', on: studieproeve, passed: rng.chance(PASS_RATE.studieproeve) });
      d = studieproeve;
    }
  }
  course.end = Math.min(limit, d);
  return course;
}

/** The module a course is on (or ended on) on the day; null before it starts. */
export function moduleOn(course: DanishCourse, day: number): DanishEducationModule | null {
  let module: DanishEducationModule | null = null;
  for (const [i, start] of course.moduleStarts.entries()) {
    if (start > day) break;
    const next = DANISH_EDUCATION_MODULES[i];
    if (next === undefined) throw new RangeError(`Demo data: a Danish course with ${i + 1} modules`);
    module = next;
  }
  return module;
}
