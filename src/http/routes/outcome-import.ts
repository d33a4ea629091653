// A CSV import of outcome records (issue 11, item 1): POST …/outcomes/import with Content-Type
// text/csv, one line per record, all or nothing; ?dryRun=true checks without writing. The
// text/csv parser is registered in this plugin's own (encapsulated) context, so it applies to
// this route only, and the route takes no other content type. The Danish text of each problem's
// code comes from the catalogue the composition root passes in (http does not import the pages).
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { OUTCOME_RECORD_KINDS } from '../../domain/outcomes.js';
import { ERROR_CODES, type ErrorCode } from '../../services/errors.js';
import {
  IMPORT_COLUMNS,
  importOutcomes,
  MAX_IMPORT_LINES,
  MAX_LISTED_PROBLEMS,
  OutcomeImportError,
} from '../../services/outcome-import.js';
import { ctxOf, type AppDeps } from '../context.js';
import { PROBLEM_CONTENT_TYPE, problemBody, ProblemSchema } from '../problem.js';
import { Id, MunicipalityParams, PurposeHeaders } from '../schemas.js';

/** The largest file taken (2 MiB): about 10,000 lines of the widest record. */
export const IMPORT_BODY_LIMIT = 2 * 1024 * 1024;

const ImportQuery = z.object({
  dryRun: z
    .enum(['true', 'false'])
    .default('false')
    .meta({ description: 'true: check the file and report what would be written, writing nothing' }),
});

const count = z.number().int().min(0);
const ImportResultView = z
  .object({
    dryRun: z.boolean(),
    written: z.boolean().meta({ description: 'Whether the records were written (false in a dry run)' }),
    lines: count.meta({ description: 'The lines (records) of the file' }),
    records: z
      .object(
        Object.fromEntries(OUTCOME_RECORD_KINDS.map((k) => [k, count])) as Record<
          (typeof OUTCOME_RECORD_KINDS)[number],
          typeof count
        >,
      )
      .meta({ description: 'The records written (or that would be) per kind' }),
    personCount: count.meta({ description: 'The number of persons the records belong to' }),
    persons: z
      .array(z.object({ personId: Id, records: count }))
      .meta({ description: 'Each person written (or checked, in a dry run), with the number of their records' }),
  })
  .meta({ id: 'OutcomeImportResult', description: 'What a CSV import of outcome records wrote' });

const ImportProblemSchema = ProblemSchema.extend({
  problemCount: count.meta({ description: `All problems found; at most ${MAX_LISTED_PROBLEMS} are listed` }),
  errors: z.array(
    z.object({
      pointer: z.string().meta({ description: '/<line>/<column>, or /<line> for the line as a whole' }),
      code: z.enum(ERROR_CODES),
      detail: z.string(),
      line: z.number().int().min(1).meta({ description: 'The line of the file (1 is the header)' }),
      column: z.string().nullable().meta({ description: 'The column, or null for the line or the file as a whole' }),
      message: z.string().meta({ description: 'What is wrong, in Danish, for the person correcting the file' }),
    }),
  ),
}).meta({
  id: 'OutcomeImportProblem',
  description: 'The file was refused and nothing was written: every bad line, with its column and a Danish message',
});

const errors = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  413: ProblemSchema,
  415: ProblemSchema,
};

const DESCRIPTION = [
  'Imports outcome records of many persons from one CSV file (UTF-8; comma-separated, or semicolon-separated',
  'when the header has semicolons and no comma; a header line first), all or nothing in one transaction.',
  'Columns are snake_case; the first line names them, in any order, and an empty cell is a value left out:',
  '`person_id` (the Medborger person id, as the API gives it) or `cpr` (DDMMYY-SSSS or 10 digits, looked up',
  'through the CPR search hash, never stored), one of the two per line; `record`, one of',
  `${OUTCOME_RECORD_KINDS.map((k) => `\`${k}\``).join(', ')}; and the fields of that record, named as the`,
  'single-record inputs in snake_case: labour_market `kind`, `from`, `to`, `hours_per_week`, `benefit`,',
  '`education_kind`; education_completed `kind`, `completed_on`, `in_denmark`; danish_education `track`,',
  '`referred_on`, `start_possible_on`, `started_on`, `module`, `ended_on`; danish_test `test`, `taken_on`, `passed`. Dates are',
  'YYYY-MM-DD, booleans true or false, hours a number (decimal point or comma), vocabularies the code values',
  'of the single-record inputs. Every line is checked as POST …/outcomes/… checks one record (the input schema,',
  "the dates against the person's birth and today, the field checks, and overlapping periods of one kind, with",
  `those recorded and within the file). Any problem: 422 listing each bad line (line, column, code, a Danish`,
  `message), nothing written. At most ${MAX_IMPORT_LINES} lines and ${IMPORT_BODY_LIMIT / 1024 / 1024} MiB. Each`,
  'person written is logged once (in a dry run, as read). Known columns:',
  `${IMPORT_COLUMNS.join(', ')}.`,
].join(' ');

export function outcomeImportRoutes(deps: AppDeps, messageOf: (code: ErrorCode) => string): FastifyPluginCallbackZod {
  return (app, _options, done) => {
    // This plugin's context only: the route takes text/csv and nothing else (415).
    app.removeAllContentTypeParsers();
    app.addContentTypeParser(
      'text/csv',
      { parseAs: 'string', bodyLimit: IMPORT_BODY_LIMIT },
      (_request, body, next) => {
        next(null, body);
      },
    );

    app.post(
      '/api/v1/municipalities/:code/outcomes/import',
      {
        bodyLimit: IMPORT_BODY_LIMIT,
        schema: {
          operationId: 'importOutcomes',
          tags: ['case'],
          summary: 'Import outcome records from a CSV file (all or nothing)',
          security: [{ bearer: [] }],
          description: DESCRIPTION,
          consumes: ['text/csv'],
          headers: PurposeHeaders,
          params: MunicipalityParams,
          querystring: ImportQuery,
          body: z.string().meta({ description: 'The CSV file' }),
          response: { 200: ImportResultView, ...errors, 422: ImportProblemSchema },
        },
      },
      async (request, reply) => {
        const ctx = await ctxOf(deps, request);
        try {
          const view = await importOutcomes(ctx, request.params.code, request.body, {
            dryRun: request.query.dryRun === 'true',
          });
          return await reply.send(view);
        } catch (err) {
          if (!(err instanceof OutcomeImportError)) throw err;
          return reply
            .status(422)
            .type(PROBLEM_CONTENT_TYPE)
            .send({
              ...problemBody(422, err.message, { kind: err.kind, code: err.code, path: request.url.split('?')[0] }),
              problemCount: err.problemCount,
              errors: err.lines.map((p) => ({
                pointer: `/${p.line}${p.column === null ? '' : `/${p.column}`}`,
                code: p.code,
                detail: p.detail,
                line: p.line,
                column: p.column,
                message: messageOf(p.code),
              })),
            });
        }
      },
    );
    done();
  };
}
