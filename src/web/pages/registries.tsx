// Registre (issue 15): the registries the placements read, kept by the roles whose work they
// are. /registre lists the registries the role may open; /registre/{kind} a registry's records
// with the form to create one, the CSV export and the CSV import; /registre/{kind}/{id} a
// record's form (change, with the version read, so that no change is lost; delete while nothing
// refers to it). Every form field comes from the registry's definition (src/domain/registries.ts),
// checked by the same schemas as the API; each problem is shown at its field in Danish.
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import { can, type Actor } from '../../domain/authorization.js';
import {
  ACTIVITY_KIND_DA,
  ASSOCIATION_ACTIVITY_DA,
  HOUSING_UNIT_STATUS_DA,
  INSTITUTION_KIND_DA,
  LANDLORD_DA,
  PUBLIC_TRANSPORT_DA,
  REGISTRY_DA,
  REGISTRY_FIELD_DA,
  REGISTRY_KIND_FIELD_DA,
  TENURE_DA,
  TOWN_SERVICE_DA,
} from '../../domain/glossary.js';
import { REGISTRIES, REGISTRY_KINDS, type FieldDef, type RegistryKind } from '../../domain/registries.js';
import {
  ForbiddenError,
  NotFoundError,
  PreconditionFailedError,
  UnprocessableError,
  ConflictError,
} from '../../services/errors.js';
import {
  changeRegistryRecord,
  createRegistryRecord,
  deleteRegistryRecord,
  exportRegistryCsv,
  getRegistryRecord,
  importRegistryCsv,
  listRegistry,
  RegistryImportError,
  registryKindOf,
  type RegistryRecord,
} from '../../services/registries.js';
import { createSchema, patchSchema } from '../../services/registry-inputs.js';
import { Checkbox, Csrf, DateField, ErrorSummary, page, Select, TextField, type FieldError } from '../components.js';
import { errorMessage } from '../error-messages.js';
import { multipartString as fieldString } from '../forms.js';
import type { WebTools } from '../tools.js';

const FILE_LIMIT = 2 * 1024 * 1024;

/** The columns of a registry's list: what a coordinator looks for first (the record's page has every field). */
const LIST_COLUMNS: Record<RegistryKind, readonly string[]> = {
  towns: ['name', 'population', 'publicTransport', 'departuresPerWeekday'],
  'housing-units': ['address', 'townId', 'rooms', 'rentDkk', 'tenure', 'availableFrom', 'status'],
  institutions: ['name', 'kind', 'townId', 'capacity', 'enrolled', 'bilingualEnrolled'],
  companies: ['name', 'sector', 'townId', 'contactName'],
  positions: ['title', 'companyId', 'kind', 'hoursPerWeek', 'seats', 'realOpening'],
  volunteers: ['givenName', 'townId', 'languages', 'mentor', 'mentorCapacity'],
  associations: ['name', 'kind', 'townId', 'activities'],
};

/** Whether the actor may read, and write, a registry. */
function mayRead(actor: Actor, kind: RegistryKind): boolean {
  return can(actor, `registry.${REGISTRIES[kind].area}.read`);
}
function mayWrite(actor: Actor, kind: RegistryKind): boolean {
  return can(actor, `registry.${REGISTRIES[kind].area}.write`);
}

/** The registries a role may open: the menu shows "Registre" only when there is one. */
export function readableRegistries(actor: Actor): RegistryKind[] {
  return REGISTRY_KINDS.filter((k) => mayRead(actor, k));
}

function labelOf(kind: RegistryKind, field: FieldDef): string {
  if (field.name === 'kind') return REGISTRY_KIND_FIELD_DA[kind] ?? 'Type';
  return REGISTRY_FIELD_DA[field.name] ?? field.name;
}

