// The form kit every page form uses: field definitions, reading a form body, the form's strings in
// the API's shape, the Danish inline errors and error summary for zod issues and for the service's
// field problems (by their typed code, never the English detail), and a field rendered with the
// components of components.tsx. Forms work without JavaScript: the page shows a rejected form
// again with the values typed, the summary at the top and each message at its field.
import type { HTMLAttributes } from 'preact';
import type { ErrorCode, UnprocessableError } from '../services/errors.js';
import { Checkbox, DateField, Select, TextArea, TextField, type FieldError } from './components.js';
import { errorMessage } from './error-messages.js';

export type FieldKind = 'date' | 'line' | 'text' | 'select' | 'hours' | 'checkbox';

export interface FieldDef {
  /** The input's id, unique on the page; the error summary links to it. */
  id: string;
  /** The input's name in the form body; the id when absent. */
  name?: string;
  /** Where the value goes in the API body (a JSON pointer, e.g. /heldOn or /members/1/cpr); the service's problems name it. */
  pointer: string;
  label: string;
  kind: FieldKind;
  required?: boolean;
  /** The API takes a list; the form offers one choice (a select). */
  list?: boolean;
  /** The message for a value without the API's shape, where the kind's message does not fit. */
  invalid?: string;
  /** Whose field it is, before the message in the error summary: "Medlem 2". */
  group?: string;
  /** Problems about these pointers (a whole part of the body, e.g. /members) are shown at this field too. */
  also?: readonly string[];
}

/** A form's strings by field id. */
export type FormValues = Record<string, string>;

/** An error at a field; `summary` is the summary's text when it says more than the inline message (whose field it is). */
export interface FormError extends FieldError {
  summary?: string;
}

const MAX_VALUE = 20_000;
const DATE_MESSAGE = 'Skriv en gyldig dato (dd.mm.åååå)';
const HOURS_MESSAGE = 'Skriv timer pr. uge som et tal fra 0,5 til 60 i halve timer';
/** Codes whose message does not say which field it is about: the summary puts the label first. */
const GENERAL_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['date.in_future', 'date.before_birth']);

/** A field's label inside a sentence ("Udfyld dato for samtalen"): labels are written capitalised. */
const labelInSentence = (label: string) => label.charAt(0).toLowerCase() + label.slice(1);

// ---- Reading the form ------------------------------------------------------------------------

/** One string of a form body (the first, when a name is sent twice); '' when absent. */
export function bodyString(body: unknown, name: string): string {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const v = b[name];
  const s = typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '';
  return s.slice(0, MAX_VALUE);
}

/** A field of a multipart form body read with attachFieldsToBody 'keyValues': a file's bytes as UTF-8 text, or the string; '' when absent. */
export function multipartString(body: unknown, name: string): string {
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  return typeof value === 'string' ? value : '';
}

/** The fields' strings from a form body, by field id. */
export function readValues(body: unknown, fields: readonly FieldDef[]): FormValues {
  return Object.fromEntries(fields.map((f) => [f.id, bodyString(body, f.name ?? f.id)]));
}

/** A date as typed: ISO (from a date input) or Danish dd.mm.åååå; '' when empty. */
function dateInput(raw: string): string {
  const t = raw.trim();
  const m = /^(\d{1,2})[.\-/ ](\d{1,2})[.\-/ ](\d{4})$/.exec(t);
  if (!m) return t;
  const [, day = '', month = '', year = ''] = m;
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

/** Hours as typed, with a Danish decimal comma accepted; NaN when not a number. */
function hoursInput(raw: string): number {
  const t = raw.trim().replace(',', '.');
  return /^\d{1,3}(\.\d{1,2})?$/.test(t) ? Number(t) : Number.NaN;
}

function segments(pointer: string): string[] {
  return pointer.split('/').slice(1);
}

function setAt(target: Record<string, unknown>, pointer: string, value: unknown): void {
  const keys = segments(pointer);
  let node = target as Record<string | number, unknown>;
  keys.forEach((k, i) => {
    const key = /^\d+$/.test(k) ? Number(k) : k;
    const next = keys[i + 1];
    if (next === undefined) {
      node[key] = value;
      return;
    }
    node[key] ??= /^\d+$/.test(next) ? [] : {};
    node = node[key] as Record<string | number, unknown>;
  });
}

/** The form's strings in the API's shape, each at its pointer; empty optional fields are left out. */
export function toApi(fields: readonly FieldDef[], values: FormValues): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const raw = values[f.id] ?? '';
    const empty = raw.trim() === '';
    let value: unknown;
    switch (f.kind) {
      case 'checkbox':
        value = raw === 'on';
        break;
      case 'hours':
        value = hoursInput(raw);
        break;
      case 'date':
        if (!empty || f.required) value = dateInput(raw);
        break;
      case 'select':
        if (!empty) value = raw.trim();
        break;
      case 'line':
        if (!empty || f.required) value = raw.trim();
        break;
      case 'text':
        if (!empty) value = raw.replace(/\r\n?/g, '\n');
        break;
    }
    if (value !== undefined) setAt(out, f.pointer, f.list ? [value] : value);
  }
  return out;
}

// ---- Errors ----------------------------------------------------------------------------------

/** A form's first field, where a problem about no field of its own is shown. */
function firstField(fields: readonly FieldDef[]): FieldDef {
  const first = fields[0];
  if (!first) throw new Error('A form has at least one field.');
  return first;
}

const isWithin = (pointer: string, field: string) => pointer === field || pointer.startsWith(`${field}/`);

