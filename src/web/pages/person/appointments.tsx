// Aftaler (issue 13): the person page's appointments section (upcoming and past with their
// status, the proposals from the cadence rules with a "Book" button each, the booking form, a
// link to the summons letter), and the page of one appointment (move, cancel, held → the
// conversation, no-show), with their POST routes. Every form works without JavaScript: POST,
// then 303 back; a rejected form is shown again with the error summary and the inline errors.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { ComponentChildren } from 'preact';
import { danishInstant, danishTimestamp, inDenmark, serviceNow } from '../../../domain/appointments.js';
import { can } from '../../../domain/authorization.js';
import { longDateDa, weekdayDa } from '../../../domain/dates.js';
import {
  APPOINTMENT_PURPOSE_DA,
  APPOINTMENT_STATUS_DA,
  LANGUAGE_DA,
  languageDa,
  OFFERED_LANGUAGES,
  optionsDa,
  PLACE_KIND_DA,
  termDa,
} from '../../../domain/glossary.js';
import { APPOINTMENT_PURPOSES, PLACE_KINDS } from '../../../domain/model.js';
import { officePlace } from '../../../domain/municipalities.js';
import {
  BookAppointmentSchema,
  CancelAppointmentSchema,
  ChangeAppointmentSchema,
  HeldSchema,
  NoShowSchema,
} from '../../../services/appointment-inputs.js';
import * as appointments from '../../../services/appointments.js';
import type { Ctx } from '../../../services/context.js';
import {
  ConflictError,
  NotFoundError,
  PreconditionFailedError,
  PreconditionRequiredError,
  UnprocessableError,
} from '../../../services/errors.js';
import type { AppointmentView, ProposalView } from '../../../services/presenters/appointment.js';
import { Csrf, ErrorSummary, page, type FieldError } from '../../components.js';
import {
  errorFor,
  formError,
  formErrors,
  FormField,
  readValues,
  serviceErrors,
  toApi,
  zodErrors,
  type FieldDef,
  type FieldPresentation,
  type FormError,
  type FormValues,
} from '../../forms.js';
import type { WebTools } from '../../tools.js';
import type { FormState } from './forms.js';
import { SectionErrors, type PageData } from './parts.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TIME = /^(\d{1,2})[.:](\d{2})$/;

const PURPOSE_OPTIONS = optionsDa(APPOINTMENT_PURPOSES, APPOINTMENT_PURPOSE_DA);
const PLACE_KIND_OPTIONS = optionsDa(PLACE_KINDS, PLACE_KIND_DA);
const INTERPRETER_OPTIONS = optionsDa(
  OFFERED_LANGUAGES.filter((l) => l !== 'da'),
  LANGUAGE_DA,
);
const DURATION_OPTIONS = [15, 30, 45, 60, 90, 120].map((m) => [String(m), `${String(m)} minutter`] as const);

/** "en anden aftale", "2 andre aftaler". */
const othersDa = (n: number) => (n === 1 ? 'en anden aftale' : `${String(n)} andre aftaler`);

/** "mandag 12. januar 2026 kl. 10.00" for a timestamp with its offset. */
export function whenDa(iso: string): string {
  const local = inDenmark(new Date(iso));
  return `${weekdayDa(local.date)} ${longDateDa(local.date)} kl. ${local.time.replace(':', '.')}`;
}

// ---- Forms -------------------------------------------------------------------------------------

const TIME_MESSAGE = 'Skriv klokkeslættet som tt.mm, fx 10.00';

