// Visitationssamtale: the interview that maps resources, qualifications, wishes and challenges.
import { dateDa } from '../../components.js';
import { Field, PostForm, SavedNote, SectionErrors, versionFor, type PageData } from './parts.js';

export function VisitationSection({ person: p, state, csrf, canCase }: PageData) {
  const v = p.visitation;
  return (
    <>
      <h2 id="visitation">Visitationssamtale</h2>
      <SectionErrors state={state} form="visitation" />
      <p>
        {v ? `Visitationssamtalen blev holdt ${dateDa(v.heldOn)}.` : 'Der er ikke registreret en visitationssamtale.'}
      </p>
      <SavedNote state={state} form="visitation">
        {v && (
          <dl class="mb-dl">
            <dt>Dato</dt>
            <dd>{dateDa(v.heldOn)}</dd>
            <dt>Ressourcer</dt>
            <dd>{v.resources || '–'}</dd>
            <dt>Kvalifikationer</dt>
            <dd>{v.qualifications || '–'}</dd>
            <dt>Ønsker</dt>
            <dd>{v.wishes || '–'}</dd>
            <dt>Udfordringer</dt>
            <dd>{v.challenges || '–'}</dd>
          </dl>
        )}
      </SavedNote>
      {canCase ? (
        <PostForm
          action={`/borgere/${p.id}/visitation#visitation-fejl`}
          formId="visitation"
          csrf={csrf}
          title={v ? 'Ret visitationssamtalen' : 'Registrér visitationssamtalen'}
          version={versionFor(state, 'visitation', v?.version)}
          submit="Gem visitationssamtale"
        >
          <Field state={state} form="visitation" id="visitation-dato" saved={v?.heldOn} />
          <Field state={state} form="visitation" id="visitation-ressourcer" saved={v?.resources} rows={4} />
          <Field state={state} form="visitation" id="visitation-kvalifikationer" saved={v?.qualifications} rows={4} />
          <Field state={state} form="visitation" id="visitation-oensker" saved={v?.wishes} rows={4} />
          <Field state={state} form="visitation" id="visitation-udfordringer" saved={v?.challenges} rows={4} />
        </PostForm>
      ) : (
        v && (
          <dl class="mb-dl">
            <dt>Ressourcer</dt>
            <dd>{v.resources || '–'}</dd>
            <dt>Kvalifikationer</dt>
            <dd>{v.qualifications || '–'}</dd>
            <dt>Ønsker</dt>
            <dd>{v.wishes || '–'}</dd>
            <dt>Udfordringer</dt>
            <dd>{v.challenges || '–'}</dd>
          </dl>
        )
      )}
    </>
  );
}
