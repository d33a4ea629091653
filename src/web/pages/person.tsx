// The person page: a citizen's case in one page, section by section as the viewer's role allows
// (getPerson decides what each role receives), with the obligations from law and policy and a
// form per case record. Every form works without JavaScript: POST, then 303 back to the section
// (Post/Redirect/Get); a rejected form is shown again with the error summary, the inline errors
// and the values the user typed. And the person's access log on its own page.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import type { z } from 'zod';
import { can, seesMaskedCpr } from '../../domain/authorization.js';
import { ageOn } from '../../domain/dates.js';
import type { Obligation } from '../../domain/obligations.js';
import {
  ActivitySchema, ContactPersonSchema, ContractSchema, ConversationSchema, EnrolmentSchema, FollowUpSchema,
  LanguageAssessmentSchema, VisitationSchema,
} from '../../services/inputs.js';
import { personAccessLog } from '../../services/access-log.js';
import * as records from '../../services/case-records.js';
import type { Ctx } from '../../services/context.js';
import { NotFoundError, PreconditionFailedError, PreconditionRequiredError, UnprocessableError } from '../../services/errors.js';
import { errorMessage } from '../error-messages.js';
import type { readPerson } from '../../services/persons.js';
import { personCase } from '../../services/person-case.js';
import {
  Checkbox, Csrf, dateDa, DateField, ErrorSummary, page, roleDa, Select, StatusTag, SyntheticNote, TextArea, TextField,
  type FieldError,
} from '../components.js';
import type { WebTools } from '../tools.js';

// ---- Danish words for the domain's code names ------------------------------------------------

export const RESIDENCE_BASIS_DA: Record<string, string> = {
  spontaneous_refugee: 'Spontan flygtning', quota_refugee: 'Kvoteflygtning', family_reunified: 'Familiesammenført',
  accompanying_child: 'Medfølgende barn', other: 'Andet opholdsgrundlag',
};
export const PROGRAM_DA: Record<string, string> = {
  self_support_and_return: 'Selvforsørgelses- og hjemrejseprogram', introduction: 'Introduktionsprogram',
};
const SEX_DA: Record<string, string> = { female: 'Kvinde', male: 'Mand', other: 'Andet' };
export const RELATION_DA: Record<string, string> = { head: 'Hovedperson', spouse: 'Ægtefælle', child: 'Barn', other: 'Andet familiemedlem' };

const ACTIVITY_KIND_OPTIONS = [
  ['danish_education', 'Danskuddannelse'], ['company_internship', 'Virksomhedspraktik'], ['wage_subsidy', 'Løntilskud'],
  ['igu', 'IGU'], ['ordinary_job', 'Ordinært job'], ['education', 'Uddannelse'], ['health', 'Sundhedsindsats'], ['other', 'Andet'],
] as const;
const CONVERSATION_KIND_OPTIONS = [
  ['contract_follow_up', 'Opfølgning på integrationskontrakt'], ['visitation', 'Visitationssamtale'], ['other', 'Anden samtale'],
] as const;
const ENROLMENT_KIND_OPTIONS = [['daycare', 'Dagtilbud'], ['school', 'Skole'], ['reception_class', 'Modtageklasse'], ['sfo', 'SFO']] as const;
const ASSESSMENT_RESULT_OPTIONS = [['general', 'Generel indsats'], ['focused', 'Fokuseret indsats'], ['special', 'Særlig indsats']] as const;
const FOLLOW_UP_KIND_OPTIONS = [['contract', 'Kontraktopfølgning'], ['yearly', 'Årlig opfølgning'], ['family', 'Opfølgning på hele familien']] as const;
const GOAL_KIND_OPTIONS = [['employment', 'Beskæftigelse'], ['education', 'Uddannelse']] as const;
/** Interpreter languages offered in the conversation form. */
const INTERPRETER_OPTIONS = [
  ['ar', 'Arabisk'], ['ti', 'Tigrinya'], ['prs', 'Dari'], ['ps', 'Pashto'], ['uk', 'Ukrainsk'], ['ru', 'Russisk'], ['fa', 'Persisk'],
  ['so', 'Somali'], ['ku', 'Kurdisk'], ['tr', 'Tyrkisk'], ['fr', 'Fransk'], ['sw', 'Swahili'], ['en', 'Engelsk'],
] as const;

const labelOf = (options: readonly (readonly [string, string])[], value: string | null | undefined): string =>
  options.find(([v]) => v === value)?.[1] ?? value ?? '–';

const LANGUAGE_DA: Record<string, string> = { da: 'Dansk', ...Object.fromEntries(INTERPRETER_OPTIONS) };
const LANGUAGE_NAMES = new Intl.DisplayNames('da', { type: 'language' });
const REGION_NAMES = new Intl.DisplayNames('da', { type: 'region' });

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function languageDa(code: string): string {
  if (LANGUAGE_DA[code]) return LANGUAGE_DA[code];
  try { return capitalize(LANGUAGE_NAMES.of(code) ?? code); } catch { return code; }
}

export function countryDa(code: string | null): string {
  if (!code) return 'Ikke registreret';
  try { return REGION_NAMES.of(code) ?? code; } catch { return code; }
}

/** Hours in Danish notation: 22.5 → "22,5". */
function hoursDa(n: number): string {
  return String(Math.round(n * 100) / 100).replace('.', ',');
}

