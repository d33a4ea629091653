// The synthetic demo population, generated without I/O: plain records shaped like the tables'
// rows, with ids made from a seeded generator so that the same seed and the same `today` always
// give the same data. seed.ts encrypts the CPR numbers and inserts the records.
//
// What it models, per policy municipality: towns, daycares, schools and the language school;
// companies with internship / wage-subsidy / IGU / job positions; volunteers and associations;
// staff users; and refugee households with their case histories and outcomes: those taken over
// from 2019 (the rules in force) and, fewer, those of 2014–2018 still in the case file.
//
// The municipality mostly works, as a real one does: on the demo's today about nine in ten of the
// obligations of the law and the policy are met (most on time, some late), a few fall due within
// days, and a minority (5–8 %) is overdue, most of it in the newer cases and in what cannot be
// made good afterwards (a missed year's follow-up, repatriation guidance not given). Caseworkers
// plan each first step for the earliest deadline any rule sets: a contact person from takeover, a
// contract and the referral to Danish education within a month, Danish education and a
// company-based offer within 4 weeks of arrival, 37 hours a week in the program's first year,
// four follow-ups in the first 6 months and one every year after, repatriation guidance at every
// conversation and the advising organisation told of a wish to return within days, a health
// assessment offered within 6 months, the whole family followed up every year, a reception class
// within days, SFO within a month, a language assessment around age 3. The municipality's
// punctuality decides how many cases slip. The newest households were taken over in the last
// weeks, so that their first deadlines fall around today.
// The outcome records (careers.ts) follow each person from takeover to today: labour-market
// status periods, educations completed, Danish education with its modules and tests, and the day
// some households of the earlier years left; they are checked with the domain's own checks.
//
// For the placement engine (issue 5) it adds, in streams of their own appended after everything
// above: town coordinates, housing units (vacant stock and the homes of households already
// housed), what each household has and needs, the current composition of daycares and schools,
// seats on positions, mentor capacity and mentorships, and the sectors adults wish or are
// qualified for.
import type { Insertable } from 'kysely';
import type { DB } from '../db/schema.js';
import { todayIso } from '../domain/dates.js';
import { programFor, type Program, type ReceptionStepKind, type ResidenceBasis } from '../domain/model.js';
import {
  danishEducationFieldProblems,
  labourMarketPeriodFieldProblems,
  periodsOverlap,
} from '../domain/outcome-checks.js';
import type {
  BenefitKind,
  DanishEducationModule,
  EducationKind,
  LabourMarketPeriod,
  LabourMarketStatusKind,
} from '../domain/outcomes.js';
import {
  PENSION_AGE,
  TRACK_FOR_SCHOOLING,
  adultCareer,
  danishCourse,
  moduleOn,
  propensity,
  youthCareer,
  type Career,
  type DanishCourse,
  type Schooling,
} from './careers.js';
import { addMonths, addYears, ageAt, dayFrom, dayOf, isoOf, ymd } from './days.js';
import { Random, hashSeed } from './random.js';
import {
  COMPANY_PLACES,
  COMPANY_TEMPLATES,
  CONVERSATION_NOTES,
  DANISH_FAMILY,
  DANISH_FEMALE,
  DANISH_MALE,
  DAYCARE_PREFIXES,
  DAYCARE_WORDS,
  DEMO_MUNICIPALITIES,
  EDUCATION_GOALS,
  EDUCATION_PROVIDERS,
  FOLLOW_UP_NOTES,
  HEALTH_PROVIDERS,
  LANGUAGE_ASSESSMENT_NOTES,
  ORIGINS,
  POSITION_TITLES,
  QUALIFICATIONS_BY_SCHOOLING,
  REPATRIATION_NOTES,
  SCHOOL_NAMES,
  SECTORS,
  VISITATION_CHALLENGES,
  VISITATION_RESOURCES,
  VISITATION_WISHES,
  STREETS,
  WISH_SECTORS,
  type DeprivedAreaRef,
  type MunicipalityDemoRef,
  type NameSet,
  type Origin,
  type OriginRef,
  type Sector,
  type TownRef,
  type TownService,
} from './reference.js';

export const DEFAULT_DEMO_SEED = 20261123;
export { dayOf, isoOf };

// ---------------------------------------------------------------------------------------------
// Records

/** A record the generator made itself and looks up again (a town, an origin, a staff member): missing is a bug. */
function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`Demo data: no ${what}.`);
  return value;
}

type Row<T extends keyof DB> = Insertable<DB[T]>;
type WithId<T extends keyof DB> = Row<T> & { id: string };

export type TownRecord = WithId<'towns'>;
export type InstitutionRecord = WithId<'institutions'> & {
  kind: 'daycare' | 'school' | 'language_school';
  has_reception_class: boolean;
};
export type CompanyRecord = WithId<'companies'> & { sector: Sector };
export type PositionRecord = WithId<'positions'> & { kind: CompanyOfferKind; hours_per_week: number };
export type VolunteerRecord = WithId<'volunteers'> & { synthetic: true };
export type AssociationRecord = WithId<'associations'>;
export type UserRecord = WithId<'users'> & { role: StaffRole; synthetic: true };
export type HouseholdRecord = WithId<'households'> & { synthetic: true };
/** A person as generated: the CPR number in its normalised form, to be encrypted on insert. */
export type PersonRecord = Omit<WithId<'persons'>, 'cpr_cipher' | 'cpr_hash' | 'cpr_masked' | 'cpr_kind'> & {
  household_relation: 'head' | 'spouse' | 'child' | 'other';
  sex: 'male' | 'female';
  residence_basis: ResidenceBasis;
  program: 'self_support_and_return' | 'introduction' | null;
  arrival_date: string;
  cpr: string | null;
  cpr_kind: 'cpr' | 'replacement' | null;
  synthetic: true;
};
export type VisitationRecord = Row<'visitations'>;
export type ContractRecord = Row<'contracts'>;
export type ContactPersonRecord = WithId<'contact_person_assignments'>;
export type ActivityRecord = WithId<'activities'> & { kind: ActivityKind; hours_per_week: number };
export type ConversationRecord = WithId<'conversations'>;
export type EnrolmentRecord = WithId<'enrolments'> & { kind: 'daycare' | 'school' | 'reception_class' | 'sfo' };
export type LanguageAssessmentRecord = WithId<'language_assessments'>;
export type FollowUpRecord = WithId<'follow_ups'>;
export type HousingUnitRecord = WithId<'housing_units'> & { synthetic: true };
export type MentorshipRecord = WithId<'mentorships'>;
export type LabourMarketPeriodRecord = WithId<'labour_market_periods'> & {
  kind: LabourMarketStatusKind;
  from_date: string;
  to_date: string | null;
  hours_per_week: number | null;
  benefit: BenefitKind | null;
  education_kind: EducationKind | null;
};
export type EducationCompletedRecord = WithId<'educations_completed'>;
export type DanishEducationRecord = WithId<'danish_educations'> & {
  started_on: string | null;
  module: DanishEducationModule | null;
  ended_on: string | null;
};
export type DanishTestRecord = WithId<'danish_tests'>;
export type HealthAssessmentRecord = WithId<'health_assessments'>;
export type RepatriationNoticeRecord = WithId<'repatriation_notices'>;
export type ReceptionStepRecord = WithId<'reception_steps'>;

export type StaffRole = 'caseworker' | 'team_lead' | 'housing' | 'institution' | 'volunteer_coordinator';
type CompanyOfferKind = 'company_internship' | 'wage_subsidy' | 'igu' | 'ordinary_job';
type ActivityKind = CompanyOfferKind | 'danish_education' | 'education' | 'health';

export interface DemoMunicipality {
  code: string;
  name: string;
  towns: TownRecord[];
  institutions: InstitutionRecord[];
  companies: CompanyRecord[];
  positions: PositionRecord[];
  volunteers: VolunteerRecord[];
  associations: AssociationRecord[];
  users: UserRecord[];
  households: HouseholdRecord[];
  persons: PersonRecord[];
  visitations: VisitationRecord[];
  contracts: ContractRecord[];
  contactPersons: ContactPersonRecord[];
  activities: ActivityRecord[];
  conversations: ConversationRecord[];
  enrolments: EnrolmentRecord[];
  languageAssessments: LanguageAssessmentRecord[];
  followUps: FollowUpRecord[];
  housingUnits: HousingUnitRecord[];
  mentorships: MentorshipRecord[];
  labourMarketPeriods: LabourMarketPeriodRecord[];
  educationsCompleted: EducationCompletedRecord[];
  danishEducations: DanishEducationRecord[];
  danishTests: DanishTestRecord[];
  healthAssessments: HealthAssessmentRecord[];
  repatriationNotices: RepatriationNoticeRecord[];
  receptionSteps: ReceptionStepRecord[];
}

export interface DemoData {
  seed: number;
  today: string;
  municipalities: DemoMunicipality[];
}

export interface GenerateOptions {
  /** The demo's today (ISO): nothing that happened lies after it. Default: today in Denmark. */
  today?: string | undefined;
  seed?: number | undefined;
  /** Municipality codes; default the five policy municipalities. */
  municipalities?: readonly string[] | undefined;
}

const FIRST_TAKEOVER = '2019-01-02';
/** The first takeover of the earlier households (2014–2018). */
const FIRST_EARLY_TAKEOVER = '2014-01-02';
/** The introduction program's work obligation of 37 hours a week applies to takeovers from this day. */
const WORK_OBLIGATION_FROM = '2025-01-01';
/** The earlier households' case records from this day on (see Member.recordsFrom). */
const CASE_RECORDS_FROM = '2019-01-01';

// ---------------------------------------------------------------------------------------------
// Entry point

export function generateDemo(options: GenerateOptions = {}): DemoData {
  const today = options.today ?? todayIso();
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const todayDay = dayOf(today);
  if (todayDay < dayOf('2019-06-01')) throw new RangeError('The demo population needs a "today" after mid-2019.');
  const codes = options.municipalities ?? DEMO_MUNICIPALITIES.map((m) => m.code);
  // CPR numbers and staff names are unique across the whole demo, not only per municipality.
  const shared: Shared = { cprs: new Set(), staffNames: new Set() };
  const municipalities = codes.map((code) => {
    const ref = DEMO_MUNICIPALITIES.find((m) => m.code === code);
    if (!ref) throw new RangeError(`No demo reference data for municipality ${code}.`);
    return new MunicipalityGenerator(ref, new Random(hashSeed(seed, 'municipality', code)), todayDay, shared).run();
  });
  return { seed, today, municipalities };
}

interface Shared {
  cprs: Set<string>;
  staffNames: Set<string>;
}

// ---------------------------------------------------------------------------------------------
// Household members before they become records

interface Member {
  id: string;
  relation: 'head' | 'spouse' | 'child' | 'other';
  sex: 'male' | 'female';
  givenName: string;
  familyName: string;
  birth: number;
  basis: ResidenceBasis;
  arrival: number;
  takeover: number;
  languages: string[];
  /** Adults: schooling from the home country (the Danish track follows); children: null. */
  schooling: Schooling | null;
  /** The day the household left the case file (moved away); null while in it. */
  leftOn: number | null;
  /** The last day anything is recorded: today, or the day they left. */
  until: number;
  /**
   * Case records (offers, conversations, follow-ups) dated before this day are not in the demo:
   * the earlier households' case files came into the system with their outcome records in full
   * but their case records only from 2019 (CASE_RECORDS_FROM).
   */
  recordsFrom: number;
}

type Cohort = 'recent' | 'early';

interface HouseholdContext {
  id: string;
  cohort: Cohort;
  origin: OriginRef;
  names: NameSet;
  languages: string[];
  homeTown: TownRecord;
  caseworker: UserRecord;
  members: Member[];
}

const TRANSPORT_WEIGHT = { rail: 1.3, frequent_bus: 1.3, bus: 1, limited: 0.5 } as const;

