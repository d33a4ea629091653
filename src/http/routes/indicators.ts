// The indicators of a municipality: aggregates under disclosure control, never a person.
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { todayIso } from '../../domain/dates.js';
import { BREAKDOWN_PARAMETERS, municipalityIndicators, type BreakdownParameter } from '../../services/indicators.js';
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
            year: z.coerce
              .number()
              .int()
              .min(1999)
              .max(2100)
              .optional()
              .meta({ description: 'Default: the current year' }),
            breakdown: z.enum(BREAKDOWNS).optional(),
          }),
          response: {
            200: z.object({
              year: z.number().int(),
              asOf: z.string(),
              breakdown: z.enum(BREAKDOWNS).nullable(),
              indicators: z.array(IndicatorSchema),
            }),
            ...errors,
          },
        },
      },
      async (request) => {
        const ctx = await ctxOf(deps, request);
        const year = request.query.year ?? Number(today().slice(0, 4));
        return municipalityIndicators(ctx, request.params.code, year, request.query.breakdown ?? null);
      },
    );
    done();
  };
}
