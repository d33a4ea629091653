// Attachments of a person's case (issue 13): upload a file as the raw body with its content type
// (PDF, PNG, JPEG or plain text, at most 10 MB; the bytes must be of the declared type), list,
// download (logged), delete with a reason. Each handler: context, one service call, reply.
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_TYPES } from '../../domain/attachments.js';
import { DeleteAttachmentSchema } from '../../services/appointment-inputs.js';
import * as attachments from '../../services/attachments.js';
import { ctxOf, type AppDeps } from '../context.js';
import { ProblemSchema } from '../problem.js';
import { Id, PersonParams, PurposeHeaders, text } from '../schemas.js';

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 422: ProblemSchema };
const security = [{ bearer: [] }];
const tags = ['documents'];
const base = '/api/v1/municipalities/:code/persons/:id/attachments';

const AttachmentView = z
  .object({
    id: Id,
    personId: Id,
    fileName: z.string(),
    contentType: z.enum(ATTACHMENT_TYPES),
    sizeBytes: z.number().int(),
    note: z.string().nullable(),
    createdAt: z.string(),
    deleted: z.boolean(),
    deletedAt: z.string().nullable(),
    deletedReason: z.string().nullable(),
  })
  .meta({ id: 'Attachment', description: "A file on a person's case (its bytes at GET …/attachments/{attachmentId})" });

const AttachmentParams = PersonParams.extend({ attachmentId: Id });

/** The upload, in a plugin of its own: it takes the four file types as raw bytes and nothing else (415). */
export function attachmentUploadRoutes(deps: AppDeps): FastifyPluginCallbackZod {
  return (app, _options, done) => {
    app.removeAllContentTypeParsers();
    app.addContentTypeParser(
      [...ATTACHMENT_TYPES],
      { parseAs: 'buffer', bodyLimit: ATTACHMENT_MAX_BYTES },
      (_r, body, next) => {
        next(null, body);
      },
    );
    app.post(
      base,
      {
        bodyLimit: ATTACHMENT_MAX_BYTES,
        schema: {
          operationId: 'addAttachment',
          tags,
          summary: "Attach a file to a person's case",
          security,
          description:
            'The file is the raw body, with its Content-Type: application/pdf, image/png, image/jpeg or text/plain, at most ' +
            '10 MB (413 above, 415 for another type). Its first bytes must be of that type (a PDF starts %PDF-, …; text is ' +
            'UTF-8 without control characters), or 422 attachment.content_mismatch. Stored with the case in the database.',
          consumes: [...ATTACHMENT_TYPES],
          headers: PurposeHeaders,
          params: PersonParams,
          querystring: z
            .object({
              fileName: z
                .string()
                .min(1)
                .max(200)
                .meta({ description: 'The file name to keep, e.g. opholdstilladelse.pdf' }),
              note: text(1000).optional(),
            })
            .strict(),
          body: z.any().meta({ description: 'The file’s bytes', format: 'binary' }),
          response: { 201: AttachmentView, ...errors, 413: ProblemSchema, 415: ProblemSchema },
        },
      },
      async (request, reply) => {
        const { code, id } = request.params;
        const bytes = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const view = await attachments.addAttachment(await ctxOf(deps, request), code, id, {
          fileName: request.query.fileName,
          contentType: request.headers['content-type'] ?? '',
          bytes,
          note: request.query.note ?? null,
        });
        return reply
          .status(201)
          .header('Location', `/api/v1/municipalities/${code}/persons/${id}/attachments/${view.id}`)
          .send(view);
      },
    );
    done();
  };
}

export function attachmentRoutes(deps: AppDeps): FastifyPluginCallbackZod {
  return (app, _options, done) => {
    app.get(
      base,
      {
        schema: {
          operationId: 'listAttachments',
          tags,
          summary: "A person's attachments (logged)",
          security,
          description:
            'The files on the case, newest first, without their bytes; deleted ones with who deleted them and why.',
          headers: PurposeHeaders,
          params: PersonParams,
          response: { 200: z.object({ attachments: z.array(AttachmentView) }), ...errors },
        },
      },
      async (request, reply) => {
        const view = await attachments.listAttachments(
          await ctxOf(deps, request),
          request.params.code,
          request.params.id,
        );
        return reply.header('Cache-Control', 'no-store').send(view);
      },
    );

    app.get(
      `${base}/:attachmentId`,
      {
        schema: {
          operationId: 'downloadAttachment',
          tags,
          summary: 'Download an attachment (logged)',
          security,
          description: 'The file with its type and name (Content-Disposition: attachment). 409 once it is deleted.',
          headers: PurposeHeaders,
          params: AttachmentParams,
          response: {
            200: {
              description: 'The file',
              content: Object.fromEntries(
                ATTACHMENT_TYPES.map((t) => [
                  t,
                  { schema: z.string().meta({ description: 'The file', format: 'binary' }) },
                ]),
              ),
            },
            ...errors,
            409: ProblemSchema,
          },
        },
      },
      async (request, reply) => {
        const { code, id, attachmentId } = request.params;
        const { attachment, bytes } = await attachments.downloadAttachment(
          await ctxOf(deps, request),
          code,
          id,
          attachmentId,
        );
        return reply
          .type(attachment.contentType)
          .header('Cache-Control', 'no-store')
          .header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(attachment.fileName)}`)
          .send(bytes as unknown as string);
      },
    );

    app.delete(
      `${base}/:attachmentId`,
      {
        schema: {
          operationId: 'deleteAttachment',
          tags,
          summary: 'Delete an attachment with a reason',
          security,
          description:
            'Deletes the file; the record of it stays, with who deleted it, when and why. 409 when deleted already.',
          headers: PurposeHeaders,
          params: AttachmentParams,
          body: DeleteAttachmentSchema,
          response: { 200: AttachmentView, ...errors, 409: ProblemSchema },
        },
      },
      async (request, reply) => {
        const { code, id, attachmentId } = request.params;
        const view = await attachments.deleteAttachment(
          await ctxOf(deps, request),
          code,
          id,
          attachmentId,
          request.body.reason,
        );
        return reply.send(view);
      },
    );
    done();
  };
}
