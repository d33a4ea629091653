// The registries the placements read (issue 15): towns, housing units, institutions, companies,
// positions, volunteers and associations, as plain data. Each registry is a list of fields (the
// API's camelCase name, its column, its type and limits); the service, the CSV import and export,
// the pages and the OpenAPI schemas are all derived from these definitions, so that a field is
// named and checked once. Pure: domain imports only.

export const REGISTRY_KINDS = [
  'towns',
  'housing-units',
  'institutions',
  'companies',
  'positions',
  'volunteers',
  'associations',
] as const;
export type RegistryKind = (typeof REGISTRY_KINDS)[number];

/** Who keeps a registry: the area of work its read and write actions belong to. */
export type RegistryArea = 'towns' | 'housing' | 'institutions' | 'companies' | 'volunteers';

export const PUBLIC_TRANSPORT = ['rail', 'frequent_bus', 'bus', 'limited'] as const;
export const TOWN_SERVICES = [
  'gp',
  'supermarket',
  'school',
  'daycare',
  'library',
  'sports_club',
  'language_school',
] as const;
export const LANDLORDS = ['housing_association', 'private', 'municipality'] as const;
export const TENURES = ['temporary', 'permanent'] as const;
export const HOUSING_UNIT_STATUSES = ['available', 'reserved', 'let'] as const;
export const INSTITUTION_KINDS = ['daycare', 'school', 'language_school'] as const;
export const POSITION_KINDS = ['company_internship', 'wage_subsidy', 'igu', 'ordinary_job'] as const;
export const ASSOCIATION_ACTIVITIES = [
  'sport',
  'culture',
  'homework_help',
  'language_cafe',
  'women',
  'youth',
  'family',
  'other',
] as const;
/** Languages a volunteer speaks: ISO 639 codes (two or three letters, a region allowed: fa-AF). */
export const LANGUAGE_CODE = /^[a-z]{2,3}(-[A-Z]{2})?$/;

export type FieldType =
  | { kind: 'text'; max: number; min?: number }
  | { kind: 'integer'; min: number; max: number }
  | { kind: 'decimal'; min: number; max: number }
  | { kind: 'boolean' }
  | { kind: 'date' }
  | { kind: 'choice'; values: readonly string[] }
  | { kind: 'choices'; values: readonly string[] }
  /** free words, e.g. bus line numbers */
  | { kind: 'list'; max: number }
  | { kind: 'languages' }
  | { kind: 'email' }
  | { kind: 'reference'; registry: RegistryKind };

export interface FieldDef {
  /** the API's (and the CSV header's) name */
  name: string;
  column: string;
  type: FieldType;
  /** required on create (a field with a database default or null is optional) */
  required: boolean;
  /** may be cleared (null) */
  nullable: boolean;
}

/** A table whose rows refer to a registry's record; with statusIn, only rows in those statuses count. */
export interface Reference {
  table: string;
  column: string;
  statusIn?: readonly string[];
}

/** A proposal still open or accepted holds its option; a rejected or superseded one does not. */
const PROPOSALS: Reference = { table: 'placement_proposals', column: 'option_id', statusIn: ['proposed', 'accepted'] };

export interface RegistryDef {
  kind: RegistryKind;
  table: string;
  area: RegistryArea;
  /** the field that names a record in lists, messages and the access log */
  label: readonly string[];
  fields: readonly FieldDef[];
  /** ordering of the list: columns */
  orderBy: readonly string[];
  /** the records of other registries (and of the case) that refer to a record of this one: its delete is refused while any does */
  referencedBy: readonly Reference[];
  /** a registry of natural persons: each record shown is access-logged */
  persons: boolean;
}

const f = (name: string, column: string, type: FieldType, required = true, nullable = false): FieldDef => ({
  name,
  column,
  type,
  required,
  nullable,
});
const optional = (name: string, column: string, type: FieldType): FieldDef => f(name, column, type, false, true);
const withDefault = (name: string, column: string, type: FieldType): FieldDef => f(name, column, type, false, false);

const townRef: FieldType = { kind: 'reference', registry: 'towns' };

