// Register an arriving household: members, relations, residence basis, arrival and takeover
// dates, languages, CPR or replacement number. Members are added and removed with buttons that
// re-render the form on the server, so it works without JavaScript. Errors appear in the error
// summary and at each field.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { checkNewHousehold, HOUSEHOLD_RELATIONS, RESIDENCE_BASES, SEXES } from '../../domain/model.js';
import { NewHouseholdSchema } from '../../services/inputs.js';
import { UnprocessableError, type ErrorCode } from '../../services/errors.js';
import { errorMessage } from '../error-messages.js';
import { registerHousehold } from '../../services/persons.js';
import { Checkbox, Csrf, DateField, ErrorSummary, page, Select, TextField, type FieldError } from '../components.js';
import type { WebTools } from '../tools.js';

export const RESIDENCE_DA: Record<string, string> = {
  spontaneous_refugee: 'Spontan flygtning (asyl)', quota_refugee: 'Kvoteflygtning', family_reunified: 'Familiesammenført til flygtning',
  accompanying_child: 'Medfølgende barn', other: 'Andet opholdsgrundlag',
};
const RELATION_DA: Record<string, string> = { head: 'Hovedperson', spouse: 'Ægtefælle/samlever', child: 'Barn', other: 'Andet familiemedlem' };
const SEX_DA: Record<string, string> = { female: 'Kvinde', male: 'Mand', other: 'Andet' };
export const COUNTRIES: readonly (readonly [string, string])[] = [
  ['AF', 'Afghanistan'], ['CD', 'DR Congo'], ['ER', 'Eritrea'], ['ET', 'Etiopien'], ['IQ', 'Irak'], ['IR', 'Iran'], ['LB', 'Libanon'],
  ['MM', 'Myanmar'], ['PS', 'Palæstina'], ['RU', 'Rusland'], ['SO', 'Somalia'], ['SD', 'Sudan'], ['SY', 'Syrien'], ['TR', 'Tyrkiet'], ['UA', 'Ukraine'], ['YE', 'Yemen'],
];
export const LANGUAGES: readonly (readonly [string, string])[] = [
  ['ar', 'Arabisk'], ['prs', 'Dari'], ['en', 'Engelsk'], ['fa', 'Persisk'], ['fr', 'Fransk'], ['ku', 'Kurdisk'], ['ps', 'Pashto'], ['ru', 'Russisk'],
  ['so', 'Somali'], ['sw', 'Swahili'], ['ti', 'Tigrinya'], ['tr', 'Tyrkisk'], ['uk', 'Ukrainsk'],
];

const MEMBER_FIELDS = ['givenName', 'familyName', 'birthDate', 'sex', 'cpr', 'residenceBasis', 'relation', 'countryOfOrigin', 'language'] as const;
type MemberForm = Record<(typeof MEMBER_FIELDS)[number], string>;
interface HouseholdForm { takeoverDate: string; arrivalDate: string; members: MemberForm[]; becomeContactPerson: boolean }

const MAX_MEMBERS = 30;

function emptyMember(relation: string): MemberForm {
  return { givenName: '', familyName: '', birthDate: '', sex: '', cpr: '', residenceBasis: '', relation, countryOfOrigin: '', language: '' };
}

function readForm(body: Record<string, unknown>): HouseholdForm {
  const str = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : '');
  const count = Math.min(MAX_MEMBERS, Math.max(1, Number.parseInt(str('memberCount'), 10) || 1));
  const members = Array.from({ length: count }, (_, i) => Object.fromEntries(MEMBER_FIELDS.map((f) => [f, str(`m${i}_${f}`).trim()])) as MemberForm);
  return { takeoverDate: str('takeoverDate').trim(), arrivalDate: str('arrivalDate').trim(), members, becomeContactPerson: str('becomeContactPerson') === 'on' };
}

/** The API's request shape, from the form's strings. */
function toInput(form: HouseholdForm) {
  return {
    takeoverDate: form.takeoverDate,
    ...(form.arrivalDate ? { arrivalDate: form.arrivalDate } : {}),
    members: form.members.map((m) => ({
      givenName: m.givenName, familyName: m.familyName, birthDate: m.birthDate, sex: m.sex, residenceBasis: m.residenceBasis, relation: m.relation,
      ...(m.cpr ? { cpr: m.cpr } : {}),
      ...(m.countryOfOrigin ? { countryOfOrigin: m.countryOfOrigin } : {}),
      ...(m.language ? { languages: [m.language] } : {}),
    })),
  };
}

