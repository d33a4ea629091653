// Styring: the governance cycle of the municipality. What its policy requires of its own
// governance on a day (the secretariat's worklist: dialogue meetings, the council's annual report,
// hearings before a decision, evaluations) with status, due date and the sentence it comes from;
// the events recorded; and, for the roles that record them, the forms to record an event and to
// register a case with general integration-policy dimensions (where the policy says the council
// is heard in such cases). Every form works without JavaScript: POST, then 303 back (Post/
// Redirect/Get); a rejected form is shown again with the error summary and the values typed.
// Municipality level: no person is shown.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can } from '../../domain/authorization.js';
import { isIsoDate } from '../../domain/dates.js';
import { GOVERNANCE_EVENT_KINDS, type GovernanceObligation } from '../../domain/governance.js';
import { GOVERNANCE_EVENT_KIND_DA, optionsDa, termDa } from '../../domain/glossary.js';
import type { Ctx } from '../../services/context.js';
import { ForbiddenError, UnprocessableError } from '../../services/errors.js';
import {
  governanceRecords,
  governanceRules,
  governanceWorklist,
  recordGovernanceEvent,
  registerGovernanceCase,
  type GovernanceRecords,
} from '../../services/governance.js';
import { GovernanceCaseSchema, GovernanceEventSchema } from '../../services/inputs.js';
import { Csrf, dateDa, DateField, ErrorSummary, page, StatusTag, type FieldError } from '../components.js';
import {
  errorFor,
  FormField,
  formErrors,
  readValues,
  serviceErrors,
  toApi,
  zodErrors,
  type FieldDef,
  type FormError,
  type FormValues,
} from '../forms.js';
import type { WebTools } from '../tools.js';

/** Document references an event form takes at once (the API takes up to 20). */
const DOCUMENT_ROWS = 3;

const KIND_OPTIONS = optionsDa(GOVERNANCE_EVENT_KINDS, GOVERNANCE_EVENT_KIND_DA);

const EVENT_HEAD: readonly FieldDef[] = [
  { id: 'haendelse-art', name: 'kind', pointer: '/kind', label: 'Art', kind: 'select', required: true },
  { id: 'haendelse-dato', name: 'date', pointer: '/date', label: 'Dato', kind: 'date', required: true },
  { id: 'haendelse-titel', name: 'title', pointer: '/title', label: 'Titel', kind: 'line', required: true },
  { id: 'haendelse-organ', name: 'body', pointer: '/body', label: 'Organ', kind: 'line' },
  {
    id: 'haendelse-regel',
    name: 'ruleId',
    pointer: '/ruleId',
    label: 'Regel',
    kind: 'select',
    invalid: 'Vælg en regel fra listen',
  },
  {
    id: 'haendelse-sag',
    name: 'caseId',
    pointer: '/caseId',
    label: 'Sag',
    kind: 'select',
    invalid: 'Vælg en sag fra listen',
  },
  { id: 'haendelse-beskrivelse', name: 'description', pointer: '/description', label: 'Beskrivelse', kind: 'text' },
  {
    id: 'haendelse-offentliggjort',
    name: 'published',
    pointer: '/published',
    label: 'Offentliggjort',
    kind: 'checkbox',
  },
];

/** The fields of document row i, at /documents/<at>/… (rows left empty are not sent: `at` counts the filled ones). */
function documentFields(i: number, at: number): FieldDef[] {
  const group = `Dokument ${String(i + 1)}`;
  return [
    {
      id: `dokument${String(i)}-titel`,
      name: `doc${String(i)}_title`,
      pointer: `/documents/${String(at)}/title`,
      label: 'Dokumentets titel',
      kind: 'line',
      group,
      invalid: 'Skriv dokumentets titel',
    },
    {
      id: `dokument${String(i)}-url`,
      name: `doc${String(i)}_url`,
      pointer: `/documents/${String(at)}/url`,
      label: 'Adresse (URL)',
      kind: 'line',
      group,
      invalid: 'Skriv en hel adresse, der begynder med https:// eller http://',
    },
  ];
}

