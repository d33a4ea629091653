// Register an arriving household: members, relations, residence basis, arrival and takeover
// dates, languages, CPR or replacement number. Members are added and removed with buttons that
// re-render the form on the server, so it works without JavaScript. Errors appear in the error
// summary and at each field.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  COUNTRY_DA,
  LANGUAGE_DA,
  OFFERED_COUNTRIES,
  optionsDa,
  RELATION_DA,
  RESIDENCE_BASIS_DA,
  SEX_DA,
  type OfferedLanguage,
} from '../../domain/glossary.js';
import { checkNewHousehold, HOUSEHOLD_RELATIONS, RESIDENCE_BASES, SEXES } from '../../domain/model.js';
import { NewHouseholdSchema } from '../../services/inputs.js';
import { ForbiddenError, UnprocessableError } from '../../services/errors.js';
import { can } from '../../domain/authorization.js';
import { registerHousehold } from '../../services/persons.js';
import { Checkbox, Csrf, ErrorSummary, page, type FieldError } from '../components.js';
import {
  bodyString,
  errorFor,
  FormField,
  formErrors,
  problemErrors,
  readValues,
  serviceErrors,
  toApi,
  zodErrors,
  type FieldDef,
  type FormValues,
} from '../forms.js';
import type { WebTools } from '../tools.js';

export const COUNTRIES = optionsDa(OFFERED_COUNTRIES, COUNTRY_DA);
/** The languages the form offers, in the form's order (Danish is not offered for an arriving member). */
const MEMBER_LANGUAGES: readonly OfferedLanguage[] = [
  'ar',
  'prs',
  'en',
  'fa',
  'fr',
  'ku',
  'ps',
  'ru',
  'so',
  'sw',
  'ti',
  'tr',
  'uk',
];
export const LANGUAGES = optionsDa(MEMBER_LANGUAGES, LANGUAGE_DA);

const MAX_MEMBERS = 30;

const HOUSEHOLD_FIELDS: readonly FieldDef[] = [
  {
    id: 'takeoverDate',
    pointer: '/takeoverDate',
    label: 'Overtagelsesdato',
    kind: 'date',
    required: true,
    invalid: 'Skriv overtagelsesdatoen som en gyldig dato',
  },
  {
    id: 'arrivalDate',
    pointer: '/arrivalDate',
    label: 'Ankomstdato',
    kind: 'date',
    invalid: 'Skriv ankomstdatoen som en gyldig dato',
  },
];

/** The fields of member i (0-based): ids m0-givenName, names m0_givenName, at /members/0/givenName. */
function memberFields(i: number): FieldDef[] {
  const group = `Medlem ${i + 1}`;
  const field = (
    key: string,
    label: string,
    kind: FieldDef['kind'],
    invalid: string,
    more: Partial<FieldDef> = {},
  ): FieldDef => ({
    id: `m${i}-${key}`,
    name: `m${i}_${key}`,
    pointer: `/members/${i}/${key}`,
    label,
    kind,
    invalid,
    group,
    ...more,
  });
  return [
    field('givenName', 'Fornavn', 'line', 'Skriv fornavn', { required: true }),
    field('familyName', 'Efternavn', 'line', 'Skriv efternavn', { required: true }),
    field('birthDate', 'Fødselsdato', 'date', 'Skriv fødselsdatoen som en gyldig dato', { required: true }),
    field('sex', 'Køn', 'select', 'Vælg køn', { required: true }),
    field(
      'cpr',
      'CPR-nummer eller erstatningsnummer',
      'line',
      'CPR-nummeret skal have formen DDMMÅÅ-XXXX med en gyldig dato',
    ),
    // A problem of the household as a whole (its head, its spouse) is shown at the first member's relation.
    field('relation', 'Relation til hovedpersonen', 'select', 'Vælg relation til hovedpersonen', {
      required: true,
      ...(i === 0 ? { also: ['/members'] } : {}),
    }),
    field('residenceBasis', 'Opholdsgrundlag', 'select', 'Vælg opholdsgrundlag', { required: true }),
    field('countryOfOrigin', 'Oprindelsesland', 'select', 'Vælg et land fra listen'),
    field('language', 'Sprog', 'select', 'Vælg et sprog fra listen', {
      pointer: `/members/${i}/languages`,
      list: true,
    }),
  ];
}

