// Modtagelse: the steps of the reception the municipality's policy commits to (informing of
// rights and duties, the individual reception programme, the introduction to the local area …),
// each on the day it was taken; the obligations section shows which of them are due.
import { optionsDa, RECEPTION_STEP_KIND_DA, termDa } from '../../../domain/glossary.js';
import { RECEPTION_STEP_KINDS } from '../../../domain/model.js';
import { dateDa } from '../../components.js';
import { Field, PostForm, SectionErrors, type PageData } from './parts.js';

const RECEPTION_STEP_KIND_OPTIONS = optionsDa(RECEPTION_STEP_KINDS, RECEPTION_STEP_KIND_DA);

export function ReceptionStepsSection({ person: p, state, csrf, canCase }: PageData) {
  const steps = p.receptionSteps ?? [];
  return (
    <>
      <h2 id="modtagelse">Modtagelse</h2>
      <SectionErrors state={state} form="modtagelse" />
      {steps.length > 0 ? (
        <div class="mb-table-wrap">
          <table class="table table--zebra mb-responsive">
            <caption class="sr-only">Trin i modtagelsen</caption>
            <thead>
              <tr>
                <th scope="col">Dato</th>
                <th scope="col">Trin</th>
                <th scope="col">Note</th>
              </tr>
            </thead>
            <tbody>
              {steps.map((s) => (
                <tr>
                  <td data-label="Dato">{dateDa(s.date)}</td>
                  <td data-label="Trin">{termDa(RECEPTION_STEP_KIND_DA, s.kind)}</td>
                  <td data-label="Note">{s.note || '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>Der er ikke registreret trin i modtagelsen.</p>
      )}
      {canCase && (
        <PostForm
          action={`/borgere/${p.id}/modtagelse#modtagelse-fejl`}
          formId="modtagelse"
          csrf={csrf}
          title="Registrér et trin i modtagelsen"
          submit="Gem trin"
        >
          <Field
            state={state}
            form="modtagelse"
            id="modtagelse-trin"
            placeholder="Vælg trin"
            options={RECEPTION_STEP_KIND_OPTIONS}
          />
          <Field state={state} form="modtagelse" id="modtagelse-dato" />
          <Field state={state} form="modtagelse" id="modtagelse-note" rows={4} />
        </PostForm>
      )}
    </>
  );
}
