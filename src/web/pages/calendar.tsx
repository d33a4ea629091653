// Kalender (issue 13): a caseworker's appointments by day (?dag=YYYY-MM-DD) or week
// (?uge=YYYY-Www, the default: this week), their own or a colleague's or everyone's, each linking
// to the person, with overlapping appointments of the same caseworker marked in words and an
// icon, not by colour alone. Works without JavaScript (a GET form and links).
import type { FastifyInstance } from 'fastify';
import { can } from '../../domain/authorization.js';
import { inDenmark, isoWeekOf, mondayOf, mondayOfIsoWeek } from '../../domain/appointments.js';
import { addDays, isIsoDate, longDateDa, weekdayDa } from '../../domain/dates.js';
import {
  APPOINTMENT_PURPOSE_DA,
  APPOINTMENT_STATUS_DA,
  languageDa,
  PLACE_KIND_DA,
  termDa,
} from '../../domain/glossary.js';
import { calendarOf } from '../../services/appointments.js';
import { ForbiddenError } from '../../services/errors.js';
import type { CalendarEntryView } from '../../services/presenters/appointment.js';
import { contactPersonCandidates } from '../../services/staff.js';
import { page, Select } from '../components.js';
import type { WebTools } from '../tools.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const timeOf = (iso: string) => inDenmark(new Date(iso)).time.replace(':', '.');

function Entry({ e, byId }: { e: CalendarEntryView; byId: Map<string, CalendarEntryView> }) {
  const conflicts = e.conflicts.map((id) => byId.get(id)).filter((x): x is CalendarEntryView => x !== undefined);
  return (
    <li class={conflicts.length > 0 ? 'mb-calendar-entry mb-calendar-conflict' : 'mb-calendar-entry'}>
      <p class="mb-calendar-time">
        <strong>
          kl. {timeOf(e.startsAt)}–{timeOf(e.endsAt)}
        </strong>{' '}
        <a href={`/borgere/${e.person.id}#aftaler`}>
          {e.person.givenName} {e.person.familyName}
        </a>
      </p>
      <p>
        {termDa(APPOINTMENT_PURPOSE_DA, e.purpose)} · {termDa(PLACE_KIND_DA, e.placeKind)}: {e.place}
        {e.interpreterLanguage ? ` · Tolk: ${languageDa(e.interpreterLanguage)}` : ''} · {e.caseworker.name} ·{' '}
        <a href={`/borgere/${e.person.id}/aftaler/${e.id}`}>
          {termDa(APPOINTMENT_STATUS_DA, e.status)}
          <span class="sr-only">
            {' '}
            (aftale med {e.person.givenName} {e.person.familyName} kl. {timeOf(e.startsAt)})
          </span>
        </a>
      </p>
      {conflicts.length > 0 && (
        <p class="mb-conflict">
          <span aria-hidden="true">⚠ </span>
          <strong>Konflikt:</strong> overlapper{' '}
          {conflicts.map((c, i) => (
            <>
              {i > 0 ? ', ' : ''}
              aftalen kl. {timeOf(c.startsAt)} med {c.person.givenName} {c.person.familyName}
            </>
          ))}
        </p>
      )}
    </li>
  );
}

function Day({
  date,
  entries,
  byId,
}: {
  date: string;
  entries: CalendarEntryView[];
  byId: Map<string, CalendarEntryView>;
}) {
  return (
    <section aria-labelledby={`dag-${date}`} class="mb-calendar-day">
      <h2 id={`dag-${date}`}>
        {capital(weekdayDa(date))} {longDateDa(date)}
      </h2>
      {entries.length > 0 ? (
        <ul class="nobullet-list">
          {entries.map((e) => (
            <Entry e={e} byId={byId} />
          ))}
        </ul>
      ) : (
        <p>Ingen aftaler.</p>
      )}
    </section>
  );
}