function formFields(memberCount: number): FieldDef[] {
  return [...HOUSEHOLD_FIELDS, ...Array.from({ length: memberCount }, (_, i) => memberFields(i)).flat()];
}

interface HouseholdForm {
  values: FormValues;
  memberCount: number;
  becomeContactPerson: boolean;
}

function emptyMember(form: HouseholdForm, relation: string): void {
  const i = form.memberCount++;
  for (const f of memberFields(i)) form.values[f.id] = '';
  form.values[`m${i}-relation`] = relation;
}

function readForm(body: unknown): HouseholdForm {
  const memberCount = Math.min(MAX_MEMBERS, Math.max(1, Number.parseInt(bodyString(body, 'memberCount'), 10) || 1));
  const values = Object.fromEntries(
    Object.entries(readValues(body, formFields(memberCount))).map(([k, v]) => [k, v.trim()]),
  );
  return { values, memberCount, becomeContactPerson: bodyString(body, 'becomeContactPerson') === 'on' };
}

/** Removes member i, moving those after it up one place. */
function removeMember(form: HouseholdForm, i: number): void {
  for (let j = i; j < form.memberCount - 1; j++) {
    const to = memberFields(j);
    const from = memberFields(j + 1);
    to.forEach((f, k) => {
      const source = from[k];
      form.values[f.id] = source ? (form.values[source.id] ?? '') : '';
    });
  }
  const last = new Set(memberFields(form.memberCount - 1).map((f) => f.id));
  form.values = Object.fromEntries(Object.entries(form.values).filter(([id]) => !last.has(id)));
  form.memberCount--;
}

interface Shown {
  errors: FieldError[];
  summary: FieldError[];
}
const NO_ERRORS: Shown = { errors: [], summary: [] };

const SELECT_OPTIONS: Record<string, readonly (readonly [string, string])[]> = {
  sex: optionsDa(SEXES, SEX_DA),
  relation: optionsDa(HOUSEHOLD_RELATIONS, RELATION_DA),
  residenceBasis: optionsDa(RESIDENCE_BASES, RESIDENCE_BASIS_DA),
  countryOfOrigin: COUNTRIES,
  language: LANGUAGES,
};
const HINTS: Record<string, string> = {
  takeoverDate: 'Dagen kommunen overtager ansvaret; fristerne løber herfra.',
  arrivalDate: 'Ankomst til kommunen.',
  cpr: 'DDMMÅÅ-XXXX. Udelad, hvis borgeren endnu ikke har et.',
};

function HouseholdFormView({
  form,
  shown,
  csrf,
  canBeContactPerson,
}: {
  form: HouseholdForm;
  shown: Shown;
  csrf: string;
  canBeContactPerson: boolean;
}) {
  const field = (f: FieldDef) => {
    const key = f.name?.replace(/^m\d+_/, '') ?? f.id;
    const optional = key === 'countryOfOrigin' || key === 'language';
    return (
      <FormField
        field={f}
        value={form.values[f.id]}
        error={errorFor(shown.errors, f.id)}
        {...(HINTS[key] ? { hint: HINTS[key] } : {})}
        {...(SELECT_OPTIONS[key]
          ? { options: SELECT_OPTIONS[key], placeholder: optional ? 'Ikke oplyst' : 'Vælg' }
          : {})}
        {...(key === 'cpr' ? { inputMode: 'numeric' as const, width: 'input-width-s' } : {})}
      />
    );
  };
  return (
    <form method="post" action="/husstande/ny" novalidate>
      <Csrf token={csrf} />
      <input type="hidden" name="memberCount" value={String(form.memberCount)} />
      {/* The first submit button is the form's default: Enter in a field registers, never adds or removes a member. */}
      <button type="submit" name="action" value="register" hidden tabIndex={-1}>
        Registrér husstand
      </button>
      <ErrorSummary errors={shown.summary} />
      <div class="mb-grid">{HOUSEHOLD_FIELDS.map(field)}</div>
      {Array.from({ length: form.memberCount }, (_, i) => {
        const given = form.values[`m${i}-givenName`] ?? '';
        return (
          <fieldset class="mb-fieldset">
            <legend class="h3">
              Medlem {i + 1}
              {given ? `: ${given} ${form.values[`m${i}-familyName`] ?? ''}` : ''}
            </legend>
            <div class="mb-grid">{memberFields(i).map(field)}</div>
            {form.memberCount > 1 && (
              <button type="submit" name="action" value={`remove-${i}`} class="button button-tertiary" formnovalidate>
                Fjern medlem {i + 1}
              </button>
            )}
          </fieldset>
        );
      })}
      {canBeContactPerson && (
        <Checkbox
          id="becomeContactPerson"
          label="Jeg er fast kontaktperson for husstandens medlemmer fra i dag"
          checked={form.becomeContactPerson}
        />
      )}
      <div class="mb-actions">
        {form.memberCount < MAX_MEMBERS && (
          <button type="submit" name="action" value="add-member" class="button button-secondary" formnovalidate>
            Tilføj medlem
          </button>
        )}
        <button type="submit" name="action" value="register" class="button button-primary">
          Registrér husstand
        </button>
      </div>
    </form>
  );
}

