// Outcome records per person over time (issue 11, item 1): labour-market status periods,
// educations completed, Danish educations and Danish tests, entered by caseworkers. Each
// operation reads top to bottom: authorize → one tenant transaction → load the person and
// authorize on them → check (the domain's checks, src/domain/outcome-checks.ts) → write → one
// access-log row for the person → the view (presenters/outcomes.ts).
//
// Who: the case workers write (`case.write`). Reading needs `person.read` and a role that sees the
// case (PERSON_FIELDS 'case': the case workers, and a citizen their own); a role that sees only
// identity or children's records (housing, institution, volunteer coordinator) is refused 403
// before anything is loaded, so the answer says nothing of the person.
//
// For the indicators, loadOutcomesOfMunicipality reads every record of the municipality at once.
import { PERSON_FIELDS } from '../domain/authorization.js';
import {
  danishEducationFieldProblems,
  labourMarketPeriodFieldProblems,
  overlappingPeriod,
  type OutcomeProblem,
} from '../domain/outcome-checks.js';
import type { DanishEducation, DanishTest, EducationCompleted, LabourMarketPeriod } from '../domain/outcomes.js';
import type { IndicatorInput } from '../domain/indicators.js';
import { inTenant, type Tx } from '../db/tenant.js';
import {
  endLabourMarketPeriod,
  insertDanishEducation,
  insertDanishTest,
  insertEducationCompleted,
  insertLabourMarketPeriod,
  labourMarketPeriod,
  labourMarketPeriodsOf,
  municipalityOutcomes,
  personOutcomes,
  type DanishEducationRow,
  type LabourMarketPeriodRow,
  type OutcomeRows,
} from '../repositories/outcomes.js';
import { findPerson } from '../repositories/persons.js';
import { authorize, type Ctx } from './context.js';
import { Disclosure, logDisclosure } from './disclosure.js';
import {
  ForbiddenError,
  NotFoundError,
  PreconditionFailedError,
  UnprocessableError,
  type FieldProblem,
} from './errors.js';
import { checkIfMatch, etagOf } from './etag.js';
import type {
  DanishEducationInput,
  DanishTestInput,
  EducationCompletedInput,
  EndLabourMarketPeriodInput,
  LabourMarketPeriodInput,
} from './outcome-inputs.js';
import { loadAuthorizedPerson } from './persons.js';
import {
  presentDanishEducation,
  presentDanishTest,
  presentEducationCompleted,
  presentLabourMarketPeriod,
  presentOutcomes,
} from './presenters/outcomes.js';

/** The access-log resource of every outcome operation. */
const RESOURCE = 'outcomes';

type Person = NonNullable<Awaited<ReturnType<typeof findPerson>>>;

/**
 * Authorizes the write, opens the tenant transaction, loads and locks the person (so that two
 * writes to one person's records, and their overlap checks, run one after the other), runs
 * `work` (which answers through a presenter, registering the person on `shown`) and logs it.
 */
async function writeOutcome<T>(
  ctx: Ctx,
  municipalityCode: string,
  personId: string,
  action: 'create' | 'change',
  work: (tx: Tx, person: Person, shown: Disclosure) => Promise<T>,
): Promise<T> {
  authorize(ctx, municipalityCode, 'case.write', personId);
  return inTenant(ctx.db, municipalityCode, async (tx) => {
    await loadAuthorizedPerson(tx, ctx, personId, 'case.write');
    const person = await findPerson(tx, personId, { lock: true });
    if (!person) throw new NotFoundError('person.not_found', 'The person');
    const shown = new Disclosure();
    const result = await work(tx, person, shown);
    await logDisclosure(tx, ctx, shown, { action, resource: RESOURCE });
    return result;
  });
}

/** Refuses the record with its field problems (422), when there are any. */
function refuse(problems: readonly FieldProblem[], detail: string): void {
  const [first] = problems;
  if (first) throw new UnprocessableError(first.code, detail, [...problems]);
}

/** The domain's checks of one record as field problems. */
function fieldProblems(problems: readonly OutcomeProblem[]): FieldProblem[] {
  return problems.map((p) => ({ pointer: p.pointer, code: p.code, detail: p.detail }));
}

/** The dates of a record against the person's birth and today: none before the birth, none of `past` in the future. */
function dateProblems(
  ctx: Ctx,
  person: Person,
  dates: Record<string, string | null | undefined>,
  past: readonly string[],
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const [field, date] of Object.entries(dates)) {
    if (!date) continue;
    if (date < person.birth_date)
      problems.push({ pointer: `/${field}`, code: 'date.before_birth', detail: 'Before the birth date.' });
    else if (past.includes(field) && date > ctx.today)
      problems.push({ pointer: `/${field}`, code: 'date.in_future', detail: 'In the future.' });
  }
  return problems;
}

/** A stored status period as the domain's plain record. */
function periodRecord(row: LabourMarketPeriodRow): LabourMarketPeriod {
  return {
    personId: row.person_id,
    kind: row.kind,
    from: row.from_date,
    to: row.to_date,
    hoursPerWeek: row.hours_per_week ?? undefined,
    benefit: row.benefit ?? undefined,
    educationKind: row.education_kind ?? undefined,
  };
}