/** The Danish terms of a choice field's values. */
function termsOf(kind: RegistryKind, field: FieldDef): Readonly<Record<string, string>> {
  switch (field.name) {
    case 'publicTransport':
      return PUBLIC_TRANSPORT_DA;
    case 'services':
      return TOWN_SERVICE_DA;
    case 'landlord':
      return LANDLORD_DA;
    case 'tenure':
      return TENURE_DA;
    case 'status':
      return HOUSING_UNIT_STATUS_DA;
    case 'activities':
      return ASSOCIATION_ACTIVITY_DA;
    case 'kind':
      return kind === 'institutions' ? INSTITUTION_KIND_DA : ACTIVITY_KIND_DA;
    default:
      return {};
  }
}

/** The records a reference field may name: id → name. */
type References = Partial<Record<RegistryKind, Map<string, string>>>;

function nameOf(kind: RegistryKind, r: RegistryRecord): string {
  if (kind === 'volunteers') return `${str(r.givenName)} ${str(r.familyName)}`;
  if (kind === 'housing-units') return str(r.address);
  if (kind === 'positions') return str(r.title);
  return str(r.name);
}

const yesNo = (b: unknown) => (b === true ? 'Ja' : 'Nej');

/** A stored scalar as text. */
function str(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return v === null || v === undefined ? '' : JSON.stringify(v);
}

function shown(kind: RegistryKind, field: FieldDef, value: unknown, refs: References): string {
  if (value === null || value === undefined || value === '') return '–';
  const t = field.type;
  switch (t.kind) {
    case 'boolean':
      return yesNo(value);
    case 'choice':
      return termsOf(kind, field)[str(value)] ?? str(value);
    case 'choices':
      return Array.isArray(value) && value.length > 0
        ? value.map((v) => termsOf(kind, field)[str(v)] ?? str(v)).join(', ')
        : '–';
    case 'list':
    case 'languages':
      return Array.isArray(value) && value.length > 0 ? value.join(', ') : '–';
    case 'date':
      return str(value).split('-').reverse().join('.');
    case 'decimal':
    case 'integer':
      return Number(value).toLocaleString('da-DK');
    case 'reference':
      return refs[t.registry]?.get(str(value)) ?? '–';
    default:
      return str(value);
  }
}

// ---- Forms ---------------------------------------------------------------------------------

/** A form's value as typed, by field name (a list as its values). */
type FormValues = Record<string, string | string[]>;

function formValuesOf(kind: RegistryKind, record: RegistryRecord | null): FormValues {
  const out: FormValues = {};
  for (const field of REGISTRIES[kind].fields) {
    const v = record?.[field.name];
    if (v === null || v === undefined) out[field.name] = '';
    else if (Array.isArray(v)) out[field.name] = field.type.kind === 'choices' ? v.map(str) : v.map(str).join(', ');
    else if (typeof v === 'boolean') out[field.name] = v ? 'on' : '';
    else if (field.type.kind === 'decimal') out[field.name] = str(v).replace('.', ',');
    else out[field.name] = str(v);
  }
  return out;
}

function readForm(kind: RegistryKind, body: unknown): FormValues {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const out: FormValues = {};
  for (const field of REGISTRIES[kind].fields) {
    const v = b[field.name];
    if (field.type.kind === 'choices')
      out[field.name] = (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter(
        (x): x is string => typeof x === 'string',
      );
    else out[field.name] = typeof v === 'string' ? v.slice(0, 2000) : '';
  }
  return out;
}

/**
 * The form's values in the API's shape. On a change (`partial`), every field of the form is sent
 * (an emptied optional field clears it); on a create, an empty field is left to its default.
 */
function toApi(kind: RegistryKind, values: FormValues, partial: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of REGISTRIES[kind].fields) {
    const raw = values[field.name];
    const s = typeof raw === 'string' ? raw.trim() : '';
    const empty = field.nullable ? null : undefined;
    switch (field.type.kind) {
      case 'boolean':
        out[field.name] = s === 'on';
        break;
      case 'choices':
        out[field.name] = Array.isArray(raw) ? raw : [];
        break;
      case 'list':
      case 'languages':
        out[field.name] = s === '' ? [] : s.split(/[\s,;]+/).filter((x) => x !== '');
        break;
      case 'integer':
      case 'decimal': {
        if (s === '') {
          if (partial || empty === null) out[field.name] = empty;
          break;
        }
        const n = Number(s.replace(/\s/g, '').replace(/\./g, '').replace(',', '.'));
        out[field.name] = Number.isFinite(n) ? n : s;
        break;
      }
      default:
        if (s === '') {
          if (partial || empty === null) out[field.name] = empty;
        } else out[field.name] = s;
    }
  }
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined));
}

