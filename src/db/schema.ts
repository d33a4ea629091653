// Kysely table types for the schema in migrations/. Dates are ISO strings (yyyy-mm-dd): both
// engines are configured to return `date` columns as text (see database.ts).
import type { ColumnType, Generated, GeneratedAlways } from 'kysely';
import type { ArrivalsDB, PersonsArrivalColumns } from './schema-arrivals.js';
import type { OutcomesDB, PersonsOutcomeColumns } from './schema-outcomes.js';
import type { RecordChangesDB, RecordVersionColumns } from './schema-record-changes.js';
import type { AppointmentsDB } from './schema-appointments.js';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Numeric = ColumnType<number, number | string, number | string>;
/** A jsonb column: parsed on read; written as JSON text (JSON.stringify) so both drivers agree. */
type Json = ColumnType<unknown, string, string>;

export interface MunicipalitiesTable {
  code: string;
  name: string;
  region: string;
  has_policy: boolean;
}
export interface SettingsTable {
  key: string;
  value: string;
}

/** A nullable column added by a later migration: may be left out on insert (null). */
type OptionalText = ColumnType<string | null, string | null | undefined, string | null>;
export type UserKind = 'person' | 'integration_client';
export interface UsersTable {
  municipality_code: string;
  id: Generated<string>;
  name: string;
  role: string;
  person_id: string | null;
  synthetic: Generated<boolean>;
  created_at: Timestamp;
  /** 0005: keyed by the identity provider's issuer and subject; the name is a label. */
  kind: Generated<UserKind>;
  issuer: OptionalText;
  subject: OptionalText;
  created_by: OptionalText;
  updated_at: Timestamp;
}
export type TokenKind = 'api' | 'session';
export interface ApiTokensTable {
  municipality_code: string;
  id: Generated<string>;
  user_id: string;
  token_hash: Uint8Array;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  created_at: Timestamp;
  kind: Generated<TokenKind>;
  created_by: OptionalText;
  revoked_by: OptionalText;
}
export type AuditEvent = 'token.created' | 'token.revoked' | 'session.started' | 'session.ended';
/** 0005: the administrative audit trail (tokens and sessions); append-only for the application. */
export interface AuditEventsTable {
  municipality_code: string;
  id: Generated<string>;
  at: Timestamp;
  event: AuditEvent;
  actor_user_id: string | null;
  actor_name: string;
  actor_role: string | null;
  subject_user_id: string;
  subject_name: string;
  subject_kind: UserKind;
  role: string;
  token_id: string | null;
  expires_at: Timestamp | null;
}
export interface HouseholdsTable {
  municipality_code: string;
  id: Generated<string>;
  arrival_date: string | null;
  takeover_date: string;
  synthetic: Generated<boolean>;
  created_at: Timestamp;
  needs_accessible: Generated<boolean>;
  monthly_income_dkk: number | null;
  housing_unit_id: string | null;
  housing_status: Generated<'none' | 'temporary' | 'permanent'>;
  wishes: string | null;
  version: Generated<number>;
}
export interface PersonsTable extends PersonsOutcomeColumns, PersonsArrivalColumns {
  municipality_code: string;
  id: Generated<string>;
  household_id: string;
  household_relation: string;
  given_name: string;
  family_name: string;
  birth_date: string;
  sex: string;
  cpr_cipher: Uint8Array | null;
  cpr_hash: Uint8Array | null;
  cpr_masked: string | null;
  cpr_kind: string | null;
  residence_basis: string;
  program: string | null;
  country_of_origin: string | null;
  languages: string[];
  arrival_date: string | null;
  takeover_date: string;
  synthetic: Generated<boolean>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** sectors wished or qualified for (from the visitation interview) */
  sectors: Generated<string[]>;
}
export interface VisitationsTable {
  municipality_code: string;
  person_id: string;
  held_on: string;
  resources: string;
  qualifications: string;
  wishes: string;
  challenges: string;
  version: Generated<number>;
  updated_at: Timestamp;
  updated_by: string | null;
}
export interface ContractsTable {
  municipality_code: string;
  person_id: string;
  goal: string;
  goal_kind: string;
  signed_on: string | null;
  version: Generated<number>;
  updated_at: Timestamp;
  updated_by: string | null;
}
export interface ContactPersonAssignmentsTable {
  municipality_code: string;
  id: Generated<string>;
  person_id: string;
  user_id: string;
  from_date: string;
  to_date: string | null;
  created_at: Timestamp;
}
export interface ActivitiesTable extends RecordVersionColumns {
  municipality_code: string;
  id: Generated<string>;
  person_id: string;
  kind: string;
  start_date: string;
  end_date: string | null;
  hours_per_week: Numeric;
  provider: string | null;
  created_at: Timestamp;
  created_by: string | null;
  /** the position a company-based activity fills, when known (seat accounting) */
  position_id: Generated<string | null>;
}
export interface ConversationsTable extends RecordVersionColumns {
  municipality_code: string;
  id: Generated<string>;
  person_id: string;
  held_on: string;
  kind: string;
  repatriation_guidance: boolean;
  repatriation_note: string | null;
  interpreter_language: string | null;
  note: string | null;
  created_at: Timestamp;
  created_by: string | null;
}
export interface EnrolmentsTable extends RecordVersionColumns {
  municipality_code: string;
  id: Generated<string>;
  person_id: string;
  kind: string;
  institution_id: string | null;
  start_date: string;
  end_date: string | null;
  created_at: Timestamp;
  created_by: string | null;
}
export interface LanguageAssessmentsTable extends RecordVersionColumns {
  municipality_code: string;
  id: Generated<string>;
  person_id: string;
  assessed_on: string;
  result: string;
  note: string | null;
  created_at: Timestamp;
  created_by: string | null;
}
export interface FollowUpsTable extends RecordVersionColumns {
  municipality_code: string;
  id: Generated<string>;
  person_id: string;
  held_on: string;
  kind: string;
  note: string | null;
  created_at: Timestamp;
  created_by: string | null;
}
export interface TownsTable {
  municipality_code: string;
  id: Generated<string>;
  name: string;
  population: number;
  public_transport: string;
  services: string[];
  /** WGS84 centre; null when unknown */
  latitude: number | null;
  longitude: number | null;
  transport_lines: Generated<string[]>;
  departures_per_weekday: number | null;
  version: Generated<number>;
  updated_at: Timestamp | null;
  updated_by: string | null;
}
export interface InstitutionsTable {
  municipality_code: string;
  id: Generated<string>;
  kind: string;
  name: string;
  town_id: string;
  capacity: number;
  has_reception_class: Generated<boolean>;
  enrolled: Generated<number>;
  bilingual_enrolled: Generated<number>;
  admitted_this_year: Generated<number>;
  admitted_from_deprived_this_year: Generated<number>;
  has_sfo: Generated<boolean>;
  version: Generated<number>;
  updated_at: Timestamp | null;
  updated_by: string | null;
}
export interface CompaniesTable {
  municipality_code: string;
  id: Generated<string>;
  name: string;
  sector: string;
  town_id: string;
  contact_name: string | null;
  contact_phone: string | null;
  contact_email: string | null;
  version: Generated<number>;
  updated_at: Timestamp | null;
  updated_by: string | null;
}
export interface PositionsTable {
  municipality_code: string;
  id: Generated<string>;
  company_id: string;
  kind: string;
  title: string;
  hours_per_week: Numeric;
  real_opening: boolean;
  seats: Generated<number>;
  version: Generated<number>;
  updated_at: Timestamp | null;
  updated_by: string | null;
}
export interface VolunteersTable {
  municipality_code: string;
  id: Generated<string>;
  given_name: string;
  family_name: string;
  languages: string[];
  town_id: string;
  mentor: Generated<boolean>;
  hours_per_month: number;
  synthetic: Generated<boolean>;
  mentor_capacity: Generated<number>;
  area_km: number | null;
  phone: string | null;
  email: string | null;
  version: Generated<number>;
  updated_at: Timestamp | null;
  updated_by: string | null;
}
export interface AssociationsTable {
  municipality_code: string;
  id: Generated<string>;
  name: string;
  kind: string;
  town_id: string;
  activities: Generated<string[]>;
  min_age: number | null;
  max_age: number | null;
  contact: string | null;
  version: Generated<number>;
  updated_at: Timestamp | null;
  updated_by: string | null;
}
export type Landlord = 'housing_association' | 'private' | 'municipality';
export type HousingTenure = 'temporary' | 'permanent';
export type HousingUnitStatus = 'available' | 'reserved' | 'let';
export interface HousingUnitsTable {
  municipality_code: string;
  id: Generated<string>;
  address: string;
  town_id: string;
  rooms: number;
  area_m2: number | null;
  rent_dkk: number;
  landlord: Landlord;
  available_from: string;
  tenure: HousingTenure;
  deprived_area: Generated<boolean>;
  accessible: Generated<boolean>;
  status: Generated<HousingUnitStatus>;
  synthetic: Generated<boolean>;
  version: Generated<number>;
  created_at: Timestamp;
  landlord_name: string | null;
  updated_at: Timestamp | null;
  updated_by: string | null;
}
export type PlanKind = 'housing' | 'daycare' | 'school' | 'internships' | 'mentors';
export type PlanStatus = 'draft' | 'accepted' | 'partially_accepted' | 'discarded';
export interface PlacementPlansTable {
  municipality_code: string;
  id: Generated<string>;
  kind: PlanKind;
  plan_date: string;
  status: Generated<PlanStatus>;
  parameters: Json;
  summary: Json;
  objective: number | null;
  bound: number | null;
  gap: number | null;
  engine: string;
  solve_ms: Generated<number>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}
