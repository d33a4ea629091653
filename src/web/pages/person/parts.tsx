// What the person page's sections share: the page's data, the form building blocks (a field with
// the rejected form's value and error, the section's error summary, the POST form, the saved
// record after a conflict), and Danish number, date and time forms.
import type { ComponentChildren } from 'preact';
import type { Obligation } from '../../../domain/obligations.js';
import type { personCase } from '../../../services/person-case.js';
import { Csrf, ErrorSummary } from '../../components.js';
import { errorFor, FormField, type FieldPresentation } from '../../forms.js';
import { fieldOf, type FormKey, type FormState } from './forms.js';

export type PersonCase = Awaited<ReturnType<typeof personCase>>['person'];
/** The person's outcome records; null for a role that does not see the case. */
export type PersonOutcomes = Awaited<ReturnType<typeof personCase>>['outcomes'];

export interface PageData {
  person: PersonCase;
  today: string;
  csrf: string;
  canCase: boolean;
  canChild: boolean;
  canAccessLog: boolean;
  /** whether the role reads the household's facts for placement (income, needs, wishes) */
  canHouseholdFacts?: boolean;
  /** whether the role sees the (masked) CPR number at all */
  showCpr: boolean;
  obligations: Obligation[] | null;
  candidates: { id: string; name: string; role: string }[];
  institutions: { id: string; name: string; kind: string }[];
  showChildren: boolean;
  outcomes: PersonOutcomes;
  /** The appointments and proposals (appointments.tsx); null for a role that does not see the case. */
  appointments: Awaited<ReturnType<typeof personCase>>['appointments'];
  /** The attachments (attachments.tsx); null for a role that does not see the case. */
  attachments: Awaited<ReturnType<typeof personCase>>['attachments'];
  /** The case's closure (null while open, or for a role that does not read the obligations). */
  closure: Awaited<ReturnType<typeof personCase>>['closure'];
  state: FormState | null;
  /** the page opened right after the household was registered (?registreret=1): show what to do next */
  registered?: boolean;
}

/** A form's field: what the user typed after a rejected form (with its error), else the saved value. */
export function Field({
  state,
  form,
  id,
  saved,
  ...shown
}: FieldPresentation & {
  state: FormState | null;
  form: FormKey;
  id: string;
  saved?: string | number | null | undefined;
}) {
  const mine = state?.form === form;
  const value = mine ? (state.values[id] ?? '') : (saved ?? '');
  return (
    <FormField
      field={fieldOf(form, id)}
      value={value}
      error={mine ? errorFor(state.errors, id) : undefined}
      {...shown}
    />
  );
}

/**
 * The error summary at the top of the form's section. The form's action ends in #<form>-fejl, so
 * that the page shown again after a rejected POST opens here even without JavaScript (and the
 * browser's fragment focus lands on the summary, not on the page).
 */
export function SectionErrors({ state, form }: { state: FormState | null; form: FormKey }) {
  if (state?.form !== form) return null;
  return (
    <div id={`${form}-fejl`} tabIndex={-1} class="mb-error-anchor">
      <ErrorSummary errors={state.summary} />
    </div>
  );
}

export function PostForm({
  action,
  formId,
  title,
  csrf,
  version,
  submit,
  children,
}: {
  action: string;
  formId: string;
  title: string;
  csrf: string;
  version?: string | undefined;
  submit: string;
  children: ComponentChildren;
}) {
  return (
    <form method="post" action={action} noValidate aria-labelledby={`${formId}-titel`} class="mb-form">
      <h3 id={`${formId}-titel`}>{title}</h3>
      <Csrf token={csrf} />
      {version !== undefined && <input type="hidden" name="version" value={version} />}
      {children}
      <div class="form-group">
        <button type="submit" class="button button-primary">
          {submit}
        </button>
      </div>
    </form>
  );
}

/** The version the form was opened with: the user's own after a rejected input, the current after a conflict. */
export function versionFor(state: FormState | null, key: FormKey, current: number | null | undefined): string {
  if (state?.form === key && !state.conflict) return state.values.version ?? '';
  return current === null || current === undefined ? '' : String(current);
}

/** After a conflict: what is saved now, above the form the user can correct. */
export function SavedNote({
  state,
  form,
  children,
}: {
  state: FormState | null;
  form: FormKey;
  children: ComponentChildren;
}) {
  if (!(state?.form === form && state.conflict)) return null;
  return (
    <div class="mb-saved">
      <h3>Gemte oplysninger</h3>
      {children}
    </div>
  );
}

export function activeOn(a: { startDate: string; endDate: string | null }, on: string): boolean {
  return a.startDate <= on && (a.endDate === null || a.endDate >= on);
}

/** Hours in Danish notation: 22.5 → "22,5". */
export function hoursDa(n: number): string {
  return String(Math.round(n * 100) / 100).replace('.', ',');
}

/** ISO dates inside a text (the engine's evidence and reasons) in Danish form. */
export function datesInTextDa(text: string): string {
  return text.replace(/\b(\d{4})-(\d{2})-(\d{2})\b/g, (_, y: string, m: string, d: string) => `${d}.${m}.${y}`);
}

/** A moment as Danish date and time in Denmark: "03.03.2026 kl. 14.05". */
export function TimeDa({ iso }: { iso: string }) {
  const d = new Date(iso);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Copenhagen',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    })
      .formatToParts(d)
      .map((p) => [p.type, p.value]),
  );
  return <time dateTime={iso}>{`${parts.day}.${parts.month}.${parts.year} kl. ${parts.hour}.${parts.minute}`}</time>;
}
