// Administration: the administrator's start page. The administrator runs Medborger (API tokens for
// integration clients, the governance cycle) and sees no person: the page names the municipality,
// what the role may do and where it does it (the API's documentation, the command line), and
// links to the pages the role may open. No personal data.
import type { FastifyInstance } from 'fastify';
import { can, DEFAULT_PURPOSE, ROLES } from '../../domain/authorization.js';
import { MUNICIPALITIES } from '../../domain/municipalities.js';
import { ForbiddenError } from '../../services/errors.js';
import { page, roleDa } from '../components.js';
import type { WebTools } from '../tools.js';

export function administrationRoutes(app: FastifyInstance, tools: WebTools): void {
  app.get('/administration', async (request, reply) => {
    const ctx = tools.ctx(request);
    const actor = ctx.actor;
    if (!can(actor, 'token.create')) throw new ForbiddenError();
    const code = actor.municipalityCode;
    const municipality = MUNICIPALITIES.find((m) => m.code === code)?.name ?? code;
    const roles = ROLES.filter((r) => r !== 'citizen');
    return tools.html(
      reply,
      200,
      page(
        'Administration',
        tools.pageContext(request),
        <>
          <h1>Administration</h1>
          <p>
            Du administrerer Medborger for {municipality} Kommune (kommunekode {code}). Din adgang er givet til:{' '}
            {DEFAULT_PURPOSE[actor.role]}. Administratoren ser ingen oplysninger om enkelte borgere.
          </p>
          <h2>Det gør du som administrator</h2>
          <ul>
            <li>
              Opretter adgangsnøgler (API-tokens) til kommunens integrationer, fx fagsystemer, der henter
              placeringsplaner eller indlæser ankomster.
            </li>
            {can(actor, 'governance.read') && (
              <li>
                Følger og registrerer kommunens styring: <a href="/styring">møder, høringer og beretninger</a>.
              </li>
            )}
            {can(actor, 'indicators.read') && (
              <li>
                Ser <a href="/indikatorer">kommunens indikatorer og mål</a>.
              </li>
            )}
            <li>
              Læser <a href="/politik">kommunens integrationspolitik og loven</a>, regel for regel.
            </li>
          </ul>
          <h2>Adgangsnøgler til integrationer</h2>
          <p>
            En adgangsnøgle oprettes på kommandolinjen på serveren, for én rolle og én integration ad gangen. Nøglen
            vises kun én gang.
          </p>
          <pre class="mb-code">
            <code>{`medborger token create --municipality ${code} --role caseworker --user "Navn på integrationen" --days 30`}</code>
          </pre>
          <p>
            Mens serveren kører, opretter du nøglen gennem API'et med din egen administratornøgle:{' '}
            <code>POST /api/v1/tokens</code>. API'et er beskrevet i{' '}
            <a href="/api/v1/openapi.json">API-dokumentationen (OpenAPI)</a>.
          </p>
          <h2>Roller i Medborger</h2>
          <p>En adgangsnøgle gives til en af disse roller:</p>
          <ul>
            {roles.map((r) => (
              <li>
                {roleDa(r)}: {DEFAULT_PURPOSE[r]}
              </li>
            ))}
          </ul>
        </>,
      ),
    );
  });
}
