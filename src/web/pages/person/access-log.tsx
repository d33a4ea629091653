// Adgangslog: the link from the person page, and the log itself (who used the person's data,
// when and why; a citizen sees dates and purposes only).
import { ACCESS_LOG_ACTION_DA, accessLogResourceDa, termDa } from '../../../domain/glossary.js';
import type { personAccessLog } from '../../../services/access-log.js';
import { dateDa, roleDa } from '../../components.js';
import { TimeDa, type PageData } from './parts.js';

export function AccessLogSection({ person: p, canAccessLog }: PageData) {
  if (!canAccessLog) return null;
  return (
    <>
      <h2 id="adgangslog">Adgangslog</h2>
      <p>Se, hvem der har brugt borgerens oplysninger, hvornår og hvorfor.</p>
      <p>
        <a href={`/borgere/${p.id}/adgangslog`}>
          Se adgangsloggen for {p.givenName} {p.familyName}
        </a>
      </p>
    </>
  );
}

type AccessLog = Awaited<ReturnType<typeof personAccessLog>>;
type LogEntry = AccessLog['entries'][number];

function LogTable({ entries }: { entries: LogEntry[] }) {
  const staffView = entries.some((e) => e.at !== undefined);
  return (
    <div class="mb-table-wrap">
      <table class="table table--zebra mb-responsive">
        <caption class="sr-only">Adgangslog, nyeste først</caption>
        <thead>
          <tr>
            <th scope="col">Tidspunkt</th>
            <th scope="col">Handling</th>
            <th scope="col">Formål</th>
            {staffView && (
              <>
                <th scope="col">Bruger</th>
                <th scope="col">Rolle</th>
                <th scope="col">Ressource</th>
              </>
            )}
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr>
              <td data-label="Tidspunkt">{e.at !== undefined ? <TimeDa iso={e.at} /> : dateDa(e.date)}</td>
              <td data-label="Handling">{termDa(ACCESS_LOG_ACTION_DA, e.action)}</td>
              <td data-label="Formål">{e.purpose}</td>
              {staffView && (
                <>
                  <td data-label="Bruger">{e.user ?? '–'}</td>
                  <td data-label="Rolle">{e.role ? roleDa(e.role) : '–'}</td>
                  <td data-label="Ressource">
                    {e.resource ? accessLogResourceDa(e.resource) : '–'}
                    {e.criterion ? <div class="form-hint">{e.criterion}</div> : null}
                  </td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function AccessLogPage({ personId, log }: { personId: string; log: AccessLog }) {
  const name = `${log.name.givenName} ${log.name.familyName}`;
  return (
    <>
      <h1>Adgangslog for {name}</h1>
      <p>
        Hver gang nogen læser, søger efter eller ændrer borgerens oplysninger, registreres det her med formålet. Nyeste
        først.
      </p>
      <p>
        <a href={`/borgere/${personId}`}>Tilbage til {name}</a>
      </p>
      {log.truncated && <p>Viser de seneste {log.entries.length} registreringer.</p>}
      {log.entries.length > 0 ? <LogTable entries={log.entries} /> : <p>Ingen registreringer.</p>}
    </>
  );
}
