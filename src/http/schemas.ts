// Request and response schemas (zod). They validate every request and generate the OpenAPI
// 3.1 document at /api/v1/openapi.json.
import { z } from 'zod';
import { ROLES } from '../domain/authorization.js';
import { isIsoDate, todayIso } from '../domain/dates.js';
import {
  ACTIVITY_KINDS, CONTRACT_GOAL_KINDS, CONVERSATION_KINDS, ENROLMENT_KINDS, FOLLOW_UP_KINDS,
  HOUSEHOLD_RELATIONS, LANGUAGE_ASSESSMENT_RESULTS, PROGRAMS, RESIDENCE_BASES, SEXES,
} from '../domain/model.js';

// PostgreSQL text cannot hold NUL, and no field of ours needs other control characters
// beyond line breaks and tabs in free text.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
export const SINGLE_LINE_CONTROL = /[\u0000-\u001F\u007F]/;

/** A one-line text, trimmed, 1..max characters. */
export const line = (max: number) =>
  z.string().trim().min(1).max(max).refine((s) => !SINGLE_LINE_CONTROL.test(s), 'Control characters are not allowed.');

/** A free text (notes), up to max characters; line breaks allowed. */
export const text = (max: number) =>
  z.string().max(max).refine((s) => !CONTROL.test(s), 'Control characters are not allowed.');

const calendarDate = () => z.iso.date().refine(isIsoDate, 'A calendar date as YYYY-MM-DD.');

/**
 * The plausible window of every date of a case (takeover, arrival, activities, conversations, a
 * placement round, the day a worklist is computed for): the integration law is from 1999, and
 * nothing is planned beyond this century. A date outside is a typing error, and far outside
 * (9999-12-31) it would overflow the database's date arithmetic.
 */
export const CASE_DATES = { from: '1990-01-01', to: '2100-12-31' } as const;
/** The earliest birth date accepted (the services also refuse an age over 130 on the day). */
export const EARLIEST_BIRTH_DATE = '1890-01-01';

export const isoDate = calendarDate()
  .refine((d) => d >= CASE_DATES.from && d <= CASE_DATES.to, `A date from ${CASE_DATES.from} to ${CASE_DATES.to}.`)
  .meta({ example: '2025-03-01', description: `A date (YYYY-MM-DD) from ${CASE_DATES.from} to ${CASE_DATES.to}` });

/** A birth date: a calendar date from EARLIEST_BIRTH_DATE, not in the future (Danish time). */
export const birthDate = calendarDate()
  .refine((d) => d >= EARLIEST_BIRTH_DATE, `A birth date from ${EARLIEST_BIRTH_DATE}.`)
  .refine((d) => d <= todayIso(), 'In the future.')
  .meta({ example: '1990-01-01', description: `A birth date (YYYY-MM-DD) from ${EARLIEST_BIRTH_DATE}, not in the future` });

export const MunicipalityCode = z.string().regex(/^\d{3}$/, 'A 3-digit municipality code.').meta({ example: '580' });
export const Id = z.uuid();

export const MunicipalityParams = z.object({ code: MunicipalityCode });
export const PersonParams = z.object({ code: MunicipalityCode, id: Id });

export const CountryCode = z.string().regex(/^[A-Z]{2}$/, 'An ISO 3166-1 alpha-2 country code, e.g. SY.');
export const LanguageCode = z.string().regex(/^[a-z]{2,3}$/, 'An ISO 639 language code, e.g. ar or prs.');
export const Cpr = z.string().max(20).meta({ description: 'CPR number DDMMYY-SSSS or a replacement number', example: '010190-1234' });

export const PurposeHeaders = z.object({
  'x-purpose': z.string().max(200).optional().meta({ description: 'Why the personal data is used; recorded in the access log (default: the role\'s purpose)' }),
});

export const IfMatchHeaders = PurposeHeaders.extend({
  'if-match': z.string().max(200).optional().meta({ description: 'ETag from the last read; required to change an existing record' }),
});

// ---- Households -------------------------------------------------------------------------

