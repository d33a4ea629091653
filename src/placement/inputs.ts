// What the placement builders read: plain records, shaped by the domain, not by the database.
// The repository (src/repositories/placement.ts) fills them from the tenant's tables; the
// builders (src/placement/instances.ts) turn them into a PlacementProblem with a criteria
// breakdown per pair. Pure types; no I/O.
import type { HouseholdFacts } from '../domain/placement-eligibility.js';

export type PublicTransport = 'rail' | 'frequent_bus' | 'bus' | 'limited';

export interface TownInput {
  id: string;
  name: string;
  population: number;
  publicTransport: PublicTransport;
  /** e.g. supermarket, gp, school, daycare, library, sports_club, language_school */
  services: string[];
  /** WGS84 centre of the town, for distances (commute, area of a mentor) */
  latitude: number;
  longitude: number;
  /** refugee households already living in the town (for spread across towns) */
  placedHouseholds: number;
}

export type Landlord = 'housing_association' | 'private' | 'municipality';

export interface HousingUnitInput {
  id: string;
  address: string;
  townId: string;
  rooms: number;
  /** monthly rent in DKK */
  rent: number;
  landlord: Landlord;
  availableFrom: string; // ISO date
  tenure: 'temporary' | 'permanent';
  deprivedArea: boolean;
  accessible: boolean;
}

/** A household as the engine reads it: the domain's facts of a household (src/domain/placement-eligibility.ts). */
export type HouseholdInput = HouseholdFacts;

export interface InstitutionInput {
  id: string;
  name: string;
  kind: 'daycare' | 'school';
  townId: string;
  capacity: number;
  enrolled: number;
  /** bilingual children now enrolled */
  bilingualEnrolled: number;
  /** children admitted this calendar year, and of them those living in a deprived housing area */
  admittedThisYear: number;
  admittedFromDeprivedThisYear: number;
  hasReceptionClass: boolean;
}

export interface ChildInput {
  id: string;
  label: string;
  householdId: string;
  /** the age the policy's age bands are read against: in Danish school years (src/domain/dates.ts schoolYearAge) */
  age: number;
  bilingual: boolean;
  /** counts towards a daycare's deprived-area cap: lives in a deprived housing area and is not exempt (dagtilbudsloven § 26 b) */
  countsInDeprivedAreaCap: boolean;
  /** where the family lives (town), for distance */
  townId: string;
  needsReceptionClass: boolean;
  /** the family's ranked wishes (institution ids), best first; may be empty */
  preferences: string[];
  /** institutions where a sibling is enrolled (priority) */
  siblingAt: string[];
}

export interface PositionInput {
  id: string;
  companyName: string;
  sector: string;
  townId: string;
  kind: 'company_internship' | 'wage_subsidy' | 'igu' | 'ordinary_job';
  hoursPerWeek: number;
  realOpening: boolean;
  /** how many persons the company can take on this position */
  seats: number;
}

export interface AdultInput {
  id: string;
  label: string;
  householdId: string;
  townId: string;
  /** sectors the person wishes or is qualified for (from the visitation interview) */
  sectors: string[];
  languages: string[];
  /** weekly hours already planned (Danish education etc.), toward 37 */
  plannedHours: number;
}

export interface MentorInput {
  id: string;
  label: string;
  townId: string;
  languages: string[];
  hoursPerMonth: number;
  /** how many families or persons the mentor can take */
  capacity: number;
}