/** Takeover years: few in 2020 (covid), many in 2022–2023 (Ukraine, Syria, Afghanistan). */
const YEAR_WEIGHTS: Readonly<Record<number, number>> = {
  2019: 7,
  2020: 5,
  2021: 6,
  2022: 22,
  2023: 17,
  2024: 13,
  2025: 12,
  2026: 11,
};
/** Takeover years of the earlier households: the 2015–2016 wave and the family reunifications after it. */
const EARLY_YEAR_WEIGHTS: Readonly<Record<number, number>> = { 2014: 18, 2015: 34, 2016: 26, 2017: 13, 2018: 9 };
/** Share of Ukrainians among arrivals by year, from the special act (særloven) in March 2022. */
const UKRAINE_SHARE: Readonly<Record<number, number>> = { 2022: 0.6, 2023: 0.4, 2024: 0.28, 2025: 0.22, 2026: 0.2 };

const COMPANY_OFFER_HOURS: Record<CompanyOfferKind, readonly number[]> = {
  company_internship: [15, 20, 22.5, 25, 27, 30],
  wage_subsidy: [20, 25, 30, 37],
  igu: [25, 30, 32, 37],
  ordinary_job: [10, 15, 20, 25, 30, 37],
};
const DANISH_EDUCATION_HOURS = [10, 10.5, 11, 12, 12.5, 13, 14, 15];
/** From this age at takeover no company-based offers (close to the state pension age, PENSION_AGE). */
const OFFER_AGE_LIMIT = PENSION_AGE - 2;

class MunicipalityGenerator {
  private readonly out: DemoMunicipality;
  private readonly townsByName = new Map<string, TownRecord>();
  private languageSchool!: InstitutionRecord;
  private caseworkers: UserRecord[] = [];
  private institutionUser!: UserRecord;
  /** Where each household lives (the generator's choice; stored through its housing unit). */
  private readonly homeTowns = new Map<string, TownRecord>();
  /** The days of each household head's yearly follow-ups held with the contract follow-up. */
  private readonly yearlyFollowUps = new Map<string, number[]>();

  constructor(
    private readonly ref: MunicipalityDemoRef,
    private readonly rng: Random,
    private readonly today: number,
    private readonly shared: Shared,
  ) {
    this.out = {
      code: ref.code,
      name: ref.name,
      towns: [],
      institutions: [],
      companies: [],
      positions: [],
      volunteers: [],
      associations: [],
      users: [],
      households: [],
      persons: [],
      visitations: [],
      contracts: [],
      contactPersons: [],
      activities: [],
      conversations: [],
      enrolments: [],
      languageAssessments: [],
      followUps: [],
      housingUnits: [],
      mentorships: [],
      labourMarketPeriods: [],
      educationsCompleted: [],
      danishEducations: [],
      danishTests: [],
      healthAssessments: [],
      repatriationNotices: [],
      receptionSteps: [],
    };
  }

  run(): DemoMunicipality {
    // Each part has its own stream, so that changing one part leaves the others as they were.
    this.towns(this.rng.fork('towns'));
    this.companies(this.rng.fork('companies'));
    this.volunteers(this.rng.fork('volunteers'));
    this.associations(this.rng.fork('associations'));
    this.users(this.rng.fork('users'));
    const households = this.rng.fork('households');
    for (let i = 0; i < this.ref.households; i++) {
      const rng = households.fork('household', i);
      // The two newest were taken over a fortnight and three to four weeks ago: as in any month,
      // the newest cases have their first deadlines (contract, Danish education and offer) around today.
      const newest = this.ref.households - i;
      const takeover = newest === 1 ? this.today - rng.int(8, 16) : newest === 2 ? this.today - rng.int(21, 28) : null;
      this.household(rng, 'recent', (i + rng.next()) / this.ref.households, takeover);
    }
    const earlier = this.rng.fork('earlier-households');
    for (let i = 0; i < this.ref.earlierHouseholds; i++) this.household(earlier.fork('household', i), 'early', 0, null);
    // Placement data (issue 5): appended streams; nothing above draws from them.
    const placement = this.rng.fork('placement');
    this.personSectors(placement.fork('sectors'));
    this.housing(placement.fork('housing'));
    this.institutionComposition(placement.fork('institutions'));
    this.positionSeats(placement.fork('seats'));
    this.mentors(placement.fork('mentors'));
    return this.out;
  }

  private get code(): string {
    return this.ref.code;
  }

  private get mainTown(): TownRecord {
    return must(this.out.towns[0], 'main town');
  }

  // ----- towns and institutions -----

  private towns(rng: Random): void {
    const usedNames = new Set<string>();
    for (const town of this.ref.towns) {
      const record: TownRecord = {
        municipality_code: this.code,
        id: rng.uuid(),
        name: town.name,
        population: town.population,
        public_transport: town.transport,
        services: [],
        latitude: town.latitude,
        longitude: town.longitude,
      };
      this.out.towns.push(record);
      this.townsByName.set(town.name, record);
    }
    for (const [index, town] of this.ref.towns.entries()) {
      const record = must(this.townsByName.get(town.name), 'town record');
      const schools =
        town.population >= 20000
          ? 4
          : town.population >= 9000
            ? 3
            : town.population >= 5000
              ? 2
              : town.population >= 850
                ? 1
                : 0;
      const daycares =
        town.population >= 20000
          ? 6
          : town.population >= 9000
            ? 4
            : town.population >= 5000
              ? 3
              : town.population >= 2000
                ? 2
                : town.population >= 500
                  ? 1
                  : 0;
      const receptionTown = this.ref.receptionClassTowns.includes(town.name);
      for (let s = 0; s < schools; s++) {
        const name =
          schools === 1 ? `${town.name} Skole` : uniqueName(usedNames, () => rng.pick(SCHOOL_NAMES), town.name);
        this.out.institutions.push({
          municipality_code: this.code,
          id: rng.uuid(),
          kind: 'school',
          name,
          town_id: record.id,
          capacity: Math.max(
            120,
            Math.min(750, Math.round(town.population / schools / 12 / 10) * 10 + rng.int(0, 8) * 10),
          ),
          has_reception_class: receptionTown && (s === 0 || (index === 0 && s === 1 && schools >= 3)),
        });
      }
      for (let d = 0; d < daycares; d++) {
        const name = uniqueName(usedNames, () => `${rng.pick(DAYCARE_PREFIXES)} ${rng.pick(DAYCARE_WORDS)}`, town.name);
        this.out.institutions.push({
          municipality_code: this.code,
          id: rng.uuid(),
          kind: 'daycare',
          name,
          town_id: record.id,
          capacity: rng.int(4, 12) * 10,
          has_reception_class: false,
        });
      }
    }
    this.languageSchool = {
      municipality_code: this.code,
      id: rng.uuid(),
      kind: 'language_school',
      name: this.ref.languageSchool,
      town_id: this.mainTown.id,
      capacity: Math.round((this.ref.households * 1.6) / 10) * 10,
      has_reception_class: false,
    };
    this.out.institutions.push(this.languageSchool);
    for (const [index, town] of this.ref.towns.entries()) {
      const record = must(this.townsByName.get(town.name), 'town record');
      const kinds = new Set(this.out.institutions.filter((i) => i.town_id === record.id).map((i) => i.kind));
      const services: TownService[] = [];
      if (town.population >= 500) services.push('supermarket');
      if (town.population >= 1400 || index === 0) services.push('gp');
      if (kinds.has('school')) services.push('school');
      if (kinds.has('daycare')) services.push('daycare');
      if (town.population >= 2500) services.push('library');
      if (town.population >= 500) services.push('sports_club');
      if (kinds.has('language_school')) services.push('language_school');
      record.services = services;
    }
  }

  private schoolsIn(town: TownRecord): InstitutionRecord[] {
    const local = this.out.institutions.filter((i) => i.kind === 'school' && i.town_id === town.id);
    return local.length > 0
      ? local
      : this.out.institutions.filter((i) => i.kind === 'school' && i.town_id === this.mainTown.id);
  }

  private daycaresIn(town: TownRecord): InstitutionRecord[] {
    const local = this.out.institutions.filter((i) => i.kind === 'daycare' && i.town_id === town.id);
    return local.length > 0
      ? local
      : this.out.institutions.filter((i) => i.kind === 'daycare' && i.town_id === this.mainTown.id);
  }

  private receptionSchools(): InstitutionRecord[] {
    return this.out.institutions.filter((i) => i.kind === 'school' && i.has_reception_class);
  }

  private pickTown(rng: Random, minimumPopulation = 0): TownRecord {
    const candidates = this.ref.towns.filter((t) => t.population >= minimumPopulation);
    const town: TownRef = rng.weighted(
      candidates.map((t) => [t, t.population * TRANSPORT_WEIGHT[t.transport]] as const),
    );
    return must(this.townsByName.get(town.name), 'town record');
  }

  // ----- companies, volunteers, associations, staff -----

  private companies(rng: Random): void {
    const count = Math.round(this.ref.households / 6) + 6;
    const used = new Set<string>();
    const fishing = new Set(['Hirtshals', 'Skagen', 'Strandby', 'Frederikshavn', 'Faxe Ladeplads', 'Rømø']);
    for (let i = 0; i < count; i++) {
      const town = this.pickTown(rng);
      const sector = town.name === 'Padborg' && rng.chance(0.5) ? 'transport' : rng.weighted(SECTORS);
      const templates = COMPANY_TEMPLATES[sector].filter((t) => !t.includes('Fiskeindustri') || fishing.has(town.name));
      const name = uniqueName(
        used,
        () =>
          rng
            .pick(templates)
            .replace('{town}', town.name)
            .replace('{surname}', rng.pick(DANISH_FAMILY))
            .replace('{place}', rng.pick(COMPANY_PLACES)),
        town.name,
      );
      const company: CompanyRecord = { municipality_code: this.code, id: rng.uuid(), name, sector, town_id: town.id };
      this.out.companies.push(company);
      const positions = rng.weighted([
        [1, 45],
        [2, 35],
        [3, 20],
      ] as const);
      for (let p = 0; p < positions; p++) {
        const kind = rng.weighted<CompanyOfferKind>([
          ['company_internship', 40],
          ['wage_subsidy', 20],
          ['igu', 15],
          ['ordinary_job', 25],
        ]);
        const realOpening = { company_internship: 0.35, wage_subsidy: 0.5, igu: 0.6, ordinary_job: 0.9 }[kind];
        this.out.positions.push({
          municipality_code: this.code,
          id: rng.uuid(),
          company_id: company.id,
          kind,
          title: rng.pick(POSITION_TITLES[sector]),
          hours_per_week: rng.pick(COMPANY_OFFER_HOURS[kind]),
          real_opening: rng.chance(realOpening),
        });
      }
    }
  }

  private volunteers(rng: Random): void {
    const count = Math.round(this.ref.households / 7) + 6;
    const otherTongues: ReadonlyArray<readonly [Origin, string]> = [
      ['SY', 'ar'],
      ['ER', 'ti'],
      ['AF', 'prs'],
      ['UA', 'uk'],
      ['SO', 'so'],
      ['IR', 'fa'],
      ['IQ', 'ku'],
    ];
    for (let i = 0; i < count; i++) {
      const town = this.pickTown(rng);
      const background = rng.chance(0.3) ? rng.pick(otherTongues) : null;
      const female = rng.chance(0.62);
      let given: string;
      let family: string;
      let languages: string[];
      if (background) {
        const origin = must(
          ORIGINS.find((o) => o.code === background[0]),
          'origin of a language background',
        );
        const names = background[1] === 'ku' && origin.kurdishNames ? origin.kurdishNames : origin.names;
        given = rng.pick(female ? names.female : names.male);
        family = rng.pick(names.family);
        languages = ['da', background[1], ...(rng.chance(0.4) ? ['en'] : [])];
      } else {
        given = rng.pick(female ? DANISH_FEMALE : DANISH_MALE);
        family = rng.pick(DANISH_FAMILY);
        languages = [
          'da',
          ...(rng.chance(0.7) ? ['en'] : []),
          ...(rng.chance(this.code === '550' || this.code === '580' ? 0.5 : 0.15) ? ['de'] : []),
        ];
      }
      this.out.volunteers.push({
        municipality_code: this.code,
        id: rng.uuid(),
        given_name: given,
        family_name: family,
        languages,
        town_id: town.id,
        mentor: rng.chance(background ? 0.6 : 0.35),
        hours_per_month: rng.int(2, 20),
        synthetic: true,
      });
    }
  }

