// Sprogvurderinger: a child's language assessments (around age 3) and their outcome.
import { LANGUAGE_ASSESSMENT_RESULT_DA, optionsDa, termDa } from '../../../domain/glossary.js';
import { LANGUAGE_ASSESSMENT_RESULTS } from '../../../domain/model.js';
import { dateDa } from '../../components.js';
import { Field, PostForm, SectionErrors, type PageData } from './parts.js';
import { RecordActions } from './record-changes.js';

const ASSESSMENT_RESULT_OPTIONS = optionsDa(LANGUAGE_ASSESSMENT_RESULTS, LANGUAGE_ASSESSMENT_RESULT_DA);

export function AssessmentsSection({ person: p, state, csrf, canChild }: PageData) {
  const assessments = p.languageAssessments ?? [];
  return (
    <>
      <h2 id="sprogvurderinger">Sprogvurderinger</h2>
      <SectionErrors state={state} form="sprogvurdering" />
      {assessments.length > 0 ? (
        <div class="mb-table-wrap">
          <table class="table table--zebra mb-responsive">
            <caption class="sr-only">Sprogvurderinger</caption>
            <thead>
              <tr>
                <th scope="col">Dato</th>
                <th scope="col">Resultat</th>
                <th scope="col">Note</th>
                {canChild && <th scope="col">Handlinger</th>}
              </tr>
            </thead>
            <tbody>
              {assessments.map((a) => (
                <tr>
                  <td data-label="Dato">{dateDa(a.assessedOn)}</td>
                  <td data-label="Resultat">{termDa(LANGUAGE_ASSESSMENT_RESULT_DA, a.result)}</td>
                  <td data-label="Note">{a.note || '–'}</td>
                  {canChild && (
                    <td data-label="Handlinger">
                      <RecordActions personId={p.id} kind="language_assessment" record={a} />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>Der er ikke registreret en sprogvurdering.</p>
      )}
      {canChild && (
        <PostForm
          action={`/borgere/${p.id}/sprogvurderinger#sprogvurdering-fejl`}
          formId="sprogvurdering"
          csrf={csrf}
          title="Registrér sprogvurdering"
          submit="Gem sprogvurdering"
        >
          <Field state={state} form="sprogvurdering" id="sprogvurdering-dato" />
          <Field
            state={state}
            form="sprogvurdering"
            id="sprogvurdering-resultat"
            placeholder="Vælg resultat"
            options={ASSESSMENT_RESULT_OPTIONS}
          />
          <Field state={state} form="sprogvurdering" id="sprogvurdering-note" />
        </PostForm>
      )}
    </>
  );
}
