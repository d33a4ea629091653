// Beskæftigelse og uddannelse, Danskuddannelse, Prøver: the person's outcome records over time
// (labour-market status periods, educations completed, Danish education, Danish tests), with a
// form for each kind and one to end an ongoing period. Shown to the roles that see the case; the
// forms to the roles that write it. Ending a period carries the version the page was shown with:
// a period changed since is a conflict, never overwritten.
import {
  BENEFIT_KIND_DA,
  COMPLETED_EDUCATION_KIND_DA,
  DANISH_EDUCATION_TRACK_DA,
  DANISH_TEST_KIND_DA,
  DANISH_TEST_RESULT_DA,
  DANISH_TEST_RESULTS,
  EDUCATION_KIND_DA,
  EDUCATION_PLACE_DA,
  EDUCATION_PLACES,
  LABOUR_MARKET_STATUS_DA,
  optionsDa,
  termDa,
} from '../../../domain/glossary.js';
import {
  BENEFIT_KINDS,
  COMPLETED_EDUCATION_KINDS,
  DANISH_EDUCATION_MODULES,
  DANISH_EDUCATION_TRACKS,
  DANISH_TEST_KINDS,
  EDUCATION_KINDS,
  LABOUR_MARKET_STATUS_KINDS,
} from '../../../domain/outcomes.js';
import { dateDa } from '../../components.js';
import { periodChoice } from './forms.js';
import { Field, hoursDa, PostForm, SavedNote, SectionErrors, type PageData, type PersonOutcomes } from './parts.js';

type Period = NonNullable<PersonOutcomes>['labourMarketPeriods'][number];

const STATUS_OPTIONS = optionsDa(LABOUR_MARKET_STATUS_KINDS, LABOUR_MARKET_STATUS_DA);
const BENEFIT_OPTIONS = optionsDa(BENEFIT_KINDS, BENEFIT_KIND_DA);
const EDUCATION_KIND_OPTIONS = optionsDa(EDUCATION_KINDS, EDUCATION_KIND_DA);
const COMPLETED_OPTIONS = optionsDa(COMPLETED_EDUCATION_KINDS, COMPLETED_EDUCATION_KIND_DA);
const PLACE_OPTIONS = optionsDa(EDUCATION_PLACES, EDUCATION_PLACE_DA);
const TRACK_OPTIONS = optionsDa(DANISH_EDUCATION_TRACKS, DANISH_EDUCATION_TRACK_DA);
const MODULE_OPTIONS = DANISH_EDUCATION_MODULES.map((m) => [String(m), `Modul ${m}`] as const);
const TEST_OPTIONS = optionsDa(DANISH_TEST_KINDS, DANISH_TEST_KIND_DA);
const RESULT_OPTIONS = optionsDa(DANISH_TEST_RESULTS, DANISH_TEST_RESULT_DA);

/** What a period adds to its status: the hours of paid work, the benefit, the kind of education. */
function periodDetail(p: Period): string {
  const parts = [
    p.hoursPerWeek === null ? null : `${hoursDa(p.hoursPerWeek)} timer pr. uge`,
    p.benefit === null ? null : termDa(BENEFIT_KIND_DA, p.benefit),
    p.educationKind === null ? null : termDa(EDUCATION_KIND_DA, p.educationKind),
  ].filter((x): x is string => x !== null);
  return parts.length > 0 ? parts.join(', ') : '–';
}

/** A period in a sentence or an option: "Ordinært job fra 01.09.2025". */
function periodName(p: Period): string {
  return `${termDa(LABOUR_MARKET_STATUS_DA, p.kind)} fra ${dateDa(p.from)}`;
}

export function OutcomesSections(d: PageData) {
  if (!d.outcomes) return null;
  return (
    <>
      <LabourMarketSection {...d} outcomes={d.outcomes} />
      <DanishEducationSection {...d} outcomes={d.outcomes} />
      <DanishTestsSection {...d} outcomes={d.outcomes} />
    </>
  );
}

type SectionData = PageData & { outcomes: NonNullable<PersonOutcomes> };

