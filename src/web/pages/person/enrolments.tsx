// Indskrivninger: a child's places in daycare, school, reception class and SFO.
import { ENROLMENT_KIND_DA, ENROLMENT_KIND_IN_SENTENCE_DA, optionsDa, termDa } from '../../../domain/glossary.js';
import { ENROLMENT_KINDS } from '../../../domain/model.js';
import { dateDa } from '../../components.js';
import { Field, PostForm, SectionErrors, type PageData } from './parts.js';
import { RecordActions } from './record-changes.js';

const ENROLMENT_KIND_OPTIONS = optionsDa(ENROLMENT_KINDS, ENROLMENT_KIND_DA);

export function EnrolmentsSection({ person: p, state, csrf, canChild, institutions }: PageData) {
  const enrolments = p.enrolments ?? [];
  return (
    <>
      <h2 id="indskrivninger">Indskrivninger</h2>
      <SectionErrors state={state} form="indskrivning" />
      {enrolments.length > 0 ? (
        <div class="mb-table-wrap">
          <table class="table table--zebra mb-responsive">
            <caption class="sr-only">Indskrivninger i dagtilbud og skole</caption>
            <thead>
              <tr>
                <th scope="col">Art</th>
                <th scope="col">Institution</th>
                <th scope="col">Startdato</th>
                <th scope="col">Slutdato</th>
                {canChild && <th scope="col">Handlinger</th>}
              </tr>
            </thead>
            <tbody>
              {enrolments.map((e) => (
                <tr>
                  <td data-label="Art">{termDa(ENROLMENT_KIND_DA, e.kind)}</td>
                  <td data-label="Institution">{e.institutionName ?? '–'}</td>
                  <td data-label="Startdato">{dateDa(e.startDate)}</td>
                  <td data-label="Slutdato">{e.endDate ? dateDa(e.endDate) : 'Løbende'}</td>
                  {canChild && (
                    <td data-label="Handlinger">
                      <RecordActions personId={p.id} kind="enrolment" record={e} />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>Barnet er ikke indskrevet i dagtilbud eller skole.</p>
      )}
      {canChild && (
        <PostForm
          action={`/borgere/${p.id}/indskrivninger#indskrivning-fejl`}
          formId="indskrivning"
          csrf={csrf}
          title="Tilføj indskrivning"
          submit="Gem indskrivning"
        >
          <Field
            state={state}
            form="indskrivning"
            id="indskrivning-art"
            placeholder="Vælg art"
            options={ENROLMENT_KIND_OPTIONS}
          />
          <Field state={state} form="indskrivning" id="indskrivning-startdato" />
          <Field state={state} form="indskrivning" id="indskrivning-slutdato" />
          <Field
            state={state}
            form="indskrivning"
            id="indskrivning-institution"
            placeholder="Ingen valgt"
            options={institutions.map(
              (i) => [i.id, `${i.name} (${termDa(ENROLMENT_KIND_IN_SENTENCE_DA, i.kind)})`] as const,
            )}
          />
        </PostForm>
      )}
    </>
  );
}
