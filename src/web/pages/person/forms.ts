// The person page's forms: one per case record and outcome record (and one to end a labour-market
// period), each with its fields (the form kit's definitions), the schema the API validates with,
// and the service call that saves it.
import { z } from 'zod';
import {
  ActivitySchema,
  CaseClosureSchema,
  ChangeReason,
  ContactPersonSchema,
  ContractSchema,
  ConversationSchema,
  EnrolmentSchema,
  FollowUpSchema,
  Id,
  isoDate,
  LanguageAssessmentSchema,
  NewHouseholdMemberSchema,
  ReceptionStepSchema,
  VisitationSchema,
} from '../../../services/inputs.js';
import * as records from '../../../services/case-records.js';
import { addHouseholdMember } from '../../../services/household-members.js';
import * as closures from '../../../services/closures.js';
import type { Ctx } from '../../../services/context.js';
import {
  DanishEducationSchema,
  DanishTestSchema,
  EducationCompletedSchema,
  LabourMarketPeriodSchema,
} from '../../../services/outcome-inputs.js';
import * as outcomes from '../../../services/outcomes.js';
import type { FieldError } from '../../components.js';
import { toApi, zodErrors, type FieldDef, type FormError, type FormValues } from '../../forms.js';

export type FormKey =
  | 'visitation'
  | 'kontrakt'
  | 'kontaktperson'
  | 'aktivitet'
  | 'samtale'
  | 'indskrivning'
  | 'sprogvurdering'
  | 'opfoelgning'
  | 'modtagelse'
  | 'familiemedlem'
  | 'beskaeftigelse'
  | 'afslut-periode'
  | 'uddannelse'
  | 'danskuddannelse'
  | 'proeve'
  // appointments.tsx and attachments.tsx, with their own fields
  | 'aftale'
  | 'bilag'
  | 'afslut-sag'
  | 'fortryd-afslutning';

/** A rejected form, shown again. */
export interface FormState {
  form: FormKey;
  values: FormValues;
  /** Inline messages, by field id. */
  errors: FieldError[];
  /** The same errors as the summary lists them (a general message names its field). */
  summary: FieldError[];
  conflict: boolean;
}

export interface FormDef {
  key: FormKey;
  /** POST /borgere/:id/<path> */
  path: string;
  /** The section's heading id: the anchor to return to. */
  section: string;
  fields: FieldDef[];
  versioned: boolean;
  /** Validates and saves; the errors when the input does not have the API's shape. */
  submit(ctx: Ctx, personId: string, values: FormValues, ifMatch: string | undefined): Promise<FormError[] | null>;
}

function defineForm<S extends z.ZodType>(
  def: Omit<FormDef, 'submit'> & {
    schema: S;
    /** The form's strings in the API's shape, adapted where a field is not the API's own type (a choice for a boolean …). */
    adapt?: (api: Record<string, unknown>, values: FormValues) => Record<string, unknown>;
    save: (
      ctx: Ctx,
      code: string,
      personId: string,
      input: z.output<S>,
      ifMatch: string | undefined,
    ) => Promise<unknown>;
  },
): FormDef {
  const { schema, save, adapt, ...rest } = def;
  return {
    ...rest,
    async submit(ctx, personId, values, ifMatch) {
      const api = toApi(def.fields, values);
      const parsed = schema.safeParse(adapt ? adapt(api, values) : api);
      if (!parsed.success) return zodErrors(def.fields, values, parsed.error.issues);
      await save(ctx, ctx.actor.municipalityCode, personId, parsed.data, ifMatch);
      return null;
    },
  };
}

// ---- Outcome records -------------------------------------------------------------------------

/**
 * The choice of a period to end: its id and the version the form was shown with, so that ending
 * a period changed since (in another tab, by a colleague, by an import) is refused as a conflict
 * (If-Match) instead of overwriting what was saved.
 */
export function periodChoice(period: { id: string; version: number }): string {
  return `${period.id}:${String(period.version)}`;
}
const PERIOD_CHOICE = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}):(\d{1,9})$/i;
const EndPeriodForm = z.object({ period: z.string().regex(PERIOD_CHOICE), to: isoDate }).strict();