/** Every field of the event form, as the body is read. */
const EVENT_FIELDS_ALL: readonly FieldDef[] = [
  ...EVENT_HEAD,
  ...Array.from({ length: DOCUMENT_ROWS }, (_, i) => documentFields(i, i)).flat(),
];

/** The event form's fields for these values: the document rows with anything typed, numbered from 0 in the API body. */
function eventFields(values: FormValues): FieldDef[] {
  const filled = Array.from({ length: DOCUMENT_ROWS }, (_, i) => i).filter(
    (i) =>
      (values[`dokument${String(i)}-titel`] ?? '').trim() !== '' ||
      (values[`dokument${String(i)}-url`] ?? '').trim() !== '',
  );
  return [...EVENT_HEAD, ...filled.flatMap((i, at) => documentFields(i, at))];
}

const CASE_FIELDS: readonly FieldDef[] = [
  { id: 'sag-titel', name: 'title', pointer: '/title', label: 'Sagens titel', kind: 'line', required: true },
  { id: 'sag-organ', name: 'body', pointer: '/body', label: 'Besluttende organ', kind: 'line' },
  {
    id: 'sag-beslutningsdato',
    name: 'decisionDate',
    pointer: '/decisionDate',
    label: 'Beslutningsdato',
    kind: 'date',
    required: true,
  },
  { id: 'sag-beskrivelse', name: 'description', pointer: '/description', label: 'Beskrivelse', kind: 'text' },
];

type FormKey = 'haendelse' | 'sag';

/** A rejected form, shown again. */
interface FormState {
  form: FormKey;
  values: FormValues;
  errors: FieldError[];
  summary: FieldError[];
}

interface PageData {
  on: string;
  today: string;
  worklist: GovernanceObligation[];
  records: GovernanceRecords;
  rules: { id: string; title: string }[];
  hearsCases: boolean;
  canWrite: boolean;
  csrf: string;
  state: FormState | null;
  dateError: string | null;
  notice: string | null;
}

function Quote({ source }: { source: GovernanceObligation['source'] }) {
  return (
    <>
      <blockquote class="mb-quote">{source.quote}</blockquote>
      <div class="form-hint">
        {source.document}
        {source.section ? `, ${source.section}` : ''}
      </div>
    </>
  );
}