export function calendarRoutes(app: FastifyInstance, tools: WebTools): void {
  app.get('/kalender', async (request, reply) => {
    const ctx = tools.ctx(request);
    if (!can(ctx.actor, 'worklist.read')) throw new ForbiddenError('The calendar is the case workers’.');
    const q = request.query as Record<string, string | undefined>;
    const day = q.dag && isIsoDate(q.dag) ? q.dag : null;
    const weekMonday = day ? null : ((q.uge ? mondayOfIsoWeek(q.uge) : null) ?? mondayOf(ctx.today));
    const from = day ?? weekMonday ?? ctx.today;
    const to = day ?? addDays(from, 6);
    const staff = await contactPersonCandidates(ctx);
    const who =
      q.sagsbehandler === 'all' ||
      (q.sagsbehandler && UUID.test(q.sagsbehandler) && staff.some((s) => s.id === q.sagsbehandler))
        ? q.sagsbehandler
        : 'me';
    const result = await calendarOf(ctx, ctx.actor.municipalityCode, { from, to, caseworker: who });
    const byId = new Map(result.appointments.map((e) => [e.id, e]));
    const days = Array.from({ length: day ? 1 : 7 }, (_, i) => addDays(from, i));
    const on = (d: string) => result.appointments.filter((e) => inDenmark(new Date(e.startsAt)).date === d);
    const keep = who === 'me' ? '' : `&sagsbehandler=${encodeURIComponent(who)}`;
    const week = isoWeekOf(from);
    const [title, prev, next] = day
      ? [
          `Kalender ${weekdayDa(day)} ${longDateDa(day)}`,
          `/kalender?dag=${addDays(day, -1)}${keep}`,
          `/kalender?dag=${addDays(day, 1)}${keep}`,
        ]
      : [
          `Kalender uge ${String(Number(week.slice(6)))}, ${week.slice(0, 4)}`,
          `/kalender?uge=${isoWeekOf(addDays(from, -7))}${keep}`,
          `/kalender?uge=${isoWeekOf(addDays(from, 7))}${keep}`,
        ];
    const options: [string, string][] = [
      ['me', 'Mine aftaler'],
      ['all', 'Alle sagsbehandlere'],
      ...staff.filter((s) => s.id !== ctx.actor.userId).map((s): [string, string] => [s.id, s.name]),
    ];
    return tools.html(
      reply,
      200,
      page(
        title,
        tools.pageContext(request),
        <>
          <h1>{title}</h1>
          <p>
            {result.appointments.length === 0
              ? 'Der er ingen aftaler i perioden.'
              : result.appointments.length === 1
                ? '1 aftale i perioden.'
                : `${String(result.appointments.length)} aftaler i perioden.`}{' '}
            {result.conflictCount > 0 && (
              <strong class="mb-conflict">
                <span aria-hidden="true">⚠ </span>
                {result.conflictCount} aftaler overlapper en anden aftale hos samme sagsbehandler.
              </strong>
            )}
          </p>
          <form method="get" action="/kalender" class="mb-grid" aria-label="Vælg kalender">
            {day ? <input type="hidden" name="dag" value={day} /> : <input type="hidden" name="uge" value={week} />}
            <Select id="sagsbehandler" label="Sagsbehandler" value={who} options={options} />
            <div class="form-group">
              <button type="submit" class="button button-secondary">
                Vis
              </button>
            </div>
          </form>
          <nav aria-label="Periode" class="mb-calendar-nav">
            <ul class="nobullet-list mb-inline-list">
              <li>
                <a href={prev}>{day ? 'Forrige dag' : 'Forrige uge'}</a>
              </li>
              <li>
                <a href={next}>{day ? 'Næste dag' : 'Næste uge'}</a>
              </li>
              <li>
                {day ? (
                  <a href={`/kalender?uge=${week}${keep}`}>Hele ugen</a>
                ) : (
                  <a href={`/kalender?dag=${ctx.today}${keep}`}>I dag</a>
                )}
              </li>
            </ul>
          </nav>
          {days.map((d) => (
            <Day date={d} entries={on(d)} byId={byId} />
          ))}
        </>,
      ),
    );
  });
}
