// The indicators of a municipality: aggregates under disclosure control, never a person.
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { todayIso } from '../../domain/dates.js';
import { compareIndicators } from '../../services/indicator-comparison.js';
import { BREAKDOWN_PARAMETERS, municipalityIndicators, type BreakdownParameter } from '../../services/indicators.js';
import { comparisonCsv, indicatorsCsv } from '../../services/presenters/indicator-csv.js';
import { CsvBody, csvReply } from '../csv.js';
import { ctxOf, type AppDeps } from '../context.js';
import { ProblemSchema } from '../problem.js';
import { MunicipalityParams } from '../schemas.js';

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };
const security = [{ bearer: [] }];
const BREAKDOWNS = Object.keys(BREAKDOWN_PARAMETERS) as [BreakdownParameter, ...BreakdownParameter[]];

const FigureFields = {
  suppressed: z
    .boolean()
    .meta({ description: 'true when no figure is shown (fewer than 5 persons behind it, or not measurable)' }),
  value: z
    .number()
    .nullable()
    .optional()
    .meta({ description: 'A share 0–1, or a number (median days late) as the indicator defines' }),
  numerator: z.number().int().optional(),
  denominator: z.number().int().optional().meta({ description: 'n: the persons (or obligations) the figure is about' }),
};
const IndicatorSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    source: z.looseObject({ type: z.string() }),
    target: z.object({ value: z.number(), source: z.looseObject({ quote: z.string() }) }).optional(),
    measurable: z.boolean(),
    reason: z.string().optional(),
    ...FigureFields,
    breakdown: z.array(z.object({ group: z.string(), ...FigureFields })).optional(),
  })
  .meta({ id: 'Indicator' });

const YearQuery = z.coerce
  .number()
  .int()
  .min(1999)
  .max(2100)
  .optional()
  .meta({ description: 'Default: the current year' });
const FormatQuery = z
  .enum(['json', 'csv'])
  .optional()
  .meta({ description: 'csv: the same table as RFC 4180 CSV (logged as an export). Default json' });

const ComparisonRowSchema = z
  .object({
    code: z.string().nullable().meta({ description: 'The municipality code; null for the nation' }),
    name: z.string(),
    ...FigureFields,
  })
  .meta({ id: 'IndicatorComparisonRow' });

export function indicatorRoutes(deps: AppDeps): FastifyPluginCallbackZod {
  const today = () => deps.today?.() ?? todayIso();
  return (app, _options, done) => {
    app.get(
      '/api/v1/municipalities/:code/indicators',
      {
        schema: {
          operationId: 'getIndicators',
          tags: ['indicators'],
          security,
          summary: 'The indicators of the municipality for a year, under disclosure control (never a person)',
          description:
            'Every indicator of the catalogue that applies to the municipality (Barometer- and Jobindsats-aligned, the ' +
            "policy's own targets) and the compliance with each rule, with target, value and n; a figure about fewer than 5 " +
            'persons is suppressed, and so is any cell that would let it be recovered by subtraction. One breakdown on request.',
          params: MunicipalityParams,
          querystring: z.object({
            year: YearQuery,
            breakdown: z.enum(BREAKDOWNS).optional(),
            format: FormatQuery,
          }),
          response: {
            200: {
              description: 'The indicators (JSON), or the same table as CSV with ?format=csv',
              content: {
                'application/json': {
                  schema: z.object({
                    year: z.number().int(),
                    asOf: z.string(),
                    breakdown: z.enum(BREAKDOWNS).nullable(),
                    indicators: z.array(IndicatorSchema),
                  }),
                },
                'text/csv': { schema: CsvBody },
              },
            },
            ...errors,
          },
        },
      },
      async (request, reply) => {
        const ctx = await ctxOf(deps, request);
        const { code } = request.params;
        const year = request.query.year ?? Number(today().slice(0, 4));
        const breakdown = request.query.breakdown ?? null;
        if (request.query.format !== 'csv') return municipalityIndicators(ctx, code, year, breakdown);
        const view = await municipalityIndicators(ctx, code, year, breakdown, { export: { format: 'csv' } });
        return csvReply(
          reply,
          `indikatorer-${code}-${year}${breakdown ? `-${breakdown}` : ''}.csv`,
          indicatorsCsv(view),
        );
      },
    );
    app.get(
      '/api/v1/indicators/compare',
      {
        schema: {
          operationId: 'compareIndicator',
          tags: ['indicators'],
          security,
          summary: 'One indicator for chosen municipalities beside the nation, under disclosure control',
          description:
            "As the Integrationsbarometer: the chosen municipalities' figures and the nation's (every municipality with " +
            'records in Medborger; `nationMunicipalities` says how many). Disclosure control is applied to the whole table ' +
            'of municipalities before the chosen rows are taken from it, so the same municipality is shown or hidden ' +
            "whatever else is chosen. Comparable: the catalogue's indicators and the compliance with the law (not a rule " +
            "of one municipality's own policy: 422).",
          querystring: z.object({
            indicator: z
              .string()
              .min(1)
              .max(200)
              .meta({ description: 'An indicator id, e.g. barometer-1.2-employment-25-64' }),
            municipalities: z
              .string()
              .min(3)
              .max(98 * 4)
              .meta({ description: 'Comma-separated municipality codes, e.g. 580,813' }),
            year: YearQuery,
            format: FormatQuery,
          }),
          response: {
            200: {
              description: 'The comparison (JSON), or the same rows as CSV with ?format=csv',
              content: {
                'application/json': {
                  schema: z.object({
                    year: z.number().int(),
                    asOf: z.string(),
                    indicator: IndicatorSchema.pick({
                      id: true,
                      title: true,
                      source: true,
                      target: true,
                      measurable: true,
                      reason: true,
                    }),
                    nationMunicipalities: z
                      .number()
                      .int()
                      .meta({ description: 'How many municipalities the nation row counts (those with records)' }),
                    rows: z.array(ComparisonRowSchema).meta({
                      description: 'The chosen municipalities in the order asked, then the nation (code null)',
                    }),
                  }),
                },
                'text/csv': { schema: CsvBody },
              },
            },
            ...errors,
            422: ProblemSchema,
          },
        },
      },
      async (request, reply) => {
        const ctx = await ctxOf(deps, request);
        const year = request.query.year ?? Number(today().slice(0, 4));
        const codes = request.query.municipalities.split(',').map((c) => c.trim());
        const csv = request.query.format === 'csv';
        const [view] = await compareIndicators(
          ctx,
          [request.query.indicator],
          codes,
          year,
          csv ? { export: { format: 'csv' } } : {},
        );
        if (!view) throw new Error('compareIndicators answered no view for one indicator');
        if (!csv) return view;
        return csvReply(reply, `sammenligning-${view.indicator.id}-${year}.csv`, comparisonCsv(view));
      },
    );
    done();
  };
}
