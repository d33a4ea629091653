// Search for a citizen by name or CPR number. A GET form: the search runs only when a query is
// given, and the service logs it with its criterion (never the full CPR number).
import type { FastifyInstance } from 'fastify';
import { can, seesMaskedCpr } from '../../domain/authorization.js';
import { maskCprInText } from '../../domain/cpr.js';
import { SINGLE_LINE_CONTROL } from '../../services/inputs.js';
import { ForbiddenError, UnprocessableError } from '../../services/errors.js';
import { searchPersons } from '../../services/persons.js';
import { errorMessage } from '../error-messages.js';
import { dateDa, ErrorSummary, page, SyntheticNote, TextField, type FieldError } from '../components.js';
import type { WebTools } from '../tools.js';

const FIELD = 'q';
const MAX_QUERY = 200;

/** Why the service refused a query, in Danish: by its code, never its English detail. */
export function queryMessage(err: UnprocessableError): string {
  return errorMessage(err.problems[0]?.code ?? err.code);
}

type Results = Awaited<ReturnType<typeof searchPersons>>;

export function searchRoutes(app: FastifyInstance, tools: WebTools): void {
  app.get('/borgere', async (request, reply) => {
    const ctx = tools.ctx(request);
    if (!can(ctx.actor, 'person.search')) throw new ForbiddenError();
    const showCpr = seesMaskedCpr(ctx.actor.role);
    const raw = (request.query as Record<string, unknown>).q;
    const q = typeof raw === 'string' ? raw : Array.isArray(raw) && typeof raw[0] === 'string' ? raw[0] : undefined;

    let results: Results | null = null;
    let error: FieldError | null = null;
    let status = 200;
    if (q !== undefined) {
      if (q.length > MAX_QUERY) {
        error = { field: FIELD, message: `Søgningen må højst fylde ${MAX_QUERY} tegn` };
        status = 400;
      } else if (SINGLE_LINE_CONTROL.test(q)) {
        // A NUL cannot reach the database (PostgreSQL refuses it in text); no name holds a control character.
        error = {
          field: FIELD,
          message: 'Søgningen indeholder tegn, der ikke kan søges på. Skriv et navn eller et CPR-nummer',
        };
        status = 400;
      } else {
        try {
          results = await searchPersons(ctx, ctx.actor.municipalityCode, q);
        } catch (err) {
          if (!(err instanceof UnprocessableError)) throw err;
          error = { field: FIELD, message: queryMessage(err) };
          status = 422;
        }
      }
    }

    const title = error ? 'Fejl: Søg borger' : 'Søg borger';
    return tools.html(
      reply,
      status,
      page(
        title,
        tools.pageContext(request),
        <>
          <h1>Søg borger</h1>
          <ErrorSummary errors={error ? [error] : []} />
          <form method="get" action="/borgere" noValidate role="search" aria-label="Søg borger">
            <TextField
              id={FIELD}
              label={showCpr ? 'Navn eller CPR-nummer' : 'Navn'}
              required
              value={q === undefined ? '' : maskCprInText(q)}
              error={error?.message}
              hint={
                showCpr
                  ? 'Skriv fornavn, efternavn eller begge, eller et CPR-nummer (ddmmåå-xxxx).'
                  : 'Skriv fornavn, efternavn eller begge. Du finder de borgere, dit arbejde omfatter.'
              }
              autoComplete="off"
            />
            <div class="form-group">
              <button type="submit" class="button button-primary">
                Søg
              </button>
            </div>
          </form>
          {results && (
            <>
              <h2>Resultater</h2>
              <p role="status">
                {results.results.length === 0
                  ? `Ingen borgere fundet for "${results.query}".`
                  : `${results.results.length} ${results.results.length === 1 ? 'borger' : 'borgere'} fundet for "${results.query}".`}
                {results.truncated ? ' Der er flere; gør søgningen mere præcis.' : ''}
              </p>
              {results.results.length > 0 && (
                <div class="mb-table-wrap">
                  <table class="table table--zebra mb-responsive">
                    <caption class="sr-only">Søgeresultater</caption>
                    <thead>
                      <tr>
                        <th scope="col">Navn</th>
                        <th scope="col">Fødselsdato</th>
                        {showCpr && <th scope="col">CPR-nummer</th>}
                      </tr>
                    </thead>
                    <tbody>
                      {results.results.map((r) => (
                        <tr>
                          <td data-label="Navn">
                            <a href={`/borgere/${r.id}`}>
                              {r.givenName} {r.familyName}
                            </a>{' '}
                            <SyntheticNote synthetic={r.synthetic} />
                          </td>
                          <td data-label="Fødselsdato">{dateDa(r.birthDate)}</td>
                          {showCpr && <td data-label="CPR-nummer">{r.cpr ?? 'Intet'}</td>}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </>
          )}
        </>,
      ),
    );
  });
}
