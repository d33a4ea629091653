// The person page's forms: one per case record, each with its fields (the form kit's definitions),
// the schema the API validates with, and the service call that saves it.
import type { z } from 'zod';
import {
  ActivitySchema,
  ContactPersonSchema,
  ContractSchema,
  ConversationSchema,
  EnrolmentSchema,
  FollowUpSchema,
  LanguageAssessmentSchema,
  VisitationSchema,
} from '../../../services/inputs.js';
import * as records from '../../../services/case-records.js';
import type { Ctx } from '../../../services/context.js';
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
  | 'opfoelgning';

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
    save: (
      ctx: Ctx,
      code: string,
      personId: string,
      input: z.output<S>,
      ifMatch: string | undefined,
    ) => Promise<unknown>;
  },
): FormDef {
  const { schema, save, ...rest } = def;
  return {
    ...rest,
    async submit(ctx, personId, values, ifMatch) {
      const parsed = schema.safeParse(toApi(def.fields, values));
      if (!parsed.success) return zodErrors(def.fields, values, parsed.error.issues);
      await save(ctx, ctx.actor.municipalityCode, personId, parsed.data, ifMatch);
      return null;
    },
  };
}

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
];

/** A field of a form, by its id (a typo is an error at render time, never a silently missing field). */
export function fieldOf(form: FormKey, id: string): FieldDef {
  const field = FORMS.find((f) => f.key === form)?.fields.find((f) => f.id === id);
  if (!field) throw new RangeError(`no field ${id} in the form ${form}`);
  return field;
}