export const REGISTRIES: Readonly<Record<RegistryKind, RegistryDef>> = {
  towns: {
    kind: 'towns',
    table: 'towns',
    area: 'towns',
    label: ['name'],
    fields: [
      f('name', 'name', { kind: 'text', min: 1, max: 120 }),
      f('population', 'population', { kind: 'integer', min: 0, max: 10_000_000 }),
      optional('latitude', 'latitude', { kind: 'decimal', min: 54, max: 58 }),
      optional('longitude', 'longitude', { kind: 'decimal', min: 7, max: 16 }),
      f('publicTransport', 'public_transport', { kind: 'choice', values: PUBLIC_TRANSPORT }),
      withDefault('transportLines', 'transport_lines', { kind: 'list', max: 40 }),
      optional('departuresPerWeekday', 'departures_per_weekday', { kind: 'integer', min: 0, max: 2000 }),
      withDefault('services', 'services', { kind: 'choices', values: TOWN_SERVICES }),
    ],
    orderBy: ['name'],
    referencedBy: [
      { table: 'housing_units', column: 'town_id' },
      { table: 'institutions', column: 'town_id' },
      { table: 'companies', column: 'town_id' },
      { table: 'volunteers', column: 'town_id' },
      { table: 'associations', column: 'town_id' },
    ],
    persons: false,
  },
  'housing-units': {
    kind: 'housing-units',
    table: 'housing_units',
    area: 'housing',
    label: ['address'],
    fields: [
      f('address', 'address', { kind: 'text', min: 1, max: 300 }),
      f('townId', 'town_id', townRef),
      f('landlord', 'landlord', { kind: 'choice', values: LANDLORDS }),
      optional('landlordName', 'landlord_name', { kind: 'text', min: 1, max: 200 }),
      f('rooms', 'rooms', { kind: 'integer', min: 1, max: 20 }),
      optional('areaM2', 'area_m2', { kind: 'integer', min: 1, max: 1000 }),
      f('rentDkk', 'rent_dkk', { kind: 'integer', min: 0, max: 100_000 }),
      withDefault('accessible', 'accessible', { kind: 'boolean' }),
      f('tenure', 'tenure', { kind: 'choice', values: TENURES }),
      f('availableFrom', 'available_from', { kind: 'date' }),
      withDefault('deprivedArea', 'deprived_area', { kind: 'boolean' }),
      withDefault('status', 'status', { kind: 'choice', values: HOUSING_UNIT_STATUSES }),
    ],
    // The units a coordinator can offer first ('available' < 'let' < 'reserved'), the soonest free first.
    orderBy: ['status', 'available_from', 'address'],
    referencedBy: [{ table: 'households', column: 'housing_unit_id' }, PROPOSALS],
    persons: false,
  },
  institutions: {
    kind: 'institutions',
    table: 'institutions',
    area: 'institutions',
    label: ['name'],
    fields: [
      f('name', 'name', { kind: 'text', min: 1, max: 200 }),
      f('kind', 'kind', { kind: 'choice', values: INSTITUTION_KINDS }),
      f('townId', 'town_id', townRef),
      f('capacity', 'capacity', { kind: 'integer', min: 1, max: 5000 }),
      withDefault('enrolled', 'enrolled', { kind: 'integer', min: 0, max: 10_000 }),
      withDefault('bilingualEnrolled', 'bilingual_enrolled', { kind: 'integer', min: 0, max: 10_000 }),
      withDefault('admittedThisYear', 'admitted_this_year', { kind: 'integer', min: 0, max: 10_000 }),
      withDefault('admittedFromDeprivedThisYear', 'admitted_from_deprived_this_year', {
        kind: 'integer',
        min: 0,
        max: 10_000,
      }),
      withDefault('hasReceptionClass', 'has_reception_class', { kind: 'boolean' }),
      withDefault('hasSfo', 'has_sfo', { kind: 'boolean' }),
    ],
    orderBy: ['kind', 'name'],
    referencedBy: [{ table: 'enrolments', column: 'institution_id' }, PROPOSALS],
    persons: false,
  },
  companies: {
    kind: 'companies',
    table: 'companies',
    area: 'companies',
    label: ['name'],
    fields: [
      f('name', 'name', { kind: 'text', min: 1, max: 200 }),
      f('sector', 'sector', { kind: 'text', min: 1, max: 100 }),
      f('townId', 'town_id', townRef),
      optional('contactName', 'contact_name', { kind: 'text', min: 1, max: 200 }),
      optional('contactPhone', 'contact_phone', { kind: 'text', min: 4, max: 40 }),
      optional('contactEmail', 'contact_email', { kind: 'email' }),
    ],
    orderBy: ['name'],
    referencedBy: [{ table: 'positions', column: 'company_id' }],
    persons: false,
  },
  positions: {
    kind: 'positions',
    table: 'positions',
    area: 'companies',
    label: ['title'],
    fields: [
      f('companyId', 'company_id', { kind: 'reference', registry: 'companies' }),
      f('kind', 'kind', { kind: 'choice', values: POSITION_KINDS }),
      f('title', 'title', { kind: 'text', min: 1, max: 200 }),
      f('hoursPerWeek', 'hours_per_week', { kind: 'decimal', min: 1, max: 60 }),
      f('realOpening', 'real_opening', { kind: 'boolean' }),
      withDefault('seats', 'seats', { kind: 'integer', min: 0, max: 500 }),
    ],
    orderBy: ['title'],
    referencedBy: [{ table: 'activities', column: 'position_id' }, PROPOSALS],
    persons: false,
  },
  volunteers: {
    kind: 'volunteers',
    table: 'volunteers',
    area: 'volunteers',
    label: ['given_name', 'family_name'],
    fields: [
      f('givenName', 'given_name', { kind: 'text', min: 1, max: 200 }),
      f('familyName', 'family_name', { kind: 'text', min: 1, max: 200 }),
      withDefault('languages', 'languages', { kind: 'languages' }),
      f('townId', 'town_id', townRef),
      optional('areaKm', 'area_km', { kind: 'integer', min: 0, max: 200 }),
      withDefault('mentor', 'mentor', { kind: 'boolean' }),
      withDefault('mentorCapacity', 'mentor_capacity', { kind: 'integer', min: 0, max: 20 }),
      f('hoursPerMonth', 'hours_per_month', { kind: 'integer', min: 0, max: 200 }),
      optional('phone', 'phone', { kind: 'text', min: 4, max: 40 }),
      optional('email', 'email', { kind: 'email' }),
    ],
    orderBy: ['family_name', 'given_name'],
    referencedBy: [{ table: 'mentorships', column: 'volunteer_id' }, PROPOSALS],
    persons: true,
  },
  associations: {
    kind: 'associations',
    table: 'associations',
    area: 'volunteers',
    label: ['name'],
    fields: [
      f('name', 'name', { kind: 'text', min: 1, max: 200 }),
      f('kind', 'kind', { kind: 'text', min: 1, max: 100 }),
      f('townId', 'town_id', townRef),
      withDefault('activities', 'activities', { kind: 'choices', values: ASSOCIATION_ACTIVITIES }),
      optional('minAge', 'min_age', { kind: 'integer', min: 0, max: 120 }),
      optional('maxAge', 'max_age', { kind: 'integer', min: 0, max: 120 }),
      optional('contact', 'contact', { kind: 'text', min: 1, max: 200 }),
    ],
    orderBy: ['name'],
    referencedBy: [],
    persons: false,
  },
};