/** ISO dates inside a text (the engine's evidence and reasons) in Danish form. */
function datesInTextDa(text: string): string {
  return text.replace(/\b(\d{4})-(\d{2})-(\d{2})\b/g, (_, y: string, m: string, d: string) => `${d}.${m}.${y}`);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The :id of a person route, or 404 when it cannot be a person's id. */
function personIdOf(request: FastifyRequest): string {
  const id = (request.params as { id?: string }).id ?? '';
  if (!UUID.test(id)) throw new NotFoundError('person.not_found', 'The person');
  return id.toLowerCase();
}

// ---- Forms: fields, conversion of form strings to the API's shape, Danish messages ---------------

type FieldKind = 'date' | 'line' | 'text' | 'select' | 'hours' | 'checkbox';

interface Field {
  /** The input's id and name; unique on the page. */
  id: string;
  /** The property of the API body (the JSON pointer's first step). */
  api: string;
  label: string;
  kind: FieldKind;
  required?: boolean;
}

type FormKey = 'visitation' | 'kontrakt' | 'kontaktperson' | 'aktivitet' | 'samtale' | 'indskrivning' | 'sprogvurdering' | 'opfoelgning';

interface FormState {
  form: FormKey;
  values: Record<string, string>;
  /** Inline messages, by field id. */
  errors: FieldError[];
  /** The same errors as the summary lists them (a general message names its field). */
  summary: FieldError[];
  conflict: boolean;
}

const DATE_MESSAGE = 'Skriv en gyldig dato (dd.mm.åååå)';
const HOURS_MESSAGE = 'Skriv timer pr. uge som et tal fra 0,5 til 60 i halve timer';
const FUTURE_MESSAGE = errorMessage('date.in_future');
const BEFORE_BIRTH_MESSAGE = errorMessage('date.before_birth');
/** Messages that do not say which field they are about: the summary puts the label first. */
const GENERAL_MESSAGES = new Set([DATE_MESSAGE, FUTURE_MESSAGE, BEFORE_BIRTH_MESSAGE]);

const lower = (label: string) => label.charAt(0).toLowerCase() + label.slice(1);

/** A date as typed: ISO (from a date input) or Danish dd.mm.åååå; '' when empty. */
function dateInput(raw: string): string {
  const t = raw.trim();
  const m = /^(\d{1,2})[.\-/ ](\d{1,2})[.\-/ ](\d{4})$/.exec(t);
  return m ? `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}` : t;
}

/** Hours as typed, with a Danish decimal comma accepted; NaN when not a number. */
function hoursInput(raw: string): number {
  const t = raw.trim().replace(',', '.');
  return /^\d{1,3}(\.\d{1,2})?$/.test(t) ? Number(t) : Number.NaN;
}

/** The form's strings in the API's shape; empty optional fields are left out. */
function toApi(fields: Field[], values: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const raw = values[f.id] ?? '';
    const empty = raw.trim() === '';
    switch (f.kind) {
      case 'checkbox': out[f.api] = raw === 'on'; break;
      case 'hours': out[f.api] = hoursInput(raw); break;
      case 'date': if (!empty || f.required) out[f.api] = dateInput(raw); break;
      case 'select': if (!empty) out[f.api] = raw.trim(); break;
      case 'line': if (!empty || f.required) out[f.api] = raw.trim(); break;
      case 'text': if (!empty) out[f.api] = raw.replace(/\r\n?/g, '\n'); break;
    }
  }
  return out;
}

/** A general message names its field in the summary, where it stands without the label. */
function withSummary(fields: Field[], errors: FieldError[]): { errors: FieldError[]; summary: FieldError[] } {
  const order = (e: FieldError) => fields.findIndex((f) => f.id === e.field);
  const seen = new Set<string>();
  const unique = errors.filter((e) => !seen.has(e.field) && seen.add(e.field)).sort((a, b) => order(a) - order(b));
  const summary = unique.map((e) => {
    const f = fields.find((x) => x.id === e.field);
    return f && GENERAL_MESSAGES.has(e.message) ? { field: e.field, message: `${f.label}: ${e.message}` } : e;
  });
  return { errors: unique, summary };
}

interface IssueLike { path: PropertyKey[]; code: string; maximum?: unknown }

function zodErrors(fields: Field[], values: Record<string, string>, issues: readonly IssueLike[]): FieldError[] {
  return issues.map((issue) => {
    const f = fields.find((x) => x.api === issue.path[0]) ?? fields[0]!;
    const raw = values[f.id] ?? '';
    let message: string;
    switch (f.kind) {
      case 'date': message = raw.trim() === '' ? `Udfyld ${lower(f.label)}` : DATE_MESSAGE; break;
      case 'hours': message = HOURS_MESSAGE; break;
      case 'select': message = `Vælg ${lower(f.label)}`; break;
      case 'checkbox': message = `Vælg, om ${lower(f.label)}`; break;
      default:
        message = issue.code === 'too_small' ? `Udfyld ${lower(f.label)}`
          : issue.code === 'too_big' ? `${f.label} må højst fylde ${String(issue.maximum)} tegn`
          : `${f.label} indeholder tegn, der ikke kan gemmes`;
    }
    return { field: f.id, message };
  });
}

