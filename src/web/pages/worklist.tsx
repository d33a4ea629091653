// Start page: the worklist. Obligations due soon and overdue, most urgent first, for the
// caseworker's own cases by default; team leaders filter by contact person.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can, DEFAULT_PURPOSE } from '../../domain/authorization.js';
import { OBLIGATION_STATUS_DA, OBLIGATION_STATUS_IN_SENTENCE_DA } from '../../domain/glossary.js';
import { compileRules, shippedPolicies } from '../../policy/load.js';
import { worklist } from '../../services/obligations.js';
import { contactPersonCandidates } from '../../services/staff.js';
import { dateDa, homeOf, page, Select, StatusTag } from '../components.js';
import type { WebTools } from '../tools.js';

const PAGE_SIZE = 50;

export function worklistRoutes(app: FastifyInstance, tools: WebTools): void {
  app.get('/', async (request, reply) => {
    const ctx = tools.ctx(request);
    if (!can(ctx.actor, 'worklist.read')) {
      // The secretariat and the analyst start on their own work (Styring, Indikatorer).
      const home = homeOf(ctx.actor);
      return home ? reply.redirect(home) : startPage(tools, request, reply);
    }
    const q = request.query as Record<string, string | undefined>;
    const lead = ctx.actor.role === 'team_lead' || ctx.actor.role === 'admin';
    const status = q.status === 'overdue' || q.status === 'due_soon' ? q.status : 'both';
    const contact = q.contactPerson ?? (lead ? 'all' : 'me');
    const ruleId = q.rule || undefined;
    const offset = Math.max(0, Math.min(1_000_000, Number.parseInt(q.offset ?? '0', 10) || 0));
    const staff = await contactPersonCandidates(ctx);
    const contactPerson =
      contact === 'all' ? undefined : contact === 'me' ? 'me' : staff.some((s) => s.id === contact) ? contact : 'me';
    const result = await worklist(ctx, ctx.actor.municipalityCode, {
      on: ctx.today,
      contactPerson,
      ruleId,
      limit: PAGE_SIZE,
      offset,
      statuses: status === 'both' ? ['overdue', 'due_soon'] : [status],
    });
    const rules = compileRules(shippedPolicies(), ctx.actor.municipalityCode).rules.filter((c) =>
      ['deadline', 'weekly_hours', 'presence', 'every_conversation', 'cadence'].includes(c.rule.kind),
    );
    const link = (o: number) =>
      `/?${new URLSearchParams({ status, contactPerson: contact, rule: ruleId ?? '', offset: String(o) })}`;
    return tools.html(
      reply,
      200,
      page(
        'Arbejdsliste',
        tools.pageContext(request),
        <>
          <h1>Arbejdsliste</h1>
          <p>
            Forpligtelser, der snart skal være opfyldt eller er overskredet, pr. {dateDa(ctx.today)}. Den mest
            presserende står øverst.
          </p>
          <form method="get" action="/" class="mb-grid" aria-label="Filtrér arbejdslisten">
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
              : `${result.total} forpligtelser. Viser ${offset + 1}–${Math.min(offset + PAGE_SIZE, result.total)}.`}
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
                        {i.reason ? <div class="form-hint">{i.reason}</div> : null}
                      </td>
                      <td data-label="Frist">{dateDa(i.dueDate)}</td>
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
