// Ankomster: import the households of Udlændingestyrelsen's housing-placement notice (a CSV or
// JSON file). Upload → a preview (the import's dry run: every problem per household, member and
// field with the Danish text of its code, or each household with its computed takeover date) →
// commit. Works without JavaScript: the forms post (multipart, for the file), the server renders;
// the preview carries the file's content to the commit in a hidden field, so nothing is kept
// between the two requests and a commit is checked again from the start. Importing the same
// notice twice creates nothing twice (the service skips a reference imported before).
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can } from '../../domain/authorization.js';
import {
  ARRIVAL_CSV_COLUMN_DA,
  ARRIVAL_FIELD_DA,
  NOT_WEEKDAY_DA,
  PROGRAM_IN_SENTENCE_DA,
  RELATION_IN_SENTENCE_DA,
  termDa,
} from '../../domain/glossary.js';
import { longDateDa } from '../../reports/format.js';
import {
  ARRIVAL_CSV_COLUMNS,
  ArrivalImportError,
  importArrivals,
  type ArrivalFile,
} from '../../services/arrival-import.js';
import { ForbiddenError } from '../../services/errors.js';
import { Csrf, page } from '../components.js';
import { errorMessage } from '../error-messages.js';
import { multipartString as fieldString } from '../forms.js';
import type { WebTools } from '../tools.js';

/** The largest file taken (2 MiB), as the API takes it. */
const FILE_LIMIT = 2 * 1024 * 1024;

type ImportView = Awaited<ReturnType<typeof importArrivals>>;

function UploadForm({ csrf }: { csrf: string }) {
  return (
    <form method="post" action="/ankomster" encType="multipart/form-data" noValidate class="mb-form">
      <Csrf token={csrf} />
      <div class="form-group">
        <label class="form-label" for="fil">
          Fil med boligplaceringsmeddelelsen (CSV eller JSON)
        </label>
        <span class="form-hint" id="fil-hint">
          Filen kontrolleres først. Intet gemmes, før du har set forhåndsvisningen og valgt at indlæse.
        </span>
        <input
          class="form-input"
          type="file"
          id="fil"
          name="fil"
          accept=".csv,.json,text/csv,application/json"
          aria-describedby="fil-hint"
        />
      </div>
      <div class="form-group">
        <button type="submit" name="action" value="preview" class="button button-primary">
          Se forhåndsvisning
        </button>
      </div>
    </form>
  );
}

function CsvLayout() {
  return (
    <details class="details">
      <summary class="details-summary">Sådan skal CSV-filen se ud</summary>
      <div class="details-text">
        <p>
          Én linje pr. medlem og en overskriftslinje først. Linjer med samme reference er én husstand. Adskil felterne
          med komma eller semikolon.
        </p>
        <ul>
          {ARRIVAL_CSV_COLUMNS.map((c) => (
            <li>
              <code>{c.column}</code>
              {c.required ? ' (skal udfyldes)' : ''}: {ARRIVAL_CSV_COLUMN_DA[c.column] ?? ''}
            </li>
          ))}
        </ul>
      </div>
    </details>
  );
}

/** Why the takeover date is not the 1st: "1. november 2025 er en lørdag, 2. november 2025 er en søndag". */
function moved(h: ImportView['households'][number]): string | null {
  if (!h.takeoverMoved) return null;
  return h.takeoverMoved.skipped.map((s) => `${longDateDa(s.date)} er ${termDa(NOT_WEEKDAY_DA, s.reason)}`).join(', ');
}