/** The service's problems (by JSON pointer and code) as Danish messages on the form's fields; the English detail is never read. */
function serviceErrors(fields: Field[], err: UnprocessableError): FieldError[] {
  if (err.problems.length === 0) return [{ field: fields[0]!.id, message: errorMessage(err.code) }];
  return err.problems.map((p) => {
    const api = p.pointer.replace(/^\//, '').split('/')[0] ?? '';
    const f = fields.find((x) => x.api === api) ?? fields[0]!;
    return { field: f.id, message: errorMessage(p.code) };
  });
}

interface FormDef {
  key: FormKey;
  /** POST /borgere/:id/<path> */
  path: string;
  /** The section's heading id: the anchor to return to. */
  section: string;
  fields: Field[];
  versioned: boolean;
  /** Validates and saves; the zod errors when the input does not have the API's shape. */
  submit(ctx: Ctx, personId: string, values: Record<string, string>, ifMatch: string | undefined): Promise<FieldError[] | null>;
}

function defineForm<S extends z.ZodType>(def: Omit<FormDef, 'submit'> & {
  schema: S;
  save(ctx: Ctx, code: string, personId: string, input: z.output<S>, ifMatch: string | undefined): Promise<unknown>;
}): FormDef {
  const { schema, save, ...rest } = def;
  return {
    ...rest,
    async submit(ctx, personId, values, ifMatch) {
      const parsed = schema.safeParse(toApi(def.fields, values));
      if (!parsed.success) return zodErrors(def.fields, values, parsed.error.issues as readonly IssueLike[]);
      await save(ctx, ctx.actor.municipalityCode, personId, parsed.data, ifMatch);
      return null;
    },
  };
}

const FORMS: readonly FormDef[] = [
  defineForm({
    key: 'visitation', path: 'visitation', section: 'visitation', versioned: true, schema: VisitationSchema,
    fields: [
      { id: 'visitation-dato', api: 'heldOn', label: 'Dato for samtalen', kind: 'date', required: true },
      { id: 'visitation-ressourcer', api: 'resources', label: 'Ressourcer', kind: 'text' },
      { id: 'visitation-kvalifikationer', api: 'qualifications', label: 'Kvalifikationer', kind: 'text' },
      { id: 'visitation-oensker', api: 'wishes', label: 'Ønsker', kind: 'text' },
      { id: 'visitation-udfordringer', api: 'challenges', label: 'Udfordringer', kind: 'text' },
    ],
    save: (ctx, code, id, input, ifMatch) => records.putVisitation(ctx, code, id, ifMatch, input),
  }),
  defineForm({
    key: 'kontrakt', path: 'kontrakt', section: 'kontrakt', versioned: true, schema: ContractSchema,
    fields: [
      { id: 'kontrakt-maal', api: 'goal', label: 'Mål', kind: 'line', required: true },
      { id: 'kontrakt-maaltype', api: 'goalKind', label: 'Måltype', kind: 'select', required: true },
      { id: 'kontrakt-underskrevet', api: 'signedOn', label: 'Underskrevet dato', kind: 'date' },
    ],
    save: (ctx, code, id, input, ifMatch) => records.putContract(ctx, code, id, ifMatch, input),
  }),
  defineForm({
    key: 'kontaktperson', path: 'kontaktperson', section: 'kontaktperson', versioned: true, schema: ContactPersonSchema,
    fields: [
      { id: 'kontaktperson-bruger', api: 'userId', label: 'Kontaktperson', kind: 'select', required: true },
      { id: 'kontaktperson-fra', api: 'fromDate', label: 'Fra dato', kind: 'date' },
    ],
    save: (ctx, code, id, input, ifMatch) => records.putContactPerson(ctx, code, id, ifMatch, input),
  }),
  defineForm({
    key: 'aktivitet', path: 'aktiviteter', section: 'aktiviteter', versioned: false, schema: ActivitySchema,
    fields: [
      { id: 'aktivitet-art', api: 'kind', label: 'Art', kind: 'select', required: true },
      { id: 'aktivitet-startdato', api: 'startDate', label: 'Startdato', kind: 'date', required: true },
      { id: 'aktivitet-slutdato', api: 'endDate', label: 'Slutdato', kind: 'date' },
      { id: 'aktivitet-timer', api: 'hoursPerWeek', label: 'Timer pr. uge', kind: 'hours', required: true },
      { id: 'aktivitet-udbyder', api: 'provider', label: 'Udbyder', kind: 'line' },
    ],
    save: (ctx, code, id, input) => records.addActivity(ctx, code, id, input),
  }),
  defineForm({
    key: 'samtale', path: 'samtaler', section: 'samtaler', versioned: false, schema: ConversationSchema,
    fields: [
      { id: 'samtale-dato', api: 'date', label: 'Dato', kind: 'date', required: true },
      { id: 'samtale-art', api: 'kind', label: 'Art', kind: 'select', required: true },
      { id: 'samtale-repatriering', api: 'repatriationGuidance', label: 'Der er givet vejledning om repatriering', kind: 'checkbox' },
      { id: 'samtale-repatriering-note', api: 'repatriationNote', label: 'Note om repatriering', kind: 'text' },
      { id: 'samtale-tolk', api: 'interpreterLanguage', label: 'Tolkesprog', kind: 'select' },
      { id: 'samtale-note', api: 'note', label: 'Note', kind: 'text' },
    ],
    save: (ctx, code, id, input) => records.addConversation(ctx, code, id, input),
  }),
  defineForm({
    key: 'indskrivning', path: 'indskrivninger', section: 'indskrivninger', versioned: false, schema: EnrolmentSchema,
    fields: [
      { id: 'indskrivning-art', api: 'kind', label: 'Art', kind: 'select', required: true },
      { id: 'indskrivning-startdato', api: 'startDate', label: 'Startdato', kind: 'date', required: true },
      { id: 'indskrivning-slutdato', api: 'endDate', label: 'Slutdato', kind: 'date' },
      { id: 'indskrivning-institution', api: 'institutionId', label: 'Institution', kind: 'select' },
    ],
    save: (ctx, code, id, input) => records.addEnrolment(ctx, code, id, input),
  }),
  defineForm({
    key: 'sprogvurdering', path: 'sprogvurderinger', section: 'sprogvurderinger', versioned: false, schema: LanguageAssessmentSchema,
    fields: [
      { id: 'sprogvurdering-dato', api: 'assessedOn', label: 'Dato', kind: 'date', required: true },
      { id: 'sprogvurdering-resultat', api: 'result', label: 'Resultat', kind: 'select', required: true },
      { id: 'sprogvurdering-note', api: 'note', label: 'Note', kind: 'text' },
    ],
    save: (ctx, code, id, input) => records.addLanguageAssessment(ctx, code, id, input),
  }),
  defineForm({
    key: 'opfoelgning', path: 'opfoelgninger', section: 'opfoelgninger', versioned: false, schema: FollowUpSchema,
    fields: [
      { id: 'opfoelgning-dato', api: 'date', label: 'Dato', kind: 'date', required: true },
      { id: 'opfoelgning-art', api: 'kind', label: 'Art', kind: 'select', required: true },
      { id: 'opfoelgning-note', api: 'note', label: 'Note', kind: 'text' },
    ],
    save: (ctx, code, id, input) => records.addFollowUp(ctx, code, id, input),
  }),
];

function formValues(body: unknown, def: FormDef): Record<string, string> {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const one = (v: unknown): string => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '');
  const values: Record<string, string> = {};
  for (const f of def.fields) values[f.id] = one(b[f.id]).slice(0, 20_000);
  if (def.versioned) values.version = one(b.version);
  return values;
}

// ---- Data for the page -----------------------------------------------------------------------

type PersonCase = Awaited<ReturnType<typeof readPerson>>['person'];

function activeOn(a: { startDate: string; endDate: string | null }, on: string): boolean {
  return a.startDate <= on && (a.endDate === null || a.endDate >= on);
}

// ---- Page building blocks --------------------------------------------------------------------

function fieldProps(state: FormState | null, key: FormKey, id: string, saved?: string | number | null) {
  const mine = state?.form === key;
  return {
    id,
    value: mine ? state.values[id] ?? '' : saved ?? '',
    error: mine ? state.errors.find((e) => e.field === id)?.message : undefined,
  };
}

/**
 * The error summary at the top of the form's section. The form's action ends in #<form>-fejl, so
 * that the page shown again after a rejected POST opens here even without JavaScript (and the
 * browser's fragment focus lands on the summary, not on the page).
 */
