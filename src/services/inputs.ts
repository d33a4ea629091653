// The inputs of the service operations that the API and the pages both validate (zod): the
// household registration and the case records, and the parts they are made of (one-line and
// free texts, dates in the plausible window, codes, CPR). src/http/schemas.ts re-exports them
// for the routes and the OpenAPI document; the pages (src/web/pages/) validate their forms with
// the same schemas, so that a form and the API accept the same input.
import { z } from 'zod';
import { CLOSURE_REASONS } from '../domain/closure.js';
import { isIsoDate, todayIso } from '../domain/dates.js';
import { GOVERNANCE_EVENT_KINDS } from '../domain/governance.js';
import {
  ACTIVITY_KINDS,
  CONTRACT_GOAL_KINDS,
  CONVERSATION_KINDS,
  ENROLMENT_KINDS,
  FOLLOW_UP_KINDS,
  HEALTH_ASSESSMENT_KINDS,
  RECEPTION_STEP_KINDS,
  REPATRIATION_NOTICE_KINDS,
  HOUSEHOLD_RELATIONS,
  LANGUAGE_ASSESSMENT_RESULTS,
  PROGRAMS,
  RESIDENCE_BASES,
  SEXES,
} from '../domain/model.js';

// PostgreSQL text cannot hold NUL, and no field of ours needs other control characters
// beyond line breaks and tabs in free text.
// eslint-disable-next-line no-control-regex -- matching control characters is this pattern's purpose
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
// eslint-disable-next-line no-control-regex -- matching control characters is this pattern's purpose
export const SINGLE_LINE_CONTROL = /[\u0000-\u001F\u007F]/;

/** A one-line text, trimmed, 1..max characters. */
export const line = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => !SINGLE_LINE_CONTROL.test(s), 'Control characters are not allowed.');

/** A free text (notes), up to max characters; line breaks allowed. */
export const text = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => !CONTROL.test(s), 'Control characters are not allowed.');

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
  .meta({
    example: '1990-01-01',
    description: `A birth date (YYYY-MM-DD) from ${EARLIEST_BIRTH_DATE}, not in the future`,
  });

export const Id = z.uuid();
export const CountryCode = z.string().regex(/^[A-Z]{2}$/, 'An ISO 3166-1 alpha-2 country code, e.g. SY.');
export const LanguageCode = z.string().regex(/^[a-z]{2,3}$/, 'An ISO 639 language code, e.g. ar or prs.');
export const Cpr = z
  .string()
  .max(20)
  .meta({ description: 'CPR number DDMMYY-SSSS or a replacement number', example: '010190-1234' });

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

// ---- Arrivals (the housing-placement notice) and a household that grows ---------------------

/** The notice's own id (Udlændingestyrelsen's reference): letters, digits, '-', '.', '/'; unique per municipality. */
export const NoticeReference = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,99}$/, 'Letters, digits, "-", "." or "/", at most 100.')
  .meta({
    description: "The housing-placement notice's own id; a second import of it is skipped",
    example: 'US-2025-0042',
  });

const TakeoverFields = {
  takeoverDate: isoDate.optional().meta({
    description:
      "A takeover date earlier than integrationsloven § 4, stk. 2 gives, agreed with the person's consent (consent: true)",
  }),
  consent: z
    .boolean()
    .optional()
    .meta({ description: 'The person consented to the earlier takeover date (§ 4, stk. 2, 3. pkt.); recorded' }),
};

export const ArrivalHouseholdSchema = z
  .object({
    reference: NoticeReference,
    decisionDate: isoDate.meta({ description: "The day of Udlændingestyrelsen's visitation decision (§ 10)" }),
    ...TakeoverFields,
    members: z.array(NewMemberSchema).min(1).max(30),
  })
  .strict();

/** The most households one import takes (a larger notice list is split into several files). */
export const MAX_ARRIVAL_HOUSEHOLDS = 1000;

export const ArrivalNoticeSchema = z
  .object({ households: z.array(ArrivalHouseholdSchema).min(1).max(MAX_ARRIVAL_HOUSEHOLDS) })
  .strict()
  .meta({ id: 'ArrivalNotice', description: 'Households of a housing-placement notice, as JSON' });
export type ArrivalNoticeInput = z.infer<typeof ArrivalNoticeSchema>;

export const NewHouseholdMemberSchema = NewMemberSchema.extend({
  arrivalDate: isoDate.optional().meta({ description: "The member's own arrival" }),
  decisionDate: isoDate.optional().meta({
    description: 'The visitation decision, when there is one: the takeover date follows from it (§ 4, stk. 2)',
  }),
  takeoverDate: isoDate.optional().meta({
    description:
      'Without a decision date: the day responsibility passed. With one: an earlier agreed date, with consent: true',
  }),
  consent: TakeoverFields.consent,
  program: z.enum(PROGRAMS).nullable().optional().meta({
    description: "The member's program; computed from residence basis and age on the takeover date when left out",
  }),
}).strict();
export type NewHouseholdMemberInput = z.infer<typeof NewHouseholdMemberSchema>;

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