/** The checks across fields of a record (after each field's own): as [field name, problem code]. */
export type RecordProblem = [
  field: string,
  code: 'registry.coordinates_together' | 'registry.age_range' | 'registry.composition',
];

/** A record's checks across fields, on the values it will have after the change. */
export function recordProblems(kind: RegistryKind, r: Readonly<Record<string, unknown>>): RecordProblem[] {
  const out: RecordProblem[] = [];
  const num = (k: string) => (typeof r[k] === 'number' ? r[k] : null);
  if (kind === 'towns' && (r.latitude == null) !== (r.longitude == null))
    out.push([r.latitude == null ? 'latitude' : 'longitude', 'registry.coordinates_together']);
  if (kind === 'associations') {
    const min = num('minAge');
    const max = num('maxAge');
    if (min !== null && max !== null && min > max) out.push(['maxAge', 'registry.age_range']);
  }
  if (kind === 'institutions') {
    const enrolled = num('enrolled') ?? 0;
    if ((num('bilingualEnrolled') ?? 0) > enrolled) out.push(['bilingualEnrolled', 'registry.composition']);
    if ((num('admittedFromDeprivedThisYear') ?? 0) > (num('admittedThisYear') ?? 0))
      out.push(['admittedFromDeprivedThisYear', 'registry.composition']);
  }
  return out;
}

/** The registry of a kind name from a URL or a page, or null. */
export function registryOf(kind: string): RegistryDef | null {
  return (REGISTRY_KINDS as readonly string[]).includes(kind) ? REGISTRIES[kind as RegistryKind] : null;
}