function SectionErrors({ state, form }: { state: FormState | null; form: FormKey }) {
  if (state?.form !== form) return null;
  return <div id={`${form}-fejl`} tabIndex={-1} class="mb-error-anchor"><ErrorSummary errors={state.summary} /></div>;
}

function PostForm({ action, formId, title, csrf, version, submit, children }: {
  action: string; formId: string; title: string; csrf: string; version?: string | undefined; submit: string; children: ComponentChildren;
}) {
  return (
    <form method="post" action={action} noValidate aria-labelledby={`${formId}-titel`} class="mb-form">
      <h3 id={`${formId}-titel`}>{title}</h3>
      <Csrf token={csrf} />
      {version !== undefined && <input type="hidden" name="version" value={version} />}
      {children}
      <div class="form-group"><button type="submit" class="button button-primary">{submit}</button></div>
    </form>
  );
}

/** The version the form was opened with: the user's own after a rejected input, the current after a conflict. */
function versionFor(state: FormState | null, key: FormKey, current: number | null | undefined): string {
  if (state?.form === key && !state.conflict) return state.values.version ?? '';
  return current === null || current === undefined ? '' : String(current);
}

function SavedNote({ state, form, children }: { state: FormState | null; form: FormKey; children: ComponentChildren }) {
  if (!(state?.form === form && state.conflict)) return null;
  return (
    <div class="mb-saved">
      <h3>Gemte oplysninger</h3>
      {children}
    </div>
  );
}

function TimeDa({ iso }: { iso: string }) {
  const d = new Date(iso);
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Copenhagen', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false,
  }).formatToParts(d).map((p) => [p.type, p.value]));
  return <time dateTime={iso}>{`${parts.day}.${parts.month}.${parts.year} kl. ${parts.hour}.${parts.minute}`}</time>;
}

function ObligationRows({ items }: { items: Obligation[] }) {
  return (
    <>
      {items.map((o) => (
        <tr>
          <td data-label="Forpligtelse">
            {o.title}
            <div class="form-hint">{o.layer === 'national' ? 'Lov' : 'Kommunens politik'}</div>
          </td>
          <td data-label="Frist">{dateDa(o.dueDate)}</td>
          <td data-label="Status"><StatusTag status={o.status} /></td>
          <td data-label="Grundlag">
            {o.evidence && <div>{capitalize(datesInTextDa(o.evidence.summary))}{o.evidence.late ? ' (efter fristen)' : ''}</div>}
            {o.reason && <div>{datesInTextDa(o.reason)}</div>}
            {!o.evidence && !o.reason && '–'}
          </td>
          <td data-label="Kilde">
            <details class="mb-details">
              <summary>Kilde<span class="sr-only">: {o.title}</span></summary>
              <blockquote class="mb-quote">{o.source.quote}</blockquote>
              <p>{o.source.document}{o.source.section ? `, ${o.source.section}` : ''}</p>
              {o.interpretation && (
                <p><strong>{o.interpretation.by === 'municipality' ? 'Kommunens fortolkning' : 'Medborgers fortolkning (skal bekræftes af kommunen)'}:</strong> {o.interpretation.text}</p>
              )}
              {o.tightens && o.tightens.length > 0 && (
                <p>Skærper loven: {o.tightens.map((t) => `${t.title} (${t.source.section ?? t.source.document})`).join('; ')}</p>
              )}
            </details>
          </td>
        </tr>
      ))}
    </>
  );
}

function ObligationTable({ items, caption }: { items: Obligation[]; caption: string }) {
  return (
    <div class="mb-table-wrap">
      <table class="table table--zebra mb-responsive">
        <caption class="sr-only">{caption}</caption>
        <thead><tr><th scope="col">Forpligtelse</th><th scope="col">Frist</th><th scope="col">Status</th><th scope="col">Grundlag</th><th scope="col">Kilde</th></tr></thead>
        <tbody><ObligationRows items={items} /></tbody>
      </table>
    </div>
  );
}

// ---- The page --------------------------------------------------------------------------------

interface PageData {
  person: PersonCase;
  today: string;
  csrf: string;
  canCase: boolean;
  canChild: boolean;
  canAccessLog: boolean;
  /** whether the role sees the (masked) CPR number at all */
  showCpr: boolean;
  obligations: Obligation[] | null;
  candidates: { id: string; name: string; role: string }[];
  institutions: { id: string; name: string; kind: string }[];
  showChildren: boolean;
  state: FormState | null;
}