  private associations(rng: Random): void {
    const add = (name: string, kind: string, town: TownRecord) =>
      this.out.associations.push({ municipality_code: this.code, id: rng.uuid(), name, kind, town_id: town.id });
    const main = this.mainTown;
    for (const town of this.out.towns) {
      if (town.population < 1000) continue;
      add(
        rng.pick([`${town.name} IF`, `${town.name} Boldklub`, `${town.name} Gymnastik- og Idrætsforening`]),
        'sports_club',
        town,
      );
      if (town.population >= 5000) add(`${town.name} Svømmeklub`, 'sports_club', town);
    }
    add(`Røde Kors ${main.name}`, 'red_cross', main);
    const second = this.out.towns[1];
    if (second) add(`Røde Kors Lektiecafé ${second.name}`, 'red_cross', second);
    add(`Dansk Flygtningehjælp Frivillige ${this.ref.name}`, 'refugee_volunteers', main);
    add(`${main.name} Sogn – Café for nye naboer`, 'church', main);
    add(`Kirkens Korshær ${main.name}`, 'church', main);
    add(`Internationalt Kvindenetværk ${main.name}`, 'cultural', main);
    add(`Dansk-Syrisk Kulturforening ${this.ref.name}`, 'cultural', main);
    add(`Ukrainsk Forening ${this.ref.name}`, 'cultural', this.pickTown(rng, 2000));
  }

  private users(rng: Random): void {
    const roles: StaffRole[] = [
      ...Array.from({ length: this.ref.caseworkers }, () => 'caseworker' as const),
      'team_lead',
      'housing',
      'institution',
      'volunteer_coordinator',
    ];
    for (const role of roles) {
      const name = uniqueName(this.shared.staffNames, () => danishFullName(rng), null);
      const user: UserRecord = {
        municipality_code: this.code,
        id: rng.uuid(),
        name,
        role,
        person_id: null,
        synthetic: true,
      };
      this.out.users.push(user);
      if (role === 'caseworker') this.caseworkers.push(user);
      if (role === 'institution') this.institutionUser = user;
    }
  }

  // ----- households -----

  /**
   * A household; `position` (0–1) places a recent one along the years of takeover (see
   * pickTakeover), unless its takeover day is given.
   */
  private household(rng: Random, cohort: Cohort, position: number, takeoverDay: number | null): void {
    const today = this.today;
    const early = cohort === 'early';
    const takeover = early ? pickEarlyTakeover(rng) : (takeoverDay ?? pickTakeover(rng, today, position));
    const year = ymd(takeover)[0];
    const ukraine = !early && takeover >= dayOf('2022-03-15') && rng.chance(UKRAINE_SHARE[year] ?? 0.2);
    const originWeight = (o: OriginRef) => (early ? o.earlyWeight : o.weight);
    const origin = ukraine
      ? must(
          ORIGINS.find((o) => o.code === 'UA'),
          'origin UA',
        )
      : rng.weighted(ORIGINS.filter((o) => originWeight(o) > 0).map((o) => [o, originWeight(o)] as const));
    const firstDay = dayOf(early ? FIRST_EARLY_TAKEOVER : FIRST_TAKEOVER);
    const caseRecordsFrom = early ? dayOf(CASE_RECORDS_FROM) : Number.NEGATIVE_INFINITY;
    let basis: ResidenceBasis = ukraine
      ? rng.weighted<ResidenceBasis>([
          ['spontaneous_refugee', 85],
          ['other', 15],
        ])
      : rng.weighted<ResidenceBasis>([
          ['spontaneous_refugee', 35],
          ['family_reunified', 40],
          ['quota_refugee', 22],
          ['other', 5],
        ]);
    if (basis === 'quota_refugee' && !origin.quota) basis = 'spontaneous_refugee';
    // A family-reunified head joins a refugee spouse who came at least four months earlier.
    if (basis === 'family_reunified' && takeover - firstDay < 120) basis = 'spontaneous_refugee';

    const languages = [...rng.weighted(origin.languages)];
    const names = languages[0] === 'ku' && origin.kurdishNames ? origin.kurdishNames : origin.names;
    const ctx: HouseholdContext = {
      id: rng.uuid(),
      cohort,
      origin,
      names,
      languages,
      homeTown: this.pickTown(rng, 500),
      caseworker: rng.pick(this.caseworkers),
      members: [],
    };
    this.homeTowns.set(ctx.id, ctx.homeTown);
    const familyName = rng.pick(names.family);
    // Arrival in the municipality: most move in from the asylum centre days before responsibility
    // passes, some weeks before; quota refugees straight from the airport.
    const arrivalBefore = (t: number, quota: boolean) =>
      t - (quota ? rng.int(0, 7) : rng.chance(0.9) ? rng.int(0, 14) : rng.int(15, 42));
    const schooling = (birth: number, t: number): Schooling | null =>
      ageAt(birth, t) < 18
        ? null
        : rng.weighted<Schooling>([
            ['little', origin.schooling[0]],
            ['some', origin.schooling[1]],
            ['higher', origin.schooling[2]],
          ]);

    // Shape of the household.
    let headSex: 'male' | 'female';
    let partner = false;
    let children = 0;
    let grandparent = false;
    let later = false; // spouse and children arrive later through family reunification
    if (ukraine) {
      const shape = rng.weighted([
        ['mother', 55],
        ['single', 28],
        ['couple', 17],
      ] as const);
      headSex = shape === 'single' ? (rng.chance(0.6) ? 'female' : 'male') : shape === 'mother' ? 'female' : 'male';
      partner = shape === 'couple';
      children =
        shape === 'single'
          ? 0
          : shape === 'mother'
            ? rng.weighted([
                [1, 45],
                [2, 38],
                [3, 17],
              ] as const)
            : rng.weighted([
                [0, 35],
                [1, 35],
                [2, 30],
              ] as const);
      grandparent = shape !== 'single' && rng.chance(0.15);
    } else if (basis === 'spontaneous_refugee') {
      // The earlier years brought more families (and reunifications with them).
      const single = rng.chance(early ? 0.32 : 0.58);
      headSex = single ? (rng.chance(0.78) ? 'male' : 'female') : 'male';
      partner = !single && rng.chance(0.88);
      children = single ? 0 : familyChildren(rng);
      later = !single && partner && rng.chance(0.7);
    } else if (basis === 'family_reunified') {
      headSex = rng.chance(0.82) ? 'female' : 'male';
      partner = rng.chance(0.85);
      children = rng.chance(0.8) ? familyChildren(rng) : 0;
    } else if (basis === 'quota_refugee') {
      const single = rng.chance(0.3);
      headSex = single ? (rng.chance(0.6) ? 'male' : 'female') : rng.chance(0.85) ? 'male' : 'female';
      partner = !single && (headSex === 'male' ? rng.chance(0.85) : rng.chance(0.2));
      children = single ? 0 : familyChildren(rng);
      grandparent = !single && rng.chance(0.08);
    } else {
      headSex = rng.chance(0.65) ? 'female' : 'male';
      children = rng.chance(0.4)
        ? rng.weighted([
            [1, 60],
            [2, 40],
          ] as const)
        : 0;
    }
    const maxChildren = 7 - 1 - (partner ? 1 : 0) - (grandparent ? 1 : 0);
    children = Math.min(children, maxChildren);

    // Dates: the head's, the partner's and the children's.
    const headTakeover = takeover;
    let partnerTakeover = takeover;
    let childrenTakeover = takeover;
    let partnerBasis: ResidenceBasis = basis;
    let childBasis: ResidenceBasis = 'accompanying_child';
    if (basis === 'family_reunified') {
      // The refugee spouse came first; the head (and the children) were reunified with them.
      const room = headTakeover - firstDay;
      partnerTakeover = headTakeover - rng.int(120, Math.min(room, 720));
      partnerBasis = 'spontaneous_refugee';
      childBasis = 'family_reunified';
    } else if (later) {
      const delay = rng.int(150, 560);
      if (headTakeover + delay <= today - 5) {
        partnerTakeover = childrenTakeover = headTakeover + delay;
        partnerBasis = childBasis = 'family_reunified';
      } else {
        later = false;
      }
    }
    const quota = basis === 'quota_refugee';
    const headArrival = arrivalBefore(headTakeover, quota);
    const partnerArrival = partnerTakeover === headTakeover ? headArrival : arrivalBefore(partnerTakeover, false);
    const childrenArrival =
      childrenTakeover === headTakeover
        ? headArrival
        : childrenTakeover === partnerTakeover
          ? partnerArrival
          : arrivalBefore(childrenTakeover, false);

    // Ages.
    const headAge =
      children > 0 || partner
        ? rng.int(24, ukraine && !partner ? 45 : 50)
        : ukraine && rng.chance(0.3)
          ? rng.int(45, 68)
          : rng.weighted([
              [rng.int(18, 24), 45],
              [rng.int(25, 34), 35],
              [rng.int(35, 60), 20],
            ] as const);
    const headBirth = birthForAge(rng, headAge, headTakeover);
    const usedGiven = new Set<string>();
    const given = (sex: 'male' | 'female') => {
      const list = sex === 'male' ? names.male : names.female;
      let name = rng.pick(list);
      for (let tries = 0; usedGiven.has(name) && tries < 20; tries++) name = rng.pick(list);
      usedGiven.add(name);
      return name;
    };
    const head: Member = {
      id: rng.uuid(),
      relation: 'head',
      sex: headSex,
      givenName: given(headSex),
      familyName,
      birth: headBirth,
      basis,
      arrival: headArrival,
      takeover: headTakeover,
      languages,
      schooling: schooling(headBirth, headTakeover),
      leftOn: null,
      until: today,
      recordsFrom: caseRecordsFrom,
    };
    ctx.members.push(head);
    let spouse: Member | null = null;
    if (partner) {
      const sex = headSex === 'male' ? 'female' : 'male';
      const diff = sex === 'female' ? -rng.int(0, 8) : rng.int(0, 8);
      let birth = addYears(headBirth, -diff) + rng.int(-150, 150);
      // Adults of at least 19 when their own responsibility is taken over.
      const latest = addYears(partnerTakeover, -19);
      if (birth > latest) birth = latest - rng.int(0, 400);
      const ownFamily =
        origin.patronymic || (origin.code !== 'UA' && rng.chance(0.4)) ? rng.pick(names.family) : familyName;
      spouse = {
        id: rng.uuid(),
        relation: 'spouse',
        sex,
        givenName: given(sex),
        familyName: ownFamily,
        birth,
        basis: partnerBasis,
        arrival: partnerArrival,
        takeover: partnerTakeover,
        languages,
        schooling: schooling(birth, partnerTakeover),
        leftOn: null,
        until: today,
        recordsFrom: caseRecordsFrom,
      };
      ctx.members.push(spouse);
    }
    const mother = [head, spouse].find((m) => m?.sex === 'female') ?? head;
    const father = [head, spouse].find((m) => m?.sex === 'male') ?? null;
    const childFamily = origin.patronymic && father ? father.givenName : familyName;
    const births: number[] = [];
    for (let c = 0; c < children; c++) {
      const earliest = Math.max(addYears(mother.birth, 18), addYears(childrenTakeover, -18) + 30);
      const latest = Math.min(addYears(mother.birth, 44), childrenArrival - 20);
      if (latest < earliest) break;
      let birth = 0;
      for (let tries = 0; tries < 12; tries++) {
        birth = rng.int(earliest, latest);
        if (births.every((b) => Math.abs(b - birth) > 330)) break;
        birth = 0;
      }
      if (birth === 0) continue;
      births.push(birth);
    }
    births.sort((a, b) => a - b);
    for (const birth of births) {
      const sex = rng.chance(0.5) ? 'male' : 'female';
      const childLanguages =
        ageAt(birth, today) >= 3 && today - childrenTakeover > 730 ? [...languages, 'da'] : languages;
      ctx.members.push({
        id: rng.uuid(),
        relation: 'child',
        sex,
        givenName: given(sex),
        familyName: childFamily,
        birth,
        basis: childBasis,
        arrival: childrenArrival,
        takeover: childrenTakeover,
        languages: childLanguages,
        schooling: null,
        leftOn: null,
        until: today,
        recordsFrom: caseRecordsFrom,
      });
    }
    if (grandparent) {
      const sex = rng.chance(0.75) ? 'female' : 'male';
      const birth = Math.min(addYears(head.birth, -rng.int(20, 30)), birthForAge(rng, rng.int(58, 78), headTakeover));
      ctx.members.push({
        id: rng.uuid(),
        relation: 'other',
        sex,
        givenName: given(sex),
        familyName: sex === 'male' || ukraine ? familyName : rng.pick(names.family),
        birth,
        basis,
        arrival: headArrival,
        takeover: headTakeover,
        languages,
        schooling: schooling(birth, headTakeover),
        leftOn: null,
        until: today,
        recordsFrom: caseRecordsFrom,
      });
    }
    // Some households of the earlier years have moved to another municipality since.
    if (early && rng.chance(0.12)) {
      const from = Math.max(...ctx.members.map((x) => x.takeover)) + 365;
      if (from < today - 60) {
        const leftOn = rng.int(from, today - 30);
        for (const x of ctx.members) {
          x.leftOn = leftOn;
          x.until = leftOn;
        }
      }
    }

    this.out.households.push({
      municipality_code: this.code,
      id: ctx.id,
      arrival_date: isoOf(Math.min(...ctx.members.map((m) => m.arrival))),
      takeover_date: isoOf(Math.min(...ctx.members.map((m) => m.takeover))),
      synthetic: true,
    });
    for (const m of ctx.members) this.person(rng, ctx, m);
    this.familyFollowUps(rng, ctx);
  }

