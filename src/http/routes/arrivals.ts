// Arrivals (issue 13, items 4 and 5): POST …/arrivals imports the households of Udlændingestyrelsen's
// housing-placement notice (JSON or text/csv, all or nothing, ?dryRun=true checks only), and
// POST …/households/{householdId}/members adds a member who arrives later. The text/csv parser is
// registered in this plugin's own (encapsulated) context, so it applies to these routes only. The
// import validates its body itself, household by household (the schema below documents the JSON
// shape; a body that does not have it is answered 422 with each problem's household, member and
// field, not 400), and the Danish text of each problem's code comes from the catalogue the
// composition root passes in (http does not import the pages).
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { HOLIDAY_IDS } from '../../domain/holidays.js';
import { HOUSEHOLD_RELATIONS, PROGRAMS } from '../../domain/model.js';
import {
  ARRIVAL_CSV_COLUMNS,
  ArrivalImportError,
  importArrivals,
  MAX_ARRIVAL_LINES,
  MAX_LISTED_ARRIVAL_PROBLEMS,
} from '../../services/arrival-import.js';
import { ERROR_CODES, type ErrorCode } from '../../services/errors.js';
import { addHouseholdMember } from '../../services/household-members.js';
import { ArrivalNoticeSchema, MAX_ARRIVAL_HOUSEHOLDS, NewHouseholdMemberSchema } from '../../services/inputs.js';
import { ctxOf, type AppDeps } from '../context.js';
import { PROBLEM_CONTENT_TYPE, problemBody, ProblemSchema } from '../problem.js';
import { Id, MunicipalityCode, MunicipalityParams, PurposeHeaders } from '../schemas.js';

/** The largest file taken (2 MiB). */
export const ARRIVALS_BODY_LIMIT = 2 * 1024 * 1024;

const ImportQuery = z.object({
  dryRun: z
    .enum(['true', 'false'])
    .default('false')
    .meta({ description: 'true: check the file and show what would be created, writing nothing' }),
});

const count = z.number().int().min(0);
const SkippedDay = z.object({
  date: z.string(),
  reason: z.enum(['saturday', 'sunday', ...HOLIDAY_IDS]).meta({ description: 'A weekend day, or the public holiday' }),
});

const ArrivalImportResult = z
  .object({
    dryRun: z.boolean(),
    written: z.boolean().meta({ description: 'Whether anything was written (false in a dry run)' }),
    created: count.meta({ description: 'Households created (in a dry run: that would be created)' }),
    skipped: count.meta({ description: 'Households whose notice was imported before: nothing created for them' }),
    households: z.array(
      z.object({
        reference: z.string(),
        status: z.enum(['created', 'skipped']),
        id: Id.nullable().meta({ description: 'The household; null in a dry run for a household not created' }),
        takeoverDate: z.string().meta({ description: 'The takeover date (integrationsloven § 4, stk. 2)' }),
        statutoryTakeoverDate: z.string().meta({ description: 'The date the law gives for the decision date' }),
        takeoverByConsent: z.boolean().meta({ description: "Earlier than the law's date, with the person's consent" }),
        takeoverMoved: z
          .object({ from: z.string(), skipped: z.array(SkippedDay) })
          .nullable()
          .meta({ description: 'The 1st of the month fell on a weekend or a public holiday: the days skipped' }),
        memberIds: z.array(Id),
        members: z.array(
          z.object({
            personId: Id.nullable(),
            givenName: z.string(),
            familyName: z.string(),
            birthDate: z.string(),
            relation: z.string(),
            program: z.string().nullable(),
          }),
        ),
      }),
    ),
  })
  .meta({ id: 'ArrivalImportResult', description: 'What an import of arrivals created or skipped' });

const ArrivalImportProblem = ProblemSchema.extend({
  problemCount: count.meta({ description: `All problems found; at most ${MAX_LISTED_ARRIVAL_PROBLEMS} are listed` }),
  errors: z.array(
    z.object({
      pointer: z.string().meta({ description: 'JSON: /households/<i>/members/<j>/<field>; CSV: /<line>/<column>' }),
      code: z.enum(ERROR_CODES),
      detail: z.string(),
      reference: z.string().nullable().meta({ description: "The household's notice reference, as the file gives it" }),
      household: z.number().int().min(0).nullable().meta({ description: "The household's place in the file, from 0" }),
      member: z.number().int().min(1).nullable().meta({ description: 'The member within the household, from 1' }),
      field: z.string().nullable().meta({ description: 'The field of the JSON shape' }),
      line: z.number().int().min(1).nullable().meta({ description: 'CSV: the line of the file (1 is the header)' }),
      column: z.string().nullable().meta({ description: 'CSV: the column' }),
      message: z.string().meta({ description: 'What is wrong, in Danish, for the person correcting the file' }),
    }),
  ),
}).meta({
  id: 'ArrivalImportProblem',
  description: 'The file was refused and nothing was written: every problem, with its household, member and field',
});

const MemberAdded = z
  .object({
    personId: Id,
    householdId: Id,
    givenName: z.string(),
    familyName: z.string(),
    relation: z.enum(HOUSEHOLD_RELATIONS),
    program: z.enum(PROGRAMS).nullable(),
    arrivalDate: z.string().nullable(),
    decisionDate: z.string().nullable(),
    takeoverDate: z.string(),
    statutoryTakeoverDate: z.string().nullable(),
    takeoverByConsent: z.boolean(),
  })
  .meta({ id: 'HouseholdMemberAdded' });

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };

