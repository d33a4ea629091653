// Husstand: the members living together, each with their place in the household.
import { RELATION_IN_SENTENCE_DA, termDa } from '../../../domain/glossary.js';
import { dateDa } from '../../components.js';
import type { PageData } from './parts.js';

export function HouseholdSection({ person: p }: PageData) {
  return (
    <>
      <h2 id="husstand">Husstand</h2>
      <ul>
        {p.household.members.map((m) => (
          <li>
            {m.personId === p.id ? (
              <strong>
                {m.givenName} {m.familyName} (denne borger)
              </strong>
            ) : (
              <a href={`/borgere/${m.personId}`}>
                {m.givenName} {m.familyName}
              </a>
            )}
            {` – ${termDa(RELATION_IN_SENTENCE_DA, m.relation)}, født ${dateDa(m.birthDate)}`}
          </li>
        ))}
      </ul>
      <p>
        Ankomst: {dateDa(p.household.arrivalDate)}. Overtaget: {dateDa(p.household.takeoverDate)}.
      </p>
    </>
  );
}