const BOOK_FIELDS: FieldDef[] = [
  { id: 'aftale-dato', pointer: '/date', label: 'Dato', kind: 'date', required: true },
  { id: 'aftale-tid', pointer: '/time', label: 'Klokkeslæt', kind: 'line', required: true, invalid: TIME_MESSAGE },
  {
    id: 'aftale-varighed',
    pointer: '/durationMinutes',
    label: 'Varighed',
    kind: 'select',
    required: true,
    invalid: 'Vælg varighed',
  },
  { id: 'aftale-formaal', pointer: '/purpose', label: 'Formål', kind: 'select', required: true },
  { id: 'aftale-stedtype', pointer: '/placeKind', label: 'Mødeform', kind: 'select', required: true },
  {
    id: 'aftale-sted',
    pointer: '/place',
    label: 'Sted, telefonnummer eller link',
    kind: 'line',
    required: true,
    invalid: 'Udfyld sted, telefonnummer eller link',
  },
  { id: 'aftale-tolk', pointer: '/interpreterLanguage', label: 'Tolkesprog', kind: 'select' },
  { id: 'aftale-note', pointer: '/note', label: 'Note', kind: 'text' },
];
/** A proposal's "Book": the proposal's time, purpose and rule as hidden fields. */
const PROPOSAL_FIELDS: FieldDef[] = [
  { id: 'forslag-tidspunkt', pointer: '/startsAt', label: 'Tidspunkt', kind: 'line', required: true },
  { id: 'forslag-varighed', pointer: '/durationMinutes', label: 'Varighed', kind: 'line', required: true },
  { id: 'forslag-formaal', pointer: '/purpose', label: 'Formål', kind: 'line', required: true },
  { id: 'forslag-regel', pointer: '/ruleId', label: 'Regel', kind: 'line', required: true },
  { id: 'forslag-sted', pointer: '/place', label: 'Sted', kind: 'line', required: true },
  { id: 'forslag-tolk', pointer: '/interpreterLanguage', label: 'Tolkesprog', kind: 'select' },
];
const MOVE_FIELDS: FieldDef[] = [
  { id: 'flyt-dato', pointer: '/date', label: 'Ny dato', kind: 'date', required: true },
  { id: 'flyt-tid', pointer: '/time', label: 'Nyt klokkeslæt', kind: 'line', required: true, invalid: TIME_MESSAGE },
  { id: 'flyt-varighed', pointer: '/durationMinutes', label: 'Varighed', kind: 'select', required: true },
  { id: 'flyt-stedtype', pointer: '/placeKind', label: 'Mødeform', kind: 'select', required: true },
  {
    id: 'flyt-sted',
    pointer: '/place',
    label: 'Sted, telefonnummer eller link',
    kind: 'line',
    required: true,
    invalid: 'Udfyld sted, telefonnummer eller link',
  },
  { id: 'flyt-tolk', pointer: '/interpreterLanguage', label: 'Tolkesprog', kind: 'select' },
];
const CANCEL_FIELDS: FieldDef[] = [
  {
    id: 'aflys-begrundelse',
    pointer: '/reason',
    label: 'Begrundelse for aflysningen',
    kind: 'text',
    required: true,
    invalid: 'Udfyld begrundelsen for aflysningen',
  },
];
const HELD_FIELDS: FieldDef[] = [
  {
    id: 'afholdt-repatriering',
    pointer: '/repatriationGuidance',
    label: 'Der er givet vejledning om repatriering',
    kind: 'checkbox',
  },
  { id: 'afholdt-repatriering-note', pointer: '/repatriationNote', label: 'Note om repatriering', kind: 'text' },
  { id: 'afholdt-tolk', pointer: '/interpreterLanguage', label: 'Tolk brugt (sprog)', kind: 'select' },
  { id: 'afholdt-note', pointer: '/note', label: 'Note fra samtalen', kind: 'text' },
];
const NO_SHOW_FIELDS: FieldDef[] = [
  {
    id: 'udeblevet-begrundelse',
    pointer: '/reason',
    label: 'Begrundelse',
    kind: 'text',
    required: true,
    invalid: 'Udfyld begrundelsen',
  },
];

