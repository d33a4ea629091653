// The annual report (årsrapport) of a municipality for a year, as a standalone HTML document or
// an A4 PDF: aggregates under disclosure control and the policy's texts, never a person.
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { todayIso } from '../../domain/dates.js';
import { annualReportFileName, annualReportHtml, annualReportPdf } from '../../reports/annual-report.js';
import { REPORT_CSP } from '../../reports/html.js';
import { annualReport } from '../../services/annual-report.js';
import { ctxOf, type AppDeps } from '../context.js';
import { ProblemSchema } from '../problem.js';
import { MunicipalityParams } from '../schemas.js';

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 422: ProblemSchema };
const security = [{ bearer: [] }];

export function reportRoutes(deps: AppDeps): FastifyPluginCallbackZod {
  const today = () => deps.today?.() ?? todayIso();
  return (app, _options, done) => {
    app.get(
      '/api/v1/municipalities/:code/reports/annual',
      {
        schema: {
          operationId: 'getAnnualReport',
          tags: ['reports'],
          security,
          summary: 'The annual report of the municipality for a year, as HTML or PDF (aggregates only, never a person)',
          description:
            'The annual report (årsrapport) in Danish for the committee, the city council and the integration council: ' +
            "the policy's vision; every rule in force with its compliance in the year and the years before; every " +
            'indicator with target, value, n and trend (charts drawn on the server, each with a table of its figures); the ' +
            'governance obligations that fell due in the year and the events of the year; a comparison with chosen ' +
            'municipalities (default: the other municipalities with a policy in Medborger) and the nation; what could not be ' +
            'measured, and why. Under disclosure control: no figure about fewer than 5 persons. Readable by the roles that ' +
            'read both the indicators and the governance cycle (analyst, secretariat, team lead, administrator); a role that ' +
            'could read only part of it gets 403, not a partial report. A year after the current one is refused (422).',
          params: MunicipalityParams,
          querystring: z.object({
            year: z.coerce
              .number()
              .int()
              .min(2000)
              .max(2100)
              .optional()
              .meta({ description: 'The year reported on; default: last year (the last whole year)' }),
            format: z.enum(['html', 'pdf']).optional().meta({ description: 'Default html' }),
            compare: z
              .string()
              .regex(/^\d{3}(,\d{3}){0,97}$/, 'municipality codes separated by commas, e.g. 813,860')
              .optional()
              .meta({
                description:
                  'The municipalities to compare with, as codes separated by commas; default: the other municipalities with a policy in Medborger',
              }),
          }),
          response: {
            200: {
              description: 'The report: a standalone HTML document (default), or an A4 PDF with ?format=pdf',
              content: {
                'text/html': { schema: z.string().meta({ description: 'A standalone HTML document (lang="da")' }) },
                'application/pdf': { schema: z.string().meta({ description: 'An A4 PDF document', format: 'binary' }) },
              },
            },
            ...errors,
          },
        },
      },
      async (request, reply) => {
        const ctx = await ctxOf(deps, request);
        const { code } = request.params;
        const year = request.query.year ?? Number(today().slice(0, 4)) - 1;
        const compare = request.query.compare?.split(',');
        const report = await annualReport(ctx, code, year, compare ? { compare } : {});
        if (request.query.format === 'pdf') {
          const pdf = await annualReportPdf(report);
          return (
            reply
              .type('application/pdf')
              .header('Content-Disposition', `attachment; filename="${annualReportFileName(report, 'pdf')}"`)
              // The bytes as they are (Fastify sends a Buffer unserialized); the schema documents them as a binary string.
              .send(pdf as unknown as string)
          );
        }
        const html = await annualReportHtml(report);
        return (
          reply
            .type('text/html; charset=utf-8')
            .header('Content-Disposition', `inline; filename="${annualReportFileName(report, 'html')}"`)
            // The document's own inline stylesheet, by hash; nothing else.
            .header('Content-Security-Policy', REPORT_CSP)
            .send(html)
        );
      },
    );
    done();
  };
}