function LabourMarketSection({ person: p, state, csrf, canCase, outcomes }: SectionData) {
  const periods = outcomes.labourMarketPeriods;
  const ongoing = periods.filter((x) => x.to === null);
  const educations = outcomes.educationsCompleted;
  const chosen = state?.form === 'afslut-periode' ? state.values['afslut-periode-periode'] : undefined;
  const stale = chosen === undefined ? undefined : periods.find((x) => chosen.startsWith(`${x.id}:`));
  return (
    <>
      <h2 id="beskaeftigelse">Beskæftigelse og uddannelse</h2>
      <SectionErrors state={state} form="beskaeftigelse" />
      <SectionErrors state={state} form="afslut-periode" />
      <SectionErrors state={state} form="uddannelse" />
      <h3>Beskæftigelsesstatus over tid</h3>
      {periods.length > 0 ? (
        <div class="mb-table-wrap">
          <table class="table table--zebra mb-responsive">
            <caption class="sr-only">Perioder med beskæftigelsesstatus</caption>
            <thead>
              <tr>
                <th scope="col">Status</th>
                <th scope="col">Timer, ydelse eller uddannelse</th>
                <th scope="col">Fra dato</th>
                <th scope="col">Til dato</th>
              </tr>
            </thead>
            <tbody>
              {periods.map((x) => (
                <tr>
                  <td data-label="Status">{termDa(LABOUR_MARKET_STATUS_DA, x.kind)}</td>
                  <td data-label="Timer, ydelse eller uddannelse">{periodDetail(x)}</td>
                  <td data-label="Fra dato">{dateDa(x.from)}</td>
                  <td data-label="Til dato">{x.to === null ? 'Igangværende' : dateDa(x.to)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>Der er ikke registreret perioder med beskæftigelsesstatus.</p>
      )}
      <h3>Gennemførte uddannelser</h3>
      {educations.length > 0 ? (
        <div class="mb-table-wrap">
          <table class="table table--zebra mb-responsive">
            <caption class="sr-only">Gennemførte uddannelser</caption>
            <thead>
              <tr>
                <th scope="col">Uddannelse</th>
                <th scope="col">Gennemført</th>
                <th scope="col">Taget</th>
              </tr>
            </thead>
            <tbody>
              {educations.map((e) => (
                <tr>
                  <td data-label="Uddannelse">{termDa(COMPLETED_EDUCATION_KIND_DA, e.kind)}</td>
                  <td data-label="Gennemført">{dateDa(e.completedOn)}</td>
                  <td data-label="Taget">{EDUCATION_PLACE_DA[e.inDenmark ? 'in_denmark' : 'abroad']}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>Der er ikke registreret gennemførte uddannelser.</p>
      )}
      {canCase && (
        <>
          <PostForm
            action={`/borgere/${p.id}/beskaeftigelse#beskaeftigelse-fejl`}
            formId="beskaeftigelse"
            csrf={csrf}
            title="Tilføj periode med beskæftigelsesstatus"
            submit="Tilføj periode"
          >
            <Field
              state={state}
              form="beskaeftigelse"
              id="beskaeftigelse-status"
              placeholder="Vælg status"
              options={STATUS_OPTIONS}
            />
            <Field state={state} form="beskaeftigelse" id="beskaeftigelse-fra" />
            <Field
              state={state}
              form="beskaeftigelse"
              id="beskaeftigelse-til"
              hint="Den sidste dag i perioden. Lad feltet stå tomt, hvis perioden er igangværende"
            />
            <Field
              state={state}
              form="beskaeftigelse"
              id="beskaeftigelse-timer"
              hint="Kun for lønnet arbejde: ordinært job, løntilskud, IGU og fleksjob. Fx 37 eller 22,5"
              inputMode="decimal"
              width="input-width-xs"
            />
            <Field
              state={state}
              form="beskaeftigelse"
              id="beskaeftigelse-ydelse"
              hint="Kun for en periode på offentlig ydelse"
              placeholder="Ingen ydelse"
              options={BENEFIT_OPTIONS}
            />
            <Field
              state={state}
              form="beskaeftigelse"
              id="beskaeftigelse-uddannelse"
              hint="Kun for en periode i uddannelse"
              placeholder="Ikke angivet"
              options={EDUCATION_KIND_OPTIONS}
            />
          </PostForm>
          {(ongoing.length > 0 || state?.form === 'afslut-periode') && (
            <>
              <SavedNote state={state} form="afslut-periode">
                <p>
                  {stale
                    ? `${periodName(stale)}: ${stale.to === null ? 'igangværende' : `afsluttet ${dateDa(stale.to)}`}.`
                    : 'Perioden findes ikke længere.'}
                </p>
              </SavedNote>
              <PostForm
                action={`/borgere/${p.id}/beskaeftigelse/afslut#afslut-periode-fejl`}
                formId="afslut-periode"
                csrf={csrf}
                title="Afslut igangværende periode"
                submit="Afslut periode"
              >
                <Field
                  state={state}
                  form="afslut-periode"
                  id="afslut-periode-periode"
                  placeholder="Vælg periode"
                  options={ongoing.map((x) => [periodChoice(x), periodName(x)] as const)}
                />
                <Field state={state} form="afslut-periode" id="afslut-periode-til" />
              </PostForm>
            </>
          )}
          <PostForm
            action={`/borgere/${p.id}/uddannelser#uddannelse-fejl`}
            formId="uddannelse"
            csrf={csrf}
            title="Tilføj gennemført uddannelse"
            submit="Tilføj uddannelse"
          >
            <Field
              state={state}
              form="uddannelse"
              id="uddannelse-art"
              placeholder="Vælg uddannelse"
              options={COMPLETED_OPTIONS}
            />
            <Field state={state} form="uddannelse" id="uddannelse-dato" />
            <Field state={state} form="uddannelse" id="uddannelse-sted" placeholder="Vælg" options={PLACE_OPTIONS} />
          </PostForm>
        </>
      )}
    </>
  );
}

function DanishEducationSection({ person: p, state, csrf, canCase, outcomes }: SectionData) {
  const educations = outcomes.danishEducations;
  return (
    <>
      <h2 id="danskuddannelse">Danskuddannelse</h2>
      <SectionErrors state={state} form="danskuddannelse" />
      {educations.length > 0 ? (
        <div class="mb-table-wrap">
          <table class="table table--zebra mb-responsive">
            <caption class="sr-only">Henvisninger til danskuddannelse og forløbet</caption>
            <thead>
              <tr>
                <th scope="col">Danskuddannelse</th>
                <th scope="col">Henvist</th>
                <th scope="col">Første mulige start</th>
                <th scope="col">Startdato</th>
                <th scope="col">Modul</th>
                <th scope="col">Slutdato</th>
              </tr>
            </thead>
            <tbody>
              {educations.map((e) => (
                <tr>
                  <td data-label="Danskuddannelse">{termDa(DANISH_EDUCATION_TRACK_DA, e.track)}</td>
                  <td data-label="Henvist">{dateDa(e.referredOn)}</td>
                  <td data-label="Første mulige start">
                    {e.startPossibleOn === null ? '–' : dateDa(e.startPossibleOn)}
                  </td>
                  <td data-label="Startdato">{e.startedOn === null ? 'Ikke begyndt' : dateDa(e.startedOn)}</td>
                  <td data-label="Modul">{e.module === null ? '–' : `Modul ${e.module}`}</td>
                  <td data-label="Slutdato">
                    {e.endedOn !== null ? dateDa(e.endedOn) : e.startedOn !== null ? 'Igangværende' : '–'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>Borgeren er ikke registreret som henvist til danskuddannelse.</p>
      )}
      {canCase && (
        <PostForm
          action={`/borgere/${p.id}/danskuddannelser#danskuddannelse-fejl`}
          formId="danskuddannelse"
          csrf={csrf}
          title="Tilføj danskuddannelse"
          submit="Tilføj danskuddannelse"
        >
          <Field
            state={state}
            form="danskuddannelse"
            id="danskuddannelse-spor"
            placeholder="Vælg danskuddannelse"
            options={TRACK_OPTIONS}
          />
          <Field state={state} form="danskuddannelse" id="danskuddannelse-henvist" />
          <Field
            state={state}
            form="danskuddannelse"
            id="danskuddannelse-mulig-start"
            hint="Den første dag, borgeren kunne begynde (danskuddannelsesloven § 5: senest 1 måned efter overtagelsen)"
          />
          <Field
            state={state}
            form="danskuddannelse"
            id="danskuddannelse-start"
            hint="Lad feltet stå tomt, hvis undervisningen ikke er begyndt"
          />
          <Field
            state={state}
            form="danskuddannelse"
            id="danskuddannelse-modul"
            hint="Det modul, borgeren går på eller senest har afsluttet"
            placeholder="Ikke angivet"
            options={MODULE_OPTIONS}
          />
          <Field state={state} form="danskuddannelse" id="danskuddannelse-slut" />
        </PostForm>
      )}
    </>
  );
}

function DanishTestsSection({ person: p, state, csrf, canCase, outcomes }: SectionData) {
  const tests = outcomes.danishTests;
  return (
    <>
      <h2 id="proever">Prøver</h2>
      <SectionErrors state={state} form="proeve" />
      {tests.length > 0 ? (
        <div class="mb-table-wrap">
          <table class="table table--zebra mb-responsive">
            <caption class="sr-only">Prøver i dansk</caption>
            <thead>
              <tr>
                <th scope="col">Prøve</th>
                <th scope="col">Dato</th>
                <th scope="col">Resultat</th>
              </tr>
            </thead>
            <tbody>
              {tests.map((x) => (
                <tr>
                  <td data-label="Prøve">{termDa(DANISH_TEST_KIND_DA, x.test)}</td>
                  <td data-label="Dato">{dateDa(x.takenOn)}</td>
                  <td data-label="Resultat">{DANISH_TEST_RESULT_DA[x.passed ? 'passed' : 'failed']}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>Der er ikke registreret prøver.</p>
      )}
      {canCase && (
        <PostForm
          action={`/borgere/${p.id}/proever#proeve-fejl`}
          formId="proeve"
          csrf={csrf}
          title="Tilføj prøve"
          submit="Tilføj prøve"
        >
          <Field state={state} form="proeve" id="proeve-art" placeholder="Vælg prøve" options={TEST_OPTIONS} />
          <Field state={state} form="proeve" id="proeve-dato" />
          <Field
            state={state}
            form="proeve"
            id="proeve-resultat"
            placeholder="Vælg resultat"
            options={RESULT_OPTIONS}
          />
        </PostForm>
      )}
    </>
  );
}
