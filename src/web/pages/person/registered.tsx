// After a household is registered (POST /husstande/ny → /borgere/{head}?registreret=1): a
// confirmation at the top of the head's page with what to do next — the person's first
// obligations by due date, each with its deadline — and the other members to open.
import { RELATION_IN_SENTENCE_DA, termDa } from '../../../domain/glossary.js';
import { dateDa } from '../../components.js';
import type { PageData } from './parts.js';

/** How many of the first obligations the confirmation lists. */
const NEXT_STEPS = 5;

export function RegisteredNotice({ person: p, obligations, registered }: PageData) {
  if (!registered) return null;
  const next = (obligations ?? [])
    .filter((o) => o.status === 'open' || o.status === 'due_soon' || o.status === 'overdue')
    .sort((a, b) => ((a.dueDate ?? '9999') < (b.dueDate ?? '9999') ? -1 : 1))
    .slice(0, NEXT_STEPS);
  const others = p.household.members.filter((m) => m.personId !== p.id);
  const count = p.household.members.length;
  return (
    <div class="alert alert-success" role="status" aria-labelledby="registreret-titel">
      <div class="alert-body">
        <h2 class="alert-heading" id="registreret-titel">
          Husstanden er registreret
        </h2>
        <p class="alert-text">
          {count === 1 ? '1 person' : `${count} personer`}, overtaget {dateDa(p.household.takeoverDate)}.
          {next.length > 0 ? ' Det næste at gøre for denne borger:' : ' Der er ingen frister for denne borger endnu.'}
        </p>
        {next.length > 0 && (
          <ol>
            {next.map((o) => (
              <li>
                {o.title} – frist {dateDa(o.dueDate)}
              </li>
            ))}
          </ol>
        )}
        {others.length > 0 && (
          <>
            <p class="alert-text">Husstandens øvrige medlemmer har deres egne forpligtelser:</p>
            <ul>
              {others.map((m) => (
                <li>
                  <a href={`/borgere/${m.personId}`}>
                    {m.givenName} {m.familyName}
                  </a>{' '}
                  ({termDa(RELATION_IN_SENTENCE_DA, m.relation)})
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </div>
  );
}
