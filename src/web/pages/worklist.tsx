// Start page: the worklist. What to do today first: obligations due in the next days and those
// overdue by at most 90 days, the most recently overdue first (src/domain/worklist.ts); those
// overdue for longer apart, behind their count (they usually mean a missing record). The
// caseworker's own cases by default; team leaders filter by contact person. The whole list can be
// taken out as CSV (logged as an export).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can, DEFAULT_PURPOSE } from '../../domain/authorization.js';
import { OBLIGATION_STATUS_DA, OBLIGATION_STATUS_IN_SENTENCE_DA } from '../../domain/glossary.js';
import { compileRules, shippedPolicies } from '../../policy/load.js';
import type { ObligationStatus } from '../../domain/obligations.js';
import { LONG_OVERDUE_DAYS } from '../../domain/worklist.js';
import { worklist, worklistExport } from '../../services/obligations.js';
import { worklistCsv } from '../../services/presenters/worklist-csv.js';
import { contactPersonCandidates } from '../../services/staff.js';
import { dateDa, homeOf, page, Select, StatusTag } from '../components.js';
import type { WebTools } from '../tools.js';

const PAGE_SIZE = 50;

type Filters = ReturnType<typeof filtersOf>;

/** The worklist's filters as the form and the links carry them (unknown values fall back to the defaults). */
function filtersOf(tools: WebTools, request: FastifyRequest, staffIds: readonly string[]) {
  const ctx = tools.ctx(request);
  const q = request.query as Record<string, string | undefined>;
  const lead = ctx.actor.role === 'team_lead' || ctx.actor.role === 'admin';
  const status: 'overdue' | 'due_soon' | 'both' = q.status === 'overdue' || q.status === 'due_soon' ? q.status : 'both';
  const contact = q.contactPerson ?? (lead ? 'all' : 'me');
  const contactPerson =
    contact === 'all' ? undefined : contact === 'me' ? 'me' : staffIds.includes(contact) ? contact : 'me';
  return {
    status,
    contact,
    contactPerson,
    ruleId: q.rule || undefined,
    group: q.gruppe === 'gamle' ? ('long_overdue' as const) : ('current' as const),
    offset: Math.max(0, Math.min(1_000_000, Number.parseInt(q.offset ?? '0', 10) || 0)),
  };
}

function queryOf(f: Filters, ctx: { today: string }) {
  const statuses: ObligationStatus[] = f.status === 'both' ? ['overdue', 'due_soon'] : [f.status];
  return { on: ctx.today, contactPerson: f.contactPerson, ruleId: f.ruleId, statuses };
}

/** A link to the worklist with these filters (and a group and page). */
function linkOf(f: Filters, changes: { group?: 'current' | 'long_overdue'; offset?: number }, path = '/') {
  const group = changes.group ?? f.group;
  return `${path}?${new URLSearchParams({
    status: f.status,
    contactPerson: f.contact,
    rule: f.ruleId ?? '',
    ...(group === 'long_overdue' ? { gruppe: 'gamle' } : {}),
    ...(changes.offset !== undefined ? { offset: String(changes.offset) } : {}),
  })}`;
}

/** "1 forpligtelse", "12 forpligtelser". */
function obligationsDa(n: number): string {
  return n === 1 ? '1 forpligtelse' : `${n} forpligtelser`;
}