/** A zod issue's or a service problem's Danish message at a field. */
function issueMessage(field: FieldDef | undefined, code: string | null, empty: boolean): string {
  if (code !== null) return errorMessage(code as Parameters<typeof errorMessage>[0]);
  if (!field) return 'Værdien er ikke gyldig';
  if (empty && field.required)
    return field.type.kind === 'choice' || field.type.kind === 'reference'
      ? 'Vælg en af mulighederne'
      : 'Udfyld feltet';
  const n = (x: number) => x.toLocaleString('da-DK');
  switch (field.type.kind) {
    case 'integer':
      return `Skriv et helt tal fra ${n(field.type.min)} til ${n(field.type.max)}`;
    case 'decimal':
      return `Skriv et tal fra ${n(field.type.min)} til ${n(field.type.max)}`;
    case 'date':
      return 'Skriv en gyldig dato';
    case 'choice':
    case 'reference':
      return 'Vælg en af mulighederne';
    case 'email':
      return 'Skriv en gyldig e-mailadresse';
    case 'languages':
      return 'Skriv sprogkoder adskilt af komma, fx ar, prs, uk';
    default:
      return field.required ? 'Udfyld feltet' : 'Værdien er ikke gyldig';
  }
}

function fieldId(name: string): string {
  return `felt-${name}`;
}

function errorsOf(
  kind: RegistryKind,
  issues: { path: string; code: string | null }[],
  values: FormValues = {},
): FieldError[] {
  const fields = REGISTRIES[kind].fields;
  const out: FieldError[] = [];
  for (const issue of issues) {
    const field = fields.find((f) => f.name === issue.path);
    const id = field ? fieldId(field.name) : 'registerformular';
    if (out.some((e) => e.field === id)) continue;
    const typed = field ? values[field.name] : undefined;
    const message = issueMessage(
      field,
      issue.code,
      typed === undefined || typed === '' || (Array.isArray(typed) && typed.length === 0),
    );
    out.push({ field: id, message: field ? `${labelOf(kind, field)}: ${message}` : message });
  }
  return out;
}

function RecordForm({
  kind,
  action,
  csrf,
  values,
  errors,
  refs,
  version,
  submit,
}: {
  kind: RegistryKind;
  action: string;
  csrf: string;
  values: FormValues;
  errors: FieldError[];
  refs: References;
  version?: number;
  submit: string;
}) {
  const errorAt = (name: string) => {
    const e = errors.find((x) => x.field === fieldId(name));
    return e ? e.message.replace(/^[^:]+: /, '') : undefined;
  };
  return (
    <form method="post" action={action} class="mb-form" noValidate id="registerformular">
      <Csrf token={csrf} />
      {version !== undefined && <input type="hidden" name="_version" value={String(version)} />}
      {REGISTRIES[kind].fields.map((field) => {
        const id = fieldId(field.name);
        const label = labelOf(kind, field);
        const value = values[field.name];
        const text = typeof value === 'string' ? value : '';
        const common = { id, name: field.name, label, error: errorAt(field.name), required: field.required };
        const t = field.type;
        switch (t.kind) {
          case 'boolean':
            return <Checkbox id={id} name={field.name} label={label} checked={text === 'on'} />;
          case 'date':
            return <DateField {...common} value={text} />;
          case 'choice': {
            const terms = termsOf(kind, field);
            return (
              <Select
                {...common}
                value={text}
                placeholder={field.required ? 'Vælg' : 'Ikke angivet'}
                options={t.values.map((v) => [v, terms[v] ?? v] as const)}
              />
            );
          }
          case 'reference':
            return (
              <Select
                {...common}
                value={text}
                placeholder="Vælg"
                options={[...(refs[t.registry] ?? new Map<string, string>()).entries()]}
              />
            );
          case 'choices': {
            const terms = termsOf(kind, field);
            const chosen = Array.isArray(value) ? value : [];
            return (
              <fieldset class="form-group">
                <legend class="form-label">{label} (valgfri)</legend>
                {t.values.map((v) => (
                  <div class="form-group-checkbox">
                    <input
                      class="form-checkbox"
                      type="checkbox"
                      id={`${id}-${v}`}
                      name={field.name}
                      value={v}
                      checked={chosen.includes(v)}
                    />
                    <label class="form-label" for={`${id}-${v}`}>
                      {terms[v] ?? v}
                    </label>
                  </div>
                ))}
              </fieldset>
            );
          }
          case 'list':
          case 'languages':
            return (
              <TextField
                {...common}
                value={text}
                hint={t.kind === 'languages' ? 'Sprogkoder adskilt af komma, fx ar, prs, uk' : 'Adskilt af komma'}
              />
            );
          case 'integer':
            return <TextField {...common} value={text} inputMode="numeric" width="input-width-s" />;
          case 'decimal':
            return <TextField {...common} value={text} inputMode="decimal" width="input-width-s" />;
          case 'email':
            return <TextField {...common} value={text} type="email" />;
          default:
            return <TextField {...common} value={text} />;
        }
      })}
      <div class="mb-actions">
        <button type="submit" class="button button-primary">
          {submit}
        </button>
      </div>
    </form>
  );
}