  private person(rng: Random, ctx: HouseholdContext, m: Member): void {
    const marks = { periods: this.out.labourMarketPeriods.length, danish: this.out.danishEducations.length };
    const cpr = this.cpr(rng, m);
    const program = programFor(m.basis, isoOf(m.birth), isoOf(m.takeover));
    this.out.persons.push({
      municipality_code: this.code,
      id: m.id,
      household_id: ctx.id,
      household_relation: m.relation,
      given_name: m.givenName,
      family_name: m.familyName,
      birth_date: isoOf(m.birth),
      sex: m.sex,
      cpr: cpr?.normalized ?? null,
      cpr_kind: cpr?.kind ?? null,
      residence_basis: m.basis,
      program,
      country_of_origin: ctx.origin.code,
      languages: m.languages,
      arrival_date: isoOf(m.arrival),
      takeover_date: isoOf(m.takeover),
      left_on: m.leftOn === null ? null : isoOf(m.leftOn),
      synthetic: true,
    });
    this.contactPerson(rng, ctx, m);
    if (program !== null) this.adultCase(rng, ctx, m, program);
    else this.childCase(rng, ctx, m);
    this.checkOutcomes(m, marks);
  }

  /**
   * The domain's own checks (src/domain/outcome-checks.ts) on a person's generated outcome
   * records, and no two status periods overlapping at all: a problem is a bug here.
   */
  private checkOutcomes(m: Member, from: { periods: number; danish: number }): void {
    const fail = (what: string) => {
      throw new Error(`Demo data: person ${m.id}: ${what}`);
    };
    const periods = this.out.labourMarketPeriods.slice(from.periods).map((r): LabourMarketPeriod => ({
      personId: r.person_id,
      kind: r.kind,
      from: r.from_date,
      to: r.to_date,
      hoursPerWeek: r.hours_per_week ?? undefined,
      benefit: r.benefit ?? undefined,
      educationKind: r.education_kind ?? undefined,
    }));
    for (const [i, p] of periods.entries()) {
      const problems = labourMarketPeriodFieldProblems(p);
      if (problems.length > 0) fail(problems.map((x) => x.detail).join(' '));
      if (p.from < isoOf(m.takeover)) fail(`a ${p.kind} period from ${p.from}, before takeover`);
      const other = periods.slice(i + 1).find((q) => periodsOverlap(p, q));
      if (other) fail(`${p.kind} ${p.from}–${p.to ?? ''} overlaps ${other.kind} ${other.from}–${other.to ?? ''}`);
    }
    for (const r of this.out.danishEducations.slice(from.danish)) {
      const problems = danishEducationFieldProblems({
        personId: r.person_id,
        referredOn: r.referred_on,
        startedOn: r.started_on,
        track: r.track,
        module: r.module,
        endedOn: r.ended_on,
      });
      if (problems.length > 0) fail(problems.map((x) => x.detail).join(' '));
    }
  }

  /** A CPR number agreeing with the birth date and sex; a replacement number (day + 60) or none for some. */
  private cpr(rng: Random, m: Member): { normalized: string; kind: 'cpr' | 'replacement' } | null {
    const recent = this.today - m.takeover < 30;
    if (rng.chance(recent ? 0.5 : 0.035)) return null;
    const kind = rng.chance(0.05) ? 'replacement' : 'cpr';
    const [year, month, day] = ymd(m.birth);
    const yy = year % 100;
    const digits =
      year < 2000 ? (yy >= 37 ? [0, 1, 2, 3, 4, 9] : [0, 1, 2, 3]) : yy <= 36 ? [4, 5, 6, 7, 8, 9] : [5, 6, 7, 8];
    const dd = kind === 'replacement' ? day + 60 : day;
    for (let tries = 0; tries < 1000; tries++) {
      const last = rng.int(0, 4) * 2 + (m.sex === 'male' ? 1 : 0);
      const serial = `${rng.pick(digits)}${String(rng.int(0, 99)).padStart(2, '0')}${last}`;
      const normalized = `${pad2(dd)}${pad2(month)}${pad2(yy)}${serial}`;
      if (!this.shared.cprs.has(normalized)) {
        this.shared.cprs.add(normalized);
        return { normalized, kind };
      }
    }
    return null;
  }

  /**
   * The contact person: assigned on takeover (or in the days before) in most cases, a little later
   * in some, not yet for a few. Some long cases changed hands once. The assignment ends when the
   * household leaves.
   */
  private contactPerson(rng: Random, ctx: HouseholdContext, m: Member): void {
    if (rng.chance(0.03)) return; // a few without a fixed contact person
    let from = m.takeover + (rng.chance(Math.min(0.97, this.ref.punctuality + 0.1)) ? -rng.int(0, 7) : rng.int(1, 30));
    if (from > m.until) return;
    const current = ctx.caseworker;
    if (m.until - from > 540 && rng.chance(0.15) && this.caseworkers.length > 1) {
      // The case changed hands once: an earlier contact person, then the current one.
      const to = from + rng.int(200, Math.min(700, m.until - from - 10));
      const previous = rng.pick(this.caseworkers.filter((c) => c.id !== current.id));
      this.out.contactPersons.push({
        municipality_code: this.code,
        id: rng.uuid(),
        person_id: m.id,
        user_id: previous.id,
        from_date: isoOf(from),
        to_date: isoOf(to),
      });
      from = to + 1;
    }
    this.out.contactPersons.push({
      municipality_code: this.code,
      id: rng.uuid(),
      person_id: m.id,
      user_id: current.id,
      from_date: isoOf(from),
      to_date: m.leftOn === null ? null : isoOf(m.leftOn),
    });
  }

  // ----- adults -----