/** Why a record was changed or deleted, or a closure undone: a required line of text for a deletion. */
export const ChangeReason = line(1000).meta({
  description: 'Why (kept in the history)',
  example: 'Registreret på den forkerte borger',
});

/**
 * A correction of an appended record (PATCH): any of the fields of its creation, each as on
 * creation, and optionally why. At least one field; the record after it passes the checks of its
 * creation.
 */
export function recordPatchSchema(creation: z.ZodObject) {
  return creation
    .partial()
    .extend({ reason: ChangeReason.optional() })
    .strict()
    .refine((p) => Object.keys(p).some((k) => k !== 'reason'), 'At least one field to change.');
}

/** The reason a deletion needs (DELETE ?reason=…). */
export const DeleteReasonQuery = z.object({ reason: ChangeReason });

/** A case's closure: the day and why; for a move, optionally the municipality moved to. */
export const CaseClosureSchema = z
  .object({
    date: isoDate.meta({
      description:
        'The last day of the case (not before the takeover, not after today): obligations due after it are no longer owed',
      example: '2026-03-01',
    }),
    reason: z.enum(CLOSURE_REASONS).meta({
      description: 'moved: to another municipality; self_supporting; repatriated; died',
    }),
    movedToMunicipality: z
      .string()
      .regex(/^[0-9]{3}$/)
      .optional()
      .meta({
        description: 'For moved: the code of the municipality moved to (one of the 98, not your own)',
        example: '751',
      }),
  })
  .strict();

export const HealthAssessmentSchema = z
  .object({
    date: isoDate,
    kind: z.enum(HEALTH_ASSESSMENT_KINDS).meta({
      description: 'need_assessed: a concrete assessment of the need (§ 15 d, stk. 1); offered: the offer (stk. 2, 4)',
    }),
    needed: z.boolean().optional().meta({ description: 'need_assessed only: whether a health assessment is needed' }),
    accepted: z
      .boolean()
      .nullable()
      .optional()
      .meta({ description: 'offered only: whether the person accepted; null or left out until they answer' }),
    note: text(5000).nullable().optional(),
  })
  .strict();

export const RepatriationNoticeSchema = z
  .object({
    date: isoDate,
    kind: z.enum(REPATRIATION_NOTICE_KINDS).meta({
      description:
        'wish: the person wishes to return; notification: the advising organisation was notified (repatrieringsloven § 5)',
    }),
    organisation: line(200).optional().meta({ description: 'notification only: the organisation notified' }),
    note: text(5000).nullable().optional(),
  })
  .strict();

export const ReceptionStepSchema = z
  .object({
    kind: z.enum(RECEPTION_STEP_KINDS).meta({
      description:
        'The step a policy commits to: rights_and_duties_information, reception_program, local_area_introduction, ' +
        'association_information, association_participation_help, special_needs_assessment, health_orientation, ' +
        'business_structure_information, help_contacts_information, elderly_offers_information',
    }),
    date: isoDate.meta({ description: 'The day the step was taken' }),
    note: text(5000).nullable().optional(),
  })
  .strict();

// ----- the governance cycle (municipality level; no personal data) -----

/** A document attached to a governance record: its title and where it is published or filed. */
export const GovernanceDocumentSchema = z
  .object({
    title: line(300),
    url: z.url({ protocol: /^https?$/ }).max(2000),
  })
  .strict();

export const GovernanceEventSchema = z
  .object({
    kind: z.enum(GOVERNANCE_EVENT_KINDS),
    date: isoDate,
    title: line(300),
    /** The body that held or issued it (Integrationsrådet, Byrådet, Arbejdsmarkedsudvalget …). */
    body: line(200).optional(),
    description: text(5000).optional(),
    documents: z.array(GovernanceDocumentSchema).max(20).default([]),
    published: z.boolean().default(false),
    /** The governance rule of the municipality's policy it carries out; without one it counts for every rule its kind carries out. */
    ruleId: line(200).optional(),
    /** For a hearing: the registered case it concerns. */
    caseId: Id.optional(),
  })
  .strict();
export type GovernanceEventInput = z.infer<typeof GovernanceEventSchema>;

export const GovernanceCaseSchema = z
  .object({
    title: line(300),
    /** The political body that decides it (Byrådet, an udvalg). */
    body: line(200).optional(),
    decisionDate: isoDate,
    description: text(5000).optional(),
  })
  .strict();
export type GovernanceCaseInput = z.infer<typeof GovernanceCaseSchema>;