/** The date and time fields as the API's startsAt (Danish time), or the errors at those fields. */
function withStartsAt(
  fields: readonly FieldDef[],
  api: Record<string, unknown>,
): { api: Record<string, unknown>; errors: FormError[] } {
  const { date, time, ...rest } = api;
  const [dateField, timeField] = [fields.find((f) => f.pointer === '/date'), fields.find((f) => f.pointer === '/time')];
  const errors: FormError[] = [];
  const d = typeof date === 'string' ? date : '';
  const m = TIME.exec(typeof time === 'string' ? time : '');
  const validDate = /^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(Date.parse(`${d}T00:00:00Z`));
  if (!validDate && dateField)
    errors.push({ field: dateField.id, message: d ? 'Skriv en gyldig dato (dd.mm.åååå)' : 'Udfyld dato' });
  const hh = Number(m?.[1] ?? -1);
  const mm = Number(m?.[2] ?? -1);
  if ((!m || hh > 23 || mm > 59) && timeField) errors.push({ field: timeField.id, message: TIME_MESSAGE });
  if (errors.length > 0) return { api: rest, errors };
  const hhmm = `${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}`;
  return { api: { ...rest, startsAt: danishTimestamp(danishInstant(d, hhmm)) }, errors };
}

const asNumber = (api: Record<string, unknown>, key: string) =>
  typeof api[key] === 'string' && /^\d{1,3}$/.test(api[key]) ? { ...api, [key]: Number(api[key]) } : api;

interface Submission<T> {
  values: FormValues;
  errors: FormError[];
  input: T | null;
}

/** The form's strings → the API's shape (adapted) → the schema: the input, or the errors at the fields. */
function parse<S extends z.ZodType>(
  fields: readonly FieldDef[],
  body: unknown,
  schema: S,
  adapt: (api: Record<string, unknown>) => { api: Record<string, unknown>; errors: FormError[] },
): Submission<z.output<S>> {
  const values = readValues(body, fields);
  const adapted = adapt(toApi(fields, values));
  const parsed = schema.safeParse(adapted.api);
  const errors = [...adapted.errors, ...(parsed.success ? [] : zodErrors(fields, values, parsed.error.issues))];
  return { values, errors, input: errors.length === 0 && parsed.success ? parsed.data : null };
}

/** A service refusal at the form's fields (422, 409, 412, 428); anything else is thrown on. */
function refusal(fields: readonly FieldDef[], err: unknown): { status: number; errors: FormError[] } {
  if (err instanceof UnprocessableError) return { status: 422, errors: serviceErrors(fields, err) };
  if (
    err instanceof ConflictError ||
    err instanceof PreconditionFailedError ||
    err instanceof PreconditionRequiredError
  )
    return { status: err.status, errors: [formError(fields, err.code)] };
  throw err;
}

/** A form's field by position (a mistake is an error at render time, never a missing field). */
function at(fields: readonly FieldDef[], i: number): FieldDef {
  const f = fields[i];
  if (!f) throw new RangeError(`no field ${String(i)}`);
  return f;
}

// ---- The person page's section ----------------------------------------------------------------

function Field({
  field,
  state,
  form,
  saved,
  ...shown
}: FieldPresentation & {
  field: FieldDef;
  state: { form: string; values: FormValues; errors: FieldError[] } | null;
  form: string;
  saved?: string | undefined;
}) {
  const mine = state?.form === form;
  return (
    <FormField
      field={field}
      value={mine ? (state.values[field.id] ?? '') : (saved ?? '')}
      error={mine ? errorFor(state.errors, field.id) : undefined}
      {...shown}
    />
  );
}

function StatusText({ a }: { a: AppointmentView }) {
  return (
    <>
      {termDa(APPOINTMENT_STATUS_DA, a.status)}
      {a.statusReason ? <div class="form-hint">{a.statusReason}</div> : null}
    </>
  );
}

