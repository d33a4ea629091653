// Integrationskontrakt: the signed plan with an employment or education goal.
import { CONTRACT_GOAL_KINDS } from '../../../domain/model.js';
import { CONTRACT_GOAL_KIND_DA, optionsDa, termDa } from '../../../domain/glossary.js';
import { dateDa } from '../../components.js';
import { Field, PostForm, SectionErrors, versionFor, type PageData } from './parts.js';

const GOAL_KIND_OPTIONS = optionsDa(CONTRACT_GOAL_KINDS, CONTRACT_GOAL_KIND_DA);

export function ContractSection({ person: p, state, csrf, canCase }: PageData) {
  const c = p.contract;
  return (
    <>
      <h2 id="kontrakt">Integrationskontrakt</h2>
      <SectionErrors state={state} form="kontrakt" />
      {c ? (
        <dl class="mb-dl">
          <dt>Mål</dt>
          <dd>{c.goal}</dd>
          <dt>Måltype</dt>
          <dd>{termDa(CONTRACT_GOAL_KIND_DA, c.goalKind)}</dd>
          <dt>Underskrevet</dt>
          <dd>{c.signedOn ? dateDa(c.signedOn) : 'Ikke underskrevet endnu'}</dd>
        </dl>
      ) : (
        <p>Der er ikke skrevet en integrationskontrakt.</p>
      )}
      <p>
        <a href={`/borgere/${p.id}/kontrakt.pdf`}>Integrationskontrakten som PDF</a> (til underskrift og Digital Post)
      </p>
      {canCase && (
        <PostForm
          action={`/borgere/${p.id}/kontrakt#kontrakt-fejl`}
          formId="kontrakt"
          csrf={csrf}
          title={c ? 'Ret integrationskontrakten' : 'Skriv integrationskontrakten'}
          version={versionFor(state, 'kontrakt', c?.version)}
          submit="Gem integrationskontrakt"
        >
          <Field state={state} form="kontrakt" id="kontrakt-maal" saved={c?.goal} />
          <Field
            state={state}
            form="kontrakt"
            id="kontrakt-maaltype"
            saved={c?.goalKind}
            placeholder="Vælg måltype"
            options={GOAL_KIND_OPTIONS}
          />
          <Field state={state} form="kontrakt" id="kontrakt-underskrevet" saved={c?.signedOn} />
        </PostForm>
      )}
    </>
  );
}