export type AgentKind = 'household' | 'person';
export type OptionKind = 'housing_unit' | 'institution' | 'position' | 'mentor';
export type ProposalStatus = 'proposed' | 'accepted' | 'rejected' | 'superseded';
export interface PlacementProposalsTable {
  municipality_code: string;
  plan_id: string;
  id: Generated<string>;
  agent_kind: AgentKind;
  household_id: string | null;
  person_id: string | null;
  option_kind: OptionKind;
  option_id: string;
  score: number;
  explanation: Json;
  status: Generated<ProposalStatus>;
  decided_by: string | null;
  decided_at: Timestamp | null;
}
export interface MentorshipsTable {
  municipality_code: string;
  id: Generated<string>;
  volunteer_id: string;
  household_id: string | null;
  person_id: string | null;
  from_date: string;
  to_date: string | null;
  created_at: Timestamp;
  created_by: string | null;
}
export interface AccessLogTable {
  municipality_code: string;
  id: Generated<string>;
  at: Timestamp;
  user_id: string;
  user_name: string;
  role: string;
  person_id: string | null;
  action: string;
  purpose: string;
  criterion: string | null;
  resource: string;
}

/** 0006: cases with general integration-policy dimensions, registered by the secretariat. */
export interface GovernanceCasesTable {
  municipality_code: string;
  id: Generated<string>;
  title: string;
  body: string | null;
  decision_date: string;
  description: string | null;
  registered_by: string;
  registered_at: Timestamp;
  version: Generated<number>;
}
/** 0006: the governance cycle's records (meeting, hearing, statement, report, campaign, initiative). */
export interface GovernanceEventsTable {
  municipality_code: string;
  id: Generated<string>;
  kind: string;
  date: string;
  title: string;
  body: string | null;
  description: string | null;
  documents: Json;
  published: Generated<boolean>;
  rule_id: string | null;
  case_id: string | null;
  recorded_by: string;
  recorded_at: Timestamp;
  version: Generated<number>;
}