function danishEducationRecord(row: DanishEducationRow): DanishEducation {
  return {
    personId: row.person_id,
    referredOn: row.referred_on,
    startedOn: row.started_on,
    track: row.track,
    module: row.module as DanishEducation['module'],
    endedOn: row.ended_on,
  };
}

/** A same-kind period the person already has on one of these days, as a field problem (none when there is none). */
async function overlapProblems(
  tx: Tx,
  period: LabourMarketPeriod,
  exceptId: string | null,
  pointer: string,
): Promise<FieldProblem[]> {
  const others = (await labourMarketPeriodsOf(tx, period.personId)).filter((r) => r.id !== exceptId);
  const other = overlappingPeriod(
    period,
    others.map((r) => ({ ...periodRecord(r), id: r.id })),
  );
  if (!other) return [];
  const until = other.to ?? 'now';
  return [
    {
      pointer,
      code: 'labour_market_period.overlaps',
      detail: `Overlaps the ${other.kind} period ${other.from} – ${until} (${other.id}).`,
    },
  ];
}

// ---- Reading ---------------------------------------------------------------------------------

/** A person's outcome records, each kind in date order; one access-log row for the person. */
export async function getOutcomes(ctx: Ctx, municipalityCode: string, personId: string) {
  authorize(ctx, municipalityCode, 'person.read', personId);
  if (PERSON_FIELDS[ctx.actor.role] !== 'case') {
    throw new ForbiddenError(`The role "${ctx.actor.role}" does not see the case, and outcome records are part of it.`);
  }
  return inTenant(ctx.db, municipalityCode, async (tx) => {
    await loadAuthorizedPerson(tx, ctx, personId, 'person.read');
    const shown = new Disclosure();
    const view = presentOutcomes(await personOutcomes(tx, personId), personId, shown);
    await logDisclosure(tx, ctx, shown, { action: 'read', resource: RESOURCE });
    return view;
  });
}

export interface MunicipalityOutcomes extends Pick<
  IndicatorInput,
  'labourMarket' | 'educationCompleted' | 'danishEducation' | 'danishTests'
> {
  labourMarket: LabourMarketPeriod[];
  educationCompleted: EducationCompleted[];
  danishEducation: DanishEducation[];
  danishTests: DanishTest[];
}

/**
 * Every outcome record of the transaction's municipality, as the domain's plain records (the
 * fields of IndicatorInput), one query per table: for the indicators, inside the caller's tenant
 * transaction. It writes no access-log row, because its result is for aggregates only: the caller
 * must never show a person, or anything of one person, from it (it computes figures under
 * disclosure control and shows those); a view of a person's records goes through getOutcomes.
 */
export async function loadOutcomesOfMunicipality(tx: Tx): Promise<MunicipalityOutcomes> {
  return outcomeRecords(await municipalityOutcomes(tx));
}

/** Outcome rows as the domain's plain records (the fields of IndicatorInput). */
export function outcomeRecords(rows: OutcomeRows): MunicipalityOutcomes {
  return {
    labourMarket: rows.labourMarketPeriods.map(periodRecord),
    educationCompleted: rows.educationsCompleted.map((r) => ({
      personId: r.person_id,
      kind: r.kind,
      completedOn: r.completed_on,
      inDenmark: r.in_denmark,
    })),
    danishEducation: rows.danishEducations.map(danishEducationRecord),
    danishTests: rows.danishTests.map((r) => ({
      personId: r.person_id,
      test: r.test,
      takenOn: r.taken_on,
      passed: r.passed,
    })),
  };
}

// ---- Writing ---------------------------------------------------------------------------------

/**
 * Records a labour-market status period. Refused (422, with the field) when it is inconsistent
 * (a benefit on a job, hours on a benefit …), starts before the birth or in the future, or
 * overlaps a period of the same kind the person already has. Answers the period and its ETag
 * (for ending it later).
 */
export async function addLabourMarketPeriod(
  ctx: Ctx,
  municipalityCode: string,
  personId: string,
  input: LabourMarketPeriodInput,
) {
  return writeOutcome(ctx, municipalityCode, personId, 'create', async (tx, person, shown) => {
    const period: LabourMarketPeriod = {
      personId,
      kind: input.kind,
      from: input.from,
      to: input.to ?? null,
      hoursPerWeek: input.hoursPerWeek ?? undefined,
      benefit: input.benefit ?? undefined,
      educationKind: input.educationKind ?? undefined,
    };
    refuse(
      [
        ...dateProblems(ctx, person, { from: period.from, to: period.to }, ['from']),
        ...fieldProblems(labourMarketPeriodFieldProblems(period)),
      ],
      'The labour-market period cannot be recorded as given.',
    );
    refuse(await overlapProblems(tx, period, null, '/from'), 'The period overlaps another period of the same kind.');
    const row = await insertLabourMarketPeriod(tx, {
      municipality_code: municipalityCode,
      person_id: personId,
      created_by: ctx.actor.userId,
      kind: period.kind,
      from_date: period.from,
      to_date: period.to,
      hours_per_week: period.hoursPerWeek ?? null,
      benefit: period.benefit ?? null,
      education_kind: period.educationKind ?? null,
    });
    return { etag: etagOf(row.version), period: presentLabourMarketPeriod(row, shown) };
  });
}

