// Årsrapport: the municipality's annual report for a year, for the analyst and the secretariat (and
// the other roles that read both the indicators and the governance cycle). A year is chosen with a
// GET form; the page shows the report inside the site's layout, and links to it as a PDF and as a
// standalone HTML document, both made for the signed-in user. Aggregates only: no person is shown.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { can } from '../../domain/authorization.js';
import {
  annualReportDocument,
  annualReportFileName,
  annualReportHtml,
  annualReportPdf,
} from '../../reports/annual-report.js';
import { chartSvgs } from '../../reports/charts.js';
import { figuresOf } from '../../reports/document.js';
import { REPORT_CSP, REPORT_CSS, ReportBody } from '../../reports/html.js';
import { annualReport } from '../../services/annual-report.js';
import { ForbiddenError } from '../../services/errors.js';
import { ErrorSummary, page, Select, type FieldError } from '../components.js';
import type { WebTools } from '../tools.js';
import { FIRST_YEAR, queryParam, yearFrom, yearMessage } from './indicators.js';

/** How many years back the year chooser offers. */
const YEARS_OFFERED = 8;

/** The year asked for (default: last year, the last whole year), or the form's error. */
function readYear(request: FastifyRequest, currentYear: number): { year: number; error: FieldError | null } {
  const raw = queryParam(request.query, 'year');
  if (raw === '') return { year: currentYear - 1, error: null };
  const year = yearFrom(raw, currentYear);
  return year === null
    ? { year: currentYear - 1, error: { field: 'year', message: yearMessage(currentYear) } }
    : { year, error: null };
}

/** The whole report or nothing: the roles that read both the indicators and the governance cycle. */
function checkRole(tools: WebTools, request: FastifyRequest): void {
  const actor = tools.requireActor(request);
  if (!can(actor, 'indicators.read') || !can(actor, 'governance.read'))
    throw new ForbiddenError('The role may not read the annual report.');
}

function YearForm({ years, year, error }: { years: number[]; year: string; error: string | undefined }) {
  return (
    <form method="get" action="/arsrapport" class="mb-grid" aria-label="Vælg år">
      <Select
        id="year"
        label="År"
        required
        value={year}
        error={error}
        options={years.map((y) => [String(y), String(y)] as const)}
      />
      <div class="form-group">
        <button type="submit" class="button button-secondary">
          Vis årsrapporten
        </button>
      </div>
    </form>
  );
}

export function annualReportRoutes(app: FastifyInstance, tools: WebTools): void {
  app.get('/arsrapport', async (request, reply) => {
    const ctx = tools.ctx(request);
    const currentYear = Number(ctx.today.slice(0, 4));
    const { year, error } = readYear(request, currentYear);
    const years = Array.from(
      { length: Math.min(YEARS_OFFERED, currentYear - FIRST_YEAR + 1) },
      (_, i) => currentYear - i,
    );
    if (error) {
      checkRole(tools, request);
      return tools.html(
        reply,
        400,
        page(
          'Fejl – Årsrapport',
          tools.pageContext(request),
          <>
            <h1>Årsrapport</h1>
            <ErrorSummary errors={[error]} />
            <YearForm years={years} year="" error={error.message} />
          </>,
        ),
      );
    }
    const report = await annualReport(ctx, ctx.actor.municipalityCode, year);
    const doc = annualReportDocument(report);
    const svgs = await chartSvgs(figuresOf(doc.blocks));
    const query = `year=${String(year)}`;
    return tools.html(
      reply,
      200,
      page(
        `Årsrapport ${String(year)}`,
        tools.pageContext(request),
        <>
          <link rel="stylesheet" href="/arsrapport/rapport.css" />
          <h1>
            Årsrapport {year} – {report.municipality.name} Kommune
          </h1>
          {doc.cover.lines.map((l) => (
            <p>{l}</p>
          ))}
          <YearForm years={years.includes(year) ? years : [...years, year]} year={String(year)} error={undefined} />
          <ul class="nobullet-list">
            <li>
              <a class="function-link" href={`/arsrapport/pdf?${query}`} download={annualReportFileName(report, 'pdf')}>
                Hent årsrapporten som PDF
              </a>
            </li>
            <li>
              <a class="function-link" href={`/arsrapport/html?${query}`}>
                Åbn årsrapporten som selvstændigt dokument (HTML)
              </a>
            </li>
          </ul>
          <ReportBody doc={doc} svgs={svgs} cover={false} />
        </>,
      ),
    );
  });

  // The report as a file, made for the signed-in user: the same checks as the page.
  for (const format of ['pdf', 'html'] as const) {
    app.get(`/arsrapport/${format}`, async (request, reply) => {
      const ctx = tools.ctx(request);
      const currentYear = Number(ctx.today.slice(0, 4));
      const { year, error } = readYear(request, currentYear);
      if (error) {
        checkRole(tools, request);
        return tools.html(
          reply,
          400,
          page(
            'Fejl – Årsrapport',
            tools.pageContext(request),
            <>
              <h1>Årsrapport</h1>
              <ErrorSummary errors={[error]} />
              <p>
                <a href="/arsrapport">Tilbage til årsrapporten</a>
              </p>
            </>,
          ),
        );
      }
      const report = await annualReport(ctx, ctx.actor.municipalityCode, year);
      const name = annualReportFileName(report, format);
      reply.header('Cache-Control', 'no-store');
      if (format === 'pdf')
        return reply
          .type('application/pdf')
          .header('Content-Disposition', `attachment; filename="${name}"`)
          .send(await annualReportPdf(report));
      return reply
        .type('text/html; charset=utf-8')
        .header('Content-Disposition', `inline; filename="${name}"`)
        .header('Content-Security-Policy', REPORT_CSP)
        .send(await annualReportHtml(report));
    });
  }

  // The report's stylesheet, for the page above (the standalone document has it inline).
  app.get('/arsrapport/rapport.css', (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('Cache-Control', 'public, max-age=3600').send(REPORT_CSS),
  );
}