export function registryRoutes(app: FastifyInstance, tools: WebTools): void {
  const render = (
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    title: string,
    body: ComponentChildren,
  ) => tools.html(reply, status, page(title, tools.pageContext(request), body));

  const kindOf = (raw: string): RegistryKind => {
    const kind = registryKindOf(raw);
    if (!kind) throw new NotFoundError('route.not_found', 'The page');
    return kind;
  };

  /** The names of the records the registry's references may name (towns, companies). */
  async function referencesFor(request: FastifyRequest, kind: RegistryKind): Promise<References> {
    const ctx = tools.ctx(request);
    const refs: References = {};
    for (const field of REGISTRIES[kind].fields) {
      if (field.type.kind !== 'reference') continue;
      const target = field.type.registry;
      if (refs[target] || !mayRead(ctx.actor, target)) continue;
      const records = await listRegistry(ctx, ctx.actor.municipalityCode, target);
      refs[target] = new Map(records.map((r) => [r.id, nameOf(target, r)]));
    }
    return refs;
  }

  /** The registry page: its records, the create form, export and import. */
  async function registryPage(
    request: FastifyRequest,
    reply: FastifyReply,
    kind: RegistryKind,
    state: {
      status?: number;
      values?: FormValues;
      errors?: FieldError[];
      notice?: string;
      importErrors?: RegistryImportError;
    } = {},
  ) {
    const ctx = tools.ctx(request);
    const csrf = tools.pageContext(request).csrf;
    const title = REGISTRY_DA[kind].title;
    const records = await listRegistry(ctx, ctx.actor.municipalityCode, kind);
    const refs = await referencesFor(request, kind);
    const columns = LIST_COLUMNS[kind].flatMap((name) => REGISTRIES[kind].fields.filter((f) => f.name === name));
    const write = mayWrite(ctx.actor, kind);
    const errors = state.errors ?? [];
    return render(
      request,
      reply,
      state.status ?? 200,
      errors.length > 0 || state.importErrors ? `Fejl – ${title}` : title,
      <>
        <p>
          <a href="/registre" class="back-link">
            Registre
          </a>
        </p>
        <h1>{title}</h1>
        {state.notice && (
          <div class="alert alert-success" role="status">
            <div class="alert-body">
              <p class="alert-text">{state.notice}</p>
            </div>
          </div>
        )}
        <ErrorSummary errors={errors} />
        {state.importErrors && <ImportProblems err={state.importErrors} />}
        <p>
          {records.length === 0
            ? 'Registret er tomt.'
            : `${records.length.toLocaleString('da-DK')} ${records.length === 1 ? 'post' : 'poster'}.`}{' '}
          <a href={`/registre/${kind}/eksport.csv`}>Hent registret som CSV-fil</a>
        </p>
        {write && (
          <p>
            <a href="#opret">Opret {REGISTRY_DA[kind].one}</a> · <a href="#indlaes">Indlæs fra CSV-fil</a>
          </p>
        )}
        {records.length > 0 && (
          <div class="table--responsive-scroll">
            <table class="table table--compact">
              <caption class="sr-only">{title}</caption>
              <thead>
                <tr>
                  {columns.map((f) => (
                    <th scope="col">{labelOf(kind, f)}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {records.map((r) => (
                  <tr>
                    {columns.map((f, i) => (
                      <td data-label={labelOf(kind, f)}>
                        {i === 0 ? (
                          <a href={`/registre/${kind}/${r.id}`}>{nameOf(kind, r)}</a>
                        ) : (
                          shown(kind, f, r[f.name], refs)
                        )}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {write && (
          <>
            <h2 id="opret">Opret {REGISTRY_DA[kind].one}</h2>
            <RecordForm
              kind={kind}
              action={`/registre/${kind}`}
              csrf={csrf}
              values={state.values ?? formValuesOf(kind, null)}
              errors={errors}
              refs={refs}
              submit={`Opret ${REGISTRY_DA[kind].one}`}
            />
            <h2 id="indlaes">Indlæs fra CSV-fil</h2>
            <p>
              Brug kolonnerne fra eksportfilen. En linje uden id opretter en post; en linje med id og version ændrer
              posten. Lister adskilles med |. Intet gemmes, hvis én linje er forkert.
            </p>
            <form method="post" action={`/registre/${kind}/import`} encType="multipart/form-data" class="mb-form">
              <Csrf token={csrf} />
              <div class="form-group">
                <label class="form-label" for="fil">
                  CSV-fil
                </label>
                <input class="form-input" type="file" id="fil" name="fil" accept=".csv,text/csv" />
              </div>
              <div class="mb-actions">
                <button type="submit" class="button button-secondary">
                  Indlæs filen
                </button>
              </div>
            </form>
          </>
        )}
      </>,
    );
  }

  function ImportProblems({ err }: { err: RegistryImportError }) {
    return (
      <div class="alert alert-error" role="alert" aria-labelledby="import-fejl">
        <div class="alert-body">
          <h2 class="alert-heading" id="import-fejl">
            Filen er ikke indlæst
          </h2>
          <p class="alert-text">{errorMessage(err.code)}</p>
          <ul class="alert-text">
            {err.lines.slice(0, 50).map((p) => (
              <li>
                Linje {p.line}
                {p.column ? `, kolonne ${p.column}` : ''}: {errorMessage(p.code)}
              </li>
            ))}
          </ul>
        </div>
      </div>
    );
  }

  app.get('/registre', async (request, reply) => {
    const actor = tools.requireActor(request);
    const kinds = readableRegistries(actor);
    if (kinds.length === 0) throw new ForbiddenError();
    return render(
      request,
      reply,
      200,
      'Registre',
      <>
        <h1>Registre</h1>
        <p>
          Det, placeringerne bygger på: byer, boliger, institutioner, virksomheder og deres pladser, frivillige og
          foreninger. Du ser de registre, dit arbejde omfatter.
        </p>
        <ul>
          {kinds.map((k) => (
            <li>
              <a href={`/registre/${k}`}>{REGISTRY_DA[k].title}</a>
              {mayWrite(actor, k) ? '' : ' (kun læse)'}
            </li>
          ))}
        </ul>
      </>,
    );
  });

  app.get<{ Params: { kind: string } }>('/registre/:kind/eksport.csv', async (request, reply) => {
    const kind = kindOf(request.params.kind);
    const ctx = tools.ctx(request);
    const body = await exportRegistryCsv(ctx, ctx.actor.municipalityCode, kind);
    return reply
      .type('text/csv; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="${kind}.csv"`)
      .header('Cache-Control', 'no-store')
      .send(body);
  });

  app.get<{ Params: { kind: string } }>('/registre/:kind', async (request, reply) => {
    const kind = kindOf(request.params.kind);
    if (!mayRead(tools.requireActor(request), kind)) throw new ForbiddenError();
    const notice = (request.query as Record<string, unknown>).gemt;
    return registryPage(request, reply, kind, {
      ...(typeof notice === 'string' && { notice: noticeOf(notice) }),
    });
  });

  app.post<{ Params: { kind: string } }>('/registre/:kind', async (request, reply) => {
    const kind = kindOf(request.params.kind);
    const ctx = tools.ctx(request);
    tools.checkCsrf(request);
    if (!mayWrite(ctx.actor, kind)) throw new ForbiddenError();
    const values = readForm(kind, request.body);
    const parsed = createSchema(kind).safeParse(toApi(kind, values, false));
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ path: String(i.path[0] ?? ''), code: null }));
      return registryPage(request, reply, kind, { status: 400, values, errors: errorsOf(kind, issues, values) });
    }
    try {
      await createRegistryRecord(ctx, ctx.actor.municipalityCode, kind, parsed.data);
    } catch (err) {
      if (!(err instanceof UnprocessableError)) throw err;
      const issues = err.problems.map((p) => ({ path: p.pointer.split('/')[1] ?? '', code: p.code }));
      return registryPage(request, reply, kind, { status: 422, values, errors: errorsOf(kind, issues, values) });
    }
    return reply.redirect(`/registre/${kind}?gemt=oprettet`, 303);
  });

  void app.register(async (scope) => {
    await scope.register(multipart, {
      attachFieldsToBody: 'keyValues',
      limits: { fileSize: FILE_LIMIT, files: 1, fields: 3 },
    });
    scope.setErrorHandler((error: Error & { statusCode?: number }, request) => {
      const unread = request.body === undefined || request.body === null;
      if (unread && !(typeof error.statusCode === 'number' && error.statusCode < 500))
        throw Object.assign(new Error('The form could not be read.'), { statusCode: 400 });
      throw error;
    });
    scope.post<{ Params: { kind: string } }>('/registre/:kind/import', async (request, reply) => {
      const kind = kindOf(request.params.kind);
      const ctx = tools.ctx(request);
      tools.checkCsrf(request);
      if (!mayWrite(ctx.actor, kind)) throw new ForbiddenError();
      try {
        const r = await importRegistryCsv(ctx, ctx.actor.municipalityCode, kind, fieldString(request.body, 'fil'));
        return await registryPage(request, reply, kind, {
          notice: `Filen er indlæst: ${String(r.created)} oprettet, ${String(r.changed)} ændret.`,
        });
      } catch (err) {
        if (!(err instanceof RegistryImportError)) throw err;
        return registryPage(request, reply, kind, { status: 422, importErrors: err });
      }
    });
  });

  async function recordPage(
    request: FastifyRequest,
    reply: FastifyReply,
    kind: RegistryKind,
    id: string,
    state: { status?: number; values?: FormValues; errors?: FieldError[]; alert?: string } = {},
  ) {
    const ctx = tools.ctx(request);
    const csrf = tools.pageContext(request).csrf;
    const { record } = await getRegistryRecord(ctx, ctx.actor.municipalityCode, kind, id);
    const refs = await referencesFor(request, kind);
    const name = nameOf(kind, record);
    const errors = state.errors ?? [];
    const write = mayWrite(ctx.actor, kind);
    return render(
      request,
      reply,
      state.status ?? 200,
      errors.length > 0 || state.alert ? `Fejl – ${name}` : name,
      <>
        <p>
          <a href={`/registre/${kind}`} class="back-link">
            {REGISTRY_DA[kind].title}
          </a>
        </p>
        <h1>{name}</h1>
        {state.alert && (
          <div class="alert alert-error" role="alert">
            <div class="alert-body">
              <p class="alert-text">{state.alert}</p>
            </div>
          </div>
        )}
        <ErrorSummary errors={errors} />
        {write ? (
          <>
            <RecordForm
              kind={kind}
              action={`/registre/${kind}/${id}`}
              csrf={csrf}
              values={state.values ?? formValuesOf(kind, record)}
              errors={errors}
              refs={refs}
              version={record.version}
              submit="Gem ændringer"
            />
            <h2>Slet {REGISTRY_DA[kind].one}</h2>
            <p>Kan kun slettes, når intet bruger posten (en husstand, en plads, en aktivitet eller et forslag).</p>
            <form method="post" action={`/registre/${kind}/${id}/slet`} class="mb-form">
              <Csrf token={csrf} />
              <input type="hidden" name="_version" value={String(record.version)} />
              <button type="submit" class="button button-secondary">
                Slet {REGISTRY_DA[kind].one}
              </button>
            </form>
          </>
        ) : (
          <dl class="mb-facts">
            {REGISTRIES[kind].fields.map((f) => (
              <>
                <dt>{labelOf(kind, f)}</dt>
                <dd>{shown(kind, f, record[f.name], refs)}</dd>
              </>
            ))}
          </dl>
        )}
      </>,
    );
  }

  app.get<{ Params: { kind: string; id: string } }>('/registre/:kind/:id', async (request, reply) => {
    const kind = kindOf(request.params.kind);
    if (!/^[0-9a-f-]{36}$/i.test(request.params.id)) throw new NotFoundError('registry.not_found', 'The record');
    return recordPage(request, reply, kind, request.params.id);
  });

  app.post<{ Params: { kind: string; id: string } }>('/registre/:kind/:id', async (request, reply) => {
    const kind = kindOf(request.params.kind);
    const id = request.params.id;
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new NotFoundError('registry.not_found', 'The record');
    const ctx = tools.ctx(request);
    tools.checkCsrf(request);
    if (!mayWrite(ctx.actor, kind)) throw new ForbiddenError();
    const values = readForm(kind, request.body);
    const version = fieldString(request.body, '_version');
    const parsed = patchSchema(kind).safeParse(toApi(kind, values, true));
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ path: String(i.path[0] ?? ''), code: null }));
      return recordPage(request, reply, kind, id, { status: 400, values, errors: errorsOf(kind, issues, values) });
    }
    try {
      await changeRegistryRecord(ctx, ctx.actor.municipalityCode, kind, id, `"${version}"`, parsed.data);
    } catch (err) {
      if (err instanceof PreconditionFailedError)
        return recordPage(request, reply, kind, id, {
          status: 409,
          alert: 'Posten er ændret af en anden, siden du åbnede den. Her er den nye udgave; gentag din ændring.',
        });
      if (!(err instanceof UnprocessableError)) throw err;
      const issues = err.problems.map((p) => ({ path: p.pointer.split('/')[1] ?? '', code: p.code }));
      return recordPage(request, reply, kind, id, { status: 422, values, errors: errorsOf(kind, issues, values) });
    }
    return reply.redirect(`/registre/${kind}?gemt=aendret`, 303);
  });

  app.post<{ Params: { kind: string; id: string } }>('/registre/:kind/:id/slet', async (request, reply) => {
    const kind = kindOf(request.params.kind);
    const id = request.params.id;
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new NotFoundError('registry.not_found', 'The record');
    const ctx = tools.ctx(request);
    tools.checkCsrf(request);
    if (!mayWrite(ctx.actor, kind)) throw new ForbiddenError();
    try {
      await deleteRegistryRecord(
        ctx,
        ctx.actor.municipalityCode,
        kind,
        id,
        `"${fieldString(request.body, '_version')}"`,
      );
    } catch (err) {
      if (err instanceof ConflictError)
        return recordPage(request, reply, kind, id, { status: 409, alert: errorMessage(err.code) });
      if (err instanceof PreconditionFailedError)
        return recordPage(request, reply, kind, id, {
          status: 409,
          alert: 'Posten er ændret af en anden, siden du åbnede den. Se den nye udgave, før du sletter.',
        });
      throw err;
    }
    return reply.redirect(`/registre/${kind}?gemt=slettet`, 303);
  });
}

function noticeOf(code: string): string {
  return code === 'slettet' ? 'Posten er slettet.' : code === 'aendret' ? 'Ændringen er gemt.' : 'Posten er oprettet.';
}