/**
 * Ends a status period: sets its last day (or corrects it). If-Match with the period's ETag is
 * required (428 without, 412 when it has changed). The end may not lie before the start, nor
 * make the period overlap another of its kind.
 */
export async function endPeriod(
  ctx: Ctx,
  municipalityCode: string,
  personId: string,
  periodId: string,
  ifMatch: string | undefined,
  input: EndLabourMarketPeriodInput,
) {
  return writeOutcome(ctx, municipalityCode, personId, 'change', async (tx, person, shown) => {
    const current = await labourMarketPeriod(tx, personId, periodId, { lock: true });
    if (!current) throw new NotFoundError('labour_market_period.not_found', 'The labour-market period');
    checkIfMatch(ifMatch, current.version);
    const period = { ...periodRecord(current), to: input.to };
    refuse(
      [...dateProblems(ctx, person, { to: period.to }, []), ...fieldProblems(labourMarketPeriodFieldProblems(period))],
      'The period cannot end on this day.',
    );
    refuse(
      await overlapProblems(tx, period, periodId, '/to'),
      'The period would overlap another period of the same kind.',
    );
    const row = await endLabourMarketPeriod(tx, periodId, current.version, {
      to_date: input.to,
      updated_by: ctx.actor.userId,
    });
    // The row is locked, so its version cannot have moved since it was read.
    if (!row) throw new PreconditionFailedError(etagOf(current.version));
    return { etag: etagOf(row.version), period: presentLabourMarketPeriod(row, shown) };
  });
}

/** Records an education completed (not before the birth, not in the future). */
export async function addEducationCompleted(
  ctx: Ctx,
  municipalityCode: string,
  personId: string,
  input: EducationCompletedInput,
) {
  return writeOutcome(ctx, municipalityCode, personId, 'create', async (tx, person, shown) => {
    refuse(
      dateProblems(ctx, person, { completedOn: input.completedOn }, ['completedOn']),
      'The education cannot be recorded as given.',
    );
    const row = await insertEducationCompleted(tx, {
      municipality_code: municipalityCode,
      person_id: personId,
      created_by: ctx.actor.userId,
      kind: input.kind,
      completed_on: input.completedOn,
      in_denmark: input.inDenmark,
    });
    return presentEducationCompleted(row, shown);
  });
}

/**
 * Records a referral to Danish education and its course so far: start, module, end. Refused
 * (422) when the start is before the referral, a module is given before the start or does not
 * exist on the track, the end is before the start, or a date is before the birth or in the future.
 */
export async function addDanishEducation(
  ctx: Ctx,
  municipalityCode: string,
  personId: string,
  input: DanishEducationInput,
) {
  return writeOutcome(ctx, municipalityCode, personId, 'create', async (tx, person, shown) => {
    const record: DanishEducation = {
      personId,
      referredOn: input.referredOn,
      startedOn: input.startedOn ?? null,
      track: input.track,
      module: input.module ?? null,
      endedOn: input.endedOn ?? null,
    };
    const dates = { referredOn: record.referredOn, startedOn: record.startedOn, endedOn: record.endedOn };
    const startPossible = input.startPossibleOn ?? null;
    refuse(
      [
        ...dateProblems(ctx, person, dates, ['referredOn', 'startedOn', 'endedOn']),
        ...(startPossible !== null && startPossible < record.referredOn
          ? [
              {
                pointer: '/startPossibleOn',
                code: 'danish_education.started_before_referral' as const,
                detail: `The first possible start (${startPossible}) is before the referral (${record.referredOn}).`,
              },
            ]
          : []),
        ...fieldProblems(danishEducationFieldProblems(record)),
      ],
      'The Danish education cannot be recorded as given.',
    );
    const row = await insertDanishEducation(tx, {
      municipality_code: municipalityCode,
      person_id: personId,
      created_by: ctx.actor.userId,
      track: record.track,
      referred_on: record.referredOn,
      start_possible_on: input.startPossibleOn ?? null,
      started_on: record.startedOn,
      module: record.module,
      ended_on: record.endedOn ?? null,
    });
    return { etag: etagOf(row.version), danishEducation: presentDanishEducation(row, shown) };
  });
}

/** Records a Danish test taken, passed or not (not before the birth, not in the future). */
export async function addDanishTest(ctx: Ctx, municipalityCode: string, personId: string, input: DanishTestInput) {
  return writeOutcome(ctx, municipalityCode, personId, 'create', async (tx, person, shown) => {
    refuse(
      dateProblems(ctx, person, { takenOn: input.takenOn }, ['takenOn']),
      'The Danish test cannot be recorded as given.',
    );
    const row = await insertDanishTest(tx, {
      municipality_code: municipalityCode,
      person_id: personId,
      created_by: ctx.actor.userId,
      test: input.test,
      taken_on: input.takenOn,
      passed: input.passed,
    });
    return presentDanishTest(row, shown);
  });
}
