// Request and response schemas (zod). They validate every request and generate the OpenAPI
// 3.1 document at /api/v1/openapi.json.
// The inputs the pages validate with too (households, case records, and their parts) are
// src/services/inputs.ts, re-exported here.
import { z } from 'zod';
import { ROLES } from '../domain/authorization.js';
import { HOUSEHOLD_RELATIONS, PROGRAMS, RESIDENCE_BASES, SEXES } from '../domain/model.js';
import { birthDate, CountryCode, Cpr, Id, isoDate, LanguageCode, line } from '../services/inputs.js';

export {
  SINGLE_LINE_CONTROL,
  line,
  text,
  CASE_DATES,
  EARLIEST_BIRTH_DATE,
  isoDate,
  birthDate,
  Id,
  CountryCode,
  LanguageCode,
  Cpr,
  NewMemberSchema,
  NewHouseholdSchema,
  VisitationSchema,
  ContractSchema,
  ContactPersonSchema,
  ActivitySchema,
  ConversationSchema,
  EnrolmentSchema,
  LanguageAssessmentSchema,
  FollowUpSchema,
  ChangeReason,
  recordPatchSchema,
  DeleteReasonQuery,
  CaseClosureSchema,
  HealthAssessmentSchema,
  RepatriationNoticeSchema,
  ReceptionStepSchema,
} from '../services/inputs.js';

export const MunicipalityCode = z
  .string()
  .regex(/^\d{3}$/, 'A 3-digit municipality code.')
  .meta({ example: '580' });

export const MunicipalityParams = z.object({ code: MunicipalityCode });
export const PersonParams = z.object({ code: MunicipalityCode, id: Id });

export const PurposeHeaders = z.object({
  'x-purpose': z
    .string()
    .max(200)
    .optional()
    .meta({ description: "Why the personal data is used; recorded in the access log (default: the role's purpose)" }),
});

export const IfMatchHeaders = PurposeHeaders.extend({
  'if-match': z
    .string()
    .max(200)
    .optional()
    .meta({ description: 'ETag from the last read; required to change an existing record' }),
});

// ---- Households -------------------------------------------------------------------------

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

export const PersonCaseSchema = z
  .object({
    ...PersonCore,
    household: z.object({
      id: Id,
      arrivalDate: z.string().nullable(),
      takeoverDate: z.string(),
      members: z.array(
        z.object({
          personId: Id,
          givenName: z.string(),
          familyName: z.string(),
          birthDate: z.string(),
          relation: z.string(),
        }),
      ),
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
    receptionSteps: z.array(Record).optional(),
  })
  .meta({ id: 'PersonCase', description: 'A person with household and, as the role allows, the case records' });

export const PersonQuery = z.object({
  reveal: z.literal('cpr').optional().meta({ description: 'Show the full CPR number (logged)' }),
});

export const SearchQuery = z.object({ query: line(200) });

export const SearchResultSchema = z.object({
  query: z.string(),
  results: z.array(
    z.object({
      id: Id,
      givenName: z.string(),
      familyName: z.string(),
      birthDate: z.string(),
      cpr: z.string().nullable(),
      householdId: Id,
      synthetic: z.boolean(),
    }),
  ),
  truncated: z.boolean(),
});

export const PersonPatchSchema = z
  .object({
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
  })
  .strict();

// ---- Case records ---------------------------------------------------------------------------

export const CreatedRecordSchema = z.looseObject({ id: Id });

export const AccessLogSchema = z.object({
  personId: Id,
  entries: z.array(z.looseObject({ action: z.string(), purpose: z.string() })),
  truncated: z.boolean(),
});

// ---- Tokens and reference data -----------------------------------------------------------------

export const TokenRequestSchema = z.object({
  role: z.enum(ROLES),
  user: line(200).meta({
    description:
      'The integration client the token is for: a new technical user "Integration: <user>" is created for each token, never an existing person. For a citizen token: the label of the citizen user, when it is first created',
  }),
  days: z.number().int().min(1).max(365).default(30),
  personId: Id.optional().meta({ description: 'For a citizen token: the person it belongs to' }),
});

export const TokenCreatedSchema = z.object({
  token: z.string().meta({ description: 'Shown only now; stored as a hash' }),
  tokenId: Id,
  userId: Id,
  userName: z.string(),
  expiresAt: z.string(),
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
  all: z
    .enum(['true', 'false'])
    .optional()
    .meta({ description: 'Also expired and revoked tokens (default: active only)' }),
});

export const TokenParams = z.object({ id: Id });

export const AuditEventSchema = z.object({
  id: z.string(),
  at: z.string(),
  event: z.enum(['token.created', 'token.revoked', 'session.started', 'session.ended']),
  actor: z.object({ id: Id.nullable(), name: z.string(), role: z.string().nullable() }),
  user: z.object({ id: Id, name: z.string(), kind: z.string() }),
  role: z.string(),
  tokenId: Id.nullable(),
  expiresAt: z.string().nullable(),
});

export const MunicipalitySchema = z.object({
  code: z.string(),
  name: z.string(),
  region: z.string(),
  hasPolicy: z.boolean(),
});