  /**
   * An adult's case and outcomes. The caseworker plans each first step for the earliest deadline
   * any rule sets; a punctual case keeps nearly all of them, the others about half (a late step
   * comes weeks later). The labour-market history (careers.ts) decides the offers after the
   * first: a wage subsidy, an IGU, a job or an education is also an offer on the case file.
   */
  private adultCase(rng: Random, ctx: HouseholdContext, m: Member, program: Program): void {
    const until = m.until;
    const T = m.takeover;
    const punctual = rng.chance(this.ref.punctuality);
    const step = (earliest: number, due: number) => stepDay(rng, punctual, earliest, due, true);
    const by = ctx.caseworker.id;
    const age = ageAt(m.birth, T);
    const retired = age >= OFFER_AGE_LIMIT;
    const selfSupport = program === 'self_support_and_return';
    // 37 hours a week in the program's first year: the self-support and return program, and from
    // 2025 the introduction program too (integrationsloven § 20 d, LOV nr. 1654 af 30/12/2024).
    const fullTime = selfSupport || T >= dayOf(WORK_OBLIGATION_FROM);
    const schooling = m.schooling ?? 'some';
    // Repatriation guidance at every conversation, except for the cases where it lapsed.
    const lapse = rng.chance(1 - this.ref.repatriationGuidance);
    const talk = (held: number, kind: 'visitation' | 'contract_follow_up' | 'other') => {
      this.conversation(rng, m, held, kind, by, lapse);
    };

    // The job the plan aims at.
    const aim = rng.weighted<CompanyOfferKind>([
      ['company_internship', 62],
      ['wage_subsidy', 14],
      ['igu', 9],
      ['ordinary_job', 15],
    ]);
    const matching = this.out.positions.filter((p) => p.kind === aim);
    const target = rng.pick(matching.length > 0 ? matching : this.out.positions);

    // Visitation interview (Frederikshavn: within a month of takeover).
    if (rng.chance(0.98)) {
      const held = step(T, addMonths(T, 1));
      if (held <= until) {
        this.out.visitations.push({
          municipality_code: this.code,
          person_id: m.id,
          held_on: isoOf(held),
          resources: rng.pick(VISITATION_RESOURCES),
          qualifications: rng.pick(QUALIFICATIONS_BY_SCHOOLING[schooling]),
          wishes: rng.pick(VISITATION_WISHES),
          challenges: rng.pick(VISITATION_CHALLENGES),
          updated_by: by,
        });
        talk(held, 'visitation');
      }
    }

    // Integration contract: signed within a month of takeover, some late; a draft for the newest.
    let hasContract = false;
    if (until - T >= 5 && rng.chance(0.985)) {
      hasContract = true;
      const education = age < 30 && rng.chance(0.3);
      const signed = step(T + 4, addMonths(T, 1));
      this.out.contracts.push({
        municipality_code: this.code,
        person_id: m.id,
        goal: education
          ? `Påbegynde ${rng.pick(EDUCATION_GOALS)}`
          : `Ordinær beskæftigelse som ${target.title.toLowerCase()} inden for 1 år`,
        goal_kind: education ? 'education' : 'employment',
        signed_on: signed > until ? null : isoOf(signed),
        updated_by: by,
      });
    }

    // The program's start, Danish education and a company-based offer together, planned within 4
    // weeks of arrival (Aabenraa's policy, the strictest; the law allows a month, and two for
    // Danish) and never before takeover; a late start comes weeks after.
    const programStart = step(T + 2, Math.max(T + 2, m.arrival + 28));

    // Danish education: referred within a month of takeover (integrationsloven § 21), the language
    // school's first possible start days later (danskuddannelsesloven § 5), started with the
    // program; up to 15 hours a week.
    const danishHours = rng.chance(retired ? 0.55 : 0.97) ? rng.pick(DANISH_EDUCATION_HOURS) : 0;
    if (danishHours > 0) {
      const referral = Math.min(step(T, addMonths(T, 1)), Math.max(T, programStart - rng.int(4, 24)));
      const start = Math.max(referral + 1, programStart - rng.int(0, 6));
      const startPossible = Math.min(start, referral + rng.int(3, 21));
      if (referral <= until) {
        const course = danishCourse(rng, {
          referral,
          startPossible,
          start,
          track: TRACK_FOR_SCHOOLING[schooling],
          steadyUntil: T + 400,
          slow: age >= 55,
        });
        this.danishEducation(rng, m, course, danishHours, by);
      }
    }

    // The labour market from takeover: on the program's benefit (some in the introduction program
    // self-supporting) at least until the first offer has run a month; then as careers.ts models.
    const offerStart = retired ? null : programStart;
    const youngChildren = ctx.members.some((c) => c.relation === 'child' && ageAt(c.birth, T) < 3);
    const career = adultCareer(
      rng,
      {
        birth: m.birth,
        sex: m.sex,
        takeover: T,
        selfSupport,
        horizon: until,
        propensity: propensity({ sex: m.sex, schooling, origin: ctx.origin.employment, youngChildren }),
        minHours: fullTime ? { until: T + 400, hours: 37 - danishHours } : undefined,
      },
      {
        earliestExit: (offerStart ?? T) + 28,
        startSelfSupporting: program === 'introduction' && rng.chance(0.55),
      },
    );
    this.labourMarket(rng, m, career, by);
    this.offers(rng, m, career, { first: offerStart, danishHours, fullTime, punctual, target, by });
    // Most with a higher education from home have it recorded (not recognised as Danish).
    const graduated = addYears(m.birth, rng.int(22, 27));
    if (schooling === 'higher' && rng.chance(0.6) && graduated < m.arrival - 180) {
      this.out.educationsCompleted.push({
        municipality_code: this.code,
        id: rng.uuid(),
        person_id: m.id,
        kind: 'higher',
        completed_on: isoOf(graduated),
        in_denmark: false,
        created_by: by,
      });
    }

    // Health offers for some.
    if (rng.chance(0.1)) {
      const start = T + rng.int(30, 240);
      if (start <= until) {
        this.activity(
          rng,
          m,
          'health',
          start,
          start + rng.int(60, 270),
          rng.pick([2, 3, 4, 5, 6]),
          rng.pick(HEALTH_PROVIDERS).replace('{town}', this.mainTown.name),
          by,
        );
      }
    }

    // Contract follow-ups (§ 20): four in the first 6 months, then as needed, then yearly (a
    // household's head is followed up with the family every year, see familyFollowUps).
    if (hasContract) {
      const firstSix: Array<[number, number]> = [
        [20, 40],
        [60, 85],
        [100, 128],
        [140, 170],
      ];
      for (const [lo, hi] of firstSix) {
        if (!rng.chance(punctual ? 0.995 : 0.85)) continue;
        const held = T + rng.int(lo, hi) + (punctual ? 0 : rng.int(0, 12));
        if (held > until) continue;
        talk(held, 'contract_follow_up');
        this.followUp(rng, m, held, 'contract', by);
      }
      // Then at least once in each year of the program (every 12 months for those in ordinary work
      // or education without benefit, § 20). For a household's head it is the household's yearly
      // follow-up too (of the whole family where there are children; see familyFollowUps).
      const head = m.relation === 'head';
      const family = ctx.members.some((c) => c.relation === 'child');
      for (let year = 1; year <= 5; year++) {
        const start = addYears(T, year);
        if (start > until) break;
        if (!rng.chance(punctual ? 0.99 : 0.85)) continue;
        const held = start + rng.int(0, 240);
        if (held > until) continue;
        talk(held, 'contract_follow_up');
        this.followUp(rng, m, held, head ? (family ? 'family' : 'yearly') : year >= 3 ? 'yearly' : 'contract', by);
        if (head) this.yearlyFollowUps.set(m.id, [...(this.yearlyFollowUps.get(m.id) ?? []), held]);
      }
    }

    // Health assessment (§ 15 d): offered to quota refugees within 6 months; for other refugees
    // a concrete assessment of the need first, the offer where one is needed.
    this.healthAssessment(rng, m, step, by);
    this.receptionSteps(m, punctual, by, age);
    // A wish to return now and then, the advising organisation notified within days (repatrieringsloven § 5).
    if (rng.chance(age >= 50 ? 0.06 : 0.02)) {
      const wish = T + rng.int(60, 1800);
      if (wish <= until) {
        this.repatriationNotice(rng, m, wish, 'wish', by);
        const notified = step(wish, wish + 7);
        if (notified <= until) this.repatriationNotice(rng, m, notified, 'notification', by);
      }
    }

    // Other conversations.
    const others = rng.weighted([
      [0, 50],
      [1, 35],
      [2, 15],
    ] as const);
    for (let i = 0; i < others; i++) {
      const held = T + rng.int(10, 900);
      if (held <= until) talk(held, 'other');
    }
  }

  /**
   * The health assessment (integrationsloven § 15 d): for quota refugees the offer within 6 months
   * of takeover; for refugees who came on their own, a concrete assessment of the need within the
   * first months, and the offer within 6 months where one is needed. Most accept.
   */
  private healthAssessment(rng: Random, m: Member, step: (earliest: number, due: number) => number, by: string): void {
    const T = m.takeover;
    let offer = m.basis === 'quota_refugee';
    if (m.basis === 'spontaneous_refugee') {
      const assessed = T + rng.int(7, 90);
      if (assessed > m.until || assessed < m.recordsFrom) return;
      offer = rng.chance(0.3);
      this.out.healthAssessments.push({
        municipality_code: this.code,
        id: rng.uuid(),
        person_id: m.id,
        held_on: isoOf(assessed),
        kind: 'need_assessed',
        needed: offer,
        accepted: null,
        note: null,
        created_by: by,
      });
    }
    if (!offer) return;
    const offered = step(T + 14, addMonths(T, 6));
    if (offered > m.until || offered < m.recordsFrom) return;
    this.out.healthAssessments.push({
      municipality_code: this.code,
      id: rng.uuid(),
      person_id: m.id,
      held_on: isoOf(offered),
      kind: 'offered',
      needed: null,
      accepted: m.until - offered < 21 && rng.chance(0.5) ? null : rng.chance(0.85),
      note: null,
      created_by: by,
    });
  }

  /**
   * The steps of the reception each policy commits to (issue 12), as the municipality takes them:
   * most on time (within the deadline the policy's rule reads: 1 or 3 months after takeover, a
   * health orientation every year in Hjørring), and the commitments without a deadline (help to
   * join an association, information on the business structure, the offers to the elderly) for
   * some. `age` is the person's age at takeover; children only have Hjørring's steps. Own random
   * stream per person.
   */
  private receptionSteps(m: Member, punctual: boolean, by: string, age: number): void {
    // A stream of its own, so that the rest of the demo is the same with or without these steps.
    const rng = new Random(hashSeed('reception-steps', m.id));
    const step = (earliest: number, due: number) => stepDay(rng, punctual, earliest, due, age >= 18);
    const T = m.takeover;
    const adult = age >= 18;
    const take = (kind: ReceptionStepKind, on: number) => {
      if (on > m.until || on < m.recordsFrom || on < Math.min(T, m.arrival)) return;
      this.out.receptionSteps.push({
        municipality_code: this.code,
        id: rng.uuid(),
        person_id: m.id,
        kind,
        taken_on: isoOf(on),
        note: null,
        created_by: by,
      });
    };
    const within = (kind: ReceptionStepKind, months: number, earliest = 3) => {
      take(kind, step(T + earliest, addMonths(T, months)));
    };
    const sometime = (kind: ReceptionStepKind, chance: number, fromDays: number, toDays: number) => {
      if (rng.chance(chance)) take(kind, T + rng.int(fromDays, toDays));
    };
    switch (this.code) {
      case '580':
        if (!adult) return;
        within('rights_and_duties_information', 1);
        sometime('association_information', 0.6, 20, 330);
        return;
      case '813':
        if (!adult) return;
        within('rights_and_duties_information', 1);
        within('reception_program', 1, 5);
        if (m.relation === 'head') within('local_area_introduction', 3, 10);
        sometime('association_participation_help', 0.4, 30, 330);
        if (age >= 58) sometime('elderly_offers_information', 0.7, 30, 700);
        return;
      case '860':
        within('special_needs_assessment', 3, 7);
        for (let year = 0; year < 3; year++) {
          const start = addYears(T, year);
          take('health_orientation', step(start + (year === 0 ? 14 : 0), addYears(T, year + 1) - 1));
        }
        if (!adult) return;
        within('help_contacts_information', 3);
        within('association_information', 3, 10);
        sometime('rights_and_duties_information', 0.75, 5, 300);
        sometime('business_structure_information', 0.6, 30, 330);
        return;
    }
  }

  private repatriationNotice(rng: Random, m: Member, on: number, kind: 'wish' | 'notification', by: string): void {
    if (on < m.recordsFrom) return;
    this.out.repatriationNotices.push({
      municipality_code: this.code,
      id: rng.uuid(),
      person_id: m.id,
      held_on: isoOf(on),
      kind,
      organisation: kind === 'notification' ? REPATRIATION_ADVISER : null,
      note: null,
      created_by: by,
    });
  }

  /** The Danish education as an outcome record (referral, track, module reached, tests) and as the activity on the case file. */
  private danishEducation(rng: Random, m: Member, course: DanishCourse, hours: number, by: string): void {
    const until = m.until;
    const started = course.startedOn <= until;
    const ended = course.end !== null && course.end <= until ? course.end : started && m.leftOn !== null ? until : null;
    this.out.danishEducations.push({
      municipality_code: this.code,
      id: rng.uuid(),
      person_id: m.id,
      track: course.track,
      referred_on: isoOf(course.referredOn),
      start_possible_on: course.startPossibleOn <= until ? isoOf(course.startPossibleOn) : null,
      started_on: started ? isoOf(course.startedOn) : null,
      module: started ? moduleOn(course, ended ?? until) : null,
      ended_on: ended === null ? null : isoOf(ended),
      created_by: by,
      updated_by: by,
    });
    for (const t of course.tests) {
      if (t.on > until) break;
      this.out.danishTests.push({
        municipality_code: this.code,
        id: rng.uuid(),
        person_id: m.id,
        test: t.test,
        taken_on: isoOf(t.on),
        passed: t.passed,
        created_by: by,
      });
    }
    if (started)
      this.activity(rng, m, 'danish_education', course.startedOn, ended, hours, this.languageSchool.name, by);
  }

  /** The labour-market status periods up to today (a period still running has no end) and the educations completed. */
  private labourMarket(rng: Random, m: Member, career: Career, by: string | null): void {
    for (const s of career.spells) {
      if (s.from > m.until) break;
      const to = s.to === null || s.to > m.until ? (m.leftOn === null ? null : m.until) : s.to;
      this.out.labourMarketPeriods.push({
        municipality_code: this.code,
        id: rng.uuid(),
        person_id: m.id,
        kind: s.kind,
        from_date: isoOf(s.from),
        to_date: to === null ? null : isoOf(to),
        hours_per_week: s.hours ?? null,
        benefit: s.benefit ?? null,
        education_kind: s.educationKind ?? null,
        created_by: by,
        updated_by: by,
      });
    }
    for (const c of career.completed) {
      if (c.on > m.until) continue;
      this.out.educationsCompleted.push({
        municipality_code: this.code,
        id: rng.uuid(),
        person_id: m.id,
        kind: c.kind,
        completed_on: isoOf(c.on),
        in_denmark: c.inDenmark,
        created_by: by,
      });
    }
  }