const FIELD_MESSAGE: Record<string, string> = {
  takeoverDate: 'Skriv overtagelsesdatoen som en gyldig dato',
  arrivalDate: 'Skriv ankomstdatoen som en gyldig dato',
  givenName: 'Skriv fornavn', familyName: 'Skriv efternavn', birthDate: 'Skriv fødselsdatoen som en gyldig dato',
  sex: 'Vælg køn', residenceBasis: 'Vælg opholdsgrundlag', relation: 'Vælg relation til hovedpersonen',
  cpr: 'CPR-nummeret skal have formen DDMMÅÅ-XXXX med en gyldig dato', countryOfOrigin: 'Vælg et land fra listen', languages: 'Vælg et sprog fra listen',
};

/**
 * Field id and Danish message for an error at a JSON pointer / zod path of the household request:
 * a problem of the household check or the service by its code (never its English detail), a
 * shape error of the schema (no code) by its field.
 */
function fieldError(pathParts: (string | number)[], code?: ErrorCode): FieldError {
  const [first, index, field] = pathParts;
  if (first === 'members' && typeof index === 'number' && typeof field === 'string') {
    const key = field === 'languages' ? 'language' : field;
    const message = code ? errorMessage(code) : FIELD_MESSAGE[field] ?? 'Ret feltet';
    return { field: `m${index}-${key}`, message: `Medlem ${index + 1}: ${message}` };
  }
  if (first === 'members') return { field: 'm0-relation', message: code ? errorMessage(code) : errorMessage('household.head_count') };
  if (code) return { field: typeof first === 'string' && first in FIELD_MESSAGE ? first : 'takeoverDate', message: errorMessage(code) };
  return { field: String(first ?? 'takeoverDate'), message: FIELD_MESSAGE[String(first)] ?? 'Ret feltet' };
}

function errorFor(errors: FieldError[], id: string): string | undefined {
  return errors.find((e) => e.field === id)?.message.replace(/^Medlem \d+: /, '');
}

function HouseholdFormView({ form, errors, csrf, canBeContactPerson }: { form: HouseholdForm; errors: FieldError[]; csrf: string; canBeContactPerson: boolean }) {
  const relationOptions = HOUSEHOLD_RELATIONS.map((r) => [r, RELATION_DA[r]!] as const);
  return (
    <form method="post" action="/husstande/ny" novalidate>
      <Csrf token={csrf} />
      <input type="hidden" name="memberCount" value={String(form.members.length)} />
      {/* The first submit button is the form's default: Enter in a field registers, never adds or removes a member. */}
      <button type="submit" name="action" value="register" hidden tabIndex={-1}>Registrér husstand</button>
      <ErrorSummary errors={errors} />
      <div class="mb-grid">
        <DateField id="takeoverDate" label="Overtagelsesdato" hint="Dagen kommunen overtager ansvaret; fristerne løber herfra." value={form.takeoverDate} error={errorFor(errors, 'takeoverDate')} required />
        <DateField id="arrivalDate" label="Ankomstdato" hint="Ankomst til kommunen." value={form.arrivalDate} error={errorFor(errors, 'arrivalDate')} />
      </div>
      {form.members.map((m, i) => {
        const id = (f: string) => `m${i}-${f}`;
        const name = (f: string) => `m${i}_${f}`;
        return (
          <fieldset class="mb-fieldset">
            <legend class="h3">Medlem {i + 1}{m.givenName ? `: ${m.givenName} ${m.familyName}` : ''}</legend>
            <div class="mb-grid">
              <TextField id={id('givenName')} name={name('givenName')} label="Fornavn" value={m.givenName} error={errorFor(errors, id('givenName'))} required autoComplete="off" />
              <TextField id={id('familyName')} name={name('familyName')} label="Efternavn" value={m.familyName} error={errorFor(errors, id('familyName'))} required />
              <DateField id={id('birthDate')} name={name('birthDate')} label="Fødselsdato" value={m.birthDate} error={errorFor(errors, id('birthDate'))} required />
              <Select id={id('sex')} name={name('sex')} label="Køn" value={m.sex} placeholder="Vælg" options={SEXES.map((s) => [s, SEX_DA[s]!] as const)} error={errorFor(errors, id('sex'))} required />
              <TextField id={id('cpr')} name={name('cpr')} label="CPR-nummer eller erstatningsnummer" hint="DDMMÅÅ-XXXX. Udelad, hvis borgeren endnu ikke har et." value={m.cpr} error={errorFor(errors, id('cpr'))} inputMode="numeric" width="input-width-s" />
              <Select id={id('relation')} name={name('relation')} label="Relation til hovedpersonen" value={m.relation} placeholder="Vælg" options={relationOptions} error={errorFor(errors, id('relation'))} required />
              <Select id={id('residenceBasis')} name={name('residenceBasis')} label="Opholdsgrundlag" value={m.residenceBasis} placeholder="Vælg" options={RESIDENCE_BASES.map((r) => [r, RESIDENCE_DA[r]!] as const)} error={errorFor(errors, id('residenceBasis'))} required />
              <Select id={id('countryOfOrigin')} name={name('countryOfOrigin')} label="Oprindelsesland" value={m.countryOfOrigin} placeholder="Ikke oplyst" options={COUNTRIES} error={errorFor(errors, id('countryOfOrigin'))} />
              <Select id={id('language')} name={name('language')} label="Sprog" value={m.language} placeholder="Ikke oplyst" options={LANGUAGES} error={errorFor(errors, id('language'))} />
            </div>
            {form.members.length > 1 && <button type="submit" name="action" value={`remove-${i}`} class="button button-tertiary" formnovalidate>Fjern medlem {i + 1}</button>}
          </fieldset>
        );
      })}
      {canBeContactPerson && <Checkbox id="becomeContactPerson" label="Jeg er fast kontaktperson for husstandens medlemmer fra i dag" checked={form.becomeContactPerson} />}
      <div class="mb-actions">
        {form.members.length < MAX_MEMBERS && <button type="submit" name="action" value="add-member" class="button button-secondary" formnovalidate>Tilføj medlem</button>}
        <button type="submit" name="action" value="register" class="button button-primary">Registrér husstand</button>
      </div>
    </form>
  );
}