const csvColumns = ARRIVAL_CSV_COLUMNS.map((c) => `\`${c.column}\`${c.required ? ' (required)' : ''}`).join(', ');

const DESCRIPTION = [
  "Imports the households of Udlændingestyrelsen's housing-placement notice, all or nothing in one transaction,",
  'as JSON (application/json: `{ "households": [ { "reference", "decisionDate", "members": [ … ] } ] }`, each',
  'member as in POST …/households; optional `takeoverDate` with `consent: true` for an earlier agreed takeover)',
  'or as CSV (text/csv, UTF-8, comma- or semicolon-separated, a header line first): one line per member, the',
  "household's columns repeated on each of its lines, the lines of one reference forming one household in the",
  `file's order. Columns: ${csvColumns}. Dates are YYYY-MM-DD, consent true or false, languages ISO 639 codes`,
  'separated by spaces, vocabularies the code values of POST …/households. Each household gets its takeover date',
  'by integrationsloven § 4, stk. 2: the 1st of the month after the first whole calendar month following the',
  'decision (the decision month never counts), or the next weekday when that 1st is a Saturday, Sunday or public',
  "holiday; an earlier date only with consent, which is recorded. `reference` is the notice's own id, unique per",
  'municipality: a household whose reference was imported before is skipped (nothing created twice). CPR numbers',
  'are stored encrypted, with a search hash and the masked form; a member may have none yet. Any problem: 422',
  'listing each (household reference, CSV line, member, field, code and a Danish message), nothing written.',
  `At most ${MAX_ARRIVAL_HOUSEHOLDS} households (JSON) or ${MAX_ARRIVAL_LINES} lines (CSV) and`,
  `${ARRIVALS_BODY_LIMIT / 1024 / 1024} MiB. Each person created is logged; the members of a skipped household`,
  'shown are logged as read.',
].join(' ');

export function arrivalRoutes(deps: AppDeps, messageOf: (code: ErrorCode) => string): FastifyPluginCallbackZod {
  return (app, _options, done) => {
    // This plugin's context only: CSV besides JSON.
    app.addContentTypeParser(
      'text/csv',
      { parseAs: 'string', bodyLimit: ARRIVALS_BODY_LIMIT },
      (_request, body, next) => {
        next(null, body);
      },
    );

    app.post(
      '/api/v1/municipalities/:code/arrivals',
      {
        bodyLimit: ARRIVALS_BODY_LIMIT,
        // The service checks the body household by household and answers 422 with every problem.
        attachValidation: true,
        schema: {
          operationId: 'importArrivals',
          tags: ['persons'],
          summary: 'Import arriving households from a housing-placement notice (JSON or CSV, all or nothing)',
          security: [{ bearer: [] }],
          description: DESCRIPTION,
          consumes: ['application/json', 'text/csv'],
          headers: PurposeHeaders,
          params: MunicipalityParams,
          querystring: ImportQuery,
          body: z.union([ArrivalNoticeSchema, z.string().meta({ description: 'The CSV file' })]),
          response: {
            200: ArrivalImportResult,
            ...errors,
            413: ProblemSchema,
            415: ProblemSchema,
            422: ArrivalImportProblem,
          },
        },
      },
      async (request, reply) => {
        const ctx = await ctxOf(deps, request);
        const body: unknown = request.body;
        const file =
          typeof body === 'string' ? { format: 'csv' as const, text: body } : { format: 'json' as const, body };
        try {
          const view = await importArrivals(ctx, request.params.code, file, {
            dryRun: request.query.dryRun === 'true',
          });
          return await reply.send(view);
        } catch (err) {
          if (!(err instanceof ArrivalImportError)) throw err;
          return reply
            .status(422)
            .type(PROBLEM_CONTENT_TYPE)
            .send({
              ...problemBody(422, err.message, { kind: err.kind, code: err.code, path: request.url.split('?')[0] }),
              problemCount: err.problemCount,
              errors: err.listed.map((p) => ({
                pointer: p.pointer,
                code: p.code,
                detail: p.detail,
                reference: p.reference,
                household: p.household,
                member: p.member,
                field: p.field,
                line: p.line,
                column: p.column,
                message: messageOf(p.code),
              })),
            });
        }
      },
    );

    app.post(
      '/api/v1/municipalities/:code/households/:householdId/members',
      {
        schema: {
          operationId: 'addHouseholdMember',
          tags: ['persons'],
          summary: 'Add a member who arrives later to a household (e.g. a spouse by family reunification)',
          security: [{ bearer: [] }],
          description:
            "Adds a member to a registered household with their own arrival date, visitation decision date and takeover date and program. The takeover date follows from the decision date by integrationsloven § 4, stk. 2 when not given; a date earlier than the law's needs `consent: true` (recorded); without a decision date the takeover date given stands. The member's obligations run from their own takeover date. The program is computed from residence basis and age on the takeover date when left out. Answers the new person, with it in Location.",
          headers: PurposeHeaders,
          params: z.object({ code: MunicipalityCode, householdId: Id }),
          body: NewHouseholdMemberSchema,
          response: { 201: MemberAdded, ...errors, 422: ProblemSchema },
        },
      },
      async (request, reply) => {
        const view = await addHouseholdMember(
          await ctxOf(deps, request),
          request.params.code,
          request.params.householdId,
          request.body,
        );
        return reply
          .status(201)
          .header('Location', `/api/v1/municipalities/${request.params.code}/persons/${view.personId}`)
          .send(view);
      },
    );
    done();
  };
}