  /**
   * The company-based offers and educations on the case file. Wage subsidies and IGUs always,
   * jobs and educations begun while the program lasts (5 years); while on benefit (or without one,
   * in the introduction program), internships back to back from the first offer through the
   * program's first year (with Danish, 37 hours a week; some non-punctual cases have a gap), and
   * now and then one later.
   */
  private offers(
    rng: Random,
    m: Member,
    career: Career,
    o: {
      first: number | null;
      danishHours: number;
      /** 37 hours a week in the first year (see adultCase). */
      fullTime: boolean;
      punctual: boolean;
      target: PositionRecord;
      by: string;
    },
  ): void {
    const until = m.until;
    const programEnd = addYears(m.takeover, 5);
    const end = (planned: number | null) =>
      m.leftOn !== null && (planned === null || planned > until) ? until : planned;
    const companyOf = (position: PositionRecord) =>
      must(
        this.out.companies.find((c) => c.id === position.company_id),
        'company of a position',
      );
    const positionFor = (kind: CompanyOfferKind): PositionRecord => {
      if (o.target.kind === kind && rng.chance(0.5)) return o.target;
      const matching = this.out.positions.filter((p) => p.kind === kind);
      return rng.pick(matching.length > 0 ? matching : this.out.positions);
    };
    const offer = (kind: CompanyOfferKind, from: number, to: number | null, hours: number) => {
      const position = positionFor(kind);
      this.activity(
        rng,
        m,
        kind,
        from,
        end(to),
        hours,
        companyOf(position).name,
        o.by,
        position.kind === kind ? position.id : null,
      );
    };
    for (const s of career.spells) {
      if (s.from > until) break;
      if (s.kind === 'wage_subsidy' || s.kind === 'igu' || (s.kind === 'ordinary_job' && s.from < programEnd)) {
        offer(s.kind, s.from, s.to, s.hours ?? 37);
      } else if (s.kind === 'education' && s.from < programEnd) {
        this.activity(
          rng,
          m,
          'education',
          s.from,
          end(s.to),
          rng.pick([25, 30, 32.5, 37]),
          rng.pick(EDUCATION_PROVIDERS).replace('{town}', this.mainTown.name),
          o.by,
        );
      }
    }
    if (o.first === null) return;
    const hours = Math.max(10, 37 - o.danishHours);
    // Through the program's first year where 37 hours a week are asked; one internship for the others.
    const firstYearEnd = o.fullTime ? m.takeover + 365 + rng.int(30, 120) : o.first;
    let gap = !o.punctual && rng.chance(0.3);
    let busyUntil = Number.NEGATIVE_INFINITY;
    for (const s of career.spells) {
      if (s.from > until || s.from >= programEnd) break;
      if (s.kind !== 'benefit' && s.kind !== 'self_supporting') continue;
      const spellEnd = s.to ?? Number.POSITIVE_INFINITY;
      // Back to back from the first offer, the last one ending with the spell (a job follows the next day).
      for (let d = Math.max(s.from, o.first); d <= Math.min(spellEnd, firstYearEnd) && d <= until;) {
        const to = Math.min(spellEnd, d + 7 * rng.int(13, 39) - 1);
        offer('company_internship', d, to, hours);
        busyUntil = to;
        d = to + 1;
        if (gap) {
          d += rng.int(14, 40);
          gap = false;
        }
      }
      // Later on benefit: now and then an internship of 8–13 weeks.
      const from = Math.max(s.from, firstYearEnd + 1, busyUntil + 1);
      const last = Math.min(spellEnd, programEnd, until);
      if (last - from > 120 && rng.chance(0.25)) {
        const start = rng.int(from, last - 91);
        offer('company_internship', start, Math.min(spellEnd, start + 7 * rng.int(8, 13) - 1), hours);
      }
    }
  }

  private activity(
    rng: Random,
    m: Member,
    kind: ActivityKind,
    start: number,
    end: number | null,
    hours: number,
    provider: string,
    by: string,
    positionId: string | null = null,
  ): void {
    if ((end ?? start) < m.recordsFrom) return;
    this.out.activities.push({
      municipality_code: this.code,
      id: rng.uuid(),
      person_id: m.id,
      kind,
      start_date: isoOf(start),
      end_date: end === null ? null : isoOf(Math.max(start, end)),
      hours_per_week: Math.min(60, Math.max(0.5, Math.round(hours * 2) / 2)),
      provider,
      created_by: by,
      position_id: positionId,
    });
  }

  private conversation(
    rng: Random,
    m: Member,
    held: number,
    kind: 'visitation' | 'contract_follow_up' | 'other',
    by: string,
    lapse: boolean,
  ): void {
    // Guidance at every conversation (Aabenraa's policy asks it at all, the law at follow-ups);
    // where it lapsed, it is missing now and then.
    if (held < m.recordsFrom) return;
    const guidance = !lapse || rng.chance(0.6);
    const yearsHere = (held - m.takeover) / 365;
    const interpreterChance = yearsHere < 1 ? 0.85 : yearsHere < 2 ? 0.6 : yearsHere < 3 ? 0.35 : 0.15;
    const interpreter = rng.chance(interpreterChance) ? (m.languages[0] ?? null) : null;
    this.out.conversations.push({
      municipality_code: this.code,
      id: rng.uuid(),
      person_id: m.id,
      held_on: isoOf(held),
      kind,
      repatriation_guidance: guidance,
      repatriation_note: guidance ? rng.pick(REPATRIATION_NOTES) : null,
      interpreter_language: interpreter,
      note: rng.pick(CONVERSATION_NOTES[kind]),
      created_by: by,
    });
  }

  private followUp(rng: Random, m: Member, held: number, kind: 'contract' | 'yearly' | 'family', by: string): void {
    if (held < m.recordsFrom) return;
    this.out.followUps.push({
      municipality_code: this.code,
      id: rng.uuid(),
      person_id: m.id,
      held_on: isoOf(held),
      kind,
      note: rng.pick(FOLLOW_UP_NOTES[kind]),
      created_by: by,
    });
  }

  /**
   * The yearly follow-up of the household, on its head: of the whole family where there are
   * children, of the person otherwise, in each of the years after the first (Aabenraa's policy
   * asks it for 5 years; the others follow up less often). Held with the head's contract
   * follow-up in most years (adultCase); where that was missed, or the program is over, on its
   * own: mostly soon after the anniversary of the takeover, some in the last weeks of the year.
   */
  private familyFollowUps(rng: Random, ctx: HouseholdContext): void {
    const head = must(ctx.members[0], 'household head');
    if (head.relation !== 'head') return;
    const kind = ctx.members.some((m) => m.relation === 'child') ? 'family' : 'yearly';
    const withContract = this.yearlyFollowUps.get(head.id) ?? [];
    for (let year = 1; year <= 6; year++) {
      const start = addYears(head.takeover, year);
      if (start > head.until) break;
      const end = addYears(head.takeover, year + 1);
      if (withContract.some((d) => d >= start && d < end)) continue;
      if (!rng.chance(this.ref.familyFollowUp)) continue;
      const held = rng.chance(0.8) ? start + rng.int(0, 150) : addYears(head.takeover, year + 1) - rng.int(1, 40);
      if (held <= head.until) this.followUp(rng, head, held, kind, ctx.caseworker.id);
    }
  }

  // ----- children -----

  private childCase(rng: Random, ctx: HouseholdContext, m: Member): void {
    const until = m.until;
    const T = m.takeover;
    const [birthYear] = ymd(m.birth);
    const by = this.institutionUser.id;
    const punctual = rng.chance(Math.min(0.97, this.ref.punctuality + 0.1));
    const step = (earliest: number, due: number) => stepDay(rng, punctual, earliest, due, false);
    const ageAtTakeover = ageAt(m.birth, T);
    const enrol = (
      kind: EnrolmentRecord['kind'],
      institution: InstitutionRecord,
      start: number,
      end: number | null,
    ) => {
      if (start > until || (end ?? start) < m.recordsFrom) return;
      const ended = end !== null && end <= until ? end : m.leftOn !== null ? until : null;
      this.out.enrolments.push({
        municipality_code: this.code,
        id: rng.uuid(),
        person_id: m.id,
        kind,
        institution_id: institution.id,
        start_date: isoOf(start),
        end_date: ended === null ? null : isoOf(Math.max(start, ended)),
        created_by: by,
      });
    };
    // Danish school years: start in August of the year a child turns 6, 9th grade ends in June
    // of the year they turn 16; SFO up to the summer they turn 10.
    const schoolStart = dayFrom(birthYear + 6, 8, 10);
    const schoolEnd = dayFrom(birthYear + 16, 6, 26);
    const sfoEnd = dayFrom(birthYear + 10, 7, 31);
    const school = rng.pick(this.schoolsIn(ctx.homeTown));

    // Daycare from about age 1 until school (Frederikshavn: all bilingual children in daycare).
    if (T < schoolStart - 60 && rng.chance(0.95)) {
      const start = Math.max(step(T + 5, addMonths(T, 1)), addYears(m.birth, 1) - rng.int(0, 30));
      const end = schoolStart - rng.int(1, 10);
      if (start < end) enrol('daycare', rng.pick(this.daycaresIn(ctx.homeTown)), start, end);
    }

    // Language assessment around age 3 (sprogvurdering), within half a year of the birthday or
    // of takeover for children who came at 3–5.
    const third = addYears(m.birth, 3);
    if (third >= T) {
      if (rng.chance(0.96)) {
        const on = step(third - 20, addMonths(third, 6));
        if (on <= until && on > T) this.assessment(rng, m, on, by);
      }
    } else if (ageAtTakeover >= 3 && ageAtTakeover <= 5 && rng.chance(0.94)) {
      const on = Math.min(step(T + 20, addMonths(T, 6)), schoolStart - 5);
      if (on <= until && on > T) this.assessment(rng, m, on, by);
    }

    // School: newly arrived school-age children go to a reception class within days of arrival
    // (Aabenraa: 7 days), then to an ordinary class; children who are 6 before their first
    // August start in a reception class; those who come after 9th grade get a year in one.
    const receptionSchools = this.receptionSchools();
    const newcomerStart = () => step(m.arrival + 1, m.arrival + 6);
    let firstSchoolDay: number | null = null;
    if (T >= schoolStart - 30 && T < schoolEnd - 60) {
      const start = newcomerStart();
      if (receptionSchools.length > 0 && rng.chance(0.97)) {
        const end = Math.min(start + rng.int(180, 730), schoolEnd);
        enrol('reception_class', rng.pick(receptionSchools), start, end);
        if (end + 1 < schoolEnd) enrol('school', school, end + 1, schoolEnd);
      } else {
        enrol('school', school, start, schoolEnd);
      }
      firstSchoolDay = start;
    } else if (T < schoolStart - 30) {
      if (ageAtTakeover >= 6 && receptionSchools.length > 0) {
        const end = schoolStart + rng.int(180, 365);
        enrol('reception_class', rng.pick(receptionSchools), schoolStart, end);
        enrol('school', school, end + 1, schoolEnd);
      } else {
        enrol('school', school, schoolStart, schoolEnd);
      }
      firstSchoolDay = schoolStart;
    } else if (ageAtTakeover <= 16 && receptionSchools.length > 0) {
      const start = newcomerStart();
      enrol('reception_class', rng.pick(receptionSchools), start, start + rng.int(300, 360));
    }
    if (firstSchoolDay !== null && firstSchoolDay < sfoEnd - 30 && rng.chance(0.94)) {
      const due = addMonths(m.arrival, 1);
      const start = firstSchoolDay < due ? step(firstSchoolDay, due) : firstSchoolDay + rng.int(0, 10);
      if (start < sfoEnd - 14) enrol('sfo', school, start, sfoEnd);
    }

    // After school (or, arriving at 16 or later, after a year of reception class or Danish): a
    // youth education for most, then work or further education.
    const arrivedAged = ageAt(m.birth, m.arrival);
    const youthStart = T >= schoolEnd - 60 ? m.arrival + rng.int(300, 400) : dayFrom(birthYear + 16, 8, 12);
    if (youthStart <= until) {
      const career = youthCareer(
        rng,
        {
          birth: m.birth,
          sex: m.sex,
          takeover: T,
          selfSupport: false,
          horizon: until,
          propensity: propensity({
            sex: m.sex,
            schooling: 'some',
            origin: ctx.origin.employment,
            youngChildren: false,
          }),
        },
        { start: youthStart, arrivedAged },
      );
      this.labourMarket(rng, m, career, ctx.caseworker.id);
    }
    // Hjørring's reception steps for every person, children too (the caseworker records them).
    this.receptionSteps(m, punctual, ctx.caseworker.id, ageAtTakeover);
  }