function render(tools: WebTools, request: FastifyRequest, form: HouseholdForm, errors: FieldError[]) {
  return page(errors.length ? 'Fejl – Registrér husstand' : 'Registrér husstand', tools.pageContext(request), (
    <>
      <h1>Registrér ankommende husstand</h1>
      <p>Registrér alle medlemmer af husstanden. Forpligtelserne efter lov og politik beregnes ud fra oplysningerne.</p>
      <HouseholdFormView form={form} errors={errors} csrf={tools.pageContext(request).csrf} canBeContactPerson={['caseworker', 'team_lead'].includes(tools.pageContext(request).actor?.role ?? '')} />
    </>
  ));
}

export async function householdRoutes(app: FastifyInstance, tools: WebTools): Promise<void> {
  app.get('/husstande/ny', async (request, reply) => {
    tools.ctx(request); // signed in
    return tools.html(reply, 200, render(tools, request, { takeoverDate: '', arrivalDate: '', members: [emptyMember('head')], becomeContactPerson: true }, []));
  });

  app.post('/husstande/ny', async (request, reply) => {
    const ctx = tools.ctx(request);
    tools.checkCsrf(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const form = readForm(body);
    const action = typeof body.action === 'string' ? body.action : 'register';
    if (action === 'add-member') {
      form.members.push(emptyMember(form.members.length === 1 ? 'spouse' : 'child'));
      return tools.html(reply, 200, render(tools, request, form, []));
    }
    const remove = /^remove-(\d+)$/.exec(action);
    if (remove) {
      form.members.splice(Number(remove[1]), 1);
      if (form.members.length === 0) form.members.push(emptyMember('head'));
      return tools.html(reply, 200, render(tools, request, form, []));
    }
    const input = toInput(form);
    const parsed = NewHouseholdSchema.safeParse(input);
    if (!parsed.success) {
      // Show every error at once: the shape errors, and the household and CPR checks on what was given.
      const domain = checkNewHousehold(input as unknown as Parameters<typeof checkNewHousehold>[0], ctx.today);
      const errors = dedupe([
        ...parsed.error.issues.map((i) => fieldError(i.path as (string | number)[])),
        ...domain.map((p) => fieldError(pointerPath(p.pointer), p.code)),
      ]);
      return tools.html(reply, 400, render(tools, request, form, errors));
    }
    try {
      // The registering caseworker becomes the fixed contact person from today (reassignable on
      // the person page), in the same transaction as the household.
      const created = await registerHousehold(ctx, ctx.actor.municipalityCode, { ...parsed.data, registrarBecomesContactPerson: form.becomeContactPerson });
      return reply.redirect(`/borgere/${created.members[0]!.personId}?registreret=1`, 303);
    } catch (err) {
      if (!(err instanceof UnprocessableError)) throw err;
      const errors = dedupe((err.problems.length > 0 ? err.problems : [{ pointer: '/takeoverDate', code: err.code }]).map((p) => fieldError(pointerPath(p.pointer), p.code)));
      return tools.html(reply, 422, render(tools, request, form, errors));
    }
  });
}

function pointerPath(pointer: string): (string | number)[] {
  return pointer.split('/').slice(1).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function dedupe(errors: FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return errors.filter((e) => !seen.has(e.field) && seen.add(e.field));
}