/** A choice for a boolean of the API: the value of `yes`, `no` or left out. */
function chosenBoolean(api: Record<string, unknown>, key: string, yes: string, no: string): Record<string, unknown> {
  const { [key]: chosen, ...rest } = api;
  return chosen === yes ? { ...rest, [key]: true } : chosen === no ? { ...rest, [key]: false } : rest;
}

/** The forms of the outcome records (src/services/outcomes.ts). */
const OUTCOME_FORMS: readonly FormDef[] = [
  defineForm({
    key: 'beskaeftigelse',
    path: 'beskaeftigelse',
    section: 'beskaeftigelse',
    versioned: false,
    schema: LabourMarketPeriodSchema,
    fields: [
      {
        id: 'beskaeftigelse-status',
        pointer: '/kind',
        label: 'Beskæftigelsesstatus',
        kind: 'select',
        required: true,
      },
      { id: 'beskaeftigelse-fra', pointer: '/from', label: 'Fra dato', kind: 'date', required: true },
      { id: 'beskaeftigelse-til', pointer: '/to', label: 'Til dato', kind: 'date' },
      {
        id: 'beskaeftigelse-timer',
        pointer: '/hoursPerWeek',
        label: 'Timer pr. uge',
        kind: 'hours',
        invalid: 'Skriv timer pr. uge som et tal fra 0 til 80 i halve timer',
      },
      { id: 'beskaeftigelse-ydelse', pointer: '/benefit', label: 'Ydelse', kind: 'select' },
      { id: 'beskaeftigelse-uddannelse', pointer: '/educationKind', label: 'Uddannelsens art', kind: 'select' },
    ],
    // Hours are optional here (paid work only): an empty field is left out, not a number to check.
    adapt: (api, values) => {
      if ((values['beskaeftigelse-timer'] ?? '').trim() !== '') return api;
      const { hoursPerWeek: _none, ...rest } = api;
      return rest;
    },
    save: (ctx, code, id, input) => outcomes.addLabourMarketPeriod(ctx, code, id, input),
  }),
  defineForm({
    key: 'afslut-periode',
    path: 'beskaeftigelse/afslut',
    section: 'beskaeftigelse',
    versioned: false,
    schema: EndPeriodForm,
    fields: [
      { id: 'afslut-periode-periode', pointer: '/period', label: 'Periode', kind: 'select', required: true },
      { id: 'afslut-periode-til', pointer: '/to', label: 'Sidste dag i perioden', kind: 'date', required: true },
    ],
    save: (ctx, code, id, input) => {
      const [, periodId = '', version = ''] = PERIOD_CHOICE.exec(input.period) ?? [];
      return outcomes.endPeriod(ctx, code, id, periodId.toLowerCase(), `"${version}"`, { to: input.to });
    },
  }),
  defineForm({
    key: 'uddannelse',
    path: 'uddannelser',
    section: 'beskaeftigelse',
    versioned: false,
    schema: EducationCompletedSchema,
    fields: [
      { id: 'uddannelse-art', pointer: '/kind', label: 'Uddannelse', kind: 'select', required: true },
      { id: 'uddannelse-dato', pointer: '/completedOn', label: 'Gennemført dato', kind: 'date', required: true },
      {
        id: 'uddannelse-sted',
        pointer: '/inDenmark',
        label: 'Hvor er uddannelsen taget?',
        kind: 'select',
        required: true,
        invalid: 'Vælg, hvor uddannelsen er taget',
      },
    ],
    adapt: (api) => chosenBoolean(api, 'inDenmark', 'in_denmark', 'abroad'),
    save: (ctx, code, id, input) => outcomes.addEducationCompleted(ctx, code, id, input),
  }),
  defineForm({
    key: 'danskuddannelse',
    path: 'danskuddannelser',
    section: 'danskuddannelse',
    versioned: false,
    schema: DanishEducationSchema,
    fields: [
      { id: 'danskuddannelse-spor', pointer: '/track', label: 'Danskuddannelse', kind: 'select', required: true },
      { id: 'danskuddannelse-henvist', pointer: '/referredOn', label: 'Henvist dato', kind: 'date', required: true },
      {
        id: 'danskuddannelse-mulig-start',
        pointer: '/startPossibleOn',
        label: 'Første mulige startdato',
        kind: 'date',
      },
      { id: 'danskuddannelse-start', pointer: '/startedOn', label: 'Startdato', kind: 'date' },
      { id: 'danskuddannelse-modul', pointer: '/module', label: 'Modul', kind: 'select' },
      { id: 'danskuddannelse-slut', pointer: '/endedOn', label: 'Slutdato', kind: 'date' },
    ],
    adapt: (api) => (typeof api.module === 'string' ? { ...api, module: Number(api.module) } : api),
    save: (ctx, code, id, input) => outcomes.addDanishEducation(ctx, code, id, input),
  }),
  defineForm({
    key: 'proeve',
    path: 'proever',
    section: 'proever',
    versioned: false,
    schema: DanishTestSchema,
    fields: [
      { id: 'proeve-art', pointer: '/test', label: 'Prøve', kind: 'select', required: true },
      { id: 'proeve-dato', pointer: '/takenOn', label: 'Dato for prøven', kind: 'date', required: true },
      { id: 'proeve-resultat', pointer: '/passed', label: 'Resultat', kind: 'select', required: true },
    ],
    adapt: (api) => chosenBoolean(api, 'passed', 'passed', 'failed'),
    save: (ctx, code, id, input) => outcomes.addDanishTest(ctx, code, id, input),
  }),
];