  private assessment(rng: Random, m: Member, on: number, by: string): void {
    if (on < m.recordsFrom) return;
    const result = rng.weighted([
      ['general', 45],
      ['focused', 37],
      ['special', 18],
    ] as const);
    this.out.languageAssessments.push({
      municipality_code: this.code,
      id: rng.uuid(),
      person_id: m.id,
      assessed_on: isoOf(on),
      result,
      note: LANGUAGE_ASSESSMENT_NOTES[result],
      created_by: by,
    });
  }

  // ----- placement data (issue 5) -----

  /**
   * Sectors an adult wishes or is qualified for: from the visitation interview's wish and
   * qualification and the companies of their company-based offers so far (latest first), at
   * most three. Adults not yet interviewed have none recorded.
   */
  private personSectors(rng: Random): void {
    const visitations = new Map(this.out.visitations.map((v) => [v.person_id, v]));
    const companies = new Map(this.out.companies.map((c) => [c.name, c]));
    const offers = groupBy(
      this.out.activities.filter((a) => COMPANY_OFFER_KINDS.has(a.kind)),
      (a) => a.person_id,
    );
    for (const p of this.out.persons) {
      const v = visitations.get(p.id);
      if (p.program === null || !v) {
        p.sectors = [];
        continue;
      }
      const r = rng.fork('person', p.id);
      const sectors = new Set<Sector>();
      for (const text of [v.wishes, v.qualifications])
        for (const sector of WISH_SECTORS[text] ?? []) sectors.add(sector);
      const own = [...(offers.get(p.id) ?? [])].sort((a, b) =>
        a.start_date < b.start_date ? 1 : a.start_date > b.start_date ? -1 : 0,
      );
      for (const a of own) {
        const company = a.provider ? companies.get(a.provider) : undefined;
        if (company) sectors.add(company.sector);
      }
      if (sectors.size === 0 || r.chance(0.25)) sectors.add(r.weighted(SECTORS));
      p.sectors = [...sectors].slice(0, 3);
    }
  }

  /**
   * What each household has and needs (housing status, a step-free home, income), the home of
   * every household already housed (a unit let to it, in the town it lives in), and the vacant
   * stock the housing coordinator can place households in: about two units per 1,000
   * inhabitants, in every town, with availability dates around today.
   */
  private housing(rng: Random): void {
    const today = this.today;
    const members = groupBy(this.out.persons, (p) => p.household_id);
    const wages = new Map<string, number>();
    for (const a of this.out.activities) {
      if (!PAID_KINDS.has(a.kind) || dayOf(a.start_date) > today || (a.end_date && dayOf(a.end_date) < today)) continue;
      wages.set(a.person_id, (wages.get(a.person_id) ?? 0) + a.hours_per_week);
    }
    const addresses = new Set<string>();
    for (const h of this.out.households) {
      const r = rng.fork('household', h.id);
      const people = members.get(h.id) ?? [];
      const ages = people.map((p) => ageAt(dayOf(p.birth_date), today));
      const takeover = dayOf(h.takeover_date);
      const since = today - takeover;
      // Temporary housing at once, permanent housing as soon as one is found: often months, for
      // some more than a year (waiting lists in the towns with transport and services).
      const status: 'none' | 'temporary' | 'permanent' =
        since <= 45
          ? r.weighted([
              ['none', 50],
              ['temporary', 50],
            ] as const)
          : since <= 180
            ? r.weighted([
                ['temporary', 80],
                ['permanent', 20],
              ] as const)
            : since <= 365
              ? r.weighted([
                  ['temporary', 55],
                  ['permanent', 45],
                ] as const)
              : since <= 730
                ? r.weighted([
                    ['temporary', 20],
                    ['permanent', 80],
                  ] as const)
                : r.chance(0.02)
                  ? 'temporary'
                  : 'permanent';
      h.needs_accessible = r.chance(ages.some((a) => a >= 65) ? 0.35 : 0.04);
      h.monthly_income_dkk = monthlyIncome(
        r,
        people.map((p, i) => ({ age: must(ages[i], 'age of a member'), weeklyPaidHours: wages.get(p.id) ?? 0 })),
      );
      h.housing_status = status;
      h.housing_unit_id = null;
      if (status === 'none') continue;
      const persons = people.length;
      const rooms =
        persons <= 1
          ? r.int(1, 2)
          : persons === 2
            ? 2
            : persons === 3
              ? 3
              : persons === 4
                ? r.int(3, 4)
                : persons === 5
                  ? 4
                  : 5;
      const movedIn =
        status === 'temporary'
          ? takeover - r.int(0, 14)
          : Math.min(today, takeover + r.int(0, Math.max(0, Math.min(300, since))));
      const unit = this.unit(r, this.homeTowns.get(h.id) ?? this.mainTown, addresses, {
        rooms,
        tenure: status,
        status: 'let',
        availableFrom: movedIn,
        accessible: h.needs_accessible ? true : undefined,
        landlord:
          status === 'temporary'
            ? r.weighted<Landlord>([
                ['municipality', 65],
                ['private', 35],
              ])
            : r.weighted<Landlord>([
                ['housing_association', 70],
                ['private', 25],
                ['municipality', 5],
              ]),
        // Temporary housing is never in a deprived area (the law); some permanent homes are.
        deprived: status === 'permanent',
      });
      h.housing_unit_id = unit.id;
    }
    for (const townRef of this.ref.towns) {
      const town = must(this.townsByName.get(townRef.name), 'town record');
      const r = rng.fork('stock', townRef.name);
      const count = Math.round((townRef.population / 1000) * STOCK_PER_THOUSAND * (0.8 + 0.4 * r.next()));
      for (let k = 0; k < count; k++) {
        const tenure = r.chance(0.18) ? 'temporary' : 'permanent';
        this.unit(r, town, addresses, {
          rooms: r.weighted([
            [1, 12],
            [2, 30],
            [3, 32],
            [4, 18],
            [5, 8],
          ] as const),
          tenure,
          status: r.weighted([
            ['available', 76],
            ['reserved', 14],
            ['let', 10],
          ] as const),
          availableFrom: today + r.int(-45, 90),
          landlord:
            tenure === 'temporary'
              ? r.weighted<Landlord>([
                  ['municipality', 60],
                  ['private', 40],
                ])
              : r.weighted<Landlord>([
                  ['housing_association', 62],
                  ['private', 30],
                  ['municipality', 8],
                ]),
          deprived: tenure === 'permanent',
        });
      }
    }
  }

  private unit(
    r: Random,
    town: TownRecord,
    addresses: Set<string>,
    spec: {
      rooms: number;
      tenure: 'temporary' | 'permanent';
      status: 'available' | 'reserved' | 'let';
      availableFrom: number;
      landlord: Landlord;
      deprived: boolean;
      accessible?: boolean | undefined;
    },
  ): HousingUnitRecord {
    const townRef = must(
      this.ref.towns.find((t) => t.name === town.name),
      'town reference',
    );
    const area: DeprivedAreaRef | undefined = this.ref.deprivedAreas.find((a) => a.town === town.name);
    const deprived = spec.deprived && area !== undefined && r.chance(area.share);
    const landlord: Landlord = deprived ? 'housing_association' : spec.landlord;
    const apartment =
      landlord === 'housing_association' ||
      (landlord !== 'private' && r.chance(0.5)) ||
      (town.population >= 5000 && r.chance(0.5));
    let address = '';
    for (let tries = 0; tries < 200; tries++) {
      const street = deprived ? r.pick(area.streets) : r.pick(STREETS);
      const floor = apartment ? `, ${r.chance(0.25) ? 'st.' : `${r.int(1, 4)}.`} ${r.pick(['tv.', 'th.', 'mf.'])}` : '';
      address = `${street} ${r.int(1, apartment ? 60 : 140)}${floor}, ${townRef.postcode} ${town.name}`;
      if (!addresses.has(address)) break;
    }
    addresses.add(address);
    const regional = this.code === '320' ? 1.08 : 1; // Faxe: within commuting distance of Copenhagen
    const local = town.id === this.mainTown.id ? 1.05 : townRef.transport === 'limited' ? 0.92 : 1;
    const rent =
      Math.round(
        (must(ROOM_RENT[spec.rooms], 'rent for the rooms') * regional * local * (0.9 + 0.22 * r.next())) / 25,
      ) * 25;
    const accessible =
      spec.accessible ?? r.chance(landlord === 'housing_association' ? 0.22 : landlord === 'municipality' ? 0.2 : 0.08);
    const unit: HousingUnitRecord = {
      municipality_code: this.code,
      id: r.uuid(),
      address,
      town_id: town.id,
      rooms: spec.rooms,
      area_m2: must(ROOM_AREA[spec.rooms], 'area for the rooms') + r.int(-8, 12),
      rent_dkk: rent,
      landlord,
      available_from: isoOf(spec.availableFrom),
      tenure: spec.tenure,
      deprived_area: deprived,
      accessible,
      status: spec.status,
      synthetic: true,
    };
    this.out.housingUnits.push(unit);
    return unit;
  }

  /**
   * The current composition of daycares and schools: mostly near capacity (a few full or over),
   * 5–35% bilingual children (more in the main town and where a deprived area lies), admissions
   * this calendar year, and of them those from a deprived area (some daycares near the 30% cap).
   * Never fewer than the demo's own children enrolled there.
   */
  private institutionComposition(rng: Random): void {
    const today = this.today;
    const [year] = ymd(today);
    const yearStart = dayFrom(year, 1, 1);
    const yearFraction = (today - yearStart + 1) / 365;
    const afterIntake = today >= dayFrom(year, 8, 10);
    const persons = new Map(this.out.persons.map((p) => [p.id, p]));
    const deprivedUnits = new Set(this.out.housingUnits.filter((u) => u.deprived_area).map((u) => u.id));
    const deprivedHouseholds = new Set(
      this.out.households.filter((h) => h.housing_unit_id && deprivedUnits.has(h.housing_unit_id)).map((h) => h.id),
    );
    const deprivedTowns = new Set(this.ref.deprivedAreas.map((a) => this.townsByName.get(a.town)?.id));
    const own = new Map<string, { enrolled: number; bilingual: number; admitted: number; deprived: number }>();
    for (const e of this.out.enrolments) {
      if (e.kind === 'sfo' || !e.institution_id) continue;
      const start = dayOf(e.start_date);
      if (start > today || (e.end_date && dayOf(e.end_date) < today)) continue;
      const person = must(persons.get(e.person_id), 'enrolled person');
      const counts = own.get(e.institution_id) ?? { enrolled: 0, bilingual: 0, admitted: 0, deprived: 0 };
      counts.enrolled++;
      if (person.languages.some((l) => l !== 'da')) counts.bilingual++;
      if (start >= yearStart) {
        counts.admitted++;
        if (deprivedHouseholds.has(person.household_id)) counts.deprived++;
      }
      own.set(e.institution_id, counts);
    }
    for (const inst of this.out.institutions) {
      if (inst.kind === 'language_school') continue;
      const r = rng.fork('institution', inst.id);
      const counts = own.get(inst.id) ?? { enrolled: 0, bilingual: 0, admitted: 0, deprived: 0 };
      const occupancy = r.weighted([
        [0, 55],
        [1, 30],
        [2, 15],
      ] as const);
      const rate =
        occupancy === 0 ? 0.78 + 0.14 * r.next() : occupancy === 1 ? 0.92 + 0.07 * r.next() : 0.99 + 0.06 * r.next();
      const enrolled = Math.max(counts.enrolled, Math.round(inst.capacity * rate));
      const concentrated = inst.town_id === this.mainTown.id || deprivedTowns.has(inst.town_id);
      const share = Math.min(0.35, 0.05 + 0.13 * r.next() + (concentrated ? 0.06 + 0.1 * r.next() : 0));
      const admittedRate =
        inst.kind === 'daycare'
          ? (0.22 + 0.12 * r.next()) * yearFraction
          : (0.02 + 0.02 * r.next()) * yearFraction + (afterIntake ? 0.08 + 0.03 * r.next() : 0);
      const admitted = Math.max(counts.admitted, Math.round(enrolled * admittedRate));
      const deprivedShare = deprivedTowns.has(inst.town_id)
        ? 0.12 + 0.19 * r.next()
        : deprivedTowns.size > 0
          ? 0.04 * r.next()
          : 0;
      inst.enrolled = enrolled;
      inst.bilingual_enrolled = Math.min(enrolled, Math.max(counts.bilingual, Math.round(enrolled * share)));
      inst.admitted_this_year = admitted;
      inst.admitted_from_deprived_this_year = Math.min(
        admitted,
        Math.max(counts.deprived, Math.round(admitted * deprivedShare)),
      );
    }
  }