function WorklistTable({ obligations, records }: { obligations: GovernanceObligation[]; records: GovernanceRecords }) {
  const events = new Map(records.events.map((e) => [e.id, e]));
  return (
    <div class="mb-table-wrap">
      <table class="table table--zebra mb-responsive" id="tabel-forpligtelser">
        <caption class="sr-only">Kommunens forpligtelser i styringen</caption>
        <thead>
          <tr>
            <th scope="col">Status</th>
            <th scope="col">Forpligtelse</th>
            <th scope="col">Frist</th>
            <th scope="col">Opfyldt af</th>
            <th scope="col">Kilde</th>
          </tr>
        </thead>
        <tbody>
          {obligations.map((o) => (
            <tr data-rule={o.ruleId} data-period={o.period.from} data-case={o.case?.id}>
              <td data-label="Status">
                <StatusTag status={o.status} />
              </td>
              <td data-label="Forpligtelse">
                {o.title}
                {o.case && (
                  <div class="form-hint">
                    Sag: {o.case.title}, besluttes {dateDa(o.case.decisionDate)}
                  </div>
                )}
                <div class="form-hint">Ansvarlig: {o.responsible}</div>
                {o.period.to && !o.case && (
                  <div class="form-hint">
                    Periode: {dateDa(o.period.from)}–{dateDa(o.period.to)}
                  </div>
                )}
              </td>
              <td data-label="Frist">{o.dueDate ? dateDa(o.dueDate) : 'Ingen frist'}</td>
              <td data-label="Opfyldt af">
                {o.evidence.eventIds.length === 0
                  ? '–'
                  : o.evidence.eventIds.map((id) => {
                      const e = events.get(id);
                      return (
                        <div>
                          <a href={`#haendelse-${id}`}>{e ? e.title : 'Hændelse'}</a>
                          {e ? `, ${dateDa(e.date)}` : ''}
                        </div>
                      );
                    })}
                {o.evidence.late && <div class="form-hint">Opfyldt efter fristen</div>}
              </td>
              <td data-label="Kilde">
                <Quote source={o.source} />
                {o.interpretation && (
                  <div class="form-hint">
                    {o.interpretation.by === 'municipality' ? 'Kommunens fortolkning' : 'Medborgers fortolkning'}:{' '}
                    {o.interpretation.text}
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

function EventsTable({ records, rules }: { records: GovernanceRecords; rules: PageData['rules'] }) {
  const cases = new Map(records.cases.map((c) => [c.id, c.title]));
  const ruleTitles = new Map(rules.map((r) => [r.id, r.title]));
  const newestFirst = [...records.events].reverse();
  return (
    <div class="mb-table-wrap">
      <table class="table table--zebra mb-responsive" id="tabel-haendelser">
        <caption class="sr-only">Registrerede hændelser</caption>
        <thead>
          <tr>
            <th scope="col">Dato</th>
            <th scope="col">Art</th>
            <th scope="col">Titel</th>
            <th scope="col">Organ</th>
            <th scope="col">Gælder</th>
            <th scope="col">Offentliggjort</th>
            <th scope="col">Dokumenter</th>
          </tr>
        </thead>
        <tbody>
          {newestFirst.map((e) => (
            <tr id={`haendelse-${e.id}`}>
              <td data-label="Dato">{dateDa(e.date)}</td>
              <td data-label="Art">{termDa(GOVERNANCE_EVENT_KIND_DA, e.kind)}</td>
              <td data-label="Titel">
                {e.title}
                {e.description && <div class="form-hint">{e.description}</div>}
              </td>
              <td data-label="Organ">{e.body ?? '–'}</td>
              <td data-label="Gælder">
                {e.ruleId ? (ruleTitles.get(e.ruleId) ?? e.ruleId) : 'Alle regler, hændelsen opfylder'}
                {e.caseId && <div class="form-hint">Sag: {cases.get(e.caseId) ?? 'ukendt sag'}</div>}
              </td>
              <td data-label="Offentliggjort">{e.published ? 'Ja' : 'Nej'}</td>
              <td data-label="Dokumenter">
                {e.documents.length === 0 ? (
                  'Ingen'
                ) : (
                  <ul class="nobullet-list">
                    {e.documents.map((d) => (
                      <li>
                        <a href={d.url} rel="noopener noreferrer">
                          {d.title}
                        </a>
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CasesTable({ records }: { records: GovernanceRecords }) {
  return (
    <div class="mb-table-wrap">
      <table class="table table--zebra mb-responsive" id="tabel-sager">
        <caption class="sr-only">Registrerede sager med generelle integrationspolitiske dimensioner</caption>
        <thead>
          <tr>
            <th scope="col">Sag</th>
            <th scope="col">Besluttende organ</th>
            <th scope="col">Beslutningsdato</th>
          </tr>
        </thead>
        <tbody>
          {records.cases.map((c) => (
            <tr>
              <td data-label="Sag">
                {c.title}
                {c.description && <div class="form-hint">{c.description}</div>}
              </td>
              <td data-label="Besluttende organ">{c.body ?? '–'}</td>
              <td data-label="Beslutningsdato">{dateDa(c.decisionDate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A field of a form with the rejected form's value and error, else the default. */
function Field({
  d,
  form,
  field,
  fallback = '',
  ...shown
}: {
  d: PageData;
  form: FormKey;
  field: FieldDef;
  fallback?: string;
  hint?: string;
  options?: readonly (readonly [string, string])[];
  placeholder?: string;
  rows?: number;
}) {
  const mine = d.state?.form === form;
  return (
    <FormField
      field={field}
      value={mine ? (d.state?.values[field.id] ?? '') : fallback}
      error={mine && d.state ? errorFor(d.state.errors, field.id) : undefined}
      {...shown}
    />
  );
}

function FormErrors({ d, form }: { d: PageData; form: FormKey }) {
  if (d.state?.form !== form) return null;
  return (
    <div id={`${form}-fejl`} tabIndex={-1}>
      <ErrorSummary errors={d.state.summary} />
    </div>
  );
}

const field = (fields: readonly FieldDef[], id: string): FieldDef => {
  const f = fields.find((x) => x.id === id);
  if (!f) throw new Error(`no field ${id}`);
  return f;
};

function EventForm({ d }: { d: PageData }) {
  const f = (id: string) => field(EVENT_FIELDS_ALL, id);
  return (
    <form
      method="post"
      action="/styring/haendelser#haendelse-fejl"
      noValidate
      aria-labelledby="haendelse-form-titel"
      class="mb-form"
    >
      <h3 id="haendelse-form-titel">Registrér hændelse</h3>
      <FormErrors d={d} form="haendelse" />
      <Csrf token={d.csrf} />
      <div class="mb-grid mb-grid-aligned mb-grid-top">
        <Field d={d} form="haendelse" field={f('haendelse-art')} options={KIND_OPTIONS} placeholder="Vælg art" />
        <Field d={d} form="haendelse" field={f('haendelse-dato')} fallback={d.today} />
      </div>
      <Field d={d} form="haendelse" field={f('haendelse-titel')} hint="Fx Dialogmøde med fagudvalgene" />
      <Field
        d={d}
        form="haendelse"
        field={f('haendelse-organ')}
        hint="Det organ, der holdt mødet eller udsendte den: fx Integrationsrådet, Byrådet eller et fagudvalg."
      />
      <Field
        d={d}
        form="haendelse"
        field={f('haendelse-regel')}
        options={d.rules.map((r) => [r.id, r.title] as const)}
        placeholder="Alle regler, som hændelsen opfylder"
        hint="Vælg en regel, hvis hændelsen kun skal tælle for den."
      />
      {d.records.cases.length > 0 && (
        <Field
          d={d}
          form="haendelse"
          field={f('haendelse-sag')}
          options={d.records.cases.map((c) => [c.id, `${c.title} (${dateDa(c.decisionDate)})`] as const)}
          placeholder="Ingen sag"
          hint="Ved en høring: den sag, rådet blev hørt i."
        />
      )}
      <Field d={d} form="haendelse" field={f('haendelse-beskrivelse')} rows={3} />
      <Field d={d} form="haendelse" field={f('haendelse-offentliggjort')} />
      <fieldset class="mb-fieldset">
        <legend class="h4">Dokumenter (valgfri)</legend>
        <p class="form-hint">Titel og adresse på fx dagsorden, referat eller beretning. Tomme rækker gemmes ikke.</p>
        {Array.from({ length: DOCUMENT_ROWS }, (_, i) => (
          <div class="mb-grid mb-grid-aligned mb-grid-top">
            <Field
              d={d}
              form="haendelse"
              field={{ ...f(`dokument${String(i)}-titel`), label: `Dokument ${String(i + 1)}: titel` }}
            />
            <Field
              d={d}
              form="haendelse"
              field={{ ...f(`dokument${String(i)}-url`), label: `Dokument ${String(i + 1)}: adresse (URL)` }}
            />
          </div>
        ))}
      </fieldset>
      <div class="form-group">
        <button type="submit" class="button button-primary">
          Gem hændelse
        </button>
      </div>
    </form>
  );
}

function CaseForm({ d }: { d: PageData }) {
  const f = (id: string) => field(CASE_FIELDS, id);
  return (
    <form method="post" action="/styring/sager#sag-fejl" noValidate aria-labelledby="sag-form-titel" class="mb-form">
      <h3 id="sag-form-titel">Registrér sag</h3>
      <p>
        En sag med generelle integrationspolitiske dimensioner: Integrationsrådet skal høres inden beslutningsdatoen.
      </p>
      <FormErrors d={d} form="sag" />
      <Csrf token={d.csrf} />
      <Field d={d} form="sag" field={f('sag-titel')} />
      <Field d={d} form="sag" field={f('sag-organ')} hint="Fx Byrådet eller et fagudvalg." />
      <Field d={d} form="sag" field={f('sag-beslutningsdato')} />
      <Field d={d} form="sag" field={f('sag-beskrivelse')} rows={3} />
      <div class="form-group">
        <button type="submit" class="button button-primary">
          Gem sag
        </button>
      </div>
    </form>
  );
}

function GovernancePage(d: PageData) {
  const counts = {
    overdue: d.worklist.filter((o) => o.status === 'overdue').length,
    dueSoon: d.worklist.filter((o) => o.status === 'due_soon').length,
  };
  return (
    <>
      <h1>Styring</h1>
      <p>
        Det, loven og kommunens politik kræver af kommunens egen styring – møder, høringer, beretninger og evalueringer
        – pr. {dateDa(d.on)}, og de hændelser, der er registreret.
      </p>
      {d.notice && (
        <div class="alert alert-success" role="status">
          <div class="alert-body">
            <p class="alert-text">{d.notice}</p>
          </div>
        </div>
      )}
      {d.dateError && <ErrorSummary errors={[{ field: 'on', message: d.dateError }]} />}
      <form method="get" action="/styring" class="mb-grid mb-grid-aligned" aria-label="Vælg dag">
        <DateField
          id="on"
          label="Forpligtelser pr."
          value={d.dateError ? '' : d.on}
          error={d.dateError ?? undefined}
          required
        />
        <div class="form-group">
          <button type="submit" class="button button-secondary">
            Vis
          </button>
        </div>
      </form>
      <nav aria-label="Afsnit på siden" class="mb-toc">
        <ul>
          <li>
            <a href="#forpligtelser">Forpligtelser</a>
          </li>
          <li>
            <a href="#haendelser">Hændelser</a>
          </li>
          {(d.hearsCases || d.records.cases.length > 0) && (
            <li>
              <a href="#sager">Sager</a>
            </li>
          )}
        </ul>
      </nav>
      <section aria-labelledby="forpligtelser">
        <h2 id="forpligtelser">Forpligtelser</h2>
        <p role="status">
          {d.worklist.length === 0
            ? 'Kommunens politik har ingen forpligtelser i styringen på denne dag.'
            : `${String(d.worklist.length)} forpligtelser, heraf ${String(counts.overdue)} overskredet og ${String(counts.dueSoon)} med frist snart.`}
        </p>
        {d.worklist.length > 0 && <WorklistTable obligations={d.worklist} records={d.records} />}
      </section>
      <section aria-labelledby="haendelser">
        <h2 id="haendelser">Hændelser</h2>
        {d.records.events.length === 0 ? (
          <p>Der er ikke registreret hændelser.</p>
        ) : (
          <EventsTable records={d.records} rules={d.rules} />
        )}
        {d.canWrite ? (
          <EventForm d={d} />
        ) : (
          <p>Din rolle kan se styringen, men ikke registrere hændelser eller sager.</p>
        )}
      </section>
      {(d.hearsCases || d.records.cases.length > 0) && (
        <section aria-labelledby="sager">
          <h2 id="sager">Sager</h2>
          <p>Sager med generelle integrationspolitiske dimensioner, som Integrationsrådet skal høres i.</p>
          {d.records.cases.length === 0 ? <p>Der er ikke registreret sager.</p> : <CasesTable records={d.records} />}
          {d.canWrite && d.hearsCases && <CaseForm d={d} />}
        </section>
      )}
    </>
  );
}

const NOTICES: Record<string, string> = {
  haendelse: 'Hændelsen er registreret.',
  sag: 'Sagen er registreret. Høringen af Integrationsrådet står nu på listen over forpligtelser.',
};

async function show(
  tools: WebTools,
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  options: { on?: string; dateError?: string | null; state?: FormState | null; notice?: string | null } = {},
): Promise<FastifyReply> {
  const ctx = tools.ctx(request);
  const code = ctx.actor.municipalityCode;
  const on = options.on ?? ctx.today;
  // The service authorizes (governance.read) before anything is read.
  const worklist = await governanceWorklist(ctx, code, on);
  const records = await governanceRecords(ctx, code);
  const rules = governanceRules(code);
  const pageCtx = tools.pageContext(request);
  const data: PageData = {
    on,
    today: ctx.today,
    worklist: worklist.obligations,
    records,
    rules: rules.map((r) => ({ id: r.id, title: r.title })),
    hearsCases: rules.some((r) => r.event === 'council_hearing'),
    canWrite: can(ctx.actor, 'governance.write'),
    csrf: pageCtx.csrf,
    state: options.state ?? null,
    dateError: options.dateError ?? null,
    notice: options.notice ?? null,
  };
  const failed = data.state !== null || data.dateError !== null;
  return tools.html(reply, status, page(failed ? 'Fejl – Styring' : 'Styring', pageCtx, <GovernancePage {...data} />));
}

function queryString(query: unknown, name: string): string {
  const v = (query as Record<string, unknown> | undefined)?.[name];
  return typeof v === 'string' ? v.trim() : '';
}

export function governanceRoutes(app: FastifyInstance, tools: WebTools): void {
  app.get('/styring', async (request, reply) => {
    const raw = queryString(request.query, 'on');
    const notice = NOTICES[queryString(request.query, 'registreret')] ?? null;
    // The governance cycle is planned in years the calendar covers: a year such as 9999 is refused
    // at the date field, not run into the end of the calendar (found by the fuzz test).
    if (raw !== '' && (!isIsoDate(raw) || raw < '1990-01-01' || raw > '2100-12-31'))
      return show(tools, request, reply, 400, {
        dateError: 'Skriv en gyldig dato fra 1990 til 2100 (dd.mm.åååå)',
        notice,
      });
    return show(tools, request, reply, 200, { ...(raw ? { on: raw } : {}), notice });
  });

  const post = (
    path: string,
    form: FormKey,
    fieldsFor: (values: FormValues) => readonly FieldDef[],
    allFields: readonly FieldDef[],
    save: (ctx: Ctx, values: FormValues, fields: readonly FieldDef[]) => Promise<FormError[] | null>,
  ) =>
    app.post(path, async (request, reply) => {
      tools.checkCsrf(request);
      const ctx = tools.ctx(request);
      // Refused before the input is looked at: a role that cannot record learns nothing from the form's checks.
      if (!can(ctx.actor, 'governance.write'))
        throw new ForbiddenError('The role may not record the governance cycle.');
      const values = readValues(request.body, allFields);
      const fields = fieldsFor(values);
      let invalid: FormError[] | null;
      let status = 400;
      try {
        invalid = await save(ctx, values, fields);
      } catch (err) {
        if (!(err instanceof UnprocessableError)) throw err;
        invalid = serviceErrors(fields, err);
        status = 422;
      }
      if (invalid)
        return show(tools, request, reply, status, { state: { form, values, ...formErrors(fields, invalid) } });
      return reply.redirect(`/styring?registreret=${form}#${form === 'haendelse' ? 'haendelser' : 'sager'}`, 303);
    });

  post('/styring/haendelser', 'haendelse', eventFields, EVENT_FIELDS_ALL, async (ctx, values, fields) => {
    const parsed = GovernanceEventSchema.safeParse(toApi(fields, values));
    if (!parsed.success) return zodErrors(fields, values, parsed.error.issues);
    await recordGovernanceEvent(ctx, ctx.actor.municipalityCode, parsed.data);
    return null;
  });

  post(
    '/styring/sager',
    'sag',
    () => CASE_FIELDS,
    CASE_FIELDS,
    async (ctx, values, fields) => {
      const parsed = GovernanceCaseSchema.safeParse(toApi(fields, values));
      if (!parsed.success) return zodErrors(fields, values, parsed.error.issues);
      await registerGovernanceCase(ctx, ctx.actor.municipalityCode, parsed.data);
      return null;
    },
  );
}