function PersonPage(d: PageData) {
  const { person: p, state, csrf, today } = d;
  const name = `${p.givenName} ${p.familyName}`;
  const base = `/borgere/${p.id}`;
  const hasCase = p.activities !== undefined;
  const age = ageOn(p.birthDate, today);
  const sections: [string, string][] = [
    ['overblik', 'Overblik'],
    ...(d.obligations ? [['forpligtelser', 'Forpligtelser'] as [string, string]] : []),
    ...(hasCase ? [['visitation', 'Visitationssamtale'], ['kontrakt', 'Integrationskontrakt'], ['kontaktperson', 'Fast kontaktperson'], ['aktiviteter', 'Aktiviteter'], ['samtaler', 'Samtaler']] as [string, string][] : []),
    ['husstand', 'Husstand'],
    ...(d.showChildren ? [['indskrivninger', 'Indskrivninger'], ['sprogvurderinger', 'Sprogvurderinger']] as [string, string][] : []),
    ...(hasCase ? [['opfoelgninger', 'Opfølgninger'] as [string, string]] : []),
    ...(d.canAccessLog ? [['adgangslog', 'Adgangslog'] as [string, string]] : []),
  ];

  const activities = p.activities ?? [];
  const weekly = activities.filter((a) => activeOn(a, today)).reduce((sum, a) => sum + a.hoursPerWeek, 0);
  const fill = Math.min(100, Math.round((weekly / 37) * 10) * 10);
  const hoursText = `${hoursDa(weekly)} af 37 timer om ugen`;

  const applicable = (d.obligations ?? []).filter((o) => o.status !== 'not_applicable');
  const notApplicable = (d.obligations ?? []).filter((o) => o.status === 'not_applicable');

  return (
    <>
      <h1>{name} <SyntheticNote synthetic={p.synthetic} /></h1>
      <nav aria-label="Indhold på siden" class="mb-toc">
        <ul>{sections.map(([id, text]) => <li><a href={`#${id}`}>{text}</a></li>)}</ul>
      </nav>

      <h2 id="overblik">Overblik</h2>
      <dl class="mb-dl">
        <dt>Navn</dt><dd>{name} <SyntheticNote synthetic={p.synthetic} /></dd>
        <dt>Fødselsdato</dt><dd>{dateDa(p.birthDate)} ({age} år)</dd>
        {d.showCpr && <><dt>CPR-nummer</dt><dd>{p.cpr ?? 'Intet CPR-nummer registreret'}{p.cprKind === 'replacement' ? ' (erstatningsnummer)' : ''}</dd></>}
        <dt>Køn</dt><dd>{SEX_DA[p.sex] ?? p.sex}</dd>
        <dt>Plads i husstanden</dt><dd>{RELATION_DA[p.relation] ?? p.relation}</dd>
        <dt>Opholdsgrundlag</dt><dd>{RESIDENCE_BASIS_DA[p.residenceBasis] ?? p.residenceBasis}</dd>
        <dt>Program</dt><dd>{p.program ? PROGRAM_DA[p.program] ?? p.program : 'Intet program'}</dd>
        <dt>Oprindelsesland</dt><dd>{countryDa(p.countryOfOrigin)}</dd>
        <dt>Sprog</dt><dd>{p.languages.length ? p.languages.map(languageDa).join(', ') : 'Ikke registreret'}</dd>
        <dt>Ankomst til kommunen</dt><dd>{dateDa(p.arrivalDate)}</dd>
        <dt>Kommunen overtog ansvaret</dt><dd>{dateDa(p.takeoverDate)}</dd>
        {p.contactPerson !== undefined && <><dt>Fast kontaktperson</dt><dd>{p.contactPerson ? p.contactPerson.name : 'Ingen'}</dd></>}
      </dl>

      {d.obligations && (
        <>
          <h2 id="forpligtelser">Forpligtelser</h2>
          <p>Efter loven og kommunens integrationspolitik pr. {dateDa(today)}. Den mest presserende står øverst.</p>
          {applicable.length > 0 ? <ObligationTable items={applicable} caption="Forpligtelser, der gælder for borgeren" /> : <p>Ingen forpligtelser gælder for borgeren i dag.</p>}
          {notApplicable.length > 0 && (
            <details class="mb-details">
              <summary>Regler, der ikke gælder for borgeren ({notApplicable.length})</summary>
              <ObligationTable items={notApplicable} caption="Regler, der ikke gælder for borgeren" />
            </details>
          )}
        </>
      )}

      {hasCase && (
        <>
          <h2 id="visitation">Visitationssamtale</h2>
          <SectionErrors state={state} form="visitation" />
          <p>{p.visitation ? `Visitationssamtalen blev holdt ${dateDa(p.visitation.heldOn)}.` : 'Der er ikke registreret en visitationssamtale.'}</p>
          <SavedNote state={state} form="visitation">
            {p.visitation && (
              <dl class="mb-dl">
                <dt>Dato</dt><dd>{dateDa(p.visitation.heldOn)}</dd>
                <dt>Ressourcer</dt><dd>{p.visitation.resources || '–'}</dd>
                <dt>Kvalifikationer</dt><dd>{p.visitation.qualifications || '–'}</dd>
                <dt>Ønsker</dt><dd>{p.visitation.wishes || '–'}</dd>
                <dt>Udfordringer</dt><dd>{p.visitation.challenges || '–'}</dd>
              </dl>
            )}
          </SavedNote>
          {d.canCase ? (
            <PostForm action={`${base}/visitation#visitation-fejl`} formId="visitation" csrf={csrf} title={p.visitation ? 'Ret visitationssamtalen' : 'Registrér visitationssamtalen'}
              version={versionFor(state, 'visitation', p.visitation?.version)} submit="Gem visitationssamtale">
              <DateField {...fieldProps(state, 'visitation', 'visitation-dato', p.visitation?.heldOn)} label="Dato for samtalen" required />
              <TextArea {...fieldProps(state, 'visitation', 'visitation-ressourcer', p.visitation?.resources)} label="Ressourcer" rows={4} />
              <TextArea {...fieldProps(state, 'visitation', 'visitation-kvalifikationer', p.visitation?.qualifications)} label="Kvalifikationer" rows={4} />
              <TextArea {...fieldProps(state, 'visitation', 'visitation-oensker', p.visitation?.wishes)} label="Ønsker" rows={4} />
              <TextArea {...fieldProps(state, 'visitation', 'visitation-udfordringer', p.visitation?.challenges)} label="Udfordringer" rows={4} />
            </PostForm>
          ) : p.visitation && (
            <dl class="mb-dl">
              <dt>Ressourcer</dt><dd>{p.visitation.resources || '–'}</dd>
              <dt>Kvalifikationer</dt><dd>{p.visitation.qualifications || '–'}</dd>
              <dt>Ønsker</dt><dd>{p.visitation.wishes || '–'}</dd>
              <dt>Udfordringer</dt><dd>{p.visitation.challenges || '–'}</dd>
            </dl>
          )}

          <h2 id="kontrakt">Integrationskontrakt</h2>
          <SectionErrors state={state} form="kontrakt" />
          {p.contract ? (
            <dl class="mb-dl">
              <dt>Mål</dt><dd>{p.contract.goal}</dd>
              <dt>Måltype</dt><dd>{labelOf(GOAL_KIND_OPTIONS, p.contract.goalKind)}</dd>
              <dt>Underskrevet</dt><dd>{p.contract.signedOn ? dateDa(p.contract.signedOn) : 'Ikke underskrevet endnu'}</dd>
            </dl>
          ) : <p>Der er ikke skrevet en integrationskontrakt.</p>}
          {d.canCase && (
            <PostForm action={`${base}/kontrakt#kontrakt-fejl`} formId="kontrakt" csrf={csrf} title={p.contract ? 'Ret integrationskontrakten' : 'Skriv integrationskontrakten'}
              version={versionFor(state, 'kontrakt', p.contract?.version)} submit="Gem integrationskontrakt">
              <TextField {...fieldProps(state, 'kontrakt', 'kontrakt-maal', p.contract?.goal)} label="Mål" required />
              <Select {...fieldProps(state, 'kontrakt', 'kontrakt-maaltype', p.contract?.goalKind)} label="Måltype" required placeholder="Vælg måltype" options={GOAL_KIND_OPTIONS} />
              <DateField {...fieldProps(state, 'kontrakt', 'kontrakt-underskrevet', p.contract?.signedOn)} label="Underskrevet dato" />
            </PostForm>
          )}

          <h2 id="kontaktperson">Fast kontaktperson</h2>
          <SectionErrors state={state} form="kontaktperson" />
          <p>{p.contactPerson ? `${p.contactPerson.name} er fast kontaktperson fra ${dateDa(p.contactPerson.fromDate)}.` : 'Borgeren har ingen fast kontaktperson.'}</p>
          {(p.contactPersonHistory ?? []).length > 0 && (
            <div class="mb-table-wrap">
              <table class="table table--zebra mb-responsive">
                <caption class="sr-only">Historik over faste kontaktpersoner</caption>
                <thead><tr><th scope="col">Kontaktperson</th><th scope="col">Fra</th><th scope="col">Til</th></tr></thead>
                <tbody>
                  {(p.contactPersonHistory ?? []).map((c) => (
                    <tr>
                      <td data-label="Kontaktperson">{c.name}</td>
                      <td data-label="Fra">{dateDa(c.fromDate)}</td>
                      <td data-label="Til">{c.toDate ? dateDa(c.toDate) : 'Nu'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {d.canCase && (
            <PostForm action={`${base}/kontaktperson#kontaktperson-fejl`} formId="kontaktperson" csrf={csrf} title={p.contactPerson ? 'Skift fast kontaktperson' : 'Tildel fast kontaktperson'}
              version={versionFor(state, 'kontaktperson', p.contactPerson?.version)} submit="Gem kontaktperson">
              <Select {...fieldProps(state, 'kontaktperson', 'kontaktperson-bruger', '')} label="Kontaktperson" required placeholder="Vælg kontaktperson"
                options={d.candidates.map((c) => [c.id, `${c.name} (${roleDa(c.role)})`] as const)} />
              <DateField {...fieldProps(state, 'kontaktperson', 'kontaktperson-fra', '')} label="Fra dato" hint="Tom betyder fra i dag." />
            </PostForm>
          )}

          <h2 id="aktiviteter">Aktiviteter</h2>
          <SectionErrors state={state} form="aktivitet" />
          <p>I dag: {hoursText} i aktiviteter, der er i gang.</p>
          <div class="mb-hours-bar" role="img" aria-label={`${hoursText} i aktiviteter, der er i gang i dag`}>
            <div class={`mb-hours-fill mb-w-${fill}`}></div>
          </div>
          {activities.length > 0 ? (
            <div class="mb-table-wrap">
              <table class="table table--zebra mb-responsive">
                <caption class="sr-only">Aktiviteter</caption>
                <thead><tr><th scope="col">Art</th><th scope="col">Startdato</th><th scope="col">Slutdato</th><th scope="col">Timer pr. uge</th><th scope="col">Udbyder</th><th scope="col">Status</th></tr></thead>
                <tbody>
                  {activities.map((a) => (
                    <tr>
                      <td data-label="Art">{labelOf(ACTIVITY_KIND_OPTIONS, a.kind)}</td>
                      <td data-label="Startdato">{dateDa(a.startDate)}</td>
                      <td data-label="Slutdato">{a.endDate ? dateDa(a.endDate) : 'Løbende'}</td>
                      <td data-label="Timer pr. uge">{hoursDa(a.hoursPerWeek)}</td>
                      <td data-label="Udbyder">{a.provider ?? '–'}</td>
                      <td data-label="Status">{activeOn(a, today) ? 'I gang' : a.startDate > today ? 'Starter senere' : 'Afsluttet'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : <p>Der er ikke registreret aktiviteter.</p>}
          {d.canCase && (
            <PostForm action={`${base}/aktiviteter#aktivitet-fejl`} formId="aktivitet" csrf={csrf} title="Tilføj aktivitet" submit="Tilføj aktivitet">
              <Select {...fieldProps(state, 'aktivitet', 'aktivitet-art')} label="Art" required placeholder="Vælg art" options={ACTIVITY_KIND_OPTIONS} />
              <DateField {...fieldProps(state, 'aktivitet', 'aktivitet-startdato')} label="Startdato" required />
              <DateField {...fieldProps(state, 'aktivitet', 'aktivitet-slutdato')} label="Slutdato" />
              <TextField {...fieldProps(state, 'aktivitet', 'aktivitet-timer')} label="Timer pr. uge" required hint="Fx 22,5" inputMode="decimal" width="input-width-xs" />
              <TextField {...fieldProps(state, 'aktivitet', 'aktivitet-udbyder')} label="Udbyder" />
            </PostForm>
          )}

          <h2 id="samtaler">Samtaler</h2>
          <SectionErrors state={state} form="samtale" />
          {(p.conversations ?? []).length > 0 ? (
            <div class="mb-table-wrap">
              <table class="table table--zebra mb-responsive">
                <caption class="sr-only">Samtaler</caption>
                <thead><tr><th scope="col">Dato</th><th scope="col">Art</th><th scope="col">Vejledning om repatriering</th><th scope="col">Tolk</th><th scope="col">Note</th></tr></thead>
                <tbody>
                  {(p.conversations ?? []).map((c) => (
                    <tr>
                      <td data-label="Dato">{dateDa(c.date)}</td>
                      <td data-label="Art">{labelOf(CONVERSATION_KIND_OPTIONS, c.kind)}</td>
                      <td data-label="Vejledning om repatriering">{c.repatriationGuidance ? 'Ja' : 'Nej'}{c.repatriationNote ? <div class="form-hint">{c.repatriationNote}</div> : null}</td>
                      <td data-label="Tolk">{c.interpreterLanguage ? languageDa(c.interpreterLanguage) : 'Ingen'}</td>
                      <td data-label="Note">{c.note || '–'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : <p>Der er ikke registreret samtaler.</p>}
          {d.canCase && (
            <PostForm action={`${base}/samtaler#samtale-fejl`} formId="samtale" csrf={csrf} title="Registrér samtale" submit="Gem samtale">
              <DateField {...fieldProps(state, 'samtale', 'samtale-dato')} label="Dato" required />
              <Select {...fieldProps(state, 'samtale', 'samtale-art')} label="Art" required placeholder="Vælg art" options={CONVERSATION_KIND_OPTIONS} />
              <Checkbox id="samtale-repatriering" label="Der er givet vejledning om repatriering" checked={state?.form === 'samtale' && state.values['samtale-repatriering'] === 'on'} />
              <TextArea {...fieldProps(state, 'samtale', 'samtale-repatriering-note')} label="Note om repatriering" hint="Kun når der er givet vejledning." />
              <Select {...fieldProps(state, 'samtale', 'samtale-tolk')} label="Tolkesprog" placeholder="Ingen tolk" options={INTERPRETER_OPTIONS} />
              <TextArea {...fieldProps(state, 'samtale', 'samtale-note')} label="Note" rows={4} />
            </PostForm>
          )}
        </>
      )}

      <h2 id="husstand">Husstand</h2>
      <ul>
        {p.household.members.map((m) => (
          <li>
            {m.personId === p.id
              ? <strong>{m.givenName} {m.familyName} (denne borger)</strong>
              : <a href={`/borgere/${m.personId}`}>{m.givenName} {m.familyName}</a>}
            {` – ${(RELATION_DA[m.relation] ?? m.relation).toLowerCase()}, født ${dateDa(m.birthDate)}`}
          </li>
        ))}
      </ul>
      <p>Ankomst: {dateDa(p.household.arrivalDate)}. Overtaget: {dateDa(p.household.takeoverDate)}.</p>

      {d.showChildren && (
        <>
          <h2 id="indskrivninger">Indskrivninger</h2>
          <SectionErrors state={state} form="indskrivning" />
          {(p.enrolments ?? []).length > 0 ? (
            <div class="mb-table-wrap">
              <table class="table table--zebra mb-responsive">
                <caption class="sr-only">Indskrivninger i dagtilbud og skole</caption>
                <thead><tr><th scope="col">Art</th><th scope="col">Institution</th><th scope="col">Startdato</th><th scope="col">Slutdato</th></tr></thead>
                <tbody>
                  {(p.enrolments ?? []).map((e) => (
                    <tr>
                      <td data-label="Art">{labelOf(ENROLMENT_KIND_OPTIONS, e.kind)}</td>
                      <td data-label="Institution">{e.institutionName ?? '–'}</td>
                      <td data-label="Startdato">{dateDa(e.startDate)}</td>
                      <td data-label="Slutdato">{e.endDate ? dateDa(e.endDate) : 'Løbende'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : <p>Barnet er ikke indskrevet i dagtilbud eller skole.</p>}
          {d.canChild && (
            <PostForm action={`${base}/indskrivninger#indskrivning-fejl`} formId="indskrivning" csrf={csrf} title="Tilføj indskrivning" submit="Gem indskrivning">
              <Select {...fieldProps(state, 'indskrivning', 'indskrivning-art')} label="Art" required placeholder="Vælg art" options={ENROLMENT_KIND_OPTIONS} />
              <DateField {...fieldProps(state, 'indskrivning', 'indskrivning-startdato')} label="Startdato" required />
              <DateField {...fieldProps(state, 'indskrivning', 'indskrivning-slutdato')} label="Slutdato" />
              <Select {...fieldProps(state, 'indskrivning', 'indskrivning-institution')} label="Institution" placeholder="Ingen valgt"
                options={d.institutions.map((i) => [i.id, `${i.name} (${i.kind === 'daycare' ? 'dagtilbud' : 'skole'})`] as const)} />
            </PostForm>
          )}

          <h2 id="sprogvurderinger">Sprogvurderinger</h2>
          <SectionErrors state={state} form="sprogvurdering" />
          {(p.languageAssessments ?? []).length > 0 ? (
            <div class="mb-table-wrap">
              <table class="table table--zebra mb-responsive">
                <caption class="sr-only">Sprogvurderinger</caption>
                <thead><tr><th scope="col">Dato</th><th scope="col">Resultat</th><th scope="col">Note</th></tr></thead>
                <tbody>
                  {(p.languageAssessments ?? []).map((a) => (
                    <tr>
                      <td data-label="Dato">{dateDa(a.assessedOn)}</td>
                      <td data-label="Resultat">{labelOf(ASSESSMENT_RESULT_OPTIONS, a.result)}</td>
                      <td data-label="Note">{a.note || '–'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : <p>Der er ikke registreret en sprogvurdering.</p>}
          {d.canChild && (
            <PostForm action={`${base}/sprogvurderinger#sprogvurdering-fejl`} formId="sprogvurdering" csrf={csrf} title="Registrér sprogvurdering" submit="Gem sprogvurdering">
              <DateField {...fieldProps(state, 'sprogvurdering', 'sprogvurdering-dato')} label="Dato" required />
              <Select {...fieldProps(state, 'sprogvurdering', 'sprogvurdering-resultat')} label="Resultat" required placeholder="Vælg resultat" options={ASSESSMENT_RESULT_OPTIONS} />
              <TextArea {...fieldProps(state, 'sprogvurdering', 'sprogvurdering-note')} label="Note" />
            </PostForm>
          )}
        </>
      )}

      {hasCase && (
        <>
          <h2 id="opfoelgninger">Opfølgninger</h2>
          <SectionErrors state={state} form="opfoelgning" />
          {(p.followUps ?? []).length > 0 ? (
            <div class="mb-table-wrap">
              <table class="table table--zebra mb-responsive">
                <caption class="sr-only">Opfølgninger</caption>
                <thead><tr><th scope="col">Dato</th><th scope="col">Art</th><th scope="col">Note</th></tr></thead>
                <tbody>
                  {(p.followUps ?? []).map((f) => (
                    <tr>
                      <td data-label="Dato">{dateDa(f.date)}</td>
                      <td data-label="Art">{labelOf(FOLLOW_UP_KIND_OPTIONS, f.kind)}</td>
                      <td data-label="Note">{f.note || '–'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : <p>Der er ikke registreret opfølgninger.</p>}
          {d.canCase && (
            <PostForm action={`${base}/opfoelgninger#opfoelgning-fejl`} formId="opfoelgning" csrf={csrf} title="Registrér opfølgning" submit="Gem opfølgning">
              <DateField {...fieldProps(state, 'opfoelgning', 'opfoelgning-dato')} label="Dato" required />
              <Select {...fieldProps(state, 'opfoelgning', 'opfoelgning-art')} label="Art" required placeholder="Vælg art" options={FOLLOW_UP_KIND_OPTIONS} />
              <TextArea {...fieldProps(state, 'opfoelgning', 'opfoelgning-note')} label="Note" rows={4} />
            </PostForm>
          )}
        </>
      )}

      {d.canAccessLog && (
        <>
          <h2 id="adgangslog">Adgangslog</h2>
          <p>Se, hvem der har brugt borgerens oplysninger, hvornår og hvorfor.</p>
          <p><a href={`${base}/adgangslog`}>Se adgangsloggen for {name}</a></p>
        </>
      )}
    </>
  );
}

async function showPerson(tools: WebTools, request: FastifyRequest, reply: FastifyReply, personId: string, status: number, state: FormState | null): Promise<FastifyReply> {
  const ctx = tools.ctx(request);
  const actor = ctx.actor;
  // One operation: authorizes on the loaded record and logs each person the page shows once.
  const { person, obligations, candidates, institutions } = await personCase(ctx, personId);
  const canCase = can(actor, 'case.write', personId) && person.activities !== undefined;
  const showChildren = person.enrolments !== undefined && (ageOn(person.birthDate, ctx.today) < 18 || actor.role === 'institution');
  const canChild = can(actor, 'child.write', personId) && showChildren;
  const pageCtx = tools.pageContext(request);
  const name = `${person.givenName} ${person.familyName}`;
  return tools.html(reply, status, page(state ? `Fejl: ${name}` : name, pageCtx, (
    <PersonPage person={person} today={ctx.today} csrf={pageCtx.csrf} canCase={canCase} canChild={canChild}
      canAccessLog={can(actor, 'accessLog.read', personId)} showCpr={seesMaskedCpr(actor.role)} obligations={obligations} candidates={candidates}
      institutions={institutions} showChildren={showChildren} state={state} />
  )));
}

// ---- The access log ------------------------------------------------------------------------

const ACTION_DA: Record<string, string> = { read: 'Læst', search: 'Fundet ved søgning', create: 'Oprettet', change: 'Ændret', export: 'Udtrukket', delete: 'Slettet' };
const RESOURCE_DA: Record<string, string> = {
  person: 'Borgerens oplysninger', household: 'Husstand', obligations: 'Forpligtelser', 'access-log': 'Adgangslog', worklist: 'Arbejdsliste',
  'person-search': 'Søgning', visitation: 'Visitationssamtale', contract: 'Integrationskontrakt', 'contact-person': 'Fast kontaktperson',
  activity: 'Aktivitet', conversation: 'Samtale', enrolment: 'Indskrivning', 'language-assessment': 'Sprogvurdering', 'follow-up': 'Opfølgning',
};

type LogEntry = Awaited<ReturnType<typeof personAccessLog>>['entries'][number];

function LogTable({ entries }: { entries: LogEntry[] }) {
  const staffView = entries.some((e) => e.at !== undefined);
  return (
    <div class="mb-table-wrap">
      <table class="table table--zebra mb-responsive">
        <caption class="sr-only">Adgangslog, nyeste først</caption>
        <thead>
          <tr>
            <th scope="col">Tidspunkt</th><th scope="col">Handling</th><th scope="col">Formål</th>
            {staffView && <><th scope="col">Bruger</th><th scope="col">Rolle</th><th scope="col">Ressource</th></>}
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr>
              <td data-label="Tidspunkt">{e.at !== undefined ? <TimeDa iso={e.at} /> : dateDa(e.date)}</td>
              <td data-label="Handling">{ACTION_DA[e.action] ?? e.action}</td>
              <td data-label="Formål">{e.purpose}</td>
              {staffView && (
                <>
                  <td data-label="Bruger">{e.user ?? '–'}</td>
                  <td data-label="Rolle">{e.role ? roleDa(e.role) : '–'}</td>
                  <td data-label="Ressource">{e.resource ? RESOURCE_DA[e.resource] ?? e.resource : '–'}{e.criterion ? <div class="form-hint">{e.criterion}</div> : null}</td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

// ---- Routes --------------------------------------------------------------------------------

export async function caseRoutes(app: FastifyInstance, tools: WebTools): Promise<void> {
  app.get('/borgere/:id', async (request, reply) => showPerson(tools, request, reply, personIdOf(request), 200, null));

  app.get('/borgere/:id/adgangslog', async (request, reply) => {
    const id = personIdOf(request);
    const ctx = tools.ctx(request);
    const code = ctx.actor.municipalityCode;
    const log = await personAccessLog(ctx, code, id); // authorizes; the reading of the log is itself logged
    const name = `${log.name.givenName} ${log.name.familyName}`;
    return tools.html(reply, 200, page(`Adgangslog for ${name}`, tools.pageContext(request), (
      <>
        <h1>Adgangslog for {name}</h1>
        <p>Hver gang nogen læser, søger efter eller ændrer borgerens oplysninger, registreres det her med formålet. Nyeste først.</p>
        <p><a href={`/borgere/${id}`}>Tilbage til {name}</a></p>
        {log.truncated && <p>Viser de seneste {log.entries.length} registreringer.</p>}
        {log.entries.length > 0 ? <LogTable entries={log.entries} /> : <p>Ingen registreringer.</p>}
      </>
    )));
  });

  for (const def of FORMS) {
    app.post(`/borgere/:id/${def.path}`, async (request, reply) => {
      tools.checkCsrf(request);
      const id = personIdOf(request);
      const ctx = tools.ctx(request);
      const values = formValues(request.body, def);
      const ifMatch = def.versioned && /^\d{1,9}$/.test(values.version ?? '') ? `"${values.version}"` : undefined;
      const again = (status: number, errors: FieldError[], conflict = false) =>
        showPerson(tools, request, reply, id, status, { form: def.key, values, conflict, ...withSummary(def.fields, errors) });
      try {
        const invalid = await def.submit(ctx, id, values, ifMatch);
        if (invalid) return again(400, invalid);
      } catch (err) {
        if (err instanceof UnprocessableError) return again(422, serviceErrors(def.fields, err));
        if (err instanceof PreconditionFailedError || err instanceof PreconditionRequiredError) {
          return again(err.status, [{ field: def.fields[0]!.id, message: errorMessage(err.code) }], true);
        }
        throw err;
      }
      return reply.redirect(`/borgere/${id}#${def.section}`, 303);
    });
  }
}
