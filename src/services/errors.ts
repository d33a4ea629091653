// Errors the services raise; the HTTP layer maps each to an RFC 9457 problem. Every error and
// every field problem carries a code from the closed union ErrorCode: clients and the web pages
// map the code (the Danish texts are in src/web/error-messages.ts, one for every code), never the
// English message, which is written for developers and may be reworded at any time.
import type { AttachmentProblemCode } from '../domain/attachments.js';
import type { CprProblemCode } from '../domain/cpr.js';
import type { HouseholdProblemCode } from '../domain/model.js';
import type { OutcomeProblemCode } from '../domain/outcome-checks.js';
import type { TakeoverProblemCode } from '../domain/takeover.js';

/**
 * Every error code the API and the pages can give, stable names clients may rely on. A new code
 * needs a Danish text in src/web/error-messages.ts, or the web does not compile.
 */
export const ERROR_CODES = [
  // not found (404)
  'person.not_found',
  'municipality.not_found',
  'placement_plan.not_found',
  'token.not_found',
  'indicator.not_found',
  'route.not_found',
  'registry.not_found',
  // who may do what (401, 403, 400)
  'auth.unauthenticated',
  'role.forbidden',
  'csrf.expired',
  'purpose.invalid',
  // concurrent changes (409, 412, 428)
  'precondition.failed',
  'precondition.required',
  'request.concurrent_change',
  // the request itself (400, 408, 413, 431 …) and our side (500)
  'request.invalid',
  'request.malformed',
  'request.unstorable_character',
  'request.headers_too_large',
  'request.timeout',
  'internal',
  // dates of case records
  'date.in_future',
  'date.before_birth',
  'date.end_before_start',
  // persons and households (the household and CPR checks of src/domain)
  'household.invalid',
  'household.head_count',
  'household.spouse_count',
  'arrival_date.in_future',
  'birth_date.in_future',
  'birth_date.too_old',
  'birth_date.cpr_on_file_mismatch',
  'cpr.format',
  'cpr.invalid_date',
  'cpr.birth_date_mismatch',
  'cpr.duplicate_in_household',
  'cpr.already_registered',
  // the registries (towns, housing units, institutions, companies, positions, volunteers, associations)
  'registry.in_use',
  'registry.unknown_reference',
  'registry.coordinates_together',
  'registry.age_range',
  'registry.composition',
  'registry_import.invalid',
  'registry_import.malformed',
  'registry_import.empty',
  'registry_import.too_many',
  'registry_import.column_unknown',
  'registry_import.column_duplicate',
  'registry_import.column_missing',
  'registry_import.invalid_cell',
  'registry_import.version_missing',
  'registry_import.unknown_id',
  'registry_import.version_changed',
  // search
  'search.too_short',
  'search.several_cpr',
  'search.digits',
  'search.cpr_not_for_role',
  // case records
  'contact_person.not_staff',
  'contact_person.before_current',
  'conversation.repatriation_note_without_guidance',
  'health_assessment.needed_missing',
  'health_assessment.needed_on_offer',
  'health_assessment.accepted_without_offer',
  'repatriation_notice.organisation',
  'reception_step.before_arrival',
  'activity.igu_hours_below_average',
  'activity.igu_longer_than_allowed',
  'institution.unknown',
  'institution.wrong_kind',
  // records that change and cases that close
  'case_record.not_found',
  'closure.not_found',
  'closure.already_closed',
  'closure.before_takeover',
  'closure.moved_to_without_move',
  'closure.moved_to_own_municipality',
  'closure.moved_to_unknown',
  // placement runs and decisions
  'placement.mechanism_not_for_kind',
  'placement.locks_with_deferred_acceptance',
  'placement.infeasible',
  'placement.unknown_criterion',
  'placement.invalid_what_if',
  'placement.unknown_agent',
  'placement.unknown_option',
  'placement.decision_missing',
  'placement.decision_both',
  'placement.decision_conflict',
  // why one proposal cannot be decided: `placement.conflict.<the placement repository's ConflictReason>`
  'placement.conflict.not_in_plan',
  'placement.conflict.not_pending',
  'placement.conflict.duplicate_agent',
  'placement.conflict.option_missing',
  'placement.conflict.unit_not_available',
  'placement.conflict.household_housed',
  'placement.conflict.institution_full',
  'placement.conflict.already_enrolled',
  'placement.conflict.position_full',
  'placement.conflict.already_placed',
  'placement.conflict.mentor_full',
  'placement.conflict.already_mentored',
  // tokens and sign-in
  'token.person_required',
  'token.person_not_allowed',
  'token.client_name_required',
  'token.person_unknown',
  'municipality.unknown',
  'sign_in.citizen',
  'sign_in.no_subject',
  // the governance cycle
  'governance_case.not_found',
  'governance.unknown_rule',
  'governance.kind_not_for_rule',
  // indicators and their comparison
  'indicator.not_comparable',
  'comparison.municipality_unknown',
  'comparison.too_many_municipalities',
  // outcome records
  'labour_market_period.not_found',
  'labour_market_period.overlaps',
  'labour_market_period.hours_not_paid_work',
  'labour_market_period.benefit_missing',
  'labour_market_period.benefit_not_on_benefit',
  'labour_market_period.education_kind_not_education',
  'danish_education.started_before_referral',
  'danish_education.module_before_start',
  'danish_education.no_such_module',
  // appointments, the calendar and attachments
  'appointment.not_found',
  'appointment.in_past',
  'appointment.not_planned',
  'appointment.not_yet_started',
  'appointment.caseworker_not_staff',
  'appointment.unknown_rule',
  'calendar.range',
  'attachment.not_found',
  'attachment.deleted',
  'attachment.too_large',
  'attachment.empty',
  'attachment.type_not_allowed',
  'attachment.content_mismatch',
  'attachment.file_name',
  // a CSV import of outcome records (the file, its header and its lines)
  'outcome_import.invalid',
  'outcome_import.malformed',
  'outcome_import.empty',
  'outcome_import.too_many_lines',
  'outcome_import.column_missing',
  'outcome_import.column_unknown',
  'outcome_import.column_duplicate',
  'outcome_import.column_count',
  'outcome_import.person_reference',
  'outcome_import.person_id_invalid',
  'outcome_import.cpr_not_found',
  'outcome_import.record_unknown',
  'outcome_import.column_not_for_record',
  'outcome_import.value_missing',
  'outcome_import.invalid_date',
  'outcome_import.invalid_choice',
  'outcome_import.invalid_hours',
  'outcome_import.invalid_boolean',
  // the takeover date (integrationsloven § 4, stk. 2) and a household that grows
  'takeover.date_missing',
  'takeover.consent_missing',
  'takeover.after_statutory',
  'takeover.before_decision',
  'household.not_found',
  // an import of arrivals (Udlændingestyrelsen's housing-placement notice): the file, its households and members
  'arrival_import.invalid',
  'arrival_import.malformed',
  'arrival_import.empty',
  'arrival_import.too_many',
  'arrival_import.column_missing',
  'arrival_import.column_unknown',
  'arrival_import.column_duplicate',
  'arrival_import.column_count',
  'arrival_import.value_missing',
  'arrival_import.invalid_value',
  'arrival_import.invalid_date',
  'arrival_import.invalid_choice',
  'arrival_import.invalid_boolean',
  'arrival_import.reference_invalid',
  'arrival_import.reference_repeated',
  'arrival_import.household_differs',
  'arrival_import.cpr_repeated',
  'arrival_import.content_type',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

// The codes the domain gives (household and CPR checks) are error codes: a new one there must be added above.
type Covered<T extends ErrorCode> = T;
export type DomainProblemCode = Covered<
  CprProblemCode | HouseholdProblemCode | OutcomeProblemCode | TakeoverProblemCode | AttachmentProblemCode
>;

/** A problem with one field: where (JSON pointer), what (code) and, for developers, why (English). */
export interface FieldProblem {
  pointer: string;
  code: ErrorCode;
  detail: string;
}

export abstract class ServiceError extends Error {
  abstract readonly status: number;
  abstract readonly kind: string;
  abstract readonly code: ErrorCode;
}

export class NotFoundError extends ServiceError {
  readonly status = 404;
  readonly kind = 'not-found';
  constructor(
    readonly code: ErrorCode & `${string}.not_found`,
    what: string,
  ) {
    super(`${what} was not found.`);
  }
}

export class ForbiddenError extends ServiceError {
  readonly status = 403;
  readonly kind = 'forbidden';
  readonly code = 'role.forbidden';
  constructor(detail = 'Your role does not allow this.') {
    super(detail);
  }
}

export class UnprocessableError extends ServiceError {
  readonly status = 422;
  readonly kind = 'unprocessable';
  constructor(
    readonly code: ErrorCode,
    detail: string,
    readonly problems: FieldProblem[] = [],
  ) {
    super(detail);
  }
}

export class ConflictError extends ServiceError {
  readonly status = 409;
  readonly kind = 'conflict';
  constructor(
    readonly code: ErrorCode,
    detail: string,
  ) {
    super(detail);
  }
}

/** The resource changed since the client read it (If-Match did not match). */
export class PreconditionFailedError extends ServiceError {
  readonly status = 412;
  readonly kind = 'precondition-failed';
  readonly code = 'precondition.failed';
  constructor(readonly currentEtag: string) {
    super('The resource has changed since you read it. Read it again and repeat your change.');
  }
}

/** An update without If-Match: refused so that no change silently overwrites another. */
export class PreconditionRequiredError extends ServiceError {
  readonly status = 428;
  readonly kind = 'precondition-required';
  readonly code = 'precondition.required';
  constructor() {
    super(
      'This change needs an If-Match header with the ETag from your last read, so that it cannot overwrite a change you have not seen.',
    );
  }
}
