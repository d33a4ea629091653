// Fast kontaktperson: the one named caseworker, with the history of earlier ones.
import { dateDa, roleDa } from '../../components.js';
import { Field, PostForm, SectionErrors, versionFor, type PageData } from './parts.js';

export function ContactPersonSection({ person: p, state, csrf, canCase, candidates }: PageData) {
  const history = p.contactPersonHistory ?? [];
  return (
    <>
      <h2 id="kontaktperson">Fast kontaktperson</h2>
      <SectionErrors state={state} form="kontaktperson" />
      <p>
        {p.contactPerson
          ? `${p.contactPerson.name} er fast kontaktperson fra ${dateDa(p.contactPerson.fromDate)}.`
          : 'Borgeren har ingen fast kontaktperson.'}
      </p>
      {history.length > 0 && (
        <div class="mb-table-wrap">
          <table class="table table--zebra mb-responsive">
            <caption class="sr-only">Historik over faste kontaktpersoner</caption>
            <thead>
              <tr>
                <th scope="col">Kontaktperson</th>
                <th scope="col">Fra</th>
                <th scope="col">Til</th>
              </tr>
            </thead>
            <tbody>
              {history.map((c) => (
                <tr>
                  <td data-label="Kontaktperson">{c.name}</td>
                  <td data-label="Fra">{dateDa(c.fromDate)}</td>
                  <td data-label="Til">{c.toDate ? dateDa(c.toDate) : 'Nu'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canCase && (
        <PostForm
          action={`/borgere/${p.id}/kontaktperson#kontaktperson-fejl`}
          formId="kontaktperson"
          csrf={csrf}
          title={p.contactPerson ? 'Skift fast kontaktperson' : 'Tildel fast kontaktperson'}
          version={versionFor(state, 'kontaktperson', p.contactPerson?.version)}
          submit="Gem kontaktperson"
        >
          <Field
            state={state}
            form="kontaktperson"
            id="kontaktperson-bruger"
            saved=""
            placeholder="Vælg kontaktperson"
            options={candidates.map((c) => [c.id, `${c.name} (${roleDa(c.role)})`] as const)}
          />
          <Field state={state} form="kontaktperson" id="kontaktperson-fra" saved="" hint="Tom betyder fra i dag." />
        </PostForm>
      )}
    </>
  );
}
