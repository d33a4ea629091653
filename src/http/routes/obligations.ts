// Obligations of a person, the worklist, and the policies they come from.
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { todayIso } from '../../domain/dates.js';
import { MUNICIPALITIES } from '../../domain/municipalities.js';
import { QUOTE_KINDS } from '../../domain/rules.js';
import { shippedPolicies } from '../../policy/load.js';
import { policyDiff, policyView } from '../../policy/present.js';
import { LONG_OVERDUE_DAYS, WORKLIST_GROUPS } from '../../domain/worklist.js';
import { personObligations, worklist, worklistExport } from '../../services/obligations.js';
import { worklistCsv } from '../../services/presenters/worklist-csv.js';
import { NotFoundError } from '../../services/errors.js';
import { ctxOf, type AppDeps } from '../context.js';
import { CsvBody, csvReply } from '../csv.js';
import { ProblemSchema } from '../problem.js';
import { Id, isoDate, MunicipalityCode, MunicipalityParams, PersonParams, PurposeHeaders } from '../schemas.js';

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };
const security = [{ bearer: [] }];
const STATUSES = ['met', 'open', 'due_soon', 'overdue', 'not_applicable'] as const;

const SourceSchema = z
  .object({
    document: z.string(),
    section: z.string().optional(),
    quote: z.string(),
    act: z.string().optional().meta({ description: 'A legal source: the act or executive order quoted' }),
    paragraph: z.string().optional().meta({ description: 'A legal source: § , stk., nr.' }),
    version: z
      .string()
      .optional()
      .meta({ description: 'A legal source: the consolidated version (LBK/LOV/BEK number and date)' }),
    quoteKind: z.enum(QUOTE_KINDS).optional().meta({
      description:
        "A legal source: the statute's own sentence, the closest statute text, or where that was not found an executive order, bill, municipal page or commentary",
    }),
    url: z.string().optional(),
  })
  .meta({ id: 'RuleSource' });
const ObligationSchema = z
  .object({
    ruleId: z.string(),
    title: z.string(),
    kind: z.string(),
    layer: z.string(),
    dueDate: z.string().nullable(),
    status: z.enum(STATUSES),
    evidence: z
      .object({
        summary: z.string(),
        date: z.string().optional(),
        late: z.boolean().optional(),
        records: z.array(z.string()).optional(),
      })
      .optional(),
    reason: z.string().optional(),
    source: SourceSchema,
    interpretation: z.object({ text: z.string(), by: z.string() }).optional(),
    tightens: z
      .array(
        z.object({
          ruleId: z.string(),
          title: z.string(),
          source: SourceSchema,
          status: z.enum(STATUSES).meta({ description: "The legal rule's own status for the person" }),
          dueDate: z.string().nullable(),
        }),
      )
      .optional()
      .meta({ description: 'The legal rules this rule tightens, each with its own status, never hidden' }),
  })
  .meta({ id: 'Obligation' });

const OnQuery = z.object({
  on: isoDate.optional().meta({ description: 'The day to compute for; default today (Denmark)' }),
});