function HouseholdsTable({ view }: { view: ImportView }) {
  return (
    <div class="mb-table-wrap">
      <table class="table table--zebra mb-responsive">
        <caption>Husstande i filen</caption>
        <thead>
          <tr>
            <th scope="col">Reference</th>
            <th scope="col">Medlemmer</th>
            <th scope="col">Overtagelsesdato</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {view.households.map((h) => {
            const why = moved(h);
            return (
              <tr>
                <td data-label="Reference">{h.reference}</td>
                <td data-label="Medlemmer">
                  <ul class="nobullet-list">
                    {h.members.map((m) => (
                      <li>
                        {m.personId ? (
                          <a href={`/borgere/${m.personId}`}>
                            {m.givenName} {m.familyName}
                          </a>
                        ) : (
                          `${m.givenName} ${m.familyName}`
                        )}
                        {` – ${termDa(RELATION_IN_SENTENCE_DA, m.relation)}`}
                        {m.program ? `, ${termDa(PROGRAM_IN_SENTENCE_DA, m.program)}` : ''}
                      </li>
                    ))}
                  </ul>
                </td>
                <td data-label="Overtagelsesdato">
                  {longDateDa(h.takeoverDate)}
                  {h.takeoverByConsent && (
                    <div class="form-hint">
                      Tidligere end lovens dato ({longDateDa(h.statutoryTakeoverDate)}) med borgerens samtykke
                    </div>
                  )}
                  {why && <div class="form-hint">Flyttet til næste hverdag: {why}</div>}
                </td>
                <td data-label="Status">
                  {h.status === 'skipped' ? 'Allerede indlæst' : view.dryRun ? 'Oprettes' : 'Oprettet'}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function ProblemsView({ err }: { err: ArrivalImportError }) {
  const csv = err.listed.some((p) => p.line !== null);
  return (
    <>
      <div class="alert alert-error" role="alert" aria-labelledby="fejl-titel" tabIndex={-1} id="fejl">
        <div class="alert-body">
          <h2 class="alert-heading" id="fejl-titel">
            Der er {err.problemCount === 1 ? 'en fejl' : `${err.problemCount} fejl`} i filen
          </h2>
          <p class="alert-text">{errorMessage(err.code)}.</p>
        </div>
      </div>
      <div class="mb-table-wrap">
        <table class="table table--zebra mb-responsive">
          <caption>Fejl i filen</caption>
          <thead>
            <tr>
              <th scope="col">Husstand</th>
              {csv && <th scope="col">Linje</th>}
              <th scope="col">Medlem</th>
              <th scope="col">Felt</th>
              <th scope="col">Fejl</th>
            </tr>
          </thead>
          <tbody>
            {err.listed.map((p) => (
              <tr>
                <td data-label="Husstand">
                  {p.reference ?? (p.household === null ? 'Hele filen' : `Husstand ${p.household + 1}`)}
                </td>
                {csv && <td data-label="Linje">{p.line ?? '–'}</td>}
                <td data-label="Medlem">{p.member === null ? '–' : `Medlem ${p.member}`}</td>
                <td data-label="Felt">
                  {p.field ? (ARRIVAL_FIELD_DA[p.field] ?? p.field) : p.column ? <code>{p.column}</code> : '–'}
                </td>
                <td data-label="Fejl">{errorMessage(p.code)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** The commit form: the previewed file's content, posted again (checked again) with action=import. */
function CommitForm({ csrf, content }: { csrf: string; content: string }) {
  return (
    <form method="post" action="/ankomster" encType="multipart/form-data" class="mb-form">
      <Csrf token={csrf} />
      <textarea name="indhold" hidden aria-hidden="true" tabIndex={-1}>
        {content}
      </textarea>
      <div class="mb-actions">
        <button type="submit" name="action" value="import" class="button button-primary">
          Indlæs husstandene
        </button>
        <a href="/ankomster" class="button button-secondary">
          Vælg en anden fil
        </a>
      </div>
    </form>
  );
}

/** The file as the import takes it: JSON when it reads as a JSON object or array, else CSV. */
function fileOf(content: string): ArrivalFile {
  const text = content.replace(/^\uFEFF/, '');
  const start = text.trimStart()[0];
  if (start === '{' || start === '[') {
    try {
      return { format: 'json', body: JSON.parse(text) as unknown };
    } catch {
      // Not JSON after all: the CSV reader names the problem.
    }
  }
  return { format: 'csv', text };
}

export function arrivalRoutes(app: FastifyInstance, tools: WebTools): void {
  const render = (
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    title: string,
    body: preact.ComponentChildren,
  ) => tools.html(reply, status, page(title, tools.pageContext(request), body));

  const intro = (
    <p>
      Indlæs husstandene fra Udlændingestyrelsens boligplaceringsmeddelelse i stedet for at taste dem ind.
      Overtagelsesdatoen beregnes efter integrationslovens § 4, stk. 2: den 1. i måneden efter den første hele måned
      efter visitationsafgørelsen, eller den førstkommende hverdag. En meddelelse, der er indlæst før, oprettes ikke
      igen.
    </p>
  );

  app.get('/ankomster', async (request, reply) => {
    const ctx = tools.ctx(request);
    if (!can(ctx.actor, 'household.create')) throw new ForbiddenError();
    return render(
      request,
      reply,
      200,
      'Indlæs ankomster',
      <>
        <h1>Indlæs ankomster</h1>
        {intro}
        <UploadForm csrf={tools.pageContext(request).csrf} />
        <CsvLayout />
      </>,
    );
  });

  // The file comes as multipart/form-data: the parser is registered for this route's context only.
  void app.register(async (scope) => {
    await scope.register(multipart, {
      attachFieldsToBody: 'keyValues',
      limits: { fileSize: FILE_LIMIT, files: 1, fields: 5, fieldSize: FILE_LIMIT + 1024 * 1024 },
    });
    // A multipart body that cannot be read (truncated, without its boundary …) is the request's
    // fault: a 400 page from the web application's error handler, never a 500.
    scope.setErrorHandler((error: Error & { statusCode?: number }, request) => {
      const unread = request.body === undefined || request.body === null;
      if (unread && !(typeof error.statusCode === 'number' && error.statusCode < 500))
        throw Object.assign(new Error('The form could not be read.'), { statusCode: 400 });
      throw error;
    });
    scope.post('/ankomster', async (request, reply) => {
      const ctx = tools.ctx(request);
      tools.checkCsrf(request);
      const action = fieldString(request.body, 'action') === 'import' ? 'import' : 'preview';
      const content = fieldString(request.body, 'indhold') || fieldString(request.body, 'fil');
      const csrf = tools.pageContext(request).csrf;
      const again = (status: number, title: string, errorView: preact.ComponentChildren) =>
        render(
          request,
          reply,
          status,
          title,
          <>
            <h1>Indlæs ankomster</h1>
            {errorView}
            <UploadForm csrf={csrf} />
            <CsvLayout />
          </>,
        );
      if (content.trim() === '') {
        return again(
          400,
          'Fejl – Indlæs ankomster',
          <div class="alert alert-error" role="alert" aria-labelledby="fejl-titel" tabIndex={-1} id="fejl">
            <div class="alert-body">
              <h2 class="alert-heading" id="fejl-titel">
                Der er en fejl i formularen
              </h2>
              <ul class="alert-text nobullet-list">
                <li>
                  <a class="function-link" href="#fil">
                    Vælg en fil med boligplaceringsmeddelelsen
                  </a>
                </li>
              </ul>
            </div>
          </div>,
        );
      }
      let view: ImportView;
      try {
        view = await importArrivals(ctx, ctx.actor.municipalityCode, fileOf(content), {
          dryRun: action === 'preview',
        });
      } catch (err) {
        if (!(err instanceof ArrivalImportError)) throw err;
        return again(422, 'Fejl – Indlæs ankomster', <ProblemsView err={err} />);
      }
      if (view.dryRun) {
        return render(
          request,
          reply,
          200,
          'Forhåndsvisning – Indlæs ankomster',
          <>
            <h1>Forhåndsvisning af ankomster</h1>
            <div class="alert alert-info" role="status">
              <div class="alert-body">
                <p class="alert-text">
                  Filen er kontrolleret, og intet er gemt endnu. {view.created}{' '}
                  {view.created === 1 ? 'husstand' : 'husstande'} oprettes
                  {view.skipped > 0 ? `, og ${view.skipped} er allerede indlæst og oprettes ikke igen` : ''}.
                </p>
              </div>
            </div>
            <HouseholdsTable view={view} />
            <CommitForm csrf={csrf} content={content} />
          </>,
        );
      }
      return render(
        request,
        reply,
        200,
        'Ankomster indlæst',
        <>
          <h1>Ankomster indlæst</h1>
          <div class="alert alert-success" role="status">
            <div class="alert-body">
              <p class="alert-text">
                {view.created} {view.created === 1 ? 'husstand er oprettet' : 'husstande er oprettet'}
                {view.skipped > 0 ? `; ${view.skipped} var allerede indlæst og er ikke oprettet igen` : ''}.
              </p>
            </div>
          </div>
          <HouseholdsTable view={view} />
          <p>
            <a href="/ankomster">Indlæs en fil mere</a>
          </p>
        </>,
      );
    });
  });
}
