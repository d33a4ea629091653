// What the placement builders read: plain records, shaped by the domain, not by the database.
// The repository (src/repositories/placement.ts) fills them from the tenant's tables; the
// builders (src/placement/instances.ts) turn them into a PlacementProblem with a criteria
// breakdown per pair. Pure types; no I/O.

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

export interface HouseholdInput {
  id: string;
  /** label safe to show: the head's name, never a CPR number */
  label: string;
  persons: number;
  adults: number;
  children: number;
  /** children of daycare or school age */
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
  age: number;
  bilingual: boolean;
  livesInDeprivedArea: boolean;
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