/** The field a pointer is about: its own (the longest pointer containing it), else one that stands for it, else the first. */
function fieldAt(fields: readonly FieldDef[], pointer: string): { field: FieldDef; own: boolean } {
  const own = fields.filter((f) => isWithin(pointer, f.pointer)).sort((a, b) => b.pointer.length - a.pointer.length)[0];
  if (own) return { field: own, own: true };
  const standIn = fields.find((f) => f.also?.some((p) => isWithin(pointer, p)));
  return { field: standIn ?? firstField(fields), own: false };
}

function errorAt(field: FieldDef, own: boolean, message: string, general: boolean): FormError {
  const summary =
    own && field.group ? `${field.group}: ${message}` : general ? `${field.label}: ${message}` : undefined;
  return summary === undefined ? { field: field.id, message } : { field: field.id, message, summary };
}

interface IssueLike {
  path: PropertyKey[];
  code: string;
  maximum?: unknown;
}

/** The schema's issues (a value without the API's shape) as Danish messages, by the field's kind or its own message. */
export function zodErrors(fields: readonly FieldDef[], values: FormValues, issues: readonly IssueLike[]): FormError[] {
  return issues.map((issue) => {
    const { field: f, own } = fieldAt(fields, `/${issue.path.map(String).join('/')}`);
    const raw = values[f.id] ?? '';
    let message: string;
    let general = false;
    if (f.invalid !== undefined) message = f.invalid;
    else {
      switch (f.kind) {
        case 'date':
          general = raw.trim() !== '';
          message = general ? DATE_MESSAGE : `Udfyld ${labelInSentence(f.label)}`;
          break;
        case 'hours':
          message = HOURS_MESSAGE;
          break;
        case 'select':
          message = `Vælg ${labelInSentence(f.label)}`;
          break;
        case 'checkbox':
          message = `Vælg, om ${labelInSentence(f.label)}`;
          break;
        default:
          message =
            issue.code === 'too_small'
              ? `Udfyld ${labelInSentence(f.label)}`
              : issue.code === 'too_big'
                ? `${f.label} må højst fylde ${String(issue.maximum)} tegn`
                : `${f.label} indeholder tegn, der ikke kan gemmes`;
      }
    }
    return errorAt(f, own, message, general);
  });
}

/** Problems found by a check or a service (by JSON pointer and code) as Danish messages at the form's fields. */
export function problemErrors(
  fields: readonly FieldDef[],
  problems: readonly { pointer: string; code: ErrorCode }[],
): FormError[] {
  return problems.map((p) => {
    const { field, own } = fieldAt(fields, p.pointer);
    return errorAt(field, own, errorMessage(p.code), GENERAL_CODES.has(p.code));
  });
}

/** A service's refusal at the form's fields: its field problems, or its own code at the first field. The English detail is never read. */
export function serviceErrors(fields: readonly FieldDef[], err: UnprocessableError): FormError[] {
  return problemErrors(
    fields,
    err.problems.length > 0 ? err.problems : [{ pointer: firstField(fields).pointer, code: err.code }],
  );
}

/** A message about the whole form (a conflict), at its first field. */
export function formError(fields: readonly FieldDef[], code: ErrorCode): FormError {
  return errorAt(firstField(fields), false, errorMessage(code), GENERAL_CODES.has(code));
}

/** One error per field (the first found), in the order of the form; and the same errors as the summary lists them. */
export function formErrors(
  fields: readonly FieldDef[],
  errors: readonly FormError[],
): { errors: FieldError[]; summary: FieldError[] } {
  const order = (e: FieldError) => fields.findIndex((f) => f.id === e.field);
  const seen = new Set<string>();
  const unique = errors.filter((e) => !seen.has(e.field) && seen.add(e.field)).sort((a, b) => order(a) - order(b));
  return {
    errors: unique.map((e) => ({ field: e.field, message: e.message })),
    summary: unique.map((e) => ({ field: e.field, message: e.summary ?? e.message })),
  };
}

/** The inline message at a field, if any. */
export function errorFor(errors: readonly FieldError[], id: string): string | undefined {
  return errors.find((e) => e.field === id)?.message;
}

// ---- Rendering -------------------------------------------------------------------------------

export interface FieldPresentation {
  hint?: string;
  /** select: the choices, [value, label] */
  options?: readonly (readonly [string, string])[];
  placeholder?: string;
  /** text: the textarea's rows */
  rows?: number;
  inputMode?: HTMLAttributes['inputMode'];
  width?: string;
}

/** A field as its kind renders it, with its label, whether it is required, its value and its inline error. */
export function FormField({
  field,
  value,
  error,
  ...shown
}: FieldPresentation & {
  field: FieldDef;
  value?: string | number | null | undefined;
  error?: string | undefined;
}) {
  const name = field.name ? { name: field.name } : {};
  const common = {
    id: field.id,
    label: field.label,
    value,
    error,
    ...name,
    ...(field.required ? { required: true } : {}),
  };
  const hint = shown.hint === undefined ? {} : { hint: shown.hint };
  switch (field.kind) {
    case 'date':
      return <DateField {...common} {...hint} />;
    case 'text':
      return <TextArea {...common} {...hint} {...(shown.rows === undefined ? {} : { rows: shown.rows })} />;
    case 'select': {
      const placeholder = shown.placeholder === undefined ? {} : { placeholder: shown.placeholder };
      return <Select {...common} {...hint} options={shown.options ?? []} {...placeholder} />;
    }
    case 'checkbox':
      return <Checkbox id={field.id} {...name} label={field.label} checked={value === 'on'} />;
    case 'line':
    case 'hours': {
      const input = {
        ...(shown.inputMode === undefined ? {} : { inputMode: shown.inputMode }),
        ...(shown.width === undefined ? {} : { width: shown.width }),
      };
      return <TextField {...common} {...hint} {...input} />;
    }
  }
}
