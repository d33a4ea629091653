// Letters and documents of a person's case (issue 13): the summons letter of an appointment and
// the integration contract, as PDFs to save or to send by Digital Post (sending is outside
// Medborger). Each handler: context, the service for the model (logged), the renderer, reply.
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { letterFileName, letterPdf } from '../../reports/letters/pdf.js';
import { contractDocument, summonsLetter } from '../../services/letters.js';
import { ctxOf, type AppDeps } from '../context.js';
import { ProblemSchema } from '../problem.js';
import { Id, PersonParams, PurposeHeaders } from '../schemas.js';

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };
const security = [{ bearer: [] }];
const Pdf = {
  description: 'An A4 PDF: Danish, then the translation into the person’s language where one exists',
  content: { 'application/pdf': { schema: z.string().meta({ description: 'An A4 PDF document', format: 'binary' }) } },
};

export function letterRoutes(deps: AppDeps): FastifyPluginCallbackZod {
  return (app, _options, done) => {
    app.get(
      '/api/v1/municipalities/:code/persons/:id/appointments/:appointmentId/letter.pdf',
      {
        schema: {
          operationId: 'getSummonsLetter',
          tags: ['appointments'],
          summary: 'The summons letter of an appointment as a PDF (logged)',
          security,
          description:
            'The indkaldelse: the municipality and its address, the person and their address if known, the day, time, ' +
            'place and duration, the purpose in plain Danish, the interpreter, what to bring, the contact person and how ' +
            'to cancel or move, and the rule the meeting is held under. For an Arabic-speaking person the same letter ' +
            'follows in Arabic. Saved with the file name indkaldelse-<date>-<appointment id>.pdf (for Digital Post).',
          headers: PurposeHeaders,
          params: PersonParams.extend({ appointmentId: Id }),
          response: { 200: Pdf, ...errors },
        },
      },
      async (request, reply) => {
        const { code, id, appointmentId } = request.params;
        const model = await summonsLetter(await ctxOf(deps, request), code, id, appointmentId);
        const pdf = await letterPdf(model);
        return reply
          .type('application/pdf')
          .header('Cache-Control', 'no-store')
          .header('Content-Disposition', `attachment; filename="${letterFileName(model)}"`)
          .send(pdf as unknown as string);
      },
    );

    app.get(
      '/api/v1/municipalities/:code/persons/:id/contract.pdf',
      {
        schema: {
          operationId: 'getContractDocument',
          tags: ['documents'],
          summary: 'The integration contract as a PDF document (logged)',
          security,
          description:
            'The integrationskontrakt as the executive order (BEK nr. 1761 af 30/12/2024) has it: the person’s data, the ' +
            'employment goal, the activities planned with their hours, the follow-up (the rule and the follow-ups booked ' +
            'and held), and places for the signatures of the person and the municipality; in Arabic too for an ' +
            'Arabic-speaking person.',
          headers: PurposeHeaders,
          params: PersonParams,
          response: { 200: Pdf, ...errors },
        },
      },
      async (request, reply) => {
        const model = await contractDocument(await ctxOf(deps, request), request.params.code, request.params.id);
        const pdf = await letterPdf(model);
        return reply
          .type('application/pdf')
          .header('Cache-Control', 'no-store')
          .header('Content-Disposition', `attachment; filename="${letterFileName(model)}"`)
          .send(pdf as unknown as string);
      },
    );
    done();
  };
}
