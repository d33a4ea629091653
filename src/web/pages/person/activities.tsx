// Aktiviteter: Danish education, internships, wage subsidy … with the hours a week they add up to.
import { ACTIVITY_KIND_DA, optionsDa, termDa } from '../../../domain/glossary.js';
import { ACTIVITY_KINDS } from '../../../domain/model.js';
import { dateDa } from '../../components.js';
import { activeOn, Field, hoursDa, PostForm, SectionErrors, type PageData } from './parts.js';
import { RecordActions } from './record-changes.js';

const ACTIVITY_KIND_OPTIONS = optionsDa(ACTIVITY_KINDS, ACTIVITY_KIND_DA);
/** The program's hours a week (integrationsloven: 37 on average). */
const PROGRAM_HOURS = 37;

export function ActivitiesSection({ person: p, state, csrf, canCase, today }: PageData) {
  const activities = p.activities ?? [];
  const weekly = activities.filter((a) => activeOn(a, today)).reduce((sum, a) => sum + a.hoursPerWeek, 0);
  const fill = Math.min(100, Math.round((weekly / PROGRAM_HOURS) * 10) * 10);
  const hoursText = `${hoursDa(weekly)} af ${PROGRAM_HOURS} timer om ugen`;
  return (
    <>
      <h2 id="aktiviteter">Aktiviteter</h2>
      <SectionErrors state={state} form="aktivitet" />
      <p>I dag: {hoursText} i aktiviteter, der er i gang.</p>
      <div class="mb-hours-bar" role="img" aria-label={`${hoursText} i aktiviteter, der er i gang i dag`}>
        <div class={`mb-hours-fill mb-w-${fill}`}></div>
      </div>
      {activities.length > 0 ? (
        <div class="mb-table-wrap">
          <table class="table table--zebra mb-responsive">
            <caption class="sr-only">Aktiviteter</caption>
            <thead>
              <tr>
                <th scope="col">Art</th>
                <th scope="col">Startdato</th>
                <th scope="col">Slutdato</th>
                <th scope="col">Timer pr. uge</th>
                <th scope="col">Udbyder</th>
                <th scope="col">Status</th>
                {canCase && <th scope="col">Handlinger</th>}
              </tr>
            </thead>
            <tbody>
              {activities.map((a) => (
                <tr>
                  <td data-label="Art">{termDa(ACTIVITY_KIND_DA, a.kind)}</td>
                  <td data-label="Startdato">{dateDa(a.startDate)}</td>
                  <td data-label="Slutdato">{a.endDate ? dateDa(a.endDate) : 'Løbende'}</td>
                  <td data-label="Timer pr. uge">{hoursDa(a.hoursPerWeek)}</td>
                  <td data-label="Udbyder">{a.provider ?? '–'}</td>
                  <td data-label="Status">
                    {activeOn(a, today) ? 'I gang' : a.startDate > today ? 'Starter senere' : 'Afsluttet'}
                  </td>
                  {canCase && (
                    <td data-label="Handlinger">
                      <RecordActions personId={p.id} kind="activity" record={a} />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>Der er ikke registreret aktiviteter.</p>
      )}
      {canCase && (
        <PostForm
          action={`/borgere/${p.id}/aktiviteter#aktivitet-fejl`}
          formId="aktivitet"
          csrf={csrf}
          title="Tilføj aktivitet"
          submit="Tilføj aktivitet"
        >
          <Field
            state={state}
            form="aktivitet"
            id="aktivitet-art"
            placeholder="Vælg art"
            options={ACTIVITY_KIND_OPTIONS}
          />
          <Field state={state} form="aktivitet" id="aktivitet-startdato" />
          <Field state={state} form="aktivitet" id="aktivitet-slutdato" />
          <Field
            state={state}
            form="aktivitet"
            id="aktivitet-timer"
            hint="Fx 22,5"
            inputMode="decimal"
            width="input-width-xs"
          />
          <Field state={state} form="aktivitet" id="aktivitet-udbyder" />
        </PostForm>
      )}
    </>
  );
}
