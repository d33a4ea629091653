// Records that change, on the web: each row of the person page's activities, enrolments,
// conversations, follow-ups and language assessments links to the record's own page
// (/borgere/:id/<section>/:recordId) with three forms, "Afslut" (a record with a period), "Ret"
// (every field, as when it was created) and "Slet" (with a required reason), and its history in
// Danish. Every form carries the version the page was shown with, sent as If-Match: a record
// changed since is a conflict, shown with the saved record, never overwritten. Works without
// JavaScript: POST, then 303 back to the person page's section; a rejected form is shown again.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  ACTIVITY_KIND_DA,
  CONVERSATION_KIND_DA,
  ENROLMENT_KIND_DA,
  FOLLOW_UP_KIND_DA,
  LANGUAGE_ASSESSMENT_RESULT_DA,
  LANGUAGE_DA,
  OFFERED_LANGUAGES,
  optionsDa,
  RECORD_KIND_DA,
  RECORD_KIND_IN_SENTENCE_DA,
  RECORD_OPERATION_DA,
  termDa,
} from '../../../domain/glossary.js';
import {
  ACTIVITY_KINDS,
  CONVERSATION_KINDS,
  ENROLMENT_KINDS,
  FOLLOW_UP_KINDS,
  LANGUAGE_ASSESSMENT_RESULTS,
} from '../../../domain/model.js';
import type { RecordKind } from '../../../domain/record-changes.js';
import {
  NotFoundError,
  PreconditionFailedError,
  PreconditionRequiredError,
  UnprocessableError,
} from '../../../services/errors.js';
import { isoDate } from '../../../services/inputs.js';
import { changeRecord, deleteRecord, recordPage } from '../../../services/record-changes.js';
import { dateDa, ErrorSummary, page, type FieldError } from '../../components.js';
import {
  bodyString,
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
import { FORMS, type FormKey } from './forms.js';
import { hoursDa, PostForm, TimeDa } from './parts.js';

type Options = readonly (readonly [string, string])[];

/** One kind on the web: its section (path and anchor of the person page), its creation form, the choices its selects offer. */
interface RecordPageKind {
  kind: RecordKind;
  section: string;
  form: FormKey;
  periodEnd: boolean;
  options: Record<string, Options>;
  /** The record in a few words: "Virksomhedspraktik fra 5. januar 2026". */
  name(record: Record<string, unknown>): string;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

const KINDS: readonly RecordPageKind[] = [
  {
    kind: 'activity',
    section: 'aktiviteter',
    form: 'aktivitet',
    periodEnd: true,
    options: { 'aktivitet-art': optionsDa(ACTIVITY_KINDS, ACTIVITY_KIND_DA) },
    name: (r) => `${termDa(ACTIVITY_KIND_DA, str(r.kind))} fra ${dateDa(str(r.startDate))}`,
  },
  {
    kind: 'enrolment',
    section: 'indskrivninger',
    form: 'indskrivning',
    periodEnd: true,
    options: { 'indskrivning-art': optionsDa(ENROLMENT_KINDS, ENROLMENT_KIND_DA) },
    name: (r) => `${termDa(ENROLMENT_KIND_DA, str(r.kind))} fra ${dateDa(str(r.startDate))}`,
  },
  {
    kind: 'conversation',
    section: 'samtaler',
    form: 'samtale',
    periodEnd: false,
    options: {
      'samtale-art': optionsDa(CONVERSATION_KINDS, CONVERSATION_KIND_DA),
      'samtale-tolk': optionsDa(
        OFFERED_LANGUAGES.filter((l) => l !== 'da'),
        LANGUAGE_DA,
      ),
    },
    name: (r) => `${termDa(CONVERSATION_KIND_DA, str(r.kind))} ${dateDa(str(r.date))}`,
  },
  {
    kind: 'follow_up',
    section: 'opfoelgninger',
    form: 'opfoelgning',
    periodEnd: false,
    options: { 'opfoelgning-art': optionsDa(FOLLOW_UP_KINDS, FOLLOW_UP_KIND_DA) },
    name: (r) => `${termDa(FOLLOW_UP_KIND_DA, str(r.kind))} ${dateDa(str(r.date))}`,
  },
  {
    kind: 'language_assessment',
    section: 'sprogvurderinger',
    form: 'sprogvurdering',
    periodEnd: false,
    options: { 'sprogvurdering-resultat': optionsDa(LANGUAGE_ASSESSMENT_RESULTS, LANGUAGE_ASSESSMENT_RESULT_DA) },
    name: (r) => `${termDa(LANGUAGE_ASSESSMENT_RESULT_DA, str(r.result))} ${dateDa(str(r.assessedOn))}`,
  },
];

const kindOf = (kind: RecordKind): RecordPageKind => {
  const k = KINDS.find((x) => x.kind === kind);
  if (!k) throw new RangeError(`no record page for ${kind}`);
  return k;
};

/** The fields of the creation form of a kind (forms.ts), which its correction uses as well. */
function creationFields(k: RecordPageKind): readonly FieldDef[] {
  const def = FORMS.find((f) => f.key === k.form);
  if (!def) throw new RangeError(`no form ${k.form}`);
  return def.fields;
}

const REASON_HINT = 'Begrundelsen gemmes i historikken';
const END_FIELDS: readonly FieldDef[] = [
  { id: 'afslut-slutdato', pointer: '/endDate', label: 'Sidste dag', kind: 'date', required: true },
];
const CHANGE_REASON: FieldDef = { id: 'ret-begrundelse', pointer: '/reason', label: 'Begrundelse', kind: 'line' };
const DELETE_FIELDS: readonly FieldDef[] = [
  { id: 'slet-begrundelse', pointer: '/reason', label: 'Begrundelse for sletningen', kind: 'line', required: true },
];

type Operation = 'afslut' | 'ret' | 'slet';

/** A rejected form of the record page, shown again. */
interface RecordFormState {
  operation: Operation;
  values: FormValues;
  errors: FieldError[];
  summary: FieldError[];
  conflict: boolean;
}

/** The link from a row of the person page: the record's page, where it is ended, corrected, deleted and its history read. */
export function RecordActions({
  personId,
  kind,
  record,
}: {
  personId: string;
  kind: RecordKind;
  record: { id: string; endDate?: string | null };
}) {
  const k = kindOf(kind);
  const href = `/borgere/${personId}/${k.section}/${record.id}`;
  const label = RECORD_KIND_IN_SENTENCE_DA[kind];
  return (
    <ul class="mb-record-actions">
      {k.periodEnd && (record.endDate === null || record.endDate === undefined) && (
        <li>
          <a href={`${href}#afslut`}>
            Afslut<span class="sr-only"> {label}</span>
          </a>
        </li>
      )}
      <li>
        <a href={`${href}#ret`}>
          Ret<span class="sr-only"> {label}</span>
        </a>
      </li>
      <li>
        <a href={`${href}#slet`}>
          Slet<span class="sr-only"> {label}</span>
        </a>
      </li>
      <li>
        <a href={`${href}#historik`}>
          Historik<span class="sr-only"> for {label}</span>
        </a>
      </li>
    </ul>
  );
}

/** A record's field as the form shows it: hours with a decimal comma, a checkbox as 'on', nothing for none. */
function formValueOf(field: FieldDef, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (field.kind === 'hours' && typeof value === 'number') return hoursDa(value);
  if (field.kind === 'checkbox') return value === true ? 'on' : '';
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

/** The fields of a record in Danish, for the record page and each history row. */
function FieldsDa({
  fields,
  record,
  choices,
}: {
  fields: readonly FieldDef[];
  record: Record<string, unknown>;
  /** a select's choices, to show the label of the value saved */
  choices: (field: FieldDef) => Options;
}) {
  return (
    <dl class="mb-fields">
      {fields.map((f) => {
        const v = record[f.pointer.slice(1)];
        const text =
          v === null || v === undefined || v === ''
            ? '–'
            : f.kind === 'date'
              ? dateDa(str(v))
              : f.kind === 'select'
                ? (choices(f).find(([value]) => value === v)?.[1] ?? str(v))
                : f.kind === 'hours' && typeof v === 'number'
                  ? hoursDa(v)
                  : f.kind === 'checkbox'
                    ? v === true
                      ? 'Ja'
                      : 'Nej'
                    : str(v);
        return (
          <>
            <dt>{f.label}</dt>
            <dd>{text}</dd>
          </>
        );
      })}
    </dl>
  );
}

type RecordPageData = Awaited<ReturnType<typeof recordPage>>;

function RecordPageView({
  data,
  k,
  csrf,
  state,
}: {
  data: RecordPageData;
  k: RecordPageKind;
  csrf: string;
  state: RecordFormState | null;
}) {
  const personId = data.personId;
  const current = data.current as (Record<string, unknown> & { id: string; version: number }) | null;
  const fields = creationFields(k);
  const base = `/borgere/${personId}/${k.section}/${data.recordId}`;
  const version = (op: Operation) =>
    state?.operation === op && !state.conflict ? (state.values.version ?? '') : String(current?.version ?? '');
  const valueOf = (op: Operation, field: FieldDef, saved: unknown) =>
    state?.operation === op ? (state.values[field.id] ?? '') : formValueOf(field, saved);
  const errorOf = (op: Operation, id: string) => (state?.operation === op ? errorFor(state.errors, id) : undefined);
  const field = (op: Operation, f: FieldDef, saved: unknown, shown: FieldPresentation = {}) => (
    <FormField field={f} value={valueOf(op, f, saved)} error={errorOf(op, f.id)} {...shown} />
  );
  const institutions: Options = data.institutions.map((i) => [i.id, i.name] as const);
  const choicesOf = (f: FieldDef): Options =>
    f.id === 'indskrivning-institution' ? institutions : (k.options[f.id] ?? []);
  const optionsFor = (f: FieldDef): FieldPresentation =>
    f.kind !== 'select'
      ? f.kind === 'hours'
        ? { hint: 'Fx 22,5', inputMode: 'decimal', width: 'input-width-xs' }
        : {}
      : {
          options: choicesOf(f),
          placeholder: f.required ? 'Vælg' : 'Ingen',
        };
  const summary = (op: Operation) =>
    state?.operation === op ? (
      <div id={`${op}-fejl`} tabIndex={-1} class="mb-error-anchor">
        <ErrorSummary errors={state.summary} />
      </div>
    ) : null;
  return (
    <>
      <p>
        <a href={`/borgere/${personId}#${k.section}`}>
          Tilbage til {data.person.givenName} {data.person.familyName}
        </a>
      </p>
      <h1>
        {RECORD_KIND_DA[k.kind]}: {current ? k.name(current) : 'slettet'}
      </h1>
      {current ? (
        <>
          <h2 id="registrering">Registreringen nu</h2>
          <FieldsDa fields={fields} record={current} choices={choicesOf} />
          {k.periodEnd && (
            <section aria-labelledby="afslut-titel">
              {summary('afslut')}
              <span id="afslut"></span>
              <PostForm
                action={`${base}/afslut#afslut-fejl`}
                formId="afslut"
                csrf={csrf}
                version={version('afslut')}
                title={`Afslut ${RECORD_KIND_IN_SENTENCE_DA[k.kind]}`}
                submit="Afslut"
              >
                {field('afslut', END_FIELDS[0] as FieldDef, current.endDate ?? null, {
                  hint: 'Den sidste dag, den tæller med',
                })}
              </PostForm>
            </section>
          )}
          <section aria-labelledby="ret-titel">
            {summary('ret')}
            <span id="ret"></span>
            <PostForm
              action={`${base}/ret#ret-fejl`}
              formId="ret"
              csrf={csrf}
              version={version('ret')}
              title={`Ret ${RECORD_KIND_IN_SENTENCE_DA[k.kind]}`}
              submit="Gem rettelsen"
            >
              {fields.map((f) => field('ret', f, current[f.pointer.slice(1)], optionsFor(f)))}
              {field('ret', CHANGE_REASON, null, { hint: REASON_HINT })}
            </PostForm>
          </section>
          <section aria-labelledby="slet-titel">
            {summary('slet')}
            <span id="slet"></span>
            <PostForm
              action={`${base}/slet#slet-fejl`}
              formId="slet"
              csrf={csrf}
              version={version('slet')}
              title={`Slet ${RECORD_KIND_IN_SENTENCE_DA[k.kind]}`}
              submit="Slet"
            >
              <p>Registreringen forsvinder fra sagen og tæller ikke længere med i forpligtelserne.</p>
              {field('slet', DELETE_FIELDS[0] as FieldDef, null, { hint: REASON_HINT })}
            </PostForm>
          </section>
        </>
      ) : (
        <p>Registreringen er slettet. Historikken viser, hvad den indeholdt.</p>
      )}
      <h2 id="historik">Historik</h2>
      {data.changes.length > 0 ? (
        <div class="mb-table-wrap">
          <table class="table table--zebra mb-responsive">
            <caption class="sr-only">Ændringer af registreringen</caption>
            <thead>
              <tr>
                <th scope="col">Tidspunkt</th>
                <th scope="col">Handling</th>
                <th scope="col">Af</th>
                <th scope="col">Begrundelse</th>
                <th scope="col">Før ændringen</th>
              </tr>
            </thead>
            <tbody>
              {data.changes.map((c) => (
                <tr>
                  <td data-label="Tidspunkt">
                    <TimeDa iso={c.changedAt} />
                  </td>
                  <td data-label="Handling">{RECORD_OPERATION_DA[c.operation]}</td>
                  <td data-label="Af">{c.changedBy.name ?? '–'}</td>
                  <td data-label="Begrundelse">{c.reason ?? '–'}</td>
                  <td data-label="Før ændringen">
                    <FieldsDa fields={fields} record={c.before} choices={choicesOf} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>Registreringen er ikke ændret, siden den blev oprettet.</p>
      )}
    </>
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function idsOf(request: FastifyRequest): { personId: string; recordId: string } {
  const { id = '', recordId = '' } = request.params as { id?: string; recordId?: string };
  if (!UUID.test(id)) throw new NotFoundError('person.not_found', 'The person');
  if (!UUID.test(recordId)) throw new NotFoundError('case_record.not_found', 'The record');
  return { personId: id.toLowerCase(), recordId: recordId.toLowerCase() };
}

async function showRecord(
  tools: WebTools,
  request: FastifyRequest,
  reply: FastifyReply,
  k: RecordPageKind,
  status: number,
  state: RecordFormState | null,
): Promise<FastifyReply> {
  const { personId, recordId } = idsOf(request);
  const ctx = tools.ctx(request);
  const data = await recordPage(ctx, personId, k.kind, recordId); // authorizes, logs the person once
  const pageCtx = tools.pageContext(request);
  const title = `${RECORD_KIND_DA[k.kind]} for ${data.person.givenName} ${data.person.familyName}`;
  return tools.html(
    reply,
    status,
    page(
      state ? `Fejl: ${title}` : title,
      pageCtx,
      <RecordPageView data={data} k={k} csrf={pageCtx.csrf} state={state} />,
    ),
  );
}

/** What a form of the record page sends: the patch or the reason; or the errors when its input does not have the API's shape. */
type Submitted =
  | { errors: FormError[] }
  | { patch: Record<string, unknown>; reason?: undefined }
  | { reason: string; patch?: undefined };

function readForm(k: RecordPageKind, operation: Operation, values: FormValues): Submitted {
  if (operation === 'afslut') {
    const endDate = toApi(END_FIELDS, values).endDate;
    const parsed = isoDate.safeParse(endDate);
    return parsed.success
      ? { patch: { endDate: parsed.data } }
      : {
          errors: zodErrors(
            END_FIELDS,
            values,
            parsed.error.issues.map((i) => ({ ...i, path: ['endDate'] })),
          ),
        };
  }
  if (operation === 'slet') {
    const reason = (values['slet-begrundelse'] ?? '').trim();
    return reason === ''
      ? { errors: [{ field: 'slet-begrundelse', message: 'Skriv, hvorfor registreringen slettes' }] }
      : { reason };
  }
  const fields = creationFields(k);
  const def = FORMS.find((f) => f.key === k.form);
  if (!def) throw new RangeError(`no form ${k.form}`);
  const api = toApi(fields, values);
  // A field emptied in the correction is cleared: the patch names every field of the form.
  for (const f of fields) if (!(f.pointer.slice(1) in api)) api[f.pointer.slice(1)] = null;
  const reason = (values[CHANGE_REASON.id] ?? '').trim();
  return { patch: reason === '' ? api : { ...api, reason } };
}

function fieldsOfForm(k: RecordPageKind, operation: Operation): readonly FieldDef[] {
  return operation === 'afslut'
    ? END_FIELDS
    : operation === 'slet'
      ? DELETE_FIELDS
      : [...creationFields(k), CHANGE_REASON];
}

export function recordChangeRoutes(app: FastifyInstance, tools: WebTools): void {
  for (const k of KINDS) {
    const path = `/borgere/:id/${k.section}/:recordId`;
    app.get(path, async (request, reply) => showRecord(tools, request, reply, k, 200, null));
    for (const operation of ['afslut', 'ret', 'slet'] as const) {
      if (operation === 'afslut' && !k.periodEnd) continue;
      app.post(`${path}/${operation}`, async (request, reply) => {
        tools.checkCsrf(request);
        const { personId, recordId } = idsOf(request);
        const ctx = tools.ctx(request);
        const fields = fieldsOfForm(k, operation);
        const values = { ...readValues(request.body, fields), version: bodyString(request.body, 'version') };
        const ifMatch = /^\d{1,9}$/.test(values.version) ? `"${values.version}"` : undefined;
        const again = (status: number, errors: FormError[], conflict = false) =>
          showRecord(tools, request, reply, k, status, { operation, values, conflict, ...formErrors(fields, errors) });
        const form = readForm(k, operation, values);
        if ('errors' in form) return again(400, form.errors);
        try {
          if (form.reason !== undefined)
            await deleteRecord(ctx, ctx.actor.municipalityCode, personId, k.kind, recordId, ifMatch, form.reason);
          else await changeRecord(ctx, ctx.actor.municipalityCode, personId, k.kind, recordId, ifMatch, form.patch);
        } catch (err) {
          if (err instanceof UnprocessableError) return again(422, serviceErrors(fields, err));
          if (err instanceof PreconditionFailedError || err instanceof PreconditionRequiredError)
            return again(err.status, [formError(fields, err.code)], true);
          throw err;
        }
        return reply.redirect(`/borgere/${personId}#${k.section}`, 303);
      });
    }
  }
}
