// Forpligtelser: what law and the municipality's policy demand of the case today, with the
// evidence, the reason and the source of each.
import { OBLIGATION_STATUS_IN_SENTENCE_DA, QUOTE_KIND_DA, sourceReferenceDa } from '../../../domain/glossary.js';
import type { Obligation } from '../../../domain/obligations.js';
import { dateDa, StatusTag } from '../../components.js';
import { datesInTextDa, type PageData } from './parts.js';

/** The engine's evidence as the start of a cell: "Danskuddannelse fra …". */
const sentenceStart = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function ObligationRows({ items }: { items: Obligation[] }) {
  return (
    <>
      {items.map((o) => (
        <tr>
          <td data-label="Forpligtelse">
            {o.title}
            <div class="form-hint">{o.layer === 'national' ? 'Lov' : 'Kommunens politik'}</div>
          </td>
          <td data-label="Frist">{dateDa(o.dueDate)}</td>
          <td data-label="Status">
            <StatusTag status={o.status} />
          </td>
          <td data-label="Grundlag">
            {o.evidence && (
              <div>
                {sentenceStart(datesInTextDa(o.evidence.summary))}
                {o.evidence.late ? ' (efter fristen)' : ''}
              </div>
            )}
            {o.reason && <div>{datesInTextDa(o.reason)}</div>}
            {!o.evidence && !o.reason && '–'}
          </td>
          <td data-label="Kilde">
            <details class="mb-details">
              <summary>
                Kilde<span class="sr-only">: {o.title}</span>
              </summary>
              <blockquote class="mb-quote">{o.source.quote}</blockquote>
              <p>
                {sourceReferenceDa(o.source)}
                {o.source.quoteKind ? `. ${QUOTE_KIND_DA[o.source.quoteKind]}` : ''}
              </p>
              {o.interpretation && (
                <p>
                  <strong>
                    {o.interpretation.by === 'municipality'
                      ? 'Kommunens fortolkning'
                      : 'Medborgers fortolkning (skal bekræftes af kommunen)'}
                    :
                  </strong>{' '}
                  {o.interpretation.text}
                </p>
              )}
              {o.tightens && o.tightens.length > 0 && (
                <p>
                  Skærper loven:{' '}
                  {o.tightens
                    .map(
                      (t) =>
                        `${t.title} (${sourceReferenceDa(t.source)}): ${OBLIGATION_STATUS_IN_SENTENCE_DA[t.status]}${t.dueDate ? `, frist ${dateDa(t.dueDate)}` : ''}`,
                    )
                    .join('; ')}
                </p>
              )}
            </details>
          </td>
        </tr>
      ))}
    </>
  );
}

function ObligationTable({ items, caption }: { items: Obligation[]; caption: string }) {
  return (
    <div class="mb-table-wrap">
      <table class="table table--zebra mb-responsive">
        <caption class="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Forpligtelse</th>
            <th scope="col">Frist</th>
            <th scope="col">Status</th>
            <th scope="col">Grundlag</th>
            <th scope="col">Kilde</th>
          </tr>
        </thead>
        <tbody>
          <ObligationRows items={items} />
        </tbody>
      </table>
    </div>
  );
}

export function ObligationsSection({ obligations, today }: PageData) {
  if (!obligations) return null;
  const applicable = obligations.filter((o) => o.status !== 'not_applicable');
  const notApplicable = obligations.filter((o) => o.status === 'not_applicable');
  return (
    <>
      <h2 id="forpligtelser">Forpligtelser</h2>
      <p>Efter loven og kommunens integrationspolitik pr. {dateDa(today)}. Den mest presserende står øverst.</p>
      {applicable.length > 0 ? (
        <ObligationTable items={applicable} caption="Forpligtelser, der gælder for borgeren" />
      ) : (
        <p>Ingen forpligtelser gælder for borgeren i dag.</p>
      )}
      {notApplicable.length > 0 && (
        <details class="mb-details">
          <summary>Regler, der ikke gælder for borgeren ({notApplicable.length})</summary>
          <ObligationTable items={notApplicable} caption="Regler, der ikke gælder for borgeren" />
        </details>
      )}
    </>
  );
}