export const FORMS: readonly FormDef[] = [
  defineForm({
    key: 'visitation',
    path: 'visitation',
    section: 'visitation',
    versioned: true,
    schema: VisitationSchema,
    fields: [
      { id: 'visitation-dato', pointer: '/heldOn', label: 'Dato for samtalen', kind: 'date', required: true },
      { id: 'visitation-ressourcer', pointer: '/resources', label: 'Ressourcer', kind: 'text' },
      { id: 'visitation-kvalifikationer', pointer: '/qualifications', label: 'Kvalifikationer', kind: 'text' },
      { id: 'visitation-oensker', pointer: '/wishes', label: 'Ønsker', kind: 'text' },
      { id: 'visitation-udfordringer', pointer: '/challenges', label: 'Udfordringer', kind: 'text' },
    ],
    save: (ctx, code, id, input, ifMatch) => records.putVisitation(ctx, code, id, ifMatch, input),
  }),
  defineForm({
    key: 'kontrakt',
    path: 'kontrakt',
    section: 'kontrakt',
    versioned: true,
    schema: ContractSchema,
    fields: [
      { id: 'kontrakt-maal', pointer: '/goal', label: 'Mål', kind: 'line', required: true },
      { id: 'kontrakt-maaltype', pointer: '/goalKind', label: 'Måltype', kind: 'select', required: true },
      { id: 'kontrakt-underskrevet', pointer: '/signedOn', label: 'Underskrevet dato', kind: 'date' },
    ],
    save: (ctx, code, id, input, ifMatch) => records.putContract(ctx, code, id, ifMatch, input),
  }),
  defineForm({
    key: 'kontaktperson',
    path: 'kontaktperson',
    section: 'kontaktperson',
    versioned: true,
    schema: ContactPersonSchema,
    fields: [
      { id: 'kontaktperson-bruger', pointer: '/userId', label: 'Kontaktperson', kind: 'select', required: true },
      { id: 'kontaktperson-fra', pointer: '/fromDate', label: 'Fra dato', kind: 'date' },
    ],
    save: (ctx, code, id, input, ifMatch) => records.putContactPerson(ctx, code, id, ifMatch, input),
  }),
  defineForm({
    key: 'aktivitet',
    path: 'aktiviteter',
    section: 'aktiviteter',
    versioned: false,
    schema: ActivitySchema,
    fields: [
      { id: 'aktivitet-art', pointer: '/kind', label: 'Art', kind: 'select', required: true },
      { id: 'aktivitet-startdato', pointer: '/startDate', label: 'Startdato', kind: 'date', required: true },
      { id: 'aktivitet-slutdato', pointer: '/endDate', label: 'Slutdato', kind: 'date' },
      { id: 'aktivitet-timer', pointer: '/hoursPerWeek', label: 'Timer pr. uge', kind: 'hours', required: true },
      { id: 'aktivitet-udbyder', pointer: '/provider', label: 'Udbyder', kind: 'line' },
    ],
    save: (ctx, code, id, input) => records.addActivity(ctx, code, id, input),
  }),
  defineForm({
    key: 'samtale',
    path: 'samtaler',
    section: 'samtaler',
    versioned: false,
    schema: ConversationSchema,
    fields: [
      { id: 'samtale-dato', pointer: '/date', label: 'Dato', kind: 'date', required: true },
      { id: 'samtale-art', pointer: '/kind', label: 'Art', kind: 'select', required: true },
      {
        id: 'samtale-repatriering',
        pointer: '/repatriationGuidance',
        label: 'Der er givet vejledning om repatriering',
        kind: 'checkbox',
      },
      { id: 'samtale-repatriering-note', pointer: '/repatriationNote', label: 'Note om repatriering', kind: 'text' },
      { id: 'samtale-tolk', pointer: '/interpreterLanguage', label: 'Tolkesprog', kind: 'select' },
      { id: 'samtale-note', pointer: '/note', label: 'Note', kind: 'text' },
    ],
    save: (ctx, code, id, input) => records.addConversation(ctx, code, id, input),
  }),
  defineForm({
    key: 'indskrivning',
    path: 'indskrivninger',
    section: 'indskrivninger',
    versioned: false,
    schema: EnrolmentSchema,
    fields: [
      { id: 'indskrivning-art', pointer: '/kind', label: 'Art', kind: 'select', required: true },
      { id: 'indskrivning-startdato', pointer: '/startDate', label: 'Startdato', kind: 'date', required: true },
      { id: 'indskrivning-slutdato', pointer: '/endDate', label: 'Slutdato', kind: 'date' },
      { id: 'indskrivning-institution', pointer: '/institutionId', label: 'Institution', kind: 'select' },
    ],
    save: (ctx, code, id, input) => records.addEnrolment(ctx, code, id, input),
  }),
  defineForm({
    key: 'sprogvurdering',
    path: 'sprogvurderinger',
    section: 'sprogvurderinger',
    versioned: false,
    schema: LanguageAssessmentSchema,
    fields: [
      { id: 'sprogvurdering-dato', pointer: '/assessedOn', label: 'Dato', kind: 'date', required: true },
      { id: 'sprogvurdering-resultat', pointer: '/result', label: 'Resultat', kind: 'select', required: true },
      { id: 'sprogvurdering-note', pointer: '/note', label: 'Note', kind: 'text' },
    ],
    save: (ctx, code, id, input) => records.addLanguageAssessment(ctx, code, id, input),
  }),
  defineForm({
    key: 'opfoelgning',
    path: 'opfoelgninger',
    section: 'opfoelgninger',
    versioned: false,
    schema: FollowUpSchema,
    fields: [
      { id: 'opfoelgning-dato', pointer: '/date', label: 'Dato', kind: 'date', required: true },
      { id: 'opfoelgning-art', pointer: '/kind', label: 'Art', kind: 'select', required: true },
      { id: 'opfoelgning-note', pointer: '/note', label: 'Note', kind: 'text' },
    ],
    save: (ctx, code, id, input) => records.addFollowUp(ctx, code, id, input),
  }),
  defineForm({
    key: 'modtagelse',
    path: 'modtagelse',
    section: 'modtagelse',
    versioned: false,
    schema: ReceptionStepSchema,
    fields: [
      { id: 'modtagelse-trin', pointer: '/kind', label: 'Trin', kind: 'select', required: true },
      { id: 'modtagelse-dato', pointer: '/date', label: 'Dato', kind: 'date', required: true },
      { id: 'modtagelse-note', pointer: '/note', label: 'Note', kind: 'text' },
    ],
    save: (ctx, code, id, input) => records.addReceptionStep(ctx, code, id, input),
  }),
  defineForm({
    key: 'familiemedlem',
    path: 'husstand/medlemmer',
    section: 'husstand',
    versioned: false,
    // The household is the page's own (a hidden field); a household the user's work does not reach is not found.
    schema: NewHouseholdMemberSchema.extend({ householdId: Id }),
    fields: [
      { id: 'familiemedlem-husstand', pointer: '/householdId', label: 'Husstand', kind: 'line', required: true },
      { id: 'familiemedlem-fornavn', pointer: '/givenName', label: 'Fornavn', kind: 'line', required: true },
      { id: 'familiemedlem-efternavn', pointer: '/familyName', label: 'Efternavn', kind: 'line', required: true },
      {
        id: 'familiemedlem-foedselsdato',
        pointer: '/birthDate',
        label: 'Fødselsdato',
        kind: 'date',
        required: true,
        invalid: 'Skriv fødselsdatoen som en gyldig dato',
      },
      { id: 'familiemedlem-koen', pointer: '/sex', label: 'Køn', kind: 'select', required: true },
      {
        id: 'familiemedlem-cpr',
        pointer: '/cpr',
        label: 'CPR-nummer eller erstatningsnummer',
        kind: 'line',
        invalid: 'CPR-nummeret skal have formen DDMMÅÅ-XXXX med en gyldig dato',
      },
      {
        id: 'familiemedlem-relation',
        pointer: '/relation',
        label: 'Relation til hovedpersonen',
        kind: 'select',
        required: true,
      },
      {
        id: 'familiemedlem-opholdsgrundlag',
        pointer: '/residenceBasis',
        label: 'Opholdsgrundlag',
        kind: 'select',
        required: true,
      },
      { id: 'familiemedlem-land', pointer: '/countryOfOrigin', label: 'Oprindelsesland', kind: 'select' },
      { id: 'familiemedlem-sprog', pointer: '/languages', label: 'Sprog', kind: 'select', list: true },
      { id: 'familiemedlem-ankomst', pointer: '/arrivalDate', label: 'Ankomstdato', kind: 'date' },
      {
        id: 'familiemedlem-afgoerelse',
        pointer: '/decisionDate',
        label: 'Dato for visitationsafgørelsen',
        kind: 'date',
      },
      { id: 'familiemedlem-overtagelse', pointer: '/takeoverDate', label: 'Overtagelsesdato', kind: 'date' },
      {
        id: 'familiemedlem-samtykke',
        pointer: '/consent',
        label: 'Borgeren har givet samtykke til en tidligere overtagelse',
        kind: 'checkbox',
      },
      { id: 'familiemedlem-program', pointer: '/program', label: 'Program', kind: 'select' },
    ],
    save: (ctx, code, _id, { householdId, ...input }) => addHouseholdMember(ctx, code, householdId, input),
  }),
  ...OUTCOME_FORMS,
  // The case's closure (closure.tsx): close it, or undo a wrong closure with a reason and its version.
  defineForm({
    key: 'afslut-sag',
    path: 'afslut-sag',
    section: 'afslutning',
    versioned: false,
    schema: CaseClosureSchema,
    fields: [
      { id: 'afslutning-dato', pointer: '/date', label: 'Sagens sidste dag', kind: 'date', required: true },
      { id: 'afslutning-aarsag', pointer: '/reason', label: 'Årsag', kind: 'select', required: true },
      { id: 'afslutning-kommune', pointer: '/movedToMunicipality', label: 'Flyttet til', kind: 'select' },
    ],
    save: (ctx, code, id, input) => closures.closeCase(ctx, code, id, input),
  }),
  defineForm({
    key: 'fortryd-afslutning',
    path: 'fortryd-afslutning',
    section: 'afslutning',
    versioned: true,
    schema: z.object({ reason: ChangeReason }).strict(),
    fields: [{ id: 'fortryd-begrundelse', pointer: '/reason', label: 'Begrundelse', kind: 'line', required: true }],
    save: (ctx, code, id, input, ifMatch) => closures.deleteClosure(ctx, code, id, ifMatch, input.reason),
  }),
];

/** A field of a form, by its id (a typo is an error at render time, never a silently missing field). */
export function fieldOf(form: FormKey, id: string): FieldDef {
  const field = FORMS.find((f) => f.key === form)?.fields.find((f) => f.id === id);
  if (!field) throw new RangeError(`no field ${id} in the form ${form}`);
  return field;
}