const WorklistQuery = z.object({
  on: isoDate.optional(),
  contactPerson: z
    .union([z.literal('me'), Id])
    .optional()
    .meta({ description: 'A user id, or "me"' }),
  status: z
    .string()
    .regex(/^[a-z_]+(,[a-z_]+)*$/)
    .optional()
    .refine(
      (s) => !s || s.split(',').every((x) => (STATUSES as readonly string[]).includes(x)),
      `statuses among ${STATUSES.join(', ')}`,
    )
    .meta({ description: 'Comma-separated; default due_soon,overdue' }),
  rule: z.string().max(100).optional(),
  group: z
    .enum([...WORKLIST_GROUPS, 'all'])
    .optional()
    .meta({
      description: `current: due soon and overdue by at most ${LONG_OVERDUE_DAYS} days; long_overdue: overdue for longer (usually a missing record); all (default): both, current first`,
    }),
  format: z
    .enum(['json', 'csv'])
    .optional()
    .meta({ description: 'csv: the whole list as a file (every page), logged as an export' }),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

const WorklistItemSchema = ObligationSchema.extend({
  personId: Id,
  givenName: z.string(),
  familyName: z.string(),
  contactPerson: z.object({ userId: Id, name: z.string() }).nullable(),
  group: z.enum(WORKLIST_GROUPS),
  daysOverdue: z.number().int().meta({ description: 'Days past the due date (0 unless overdue)' }),
  sourceShort: z
    .string()
    .meta({ description: "The rule's source in a few words: act and paragraph, or the policy's section" }),
  booked: z.object({ appointmentId: Id, startsAt: z.string() }).nullable().meta({
    description:
      'The next planned appointment booked against the rule (from a proposal, or of the purpose the rule counts)',
  }),
});

const PolicyRuleSchema = z.looseObject({
  id: z.string(),
  kind: z.string(),
  layer: z.string(),
  title: z.string(),
  summary: z.string(),
  source: SourceSchema,
});

export function obligationRoutes(deps: AppDeps): FastifyPluginCallbackZod {
  const today = () => deps.today?.() ?? todayIso();
  return (app, _options, done) => {
    app.get(
      '/api/v1/municipalities/:code/persons/:id/obligations',
      {
        schema: {
          operationId: 'getPersonObligations',
          tags: ['obligations'],
          summary: "A person's obligations on a day, with due dates, status, evidence and sources (logged)",
          security,
          description:
            "What the law and the municipality's policy require of and for the person on the day given (default today in Denmark): each obligation with its due date, status, the evidence found in the case and the sentence it comes from. Logged.",
          headers: PurposeHeaders,
          params: PersonParams,
          querystring: OnQuery,
          response: {
            200: z.object({ on: z.string(), personId: Id, obligations: z.array(ObligationSchema) }),
            ...errors,
          },
        },
      },
      async (request) =>
        personObligations(
          await ctxOf(deps, request),
          request.params.code,
          request.params.id,
          request.query.on ?? today(),
        ),
    );

    app.get(
      '/api/v1/municipalities/:code/worklist',
      {
        schema: {
          operationId: 'getWorklist',
          tags: ['obligations'],
          summary:
            'Obligations due soon and overdue across the municipality, most urgent first (each person shown is logged)',
          security,
          description:
            'The obligations of every person the role reaches, filtered by status (default due_soon,overdue), rule and contact person (`me` for yourself), most urgent first, paged with limit and offset. Each person shown is logged.',
          headers: PurposeHeaders,
          params: MunicipalityParams,
          querystring: WorklistQuery,
          response: {
            200: {
              description: 'The worklist (JSON), or the whole list as CSV with ?format=csv',
              content: {
                'application/json': {
                  schema: z.object({
                    on: z.string(),
                    total: z.number().int(),
                    offset: z.number().int(),
                    limit: z.number().int(),
                    groups: z
                      .object({ current: z.number().int(), longOverdue: z.number().int() })
                      .meta({ description: 'How many obligations the filters select in each group' }),
                    items: z.array(WorklistItemSchema),
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
        const q = request.query;
        const ctx = await ctxOf(deps, request);
        const query = {
          on: q.on ?? today(),
          contactPerson: q.contactPerson,
          ruleId: q.rule,
          group: q.group,
          statuses: (q.status ?? 'due_soon,overdue').split(',') as (typeof STATUSES)[number][],
        };
        if (q.format !== 'csv')
          return worklist(ctx, request.params.code, { ...query, limit: q.limit, offset: q.offset });
        const view = await worklistExport(ctx, request.params.code, query);
        return csvReply(reply, `arbejdsliste-${request.params.code}-${view.on}.csv`, worklistCsv(view));
      },
    );

    app.get(
      '/api/v1/municipalities/:code/policy',
      {
        schema: {
          operationId: 'getMunicipalityPolicy',
          tags: ['policy'],
          summary: "The municipality's policy rule by rule with source sentences, on top of the law (public)",
          security: [],
          params: MunicipalityParams,
          description:
            "Public. The law's rules and the municipality's own, each with a one-line summary and the sentence it implements; `policy` is null for a municipality whose policy is not encoded.",
          response: {
            200: z.object({
              municipalityCode: z.string(),
              policy: z.looseObject({}).nullable(),
              rules: z.array(PolicyRuleSchema),
              interpretations: z
                .array(
                  z.object({
                    layer: z.enum(['law', 'municipality']),
                    where: z.string().meta({ description: 'The rule id, or the parameter path' }),
                    title: z.string(),
                    text: z.string(),
                    by: z.enum(['municipality', 'medborger']),
                  }),
                )
                .meta({ description: 'Every interpretation in force for the municipality and who made it' }),
            }),
            404: ProblemSchema,
          },
        },
      },
      (request) => {
        if (!MUNICIPALITIES.some((m) => m.code === request.params.code))
          throw new NotFoundError('municipality.not_found', 'The municipality');
        return policyView(shippedPolicies(), request.params.code);
      },
    );

    app.get(
      '/api/v1/policies/diff',
      {
        schema: {
          operationId: 'diffPolicies',
          tags: ['policy'],
          summary: "How two municipalities' policies differ (public)",
          security: [],
          description:
            'Public. The rules of municipality a and b compared: where each tightens the law, and the rules only one of them has.',
          querystring: z.object({ a: MunicipalityCode, b: MunicipalityCode }),
          response: {
            200: z.looseObject({
              a: z.looseObject({}),
              b: z.looseObject({}),
              tightenedLaw: z.array(z.looseObject({})),
              onlyA: z.array(z.looseObject({})),
              onlyB: z.array(z.looseObject({})),
            }),
            400: ProblemSchema,
            404: ProblemSchema,
          },
        },
      },
      (request) => {
        for (const code of [request.query.a, request.query.b])
          if (!MUNICIPALITIES.some((m) => m.code === code))
            throw new NotFoundError('municipality.not_found', `Municipality ${code}`);
        return policyDiff(shippedPolicies(), request.query.a, request.query.b);
      },
    );
    done();
  };
}
