// Husstand: the members living together, each with their place in the household; and, for the
// case workers, a form to add a member who arrives later (a spouse by family reunification, a
// child), with their own arrival, visitation decision, takeover date and program.
import {
  optionsDa,
  PROGRAM_DA,
  RELATION_DA,
  RELATION_IN_SENTENCE_DA,
  RESIDENCE_BASIS_DA,
  SEX_DA,
  termDa,
} from '../../../domain/glossary.js';
import { HOUSEHOLD_RELATIONS, PROGRAMS, RESIDENCE_BASES, SEXES } from '../../../domain/model.js';
import { dateDa } from '../../components.js';
import { COUNTRIES, LANGUAGES } from '../household.js';
import { Field, PostForm, SectionErrors, type PageData } from './parts.js';

const SEX_OPTIONS = optionsDa(SEXES, SEX_DA);
const RELATION_OPTIONS = optionsDa(HOUSEHOLD_RELATIONS, RELATION_DA);
const RESIDENCE_BASIS_OPTIONS = optionsDa(RESIDENCE_BASES, RESIDENCE_BASIS_DA);
const PROGRAM_OPTIONS = optionsDa(PROGRAMS, PROGRAM_DA);

export function HouseholdSection({ person: p, state, csrf, canCase, canHouseholdFacts }: PageData) {
  const f = 'familiemedlem' as const;
  return (
    <>
      <h2 id="husstand">Husstand</h2>
      <ul>
        {p.household.members.map((m) => (
          <li>
            {m.personId === p.id ? (
              <strong>
                {m.givenName} {m.familyName} (denne borger)
              </strong>
            ) : (
              <a href={`/borgere/${m.personId}`}>
                {m.givenName} {m.familyName}
              </a>
            )}
            {` – ${termDa(RELATION_IN_SENTENCE_DA, m.relation)}, født ${dateDa(m.birthDate)}`}
          </li>
        ))}
      </ul>
      <p>
        Ankomst: {dateDa(p.household.arrivalDate)}. Overtaget: {dateDa(p.household.takeoverDate)}.
      </p>
      {canHouseholdFacts && (
        <p>
          <a href={`/husstande/${p.household.id}/oplysninger?fra=${encodeURIComponent(`/borgere/${p.id}`)}`}>
            Husstandens oplysninger til placering (indkomst, behov og ønsker)
          </a>
        </p>
      )}
      <SectionErrors state={state} form={f} />
      {canCase && (
        <PostForm
          action={`/borgere/${p.id}/husstand/medlemmer#${f}-fejl`}
          formId={f}
          csrf={csrf}
          title="Tilføj familiemedlem"
          submit="Tilføj familiemedlem"
        >
          <p>
            For et familiemedlem, der kommer senere, fx en ægtefælle ved familiesammenføring. Fristerne for det nye
            medlem løber fra medlemmets egen overtagelsesdato.
          </p>
          <input type="hidden" name={`${f}-husstand`} value={p.household.id} />
          <Field state={state} form={f} id={`${f}-fornavn`} />
          <Field state={state} form={f} id={`${f}-efternavn`} />
          <Field state={state} form={f} id={`${f}-foedselsdato`} />
          <Field state={state} form={f} id={`${f}-koen`} placeholder="Vælg" options={SEX_OPTIONS} />
          <Field
            state={state}
            form={f}
            id={`${f}-cpr`}
            hint="DDMMÅÅ-XXXX. Udelad, hvis borgeren endnu ikke har et."
            inputMode="numeric"
            width="input-width-s"
          />
          <Field
            state={state}
            form={f}
            id={`${f}-relation`}
            placeholder="Vælg"
            options={RELATION_OPTIONS}
            saved="spouse"
          />
          <Field
            state={state}
            form={f}
            id={`${f}-opholdsgrundlag`}
            placeholder="Vælg"
            options={RESIDENCE_BASIS_OPTIONS}
            saved="family_reunified"
          />
          <Field state={state} form={f} id={`${f}-land`} placeholder="Ikke oplyst" options={COUNTRIES} />
          <Field state={state} form={f} id={`${f}-sprog`} placeholder="Ikke oplyst" options={LANGUAGES} />
          <Field state={state} form={f} id={`${f}-ankomst`} />
          <Field
            state={state}
            form={f}
            id={`${f}-afgoerelse`}
            hint="Overtagelsesdatoen beregnes ud fra afgørelsen efter integrationslovens § 4, stk. 2."
          />
          <Field
            state={state}
            form={f}
            id={`${f}-overtagelse`}
            hint="Udfyld kun ved en tidligere overtagelse med samtykke, eller hvis der ikke er en visitationsafgørelse."
          />
          <Field state={state} form={f} id={`${f}-samtykke`} />
          <Field
            state={state}
            form={f}
            id={`${f}-program`}
            placeholder="Beregnes automatisk"
            options={PROGRAM_OPTIONS}
          />
        </PostForm>
      )}
    </>
  );
}
