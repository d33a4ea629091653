// A case that closes, on the person page: at the top, a closed case is said to be closed (the
// day and why); the section "Afslutning af sagen" has the form "Afslut sag" (the last day, the
// reason, the municipality moved to) while the case is open, and "Fortryd afslutningen" (a
// required reason, carrying the closure's version as If-Match) once it is closed. Both are plain
// POST forms (forms.ts: afslut-sag, fortryd-afslutning), so they work without JavaScript.
import { CLOSURE_REASONS } from '../../../domain/closure.js';
import { CLOSURE_REASON_DA, closureReasonSentenceDa, optionsDa } from '../../../domain/glossary.js';
import { MUNICIPALITIES } from '../../../domain/municipalities.js';
import { dateDa } from '../../components.js';
import { Field, PostForm, SectionErrors, TimeDa, versionFor, type PageData } from './parts.js';

const REASON_OPTIONS = optionsDa(CLOSURE_REASONS, CLOSURE_REASON_DA);

/** "Sagen er afsluttet 01.03.2026: flyttet til Aarhus Kommune." */
function closedSentence(closure: NonNullable<PageData['closure']>): string {
  return `Sagen er afsluttet ${dateDa(closure.date)}: ${closureReasonSentenceDa(closure.reason, closure.movedToMunicipality?.name ?? null)}.`;
}

/** At the top of the page: the case is closed. */
export function ClosureNotice({ closure }: PageData) {
  if (!closure) return null;
  return (
    <div class="alert alert-info" role="status" aria-labelledby="afsluttet-titel">
      <div class="alert-body">
        <h2 class="alert-heading" id="afsluttet-titel">
          {closedSentence(closure)}
        </h2>
        <p class="alert-text">
          Forpligtelser med frist efter sagens sidste dag skyldes ikke længere, og borgeren er ikke på arbejdslisten.{' '}
          <a href="#afslutning">Se afslutningen</a>
        </p>
      </div>
    </div>
  );
}

/** The section: the closure and "Fortryd afslutningen", or the form "Afslut sag". */
export function ClosureSection({ person: p, closure, state, csrf, canCase }: PageData) {
  // The municipalities a person can move to: the 97 others, by name.
  const others = MUNICIPALITIES.filter((m) => m.code !== p.municipalityCode)
    .map((m) => [m.code, m.name] as const)
    .sort((a, b) => a[1].localeCompare(b[1], 'da'));
  return (
    <>
      <h2 id="afslutning">Afslutning af sagen</h2>
      {closure ? (
        <>
          <p>{closedSentence(closure)}</p>
          <p>
            Registreret <TimeDa iso={closure.closedAt} />
            {closure.closedBy?.name ? ` af ${closure.closedBy.name}` : ''}.
          </p>
          {canCase && (
            <>
              <SectionErrors state={state} form="fortryd-afslutning" />
              <PostForm
                action={`/borgere/${p.id}/fortryd-afslutning#fortryd-afslutning-fejl`}
                formId="fortryd-afslutning"
                csrf={csrf}
                version={versionFor(state, 'fortryd-afslutning', closure.version)}
                title="Fortryd afslutningen"
                submit="Fortryd afslutningen"
              >
                <p>Sagen bliver åben igen. Afslutningen og begrundelsen gemmes i sagens historik.</p>
                <Field
                  state={state}
                  form="fortryd-afslutning"
                  id="fortryd-begrundelse"
                  hint="Fx: registreret på den forkerte borger"
                />
              </PostForm>
            </>
          )}
        </>
      ) : (
        <>
          <p>Sagen er åben.</p>
          {canCase && (
            <>
              <SectionErrors state={state} form="afslut-sag" />
              <PostForm
                action={`/borgere/${p.id}/afslut-sag#afslut-sag-fejl`}
                formId="afslut-sag"
                csrf={csrf}
                title="Afslut sag"
                submit="Afslut sagen"
              >
                <p>
                  Forpligtelser med frist til og med sagens sidste dag står, som de var. Senere frister skyldes ikke
                  længere, og borgeren forsvinder fra arbejdslisten.
                </p>
                <Field
                  state={state}
                  form="afslut-sag"
                  id="afslutning-dato"
                  hint="Tidligst overtagelsesdatoen, senest i dag"
                />
                <Field
                  state={state}
                  form="afslut-sag"
                  id="afslutning-aarsag"
                  placeholder="Vælg årsag"
                  options={REASON_OPTIONS}
                />
                <Field
                  state={state}
                  form="afslut-sag"
                  id="afslutning-kommune"
                  placeholder="Ingen"
                  options={others}
                  hint="Kun når borgeren er flyttet til en anden kommune"
                />
              </PostForm>
            </>
          )}
        </>
      )}
    </>
  );
}