export const NewMemberSchema = z.object({
  givenName: line(200),
  familyName: line(200),
  birthDate,
  sex: z.enum(SEXES),
  cpr: Cpr.optional(),
  residenceBasis: z.enum(RESIDENCE_BASES),
  relation: z.enum(HOUSEHOLD_RELATIONS),
  countryOfOrigin: CountryCode.optional(),
  languages: z.array(LanguageCode).max(10).optional(),
});

export const NewHouseholdSchema = z.object({
  takeoverDate: isoDate,
  arrivalDate: isoDate.optional(),
  members: z.array(NewMemberSchema).min(1).max(30),
});

export const HouseholdCreatedSchema = z.object({
  householdId: Id,
  members: z.array(z.object({ personId: Id, givenName: z.string(), relation: z.enum(HOUSEHOLD_RELATIONS) })),
});

// ---- Persons ------------------------------------------------------------------------------

const PersonCore = {
  id: Id,
  municipalityCode: MunicipalityCode,
  householdId: Id,
  relation: z.enum(HOUSEHOLD_RELATIONS),
  givenName: z.string(),
  familyName: z.string(),
  birthDate: z.string(),
  sex: z.enum(SEXES),
  cpr: z.string().nullable().meta({ description: 'Masked (DDMMYY-xxxx) unless ?reveal=cpr' }),
  cprKind: z.enum(['cpr', 'replacement']).nullable(),
  residenceBasis: z.enum(RESIDENCE_BASES),
  program: z.enum(PROGRAMS).nullable(),
  countryOfOrigin: z.string().nullable(),
  languages: z.array(z.string()),
  arrivalDate: z.string().nullable(),
  takeoverDate: z.string(),
  synthetic: z.boolean().meta({ description: 'True for demo data' }),
  version: z.number().int(),
};

export const PersonSchema = z.object(PersonCore).meta({ id: 'Person' });

const Record = z.looseObject({});

export const PersonCaseSchema = z.object({
  ...PersonCore,
  household: z.object({
    id: Id,
    arrivalDate: z.string().nullable(),
    takeoverDate: z.string(),
    members: z.array(z.object({ personId: Id, givenName: z.string(), familyName: z.string(), birthDate: z.string(), relation: z.string() })),
  }),
  visitation: Record.nullable().optional(),
  contract: Record.nullable().optional(),
  contactPerson: Record.nullable().optional(),
  contactPersonHistory: z.array(Record).optional(),
  activities: z.array(Record).optional(),
  conversations: z.array(Record).optional(),
  enrolments: z.array(Record).optional(),
  languageAssessments: z.array(Record).optional(),
  followUps: z.array(Record).optional(),
}).meta({ id: 'PersonCase', description: 'A person with household and, as the role allows, the case records' });

export const PersonQuery = z.object({
  reveal: z.literal('cpr').optional().meta({ description: 'Show the full CPR number (logged)' }),
});

export const SearchQuery = z.object({ query: line(200) });

export const SearchResultSchema = z.object({
  query: z.string(),
  results: z.array(z.object({ id: Id, givenName: z.string(), familyName: z.string(), birthDate: z.string(), cpr: z.string().nullable(), householdId: Id, synthetic: z.boolean() })),
  truncated: z.boolean(),
});

export const PersonPatchSchema = z.object({
  givenName: line(200).optional(),
  familyName: line(200).optional(),
  birthDate: birthDate.optional(),
  sex: z.enum(SEXES).optional(),
  cpr: Cpr.nullable().optional(),
  residenceBasis: z.enum(RESIDENCE_BASES).optional(),
  program: z.enum(PROGRAMS).nullable().optional(),
  countryOfOrigin: CountryCode.nullable().optional(),
  languages: z.array(LanguageCode).max(10).optional(),
  arrivalDate: isoDate.nullable().optional(),
  takeoverDate: isoDate.optional(),
}).strict();

// ---- Case records ---------------------------------------------------------------------------

export const VisitationSchema = z.object({
  heldOn: isoDate,
  resources: text(5000).default(''),
  qualifications: text(5000).default(''),
  wishes: text(5000).default(''),
  challenges: text(5000).default(''),
});

