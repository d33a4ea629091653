// Who needs what in a placement round (issue 5, issue 10): pure functions over the plain records
// the placement repository loads and the figures the policy gives (src/policy/placement.ts
// `placementFigures`: law defaults in policies/national.yaml, municipal overrides, each with its
// source). No figure of the law is written here; the repository loads rows, the service calls these.
//
// Ages. The policy's age bands (daycare 0–5, school 6–16 in national.yaml) are read in Danish
// school years (`schoolYearAge`): a child counts the age they reach in the calendar year the
// school year began (1 August). So "skole fra 6 år" is the reception year (børnehaveklasse) from
// the August of the year the child turns 6, "til og med 16 år" ends with the school year they
// turn 16 in (10. klasse), and "dagtilbud til og med 5 år (skolestart ved 6)" ends when school
// begins. With national.yaml's figures the two bands meet without a gap or an overlap, and the
// engine's own age check (src/placement/criteria.ts `childOutsideAgeBand`) reads the same age,
// because `age` in the records returned here is that school-year age.
import { ageOn, addDuration, daysBetween, schoolYearAge, type IsoDate } from './dates.js';
import { ADULT_AGE, isBilingual } from './model.js';

/**
 * Children a placement cap does not count although they are of its category: since
 * dagtilbudsloven § 26 b (L 95, 2024-25), a child from a deprived housing area whose parents are
 * in work or education is not counted in the 30 % of § 26 a.
 */
export const CAP_EXEMPTIONS = ['parents_in_work_or_education'] as const;
export type CapExemption = (typeof CAP_EXEMPTIONS)[number];

/** The policy figures eligibility reads (numbers only; their sources stay in the policy). */
export interface EligibilityFigures {
  daycare: {
    /** daycare from this many weeks of age */
    fromWeeks: number;
    /** the daycare age band, in school-year ages (inclusive) */
    ageMin: number;
    ageMax: number;
    /** who the deprived-area cap does not count, by the version of the law in force on the day */
    deprivedAreaExempt: readonly CapExemption[];
  };
  school: {
    /** the school age band, in school-year ages (inclusive) */
    ageMin: number;
    ageMax: number;
    /** a child without Danish who arrived less than this many years ago needs a reception class */
    receptionClassYears: number;
  };
}

/** Monthly benefit levels (DKK) by family type, used when a household's income is not recorded. */
export interface IncomeFigures {
  /** the year the levels are of */
  year: number;
  /** an adult who is the only provider for children */
  singleProvider: number;
  /** each of two (or more) adults with children */
  providerInCouple: number;
  /** an adult without children aged `olderFromAge` or more */
  withoutChildrenOlder: number;
  /** an adult without children under `olderFromAge` */
  withoutChildrenYounger: number;
  olderFromAge: number;
  /** child benefits per child */
  perChild: number;
}

/** A child under 18 without a seat of the round's kind, as loaded. */
export interface ChildRecord {
  id: string;
  givenName: string;
  familyName: string;
  householdId: string;
  birthDate: IsoDate;
  /** whole years on the plan date */
  age: number;
  languages: string[];
  arrivalDate: IsoDate | null;
  takeoverDate: IsoDate;
  /** the town of the household's unit (the largest town when it has none yet) */
  townId: string;
  /** the household's unit lies in a deprived housing area */
  deprived: boolean;
  /** every parent in the household (head, spouse) is in work or education on the day (labour-market periods) */
  parentsInWorkOrEducation: boolean;
  /** institutions of the kind where a sibling is enrolled */
  siblingAt: string[];
}

/** A child who needs a seat: the engine's ChildInput (src/placement/inputs.ts). */
export interface SeatCandidate {
  id: string;
  label: string;
  householdId: string;
  /** the school-year age (see the top of this file) */
  age: number;
  bilingual: boolean;
  /** lives in a deprived housing area and is not exempt from the cap (see countsInDeprivedAreaCap) */
  countsInDeprivedAreaCap: boolean;
  townId: string;
  needsReceptionClass: boolean;
  preferences: string[];
  siblingAt: string[];
}

export type SeatKind = 'daycare' | 'school';

/**
 * Whether a daycare admission of the child counts towards the deprived-area cap (dagtilbudsloven
 * § 26 a): they live in a deprived housing area, and the version of the law in force does not
 * exempt them (§ 26 b: parents in work or education).
 */
export function countsInDeprivedAreaCap(
  child: Pick<ChildRecord, 'deprived' | 'parentsInWorkOrEducation'>,
  figures: EligibilityFigures,
): boolean {
  if (!child.deprived) return false;
  const exempt = figures.daycare.deprivedAreaExempt;
  return !(exempt.includes('parents_in_work_or_education') && child.parentsInWorkOrEducation);
}

/** Whether a child born on `birthDate` is of the age for a seat of `kind` on `on`, by the policy's figures. */
export function isOfSeatAge(kind: SeatKind, birthDate: IsoDate, on: IsoDate, figures: EligibilityFigures): boolean {
  const age = schoolYearAge(birthDate, on);
  if (kind === 'school') return age >= figures.school.ageMin && age <= figures.school.ageMax;
  const d = figures.daycare;
  return daysBetween(birthDate, on) >= d.fromWeeks * 7 && age >= d.ageMin && age <= d.ageMax;
}