function render(tools: WebTools, request: FastifyRequest, form: HouseholdForm, shown: Shown) {
  return page(
    shown.errors.length ? 'Fejl – Registrér husstand' : 'Registrér husstand',
    tools.pageContext(request),
    <>
      <h1>Registrér ankommende husstand</h1>
      <p>Registrér alle medlemmer af husstanden. Forpligtelserne efter lov og politik beregnes ud fra oplysningerne.</p>
      <HouseholdFormView
        form={form}
        shown={shown}
        csrf={tools.pageContext(request).csrf}
        canBeContactPerson={['caseworker', 'team_lead'].includes(tools.pageContext(request).actor?.role ?? '')}
      />
    </>,
  );
}

export function householdRoutes(app: FastifyInstance, tools: WebTools): void {
  // A role that may not register a household is refused before it fills in the form.
  const requireCreate = (request: FastifyRequest) => {
    const ctx = tools.ctx(request); // signed in
    if (!can(ctx.actor, 'household.create')) throw new ForbiddenError();
    return ctx;
  };

  app.get('/husstande/ny', async (request, reply) => {
    requireCreate(request);
    const form: HouseholdForm = {
      values: { takeoverDate: '', arrivalDate: '' },
      memberCount: 0,
      becomeContactPerson: true,
    };
    emptyMember(form, 'head');
    return tools.html(reply, 200, render(tools, request, form, NO_ERRORS));
  });

  app.post('/husstande/ny', async (request, reply) => {
    const ctx = requireCreate(request);
    tools.checkCsrf(request);
    const form = readForm(request.body);
    const action = bodyString(request.body, 'action') || 'register';
    if (action === 'add-member') {
      if (form.memberCount < MAX_MEMBERS) emptyMember(form, form.memberCount === 1 ? 'spouse' : 'child');
      return tools.html(reply, 200, render(tools, request, form, NO_ERRORS));
    }
    const remove = /^remove-(\d+)$/.exec(action);
    if (remove) {
      const i = Number(remove[1]);
      if (i < form.memberCount) removeMember(form, i);
      if (form.memberCount === 0) emptyMember(form, 'head');
      return tools.html(reply, 200, render(tools, request, form, NO_ERRORS));
    }
    const fields = formFields(form.memberCount);
    const input = toApi(fields, form.values);
    const parsed = NewHouseholdSchema.safeParse(input);
    if (!parsed.success) {
      // Show every error at once: the shape errors, and the household and CPR checks on what was given.
      const domain = checkNewHousehold(input as unknown as Parameters<typeof checkNewHousehold>[0], ctx.today);
      const errors = [...zodErrors(fields, form.values, parsed.error.issues), ...problemErrors(fields, domain)];
      return tools.html(reply, 400, render(tools, request, form, formErrors(fields, errors)));
    }
    let created: Awaited<ReturnType<typeof registerHousehold>>;
    try {
      // The registering caseworker becomes the fixed contact person from today (reassignable on
      // the person page), in the same transaction as the household.
      created = await registerHousehold(ctx, ctx.actor.municipalityCode, {
        ...parsed.data,
        registrarBecomesContactPerson: form.becomeContactPerson,
      });
    } catch (err) {
      if (!(err instanceof UnprocessableError)) throw err;
      return tools.html(reply, 422, render(tools, request, form, formErrors(fields, serviceErrors(fields, err))));
    }
    const head = created.members[0];
    if (!head) throw new Error('A registered household has a member.');
    return reply.redirect(`/borgere/${head.personId}?registreret=1`, 303);
  });
}