/** "overskredet for 12 dage siden", "i dag" or "om 3 dage": how far the due date is from today. */
function dueInWords(dueDate: string | null, daysOverdue: number, status: string, today: string): string | null {
  if (dueDate === null) return null;
  if (status === 'overdue')
    return daysOverdue === 1 ? 'overskredet i går' : `overskredet for ${daysOverdue} dage siden`;
  const days = Math.round((Date.parse(`${dueDate}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
  return days === 0 ? 'i dag' : days === 1 ? 'i morgen' : `om ${days} dage`;
}

export function worklistRoutes(app: FastifyInstance, tools: WebTools): void {
  app.get('/arbejdsliste.csv', async (request, reply) => {
    const ctx = tools.ctx(request);
    const staff = await contactPersonCandidates(ctx);
    const f = filtersOf(
      tools,
      request,
      staff.map((s) => s.id),
    );
    const view = await worklistExport(ctx, ctx.actor.municipalityCode, { ...queryOf(f, ctx), group: 'all' });
    return reply
      .type('text/csv; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="arbejdsliste-${ctx.actor.municipalityCode}-${view.on}.csv"`)
      .header('Cache-Control', 'no-store')
      .send(worklistCsv(view));
  });

  app.get('/', async (request, reply) => {
    const ctx = tools.ctx(request);
    if (!can(ctx.actor, 'worklist.read')) {
      // The secretariat and the analyst start on their own work (Styring, Indikatorer).
      const home = homeOf(ctx.actor);
      return home ? reply.redirect(home) : startPage(tools, request, reply);
    }
    const staff = await contactPersonCandidates(ctx);
    const f = filtersOf(
      tools,
      request,
      staff.map((s) => s.id),
    );
    const { status, contact, ruleId, offset } = f;
    const long = f.group === 'long_overdue';
    const result = await worklist(ctx, ctx.actor.municipalityCode, {
      ...queryOf(f, ctx),
      group: f.group,
      limit: PAGE_SIZE,
      offset,
    });
    const rules = compileRules(shippedPolicies(), ctx.actor.municipalityCode).rules.filter((c) =>
      ['deadline', 'weekly_hours', 'presence', 'every_conversation', 'cadence'].includes(c.rule.kind),
    );
    const link = (o: number) => linkOf(f, { offset: o });
    return tools.html(
      reply,
      200,
      page(
        'Arbejdsliste',
        tools.pageContext(request),
        <>
          <h1>Arbejdsliste</h1>
          {long ? (
            <p>
              Forpligtelser, der pr. {dateDa(ctx.today)} har været overskredet i mere end {LONG_OVERDUE_DAYS} dage. De
              skyldes ofte en registrering, der mangler, fx en kontrakt underskrevet på papir eller en samtale, der ikke
              er registreret. <a href={linkOf(f, { group: 'current', offset: 0 })}>Tilbage til dagens arbejde</a>
            </p>
          ) : (
            <p>
              Det, der skal gøres nu, pr. {dateDa(ctx.today)}: forpligtelser med frist inden for de næste dage og
              forpligtelser overskredet for højst {LONG_OVERDUE_DAYS} dage siden. Den senest overskredne står øverst.
            </p>
          )}
          <form method="get" action="/" class="mb-grid" aria-label="Filtrér arbejdslisten">
            {long && <input type="hidden" name="gruppe" value="gamle" />}
            <Select
              id="status"
              label="Status"
              value={status}
              required
              options={[
                ['both', `${OBLIGATION_STATUS_DA.overdue} og ${OBLIGATION_STATUS_IN_SENTENCE_DA.due_soon}`],
                ['overdue', OBLIGATION_STATUS_DA.overdue],
                ['due_soon', OBLIGATION_STATUS_DA.due_soon],
              ]}
            />
            <Select
              id="contactPerson"
              label="Kontaktperson"
              value={contact}
              required
              options={[['me', 'Mine borgere'], ['all', 'Alle'], ...staff.map((s) => [s.id, s.name] as const)]}
            />
            <Select
              id="rule"
              label="Regel"
              value={ruleId ?? ''}
              placeholder="Alle regler"
              options={rules.map((c) => [c.rule.id, c.rule.title] as const)}
            />
            <div class="form-group">
              <button type="submit" class="button button-secondary">
                Vis
              </button>
            </div>
          </form>
          <p role="status">
            {result.total === 0
              ? 'Ingen forpligtelser at vise.'
              : `${obligationsDa(result.total)}. Viser ${offset + 1}–${Math.min(offset + PAGE_SIZE, result.total)}.`}
          </p>
          {!long && result.groups.longOverdue > 0 && (
            <div class="alert alert-info" role="note">
              <div class="alert-body">
                <p class="alert-text">
                  {obligationsDa(result.groups.longOverdue)} har været overskredet i mere end {LONG_OVERDUE_DAYS} dage
                  og vises for sig.{' '}
                  <a href={linkOf(f, { group: 'long_overdue', offset: 0 })}>Vis de længe overskredne</a>
                </p>
              </div>
            </div>
          )}
          <p>
            <a href={linkOf(f, {}, '/arbejdsliste.csv')} download>
              Hent hele arbejdslisten som CSV
            </a>{' '}
            <span class="form-hint">(begge grupper; hentningen logges for hver borger i filen)</span>
          </p>
          {result.items.length > 0 && (
            <div class="mb-table-wrap">
              <table class="table table--zebra mb-responsive">
                <caption class="sr-only">Forpligtelser</caption>
                <thead>
                  <tr>
                    <th scope="col">Borger</th>
                    <th scope="col">Forpligtelse</th>
                    <th scope="col">Frist</th>
                    <th scope="col">Status</th>
                    <th scope="col">Kontaktperson</th>
                  </tr>
                </thead>
                <tbody>
                  {result.items.map((i) => (
                    <tr>
                      <td data-label="Borger">
                        <a href={`/borgere/${i.personId}`}>
                          {i.givenName} {i.familyName}
                        </a>
                      </td>
                      <td data-label="Forpligtelse">
                        {i.title}
                        <div class="form-hint">Kilde: {i.sourceShort}</div>
                        {i.reason ? <div class="form-hint">{i.reason}</div> : null}
                      </td>
                      <td data-label="Frist">
                        {dateDa(i.dueDate)}
                        {dueInWords(i.dueDate, i.daysOverdue, i.status, ctx.today) && (
                          <div class="form-hint">{dueInWords(i.dueDate, i.daysOverdue, i.status, ctx.today)}</div>
                        )}
                        {i.booked && (
                          <div>
                            <a href={`/borgere/${i.personId}/aftaler/${i.booked.appointmentId}`}>
                              Booket {dateDa(i.booked.startsAt.slice(0, 10))} kl. {i.booked.startsAt.slice(11, 16)}
                            </a>
                          </div>
                        )}
                      </td>
                      <td data-label="Status">
                        <StatusTag status={i.status} />
                      </td>
                      <td data-label="Kontaktperson">{i.contactPerson?.name ?? 'Ingen'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <nav aria-label="Sider" class="mb-actions">
            {offset > 0 && <a href={link(Math.max(0, offset - PAGE_SIZE))}>Forrige side</a>}
            {offset + PAGE_SIZE < result.total && <a href={link(offset + PAGE_SIZE)}>Næste side</a>}
          </nav>
        </>,
      ),
    );
  });
}

/** The start page of a role without a worklist: what the role does here, and where to begin. */
function startPage(tools: WebTools, request: FastifyRequest, reply: FastifyReply) {
  const ctx = tools.ctx(request);
  const actor = ctx.actor;
  return tools.html(
    reply,
    200,
    page(
      'Forside',
      tools.pageContext(request),
      <>
        <h1>Forside</h1>
        <p>
          Du er logget ind som {actor.userName}. Din adgang er givet til:{' '}
          {DEFAULT_PURPOSE[actor.role].toLocaleLowerCase('da')}.
        </p>
        <ul>
          {can(actor, 'person.search') && (
            <li>
              <a href="/borgere">Søg efter de borgere, dit arbejde omfatter</a>
            </li>
          )}
          {can(actor, 'governance.read') && (
            <li>
              <a href="/styring">Følg kommunens styring: møder, høringer og beretninger efter politikken</a>
            </li>
          )}
          {can(actor, 'indicators.read') && (
            <li>
              <a href="/indikatorer">Se kommunens indikatorer og mål</a>
            </li>
          )}
          <li>
            <a href="/politik">Se kommunens integrationspolitik og loven, regel for regel</a>
          </li>
        </ul>
        {!can(actor, 'person.search') && <p>Din rolle giver ikke adgang til oplysninger om enkelte borgere.</p>}
      </>,
    ),
  );
}