  /** Seats on each position: those filled by the demo's current offers there, and a few free. */
  private positionSeats(rng: Random): void {
    const today = this.today;
    const filled = new Map<string, number>();
    for (const a of this.out.activities) {
      if (!a.position_id || dayOf(a.start_date) > today || (a.end_date && dayOf(a.end_date) < today)) continue;
      filled.set(a.position_id, (filled.get(a.position_id) ?? 0) + 1);
    }
    for (const p of this.out.positions) {
      const r = rng.fork('position', p.id);
      const free = r.weighted([
        [0, 25],
        [1, 45],
        [2, 22],
        [3, 8],
      ] as const);
      p.seats = Math.max(1, (filled.get(p.id) ?? 0) + free);
    }
  }

  /**
   * Mentor capacity (families a mentor can take; more for those with many hours a month), some
   * current mentorships with households of the last three years (a shared language and the same
   * town more likely) and some that have ended.
   */
  private mentors(rng: Random): void {
    const today = this.today;
    const coordinator = must(
      this.out.users.find((u) => u.role === 'volunteer_coordinator'),
      'volunteer coordinator',
    );
    const languages = new Map<string, Set<string>>();
    for (const p of this.out.persons) {
      const set = languages.get(p.household_id) ?? new Set<string>();
      for (const l of p.languages) if (l !== 'da') set.add(l);
      languages.set(p.household_id, set);
    }
    const since = (h: HouseholdRecord) => today - dayOf(h.takeover_date);
    const recent = this.out.households.filter((h) => since(h) >= 14 && since(h) <= 1095);
    const earlier = this.out.households.filter((h) => since(h) > 730 && since(h) <= 2400);
    const current = new Set<string>();
    const past = new Set<string>();
    for (const v of this.out.volunteers) {
      if (!v.mentor) continue;
      const r = rng.fork('volunteer', v.id);
      const capacity = Math.min(
        4,
        r.weighted([
          [1, 60],
          [2, 30],
          [3, 10],
        ] as const) + (v.hours_per_month >= 14 ? 1 : 0),
      );
      v.mentor_capacity = capacity;
      const weight = (h: HouseholdRecord) => {
        const shared = v.languages.some((l) => languages.get(h.id)?.has(l));
        return (shared ? 5 : 1) * (this.homeTowns.get(h.id)?.id === v.town_id ? 3 : 1);
      };
      if (r.chance(0.4)) {
        const candidates = earlier.filter((h) => !past.has(h.id) && !current.has(h.id));
        if (candidates.length > 0) {
          const h = r.weighted(candidates.map((c) => [c, weight(c)] as const));
          const from = dayOf(h.takeover_date) + r.int(20, 200);
          const to = from + r.int(180, 540);
          if (to < today) {
            past.add(h.id);
            this.out.mentorships.push({
              municipality_code: this.code,
              id: r.uuid(),
              volunteer_id: v.id,
              household_id: h.id,
              person_id: null,
              from_date: isoOf(from),
              to_date: isoOf(to),
              created_by: coordinator.id,
            });
          }
        }
      }
      let count = r.chance(0.55) ? 1 : 0;
      if (count === 1 && capacity >= 2 && r.chance(0.35)) count = 2;
      for (let c = 0; c < count; c++) {
        const candidates = recent.filter((h) => !past.has(h.id) && !current.has(h.id));
        if (candidates.length === 0) break;
        const h = r.weighted(candidates.map((x) => [x, weight(x)] as const));
        const from = Math.min(today, dayOf(h.takeover_date) + r.int(14, Math.max(14, Math.min(since(h), 300))));
        current.add(h.id);
        this.out.mentorships.push({
          municipality_code: this.code,
          id: r.uuid(),
          volunteer_id: v.id,
          household_id: h.id,
          person_id: null,
          from_date: isoOf(from),
          to_date: null,
          created_by: coordinator.id,
        });
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers

type Landlord = 'housing_association' | 'private' | 'municipality';

const COMPANY_OFFER_KINDS: ReadonlySet<string> = new Set(['company_internship', 'wage_subsidy', 'igu', 'ordinary_job']);
const PAID_KINDS: ReadonlySet<string> = new Set(['wage_subsidy', 'igu', 'ordinary_job']);

/** Vacant units in the municipality's pool per 1,000 inhabitants of a town. */
const STOCK_PER_THOUSAND = 2;
/** Typical monthly rent (DKK) and floor area (m²) by rooms, Southern and Northern Jutland. */
const ROOM_RENT: Readonly<Record<number, number>> = { 1: 3_900, 2: 4_900, 3: 5_900, 4: 7_000, 5: 8_200 };
const ROOM_AREA: Readonly<Record<number, number>> = { 1: 42, 2: 62, 3: 80, 4: 98, 5: 118 };

/**
 * Monthly household income incl. benefits (DKK), at about 2025 levels: the self-support and
 * repatriation benefit by family type (a single provider most, a provider in a couple less,
 * adults without children by age), child benefits, and wages for paid work where they exceed
 * the benefit. Approximate; for the synthetic demo only.
 */
function monthlyIncome(rng: Random, members: ReadonlyArray<{ age: number; weeklyPaidHours: number }>): number {
  const adults = members.filter((m) => m.age >= 18);
  const children = members.length - adults.length;
  let total = children * 1_250;
  for (const adult of adults) {
    const benefit = children > 0 ? (adults.length === 1 ? 13_000 : 9_300) : adult.age >= 30 ? 7_000 : 5_300;
    const wage = adult.weeklyPaidHours * 4.33 * 150;
    total += Math.max(benefit, wage);
  }
  return Math.round((total * (0.96 + 0.08 * rng.next())) / 100) * 100;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function uniqueName(used: Set<string>, make: () => string, qualifier: string | null): string {
  for (let tries = 0; tries < 30; tries++) {
    const name = make();
    if (!used.has(name)) {
      used.add(name);
      return name;
    }
  }
  for (let n = 1; ; n++) {
    const name = `${make()} ${qualifier ? `(${qualifier}${n > 1 ? ` ${n}` : ''})` : n + 1}`;
    if (!used.has(name)) {
      used.add(name);
      return name;
    }
  }
}

function danishFullName(rng: Random): string {
  const female = rng.chance(0.7); // integration teams are mostly women
  const given = rng.pick(female ? DANISH_FEMALE : DANISH_MALE);
  const middle = rng.chance(0.2) ? ` ${rng.pick(DANISH_FAMILY)}` : '';
  return `${given}${middle} ${rng.pick(DANISH_FAMILY)}`;
}

function familyChildren(rng: Random): number {
  return rng.weighted([
    [0, 8],
    [1, 22],
    [2, 28],
    [3, 20],
    [4, 12],
    [5, 10],
  ] as const);
}

/** A birth date giving exactly `age` years on `on`. */
function birthForAge(rng: Random, age: number, on: number): number {
  const latest = addYears(on, -age);
  return latest - rng.int(0, 364);
}

/**
 * The day a step with a deadline is taken. In a punctual case nearly always by the deadline, in
 * the others about half the time; a late step comes weeks after the deadline, so that the steps
 * still outstanding today are overdue, most of them in the newer cases. In an adult's case
 * (`adult`) a late step now and then takes months, and a few non-punctual cases never take it
 * (NEVER); a child's school, daycare and assessment come within two months at the latest. On time
 * is a day from `earliest` to `due`, more often near the deadline than early (the next course
 * start, the next free slot), which leaves some steps of the newest cases due soon.
 */
function stepDay(rng: Random, punctual: boolean, earliest: number, due: number, adult: boolean): number {
  const from = Math.min(earliest, due);
  if (rng.chance(punctual ? 0.96 : 0.5)) return due - Math.floor((due - from + 1) * rng.next() ** 2);
  if (adult && rng.chance(0.08)) return NEVER;
  return due + (!adult || rng.chance(0.7) ? rng.int(3, 60) : rng.int(61, 540));
}

/** The organisation the state has given the advice on repatriation (repatrieringsloven § 5). */
const REPATRIATION_ADVISER = 'Dansk Flygtningehjælp';

/** A step never taken: later than any day. */
const NEVER = Number.POSITIVE_INFINITY;

/** A takeover date of the earlier households (2014–2018), weighted by year, often the 1st of a month. */
function pickEarlyTakeover(rng: Random): number {
  const year = rng.weighted(Object.entries(EARLY_YEAR_WEIGHTS).map(([y, w]) => [Number(y), w] as const));
  const from = Math.max(dayFrom(year, 1, 1), dayOf(FIRST_EARLY_TAKEOVER));
  const day = rng.int(from, dayFrom(year, 12, 31));
  if (rng.chance(0.6)) {
    const [y, mo] = ymd(day);
    if (dayFrom(y, mo, 1) >= from) return dayFrom(y, mo, 1);
  }
  return day;
}

/**
 * A takeover date from 2019 up to a few days before today, weighted by year, often the 1st of a
 * month. `position` (0–1) places the household along the weighted calendar: households spread
 * evenly over it, with a little jitter, as the yearly allocations (kommunekvoter) spread arrivals
 * over each year, so that every month brings some (and the newest cases have their first
 * deadlines around today).
 */
function pickTakeover(rng: Random, today: number, position: number): number {
  const last = today - 3;
  const first = dayOf(FIRST_TAKEOVER);
  const [lastYear] = ymd(last);
  const spans: Array<{ from: number; to: number; weight: number }> = [];
  let total = 0;
  for (let y = 2019; y <= lastYear; y++) {
    const from = Math.max(dayFrom(y, 1, 1), first);
    const to = Math.min(dayFrom(y, 12, 31), last);
    if (to < from) continue;
    const weight = (YEAR_WEIGHTS[y] ?? 10) * ((to - from + 1) / 365);
    spans.push({ from, to, weight });
    total += weight;
  }
  let rest = Math.min(position, 1) * total;
  let span = must(spans.at(-1), 'a takeover year');
  for (const s of spans) {
    if (rest < s.weight) {
      span = s;
      break;
    }
    rest -= s.weight;
  }
  const day = Math.min(
    span.to,
    span.from + Math.floor((Math.min(rest, span.weight) / span.weight) * (span.to - span.from + 1)),
  );
  if (rng.chance(0.6)) {
    // Responsibility usually passes at the turn of a month (integrationsloven § 4, stk. 2).
    const [y, mo] = ymd(day);
    const firstOfMonth = dayFrom(y, mo, 1);
    if (firstOfMonth >= span.from) return firstOfMonth;
  }
  return day;
}