/**
 * A reception class (modtageklasse) is for a child who arrived (or, with no arrival date, was
 * taken over) less than `receptionClassYears` before `on` and has no Danish among their languages.
 * Bilingual (`isBilingual`) is a wider notion: a child may be bilingual and speak Danish.
 */
export function needsReceptionClass(
  child: Pick<ChildRecord, 'languages' | 'arrivalDate' | 'takeoverDate'>,
  on: IsoDate,
  figures: EligibilityFigures,
): boolean {
  const since = addDuration(on, { years: figures.school.receptionClassYears, months: 0, weeks: 0, days: 0 }, -1);
  return (child.arrivalDate ?? child.takeoverDate) > since && !child.languages.includes('da');
}

/** The children of `records` who need a seat of `kind` on `on`, as the engine reads them. No wishes are stored yet: `preferences` is empty. */
export function childrenNeedingSeat(
  kind: SeatKind,
  records: readonly ChildRecord[],
  on: IsoDate,
  figures: EligibilityFigures,
): SeatCandidate[] {
  return records
    .filter((c) => isOfSeatAge(kind, c.birthDate, on, figures))
    .map((c) => ({
      id: c.id,
      label: `${c.givenName} ${c.familyName}`,
      householdId: c.householdId,
      age: schoolYearAge(c.birthDate, on),
      bilingual: isBilingual(c.languages),
      countsInDeprivedAreaCap: countsInDeprivedAreaCap(c, figures),
      townId: c.townId,
      needsReceptionClass: kind === 'school' && needsReceptionClass(c, on, figures),
      preferences: [],
      siblingAt: c.siblingAt,
    }));
}

/**
 * Monthly household income (DKK) when none is recorded: the benefit levels by family type plus
 * child benefits. A stand-in so that rent can be weighed at all; record the real figure on the household.
 */
export function estimatedMonthlyIncome(adultAges: readonly number[], children: number, f: IncomeFigures): number {
  let total = children * f.perChild;
  for (const age of adultAges) {
    total +=
      children > 0
        ? adultAges.length === 1
          ? f.singleProvider
          : f.providerInCouple
        : age >= f.olderFromAge
          ? f.withoutChildrenOlder
          : f.withoutChildrenYounger;
  }
  return total;
}

/** A member of a household, as loaded (head first). */
export interface MemberRecord {
  id: string;
  relation: string;
  givenName: string;
  familyName: string;
  birthDate: IsoDate;
  languages: string[];
}

/** A household, as loaded: its members, recorded income and what it lives in now. */
export interface HouseholdRecord {
  id: string;
  needsAccessible: boolean;
  /** recorded monthly income incl. benefits; null when not recorded */
  monthlyIncome: number | null;
  currentHousing: 'none' | 'temporary' | 'permanent';
  /** the town of its unit; null when it has none */
  townId: string | null;
  /** the town of an adult's current company-based activity, if any */
  workTownId: string | null;
  /** head first */
  members: MemberRecord[];
}

/** A household as the placement engine reads it (src/placement/inputs.ts names it HouseholdInput). */
export interface HouseholdFacts {
  id: string;
  /** label safe to show: the head's name, never a CPR number */
  label: string;
  persons: number;
  adults: number;
  children: number;
  /** children of daycare or school age: up to the school band's upper age */
  schoolChildren: number;
  singleParent: boolean;
  /** someone in the household needs an accessible (step-free) home */
  needsAccessible: boolean;
  /** monthly household income incl. benefits, DKK (the economy the rent is weighed against) */
  monthlyIncome: number;
  /** oldest adult's age (the policies weigh age: Hjørring) */
  headAge: number;
  /** what the household has now */
  currentHousing: 'none' | 'temporary' | 'permanent';
  /** town of the adults' internship or job, if any (commute) */
  workTownId: string | null;
  languages: string[];
}

/** The facts of a household on `on`: its shape, and its income (recorded, or estimated from the benefit levels). */
export function householdFacts(
  h: HouseholdRecord,
  on: IsoDate,
  figures: EligibilityFigures,
  income: IncomeFigures,
): HouseholdFacts {
  const members = h.members.map((m) => ({ ...m, age: ageOn(m.birthDate, on) }));
  const adults = members.filter((m) => m.age >= ADULT_AGE);
  const children = members.filter((m) => m.age < ADULT_AGE);
  const head = members.find((m) => m.relation === 'head') ?? members[0];
  if (!head) throw new RangeError(`household ${h.id} has no members`);
  const languages = [...new Set([...head.languages, ...members.flatMap((m) => m.languages)])];
  return {
    id: h.id,
    label: `${head.givenName} ${head.familyName}`,
    persons: members.length,
    adults: adults.length,
    children: children.length,
    schoolChildren: children.filter((c) => schoolYearAge(c.birthDate, on) <= figures.school.ageMax).length,
    singleParent: adults.length === 1 && children.length > 0,
    needsAccessible: h.needsAccessible,
    monthlyIncome:
      h.monthlyIncome ??
      estimatedMonthlyIncome(
        adults.map((a) => a.age),
        children.length,
        income,
      ),
    headAge: Math.max(...(adults.length > 0 ? adults : members).map((m) => m.age)),
    currentHousing: h.currentHousing,
    workTownId: h.workTownId,
    languages,
  };
}