export interface DB extends OutcomesDB, RecordChangesDB, ArrivalsDB, AppointmentsDB {
  municipalities: MunicipalitiesTable;
  settings: SettingsTable;
  users: UsersTable;
  api_tokens: ApiTokensTable;
  audit_events: AuditEventsTable;
  households: HouseholdsTable;
  persons: PersonsTable;
  visitations: VisitationsTable;
  contracts: ContractsTable;
  contact_person_assignments: ContactPersonAssignmentsTable;
  activities: ActivitiesTable;
  conversations: ConversationsTable;
  enrolments: EnrolmentsTable;
  language_assessments: LanguageAssessmentsTable;
  follow_ups: FollowUpsTable;
  towns: TownsTable;
  institutions: InstitutionsTable;
  companies: CompaniesTable;
  positions: PositionsTable;
  volunteers: VolunteersTable;
  associations: AssociationsTable;
  housing_units: HousingUnitsTable;
  registry_changes: RegistryChangesTable;
  obligation_days: ObligationDaysTable;
  person_obligations: PersonObligationsTable;
  obligations_dirty: ObligationsDirtyTable;
  placement_plans: PlacementPlansTable;
  placement_proposals: PlacementProposalsTable;
  mentorships: MentorshipsTable;
  access_log: AccessLogTable;
  governance_cases: GovernanceCasesTable;
  governance_events: GovernanceEventsTable;
}

/** The history of the registries (0015): one row per create, change, deletion or import. */
export interface RegistryChangesTable {
  municipality_code: string;
  id: Generated<string>;
  registry: string;
  record_id: string;
  operation: 'create' | 'change' | 'delete' | 'import';
  before: unknown;
  changed_at: Generated<Timestamp>;
  changed_by: string;
}

/** The day and policy a municipality's materialised obligations were evaluated for (0016). */
export interface ObligationDaysTable {
  municipality_code: string;
  evaluated_for: string;
  policy: string;
  evaluated_at: Generated<Timestamp>;
}

/** A person's obligation under one rule as the worklist shows it on the municipality's day (0016). */
export interface PersonObligationsTable {
  municipality_code: string;
  person_id: string;
  rule_id: string;
  status: 'met' | 'open' | 'due_soon' | 'overdue';
  due_date: string | null;
  obligation: unknown;
  /** The worklist's order within a group, generated from status and due date (0017). */
  order_key: GeneratedAlways<number>;
}

/** A person whose facts changed since their obligations were evaluated, marked by the database (0016). */
export interface ObligationsDirtyTable {
  municipality_code: string;
  person_id: string;
  marked_by: Generated<string>;
}
