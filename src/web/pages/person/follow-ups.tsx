// Opfølgninger: contract follow-ups, yearly ones, and the later follow-up of the whole family.
import { FOLLOW_UP_KIND_DA, optionsDa, termDa } from '../../../domain/glossary.js';
import { FOLLOW_UP_KINDS } from '../../../domain/model.js';
import { dateDa } from '../../components.js';
import { Field, PostForm, SectionErrors, type PageData } from './parts.js';
import { RecordActions } from './record-changes.js';

const FOLLOW_UP_KIND_OPTIONS = optionsDa(FOLLOW_UP_KINDS, FOLLOW_UP_KIND_DA);

export function FollowUpsSection({ person: p, state, csrf, canCase }: PageData) {
  const followUps = p.followUps ?? [];
  return (
    <>
      <h2 id="opfoelgninger">Opfølgninger</h2>
      <SectionErrors state={state} form="opfoelgning" />
      {followUps.length > 0 ? (
        <div class="mb-table-wrap">
          <table class="table table--zebra mb-responsive">
            <caption class="sr-only">Opfølgninger</caption>
            <thead>
              <tr>
                <th scope="col">Dato</th>
                <th scope="col">Art</th>
                <th scope="col">Note</th>
                {canCase && <th scope="col">Handlinger</th>}
              </tr>
            </thead>
            <tbody>
              {followUps.map((f) => (
                <tr>
                  <td data-label="Dato">{dateDa(f.date)}</td>
                  <td data-label="Art">{termDa(FOLLOW_UP_KIND_DA, f.kind)}</td>
                  <td data-label="Note">{f.note || '–'}</td>
                  {canCase && (
                    <td data-label="Handlinger">
                      <RecordActions personId={p.id} kind="follow_up" record={f} />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>Der er ikke registreret opfølgninger.</p>
      )}
      {canCase && (
        <PostForm
          action={`/borgere/${p.id}/opfoelgninger#opfoelgning-fejl`}
          formId="opfoelgning"
          csrf={csrf}
          title="Registrér opfølgning"
          submit="Gem opfølgning"
        >
          <Field state={state} form="opfoelgning" id="opfoelgning-dato" />
          <Field
            state={state}
            form="opfoelgning"
            id="opfoelgning-art"
            placeholder="Vælg art"
            options={FOLLOW_UP_KIND_OPTIONS}
          />
          <Field state={state} form="opfoelgning" id="opfoelgning-note" rows={4} />
        </PostForm>
      )}
    </>
  );
}
