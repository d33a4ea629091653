// Samtaler: logged meetings, with whether repatriation guidance was given and an interpreter used.
import {
  CONVERSATION_KIND_DA,
  LANGUAGE_DA,
  languageDa,
  OFFERED_LANGUAGES,
  optionsDa,
  termDa,
} from '../../../domain/glossary.js';
import { CONVERSATION_KINDS } from '../../../domain/model.js';
import { dateDa } from '../../components.js';
import { Field, PostForm, SectionErrors, type PageData } from './parts.js';
import { RecordActions } from './record-changes.js';

const CONVERSATION_KIND_OPTIONS = optionsDa(CONVERSATION_KINDS, CONVERSATION_KIND_DA);
/** Interpreter languages offered in the conversation form: every offered language but Danish. */
const INTERPRETER_OPTIONS = optionsDa(
  OFFERED_LANGUAGES.filter((l) => l !== 'da'),
  LANGUAGE_DA,
);

export function ConversationsSection({ person: p, state, csrf, canCase }: PageData) {
  const conversations = p.conversations ?? [];
  return (
    <>
      <h2 id="samtaler">Samtaler</h2>
      <SectionErrors state={state} form="samtale" />
      {conversations.length > 0 ? (
        <div class="mb-table-wrap">
          <table class="table table--zebra mb-responsive">
            <caption class="sr-only">Samtaler</caption>
            <thead>
              <tr>
                <th scope="col">Dato</th>
                <th scope="col">Art</th>
                <th scope="col">Vejledning om repatriering</th>
                <th scope="col">Tolk</th>
                <th scope="col">Note</th>
                {canCase && <th scope="col">Handlinger</th>}
              </tr>
            </thead>
            <tbody>
              {conversations.map((c) => (
                <tr>
                  <td data-label="Dato">{dateDa(c.date)}</td>
                  <td data-label="Art">{termDa(CONVERSATION_KIND_DA, c.kind)}</td>
                  <td data-label="Vejledning om repatriering">
                    {c.repatriationGuidance ? 'Ja' : 'Nej'}
                    {c.repatriationNote ? <div class="form-hint">{c.repatriationNote}</div> : null}
                  </td>
                  <td data-label="Tolk">{c.interpreterLanguage ? languageDa(c.interpreterLanguage) : 'Ingen'}</td>
                  <td data-label="Note">{c.note || '–'}</td>
                  {canCase && (
                    <td data-label="Handlinger">
                      <RecordActions personId={p.id} kind="conversation" record={c} />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>Der er ikke registreret samtaler.</p>
      )}
      {canCase && (
        <PostForm
          action={`/borgere/${p.id}/samtaler#samtale-fejl`}
          formId="samtale"
          csrf={csrf}
          title="Registrér samtale"
          submit="Gem samtale"
        >
          <Field state={state} form="samtale" id="samtale-dato" />
          <Field
            state={state}
            form="samtale"
            id="samtale-art"
            placeholder="Vælg art"
            options={CONVERSATION_KIND_OPTIONS}
          />
          <Field state={state} form="samtale" id="samtale-repatriering" />
          <Field state={state} form="samtale" id="samtale-repatriering-note" hint="Kun når der er givet vejledning." />
          <Field
            state={state}
            form="samtale"
            id="samtale-tolk"
            placeholder="Ingen tolk"
            options={INTERPRETER_OPTIONS}
          />
          <Field state={state} form="samtale" id="samtale-note" rows={4} />
        </PostForm>
      )}
    </>
  );
}