export const ContractSchema = z.object({
  goal: line(1000),
  goalKind: z.enum(CONTRACT_GOAL_KINDS),
  signedOn: isoDate.nullable().optional(),
});

export const ContactPersonSchema = z.object({ userId: Id, fromDate: isoDate.optional() });

export const ActivitySchema = z.object({
  kind: z.enum(ACTIVITY_KINDS),
  startDate: isoDate,
  endDate: isoDate.nullable().optional(),
  hoursPerWeek: z.number().min(0.5).max(60).multipleOf(0.5),
  provider: line(200).nullable().optional(),
});

export const ConversationSchema = z.object({
  date: isoDate,
  kind: z.enum(CONVERSATION_KINDS),
  repatriationGuidance: z.boolean(),
  repatriationNote: text(5000).nullable().optional(),
  interpreterLanguage: LanguageCode.nullable().optional(),
  note: text(10000).nullable().optional(),
});

export const EnrolmentSchema = z.object({
  kind: z.enum(ENROLMENT_KINDS),
  institutionId: Id.nullable().optional(),
  startDate: isoDate,
  endDate: isoDate.nullable().optional(),
});

export const LanguageAssessmentSchema = z.object({
  assessedOn: isoDate,
  result: z.enum(LANGUAGE_ASSESSMENT_RESULTS),
  note: text(5000).nullable().optional(),
});

export const FollowUpSchema = z.object({
  date: isoDate,
  kind: z.enum(FOLLOW_UP_KINDS),
  note: text(5000).nullable().optional(),
});

export const CreatedRecordSchema = z.looseObject({ id: Id });

export const AccessLogSchema = z.object({
  personId: Id,
  entries: z.array(z.looseObject({ action: z.string(), purpose: z.string() })),
  truncated: z.boolean(),
});

// ---- Tokens and reference data -----------------------------------------------------------------

export const TokenRequestSchema = z.object({
  role: z.enum(ROLES),
  user: line(200).meta({ description: 'The integration client the token is for: a new technical user "Integration: <user>" is created for each token, never an existing person. For a citizen token: the label of the citizen user, when it is first created' }),
  days: z.number().int().min(1).max(365).default(30),
  personId: Id.optional().meta({ description: 'For a citizen token: the person it belongs to' }),
});

export const TokenCreatedSchema = z.object({
  token: z.string().meta({ description: 'Shown only now; stored as a hash' }),
  tokenId: Id, userId: Id, userName: z.string(), expiresAt: z.string(),
});

const UserKindSchema = z.enum(['person', 'integration_client']);
const NamedUser = z.object({ id: Id, name: z.string() });

export const TokenViewSchema = z.object({
  id: Id,
  kind: z.enum(['api', 'session']).meta({ description: 'An API token, or a browser session after sign-in' }),
  user: NamedUser.extend({ kind: UserKindSchema }),
  role: z.string(),
  createdAt: z.string(),
  createdBy: NamedUser.nullable().meta({ description: 'The admin who created it; null for the command line' }),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
  revokedBy: NamedUser.nullable(),
  status: z.enum(['active', 'expired', 'revoked']),
});

export const TokenListQuery = z.object({
  kind: z.enum(['api', 'session']).optional(),
  all: z.enum(['true', 'false']).optional().meta({ description: 'Also expired and revoked tokens (default: active only)' }),
});

export const TokenParams = z.object({ id: Id });

export const AuditEventSchema = z.object({
  id: z.string(), at: z.string(),
  event: z.enum(['token.created', 'token.revoked', 'session.started', 'session.ended']),
  actor: z.object({ id: Id.nullable(), name: z.string(), role: z.string().nullable() }),
  user: z.object({ id: Id, name: z.string(), kind: z.string() }),
  role: z.string(), tokenId: Id.nullable(), expiresAt: z.string().nullable(),
});

export const MunicipalitySchema = z.object({ code: z.string(), name: z.string(), region: z.string(), hasPolicy: z.boolean() });