function AppointmentsTable({
  personId,
  list,
  caption,
}: {
  personId: string;
  list: AppointmentView[];
  caption: string;
}) {
  return (
    <div class="mb-table-wrap">
      <table class="table table--zebra mb-responsive">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Tidspunkt</th>
            <th scope="col">Formål</th>
            <th scope="col">Sted</th>
            <th scope="col">Sagsbehandler</th>
            <th scope="col">Tolk</th>
            <th scope="col">Status</th>
            <th scope="col">Handlinger</th>
          </tr>
        </thead>
        <tbody>
          {list.map((a) => (
            <tr>
              <td data-label="Tidspunkt">
                {whenDa(a.startsAt)} ({a.durationMinutes} min.)
                {a.conflicts.length > 0 && a.status === 'planned' ? (
                  <div>
                    <strong class="mb-conflict">Konflikt: overlapper {othersDa(a.conflicts.length)}</strong>
                  </div>
                ) : null}
              </td>
              <td data-label="Formål">{termDa(APPOINTMENT_PURPOSE_DA, a.purpose)}</td>
              <td data-label="Sted">
                {termDa(PLACE_KIND_DA, a.placeKind)}: {a.place}
              </td>
              <td data-label="Sagsbehandler">{a.caseworker.name}</td>
              <td data-label="Tolk">{a.interpreterLanguage ? languageDa(a.interpreterLanguage) : 'Ingen'}</td>
              <td data-label="Status">
                <StatusText a={a} />
              </td>
              <td data-label="Handlinger">
                <a href={`/borgere/${personId}/aftaler/${a.id}`}>
                  {a.status === 'planned' ? 'Flyt, aflys eller registrér' : 'Se aftalen'}
                  <span class="sr-only"> ({whenDa(a.startsAt)})</span>
                </a>
                {a.status === 'planned' && (
                  <div>
                    <a href={`/borgere/${personId}/aftaler/${a.id}/indkaldelse.pdf`}>
                      Indkaldelse (PDF)<span class="sr-only"> til {whenDa(a.startsAt)}</span>
                    </a>
                  </div>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ProposalsList({
  personId,
  proposals,
  csrf,
  place,
  interpreter,
}: {
  personId: string;
  proposals: ProposalView[];
  csrf: string;
  place: string;
  interpreter: string;
}) {
  if (proposals.length === 0)
    return <p>Der er ingen forslag: reglerne om opfølgning er dækket af de bookede aftaler.</p>;
  return (
    <div class="mb-table-wrap">
      <table class="table table--zebra mb-responsive">
        <caption>Forslag fra reglerne om opfølgning</caption>
        <thead>
          <tr>
            <th scope="col">Foreslået tidspunkt</th>
            <th scope="col">Formål</th>
            <th scope="col">Regel og kilde</th>
            <th scope="col">Book</th>
          </tr>
        </thead>
        <tbody>
          {proposals.map((p) => (
            <tr>
              <td data-label="Foreslået tidspunkt">
                {whenDa(p.startsAt)} ({p.durationMinutes} min.)
              </td>
              <td data-label="Formål">{termDa(APPOINTMENT_PURPOSE_DA, p.purpose)}</td>
              <td data-label="Regel og kilde">
                {p.ruleTitle}
                <div class="form-hint">
                  {p.source.replace(/\.$/, '')}. Tæller i perioden {longDateDa(p.countsFrom)} –{' '}
                  {longDateDa(p.countsBefore)}.
                </div>
              </td>
              <td data-label="Book">
                <form method="post" action={`/borgere/${personId}/aftaler/forslag#aftale-fejl`}>
                  <Csrf token={csrf} />
                  <input type="hidden" name="forslag-tidspunkt" value={p.startsAt} />
                  <input type="hidden" name="forslag-varighed" value={String(p.durationMinutes)} />
                  <input type="hidden" name="forslag-formaal" value={p.purpose} />
                  <input type="hidden" name="forslag-regel" value={p.ruleId} />
                  <input type="hidden" name="forslag-sted" value={place} />
                  {interpreter && <input type="hidden" name="forslag-tolk" value={interpreter} />}
                  <button type="submit" class="button button-secondary">
                    Book<span class="sr-only"> {whenDa(p.startsAt)}</span>
                  </button>
                </form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function AppointmentsSection({ person: p, appointments: data, state, csrf, canCase, today }: PageData) {
  if (!data) return null;
  const now = serviceNow(today).getTime();
  const upcoming = data.appointments.filter((a) => a.status === 'planned' && new Date(a.endsAt).getTime() > now);
  const past = data.appointments.filter((a) => !upcoming.includes(a)).reverse();
  const place = officePlace(p.municipalityCode);
  /** The interpreter a meeting is booked with by default: the person's first language other than Danish. */
  const interpreter = p.languages.find((l) => l !== 'da') ?? '';
  const bookState = state?.form === 'aftale' ? state : null;
  return (
    <>
      <h2 id="aftaler">Aftaler</h2>
      <SectionErrors state={state} form="aftale" />
      {upcoming.length > 0 ? (
        <AppointmentsTable personId={p.id} list={upcoming} caption="Kommende aftaler" />
      ) : (
        <p>Der er ingen kommende aftaler.</p>
      )}
      {past.length > 0 && <AppointmentsTable personId={p.id} list={past} caption="Tidligere og aflyste aftaler" />}
      {canCase && (
        <>
          <h3>Forslag til aftaler</h3>
          <ProposalsList
            personId={p.id}
            proposals={data.proposals}
            csrf={csrf}
            place={place}
            interpreter={interpreter}
          />
          <form
            method="post"
            action={`/borgere/${p.id}/aftaler#aftale-fejl`}
            noValidate
            aria-labelledby="aftale-titel"
            class="mb-form"
          >
            <h3 id="aftale-titel">Book aftale</h3>
            <Csrf token={csrf} />
            <Field state={bookState} form="aftale" field={at(BOOK_FIELDS, 0)} />
            <Field state={bookState} form="aftale" field={at(BOOK_FIELDS, 1)} hint="Fx 10.00" width="xs" />
            <Field state={bookState} form="aftale" field={at(BOOK_FIELDS, 2)} options={DURATION_OPTIONS} saved="45" />
            <Field
              state={bookState}
              form="aftale"
              field={at(BOOK_FIELDS, 3)}
              options={PURPOSE_OPTIONS}
              placeholder="Vælg formål"
            />
            <Field
              state={bookState}
              form="aftale"
              field={at(BOOK_FIELDS, 4)}
              options={PLACE_KIND_OPTIONS}
              saved="address"
            />
            <Field state={bookState} form="aftale" field={at(BOOK_FIELDS, 5)} saved={place} />
            <Field
              state={bookState}
              form="aftale"
              field={at(BOOK_FIELDS, 6)}
              options={INTERPRETER_OPTIONS}
              placeholder="Ingen tolk"
              saved={interpreter}
            />
            <Field state={bookState} form="aftale" field={at(BOOK_FIELDS, 7)} rows={3} />
            <div class="form-group">
              <button type="submit" class="button button-primary">
                Book aftale
              </button>
            </div>
          </form>
        </>
      )}
    </>
  );
}

// ---- One appointment's page -------------------------------------------------------------------

type PageState = { form: string; values: FormValues; errors: FieldError[]; summary: FieldError[] } | null;

function FormBox({
  action,
  id,
  title,
  csrf,
  version,
  submit,
  state,
  children,
}: {
  action: string;
  id: string;
  title: string;
  csrf: string;
  version: number;
  submit: string;
  state: PageState;
  children: ComponentChildren;
}) {
  return (
    <form method="post" action={`${action}#${id}-fejl`} noValidate aria-labelledby={`${id}-titel`} class="mb-form">
      <h2 id={`${id}-titel`}>{title}</h2>
      {state?.form === id && (
        <div id={`${id}-fejl`} tabIndex={-1} class="mb-error-anchor">
          <ErrorSummary errors={state.summary} />
        </div>
      )}
      <Csrf token={csrf} />
      <input type="hidden" name="version" value={String(version)} />
      {children}
      <div class="form-group">
        <button type="submit" class="button button-primary">
          {submit}
        </button>
      </div>
    </form>
  );
}

function AppointmentPage({
  data,
  csrf,
  state,
  canCase,
  today,
}: {
  data: Awaited<ReturnType<typeof appointments.getAppointment>>;
  csrf: string;
  state: PageState;
  canCase: boolean;
  today: string;
}) {
  const { person, appointment: a } = data;
  const base = `/borgere/${person.id}/aftaler/${a.id}`;
  const local = inDenmark(new Date(a.startsAt));
  const started = new Date(a.startsAt).getTime() <= serviceNow(today).getTime();
  return (
    <>
      <p>
        <a href={`/borgere/${person.id}#aftaler`}>
          Tilbage til {person.givenName} {person.familyName}
        </a>
      </p>
      <h1>
        {termDa(APPOINTMENT_PURPOSE_DA, a.purpose)} med {person.givenName} {person.familyName}
      </h1>
      <dl class="mb-facts">
        <dt>Tidspunkt</dt>
        <dd>
          {whenDa(a.startsAt)}, {a.durationMinutes} minutter
        </dd>
        <dt>Sted</dt>
        <dd>
          {termDa(PLACE_KIND_DA, a.placeKind)}: {a.place}
        </dd>
        <dt>Sagsbehandler</dt>
        <dd>{a.caseworker.name}</dd>
        <dt>Tolk</dt>
        <dd>{a.interpreterLanguage ? languageDa(a.interpreterLanguage) : 'Ingen'}</dd>
        <dt>Status</dt>
        <dd>
          <StatusText a={a} />
        </dd>
        {a.conflicts.length > 0 && (
          <>
            <dt>Konflikt</dt>
            <dd>
              <strong class="mb-conflict">
                Overlapper {othersDa(a.conflicts.length)} hos {a.caseworker.name}
              </strong>{' '}
              (<a href={`/kalender?dag=${local.date}`}>se kalenderen</a>)
            </dd>
          </>
        )}
      </dl>
      {a.status === 'planned' && (
        <p>
          <a href={`${base}/indkaldelse.pdf`}>Hent indkaldelsen (PDF)</a>
        </p>
      )}
      {canCase && a.status === 'planned' && (
        <>
          {!started && (
            <p class="form-hint">Aftalen kan registreres som afholdt eller udeblevet, når tidspunktet er nået.</p>
          )}
          <FormBox
            action={`${base}/afholdt`}
            id="afholdt"
            title="Registrér som afholdt"
            csrf={csrf}
            version={a.version}
            submit="Registrér samtalen"
            state={state}
          >
            <p class="form-hint">Aftalen bliver til en samtale dateret {longDateDa(local.date)}.</p>
            <Field state={state} form="afholdt" field={at(HELD_FIELDS, 0)} />
            <Field
              state={state}
              form="afholdt"
              field={at(HELD_FIELDS, 1)}
              hint="Kun når der er givet vejledning."
              rows={3}
            />
            <Field
              state={state}
              form="afholdt"
              field={at(HELD_FIELDS, 2)}
              options={INTERPRETER_OPTIONS}
              placeholder="Ingen tolk"
              saved={a.interpreterLanguage ?? ''}
            />
            <Field state={state} form="afholdt" field={at(HELD_FIELDS, 3)} rows={3} />
          </FormBox>
          <FormBox
            action={`${base}/udeblevet`}
            id="udeblevet"
            title="Registrér udeblivelse"
            csrf={csrf}
            version={a.version}
            submit="Registrér udeblivelse"
            state={state}
          >
            <Field state={state} form="udeblevet" field={at(NO_SHOW_FIELDS, 0)} rows={2} />
          </FormBox>
          <FormBox
            action={`${base}/flyt`}
            id="flyt"
            title="Flyt aftalen"
            csrf={csrf}
            version={a.version}
            submit="Flyt aftalen"
            state={state}
          >
            <Field state={state} form="flyt" field={at(MOVE_FIELDS, 0)} saved={local.date} />
            <Field
              state={state}
              form="flyt"
              field={at(MOVE_FIELDS, 1)}
              saved={local.time.replace(':', '.')}
              hint="Fx 10.00"
              width="xs"
            />
            <Field
              state={state}
              form="flyt"
              field={at(MOVE_FIELDS, 2)}
              options={DURATION_OPTIONS}
              saved={String(a.durationMinutes)}
            />
            <Field
              state={state}
              form="flyt"
              field={at(MOVE_FIELDS, 3)}
              options={PLACE_KIND_OPTIONS}
              saved={a.placeKind}
            />
            <Field state={state} form="flyt" field={at(MOVE_FIELDS, 4)} saved={a.place} />
            <Field
              state={state}
              form="flyt"
              field={at(MOVE_FIELDS, 5)}
              options={INTERPRETER_OPTIONS}
              placeholder="Ingen tolk"
              saved={a.interpreterLanguage ?? ''}
            />
          </FormBox>
          <FormBox
            action={`${base}/aflys`}
            id="aflys"
            title="Aflys aftalen"
            csrf={csrf}
            version={a.version}
            submit="Aflys aftalen"
            state={state}
          >
            <Field state={state} form="aflys" field={at(CANCEL_FIELDS, 0)} rows={2} />
          </FormBox>
        </>
      )}
    </>
  );
}

// ---- Routes ------------------------------------------------------------------------------------

export type ShowPerson = (
  request: FastifyRequest,
  reply: FastifyReply,
  personId: string,
  status: number,
  state: FormState | null,
) => Promise<FastifyReply>;

function ids(request: FastifyRequest): { personId: string; appointmentId: string } {
  const p = request.params as { id?: string; appointmentId?: string };
  const personId = p.id ?? '';
  const appointmentId = p.appointmentId ?? '';
  if (!UUID.test(personId)) throw new NotFoundError('person.not_found', 'The person');
  if (p.appointmentId !== undefined && !UUID.test(appointmentId))
    throw new NotFoundError('appointment.not_found', 'The appointment');
  return { personId: personId.toLowerCase(), appointmentId: appointmentId.toLowerCase() };
}

const ifMatchOf = (body: unknown) => {
  const v = (body as Record<string, unknown> | undefined)?.version;
  return typeof v === 'string' && /^\d{1,9}$/.test(v) ? `"${v}"` : undefined;
};

export function appointmentPageRoutes(app: FastifyInstance, tools: WebTools, showPerson: ShowPerson): void {
  const showAppointment = async (
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    state: PageState,
  ): Promise<FastifyReply> => {
    const { personId, appointmentId } = ids(request);
    const ctx = tools.ctx(request);
    const data = await appointments.getAppointment(ctx, ctx.actor.municipalityCode, personId, appointmentId);
    const pageCtx = tools.pageContext(request);
    const title = `Aftale ${longDateDa(inDenmark(new Date(data.appointment.startsAt)).date)}: ${data.person.givenName} ${data.person.familyName}`;
    const canCase = can(ctx.actor, 'case.write', personId);
    return tools.html(
      reply,
      status,
      page(
        state ? `Fejl: ${title}` : title,
        pageCtx,
        <AppointmentPage data={data} csrf={pageCtx.csrf} state={state} canCase={canCase} today={ctx.today} />,
      ),
    );
  };

  app.get('/borgere/:id/aftaler/:appointmentId', async (request, reply) => showAppointment(request, reply, 200, null));

  /** Books from the form or a proposal; errors are shown in the person page's section. */
  const bookRoute = (
    path: string,
    fields: FieldDef[],
    adapt: (api: Record<string, unknown>) => { api: Record<string, unknown>; errors: FormError[] },
  ) =>
    app.post(path, async (request, reply) => {
      tools.checkCsrf(request);
      const { personId } = ids(request);
      const ctx = tools.ctx(request);
      const s = parse(fields, request.body, BookAppointmentSchema, adapt);
      const again = (status: number, errors: FormError[]) =>
        showPerson(request, reply, personId, status, {
          form: 'aftale',
          values: s.values,
          conflict: false,
          ...formErrors(fields, errors),
        });
      if (!s.input) return again(400, s.errors);
      try {
        await appointments.bookAppointment(ctx, ctx.actor.municipalityCode, personId, s.input);
      } catch (err) {
        const r = refusal(fields, err);
        return again(r.status, r.errors);
      }
      return reply.redirect(`/borgere/${personId}#aftaler`, 303);
    });
  bookRoute('/borgere/:id/aftaler', BOOK_FIELDS, (api) => withStartsAt(BOOK_FIELDS, asNumber(api, 'durationMinutes')));
  bookRoute('/borgere/:id/aftaler/forslag', PROPOSAL_FIELDS, (api) => ({
    api: asNumber(api, 'durationMinutes'),
    errors: [],
  }));

  /** A change of one appointment; errors are shown on its page. */
  const changeRoute = <S extends z.ZodType>(
    form: string,
    fields: FieldDef[],
    schema: S,
    adapt: (api: Record<string, unknown>) => { api: Record<string, unknown>; errors: FormError[] },
    save: (
      ctx: Ctx,
      personId: string,
      appointmentId: string,
      ifMatch: string | undefined,
      input: z.output<S>,
    ) => Promise<unknown>,
  ) =>
    app.post(`/borgere/:id/aftaler/:appointmentId/${form}`, async (request, reply) => {
      tools.checkCsrf(request);
      const { personId, appointmentId } = ids(request);
      const ctx = tools.ctx(request);
      const s = parse(fields, request.body, schema, adapt);
      const again = (status: number, errors: FormError[]) =>
        showAppointment(request, reply, status, { form, values: s.values, ...formErrors(fields, errors) });
      if (s.input === null) return again(400, s.errors);
      try {
        await save(ctx, personId, appointmentId, ifMatchOf(request.body), s.input);
      } catch (err) {
        const r = refusal(fields, err);
        return again(r.status, r.errors);
      }
      return reply.redirect(`/borgere/${personId}#aftaler`, 303);
    });
  const same = (api: Record<string, unknown>) => ({ api, errors: [] });
  changeRoute(
    'flyt',
    MOVE_FIELDS,
    ChangeAppointmentSchema,
    (api) => {
      const r = withStartsAt(MOVE_FIELDS, asNumber(api, 'durationMinutes'));
      return { api: { interpreterLanguage: null, ...r.api }, errors: r.errors };
    },
    (ctx, id, aid, ifMatch, input) =>
      appointments.changeAppointment(ctx, ctx.actor.municipalityCode, id, aid, ifMatch, input),
  );
  changeRoute('aflys', CANCEL_FIELDS, CancelAppointmentSchema, same, (ctx, id, aid, ifMatch, input) =>
    appointments.cancelAppointment(ctx, ctx.actor.municipalityCode, id, aid, ifMatch, input),
  );
  changeRoute(
    'afholdt',
    HELD_FIELDS,
    HeldSchema,
    (api) => ({ api: { interpreterLanguage: null, ...api }, errors: [] }),
    (ctx, id, aid, ifMatch, input) => appointments.recordHeld(ctx, ctx.actor.municipalityCode, id, aid, ifMatch, input),
  );
  changeRoute('udeblevet', NO_SHOW_FIELDS, NoShowSchema, same, (ctx, id, aid, ifMatch, input) =>
    appointments.recordNoShow(ctx, ctx.actor.municipalityCode, id, aid, ifMatch, input),
  );
}
