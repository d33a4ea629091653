// Dokumenter og bilag (issue 13): the integration contract as a PDF, and the files attached to the
// case: the list (download, delete with a reason) and the upload form (multipart, without
// JavaScript). The summons letters are linked from the appointments. The PDFs and the downloads
// are served here for the signed-in user (the same services and renderers as the API).
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_TYPES } from '../../../domain/attachments.js';
import { ATTACHMENT_TYPE_DA } from '../../../domain/glossary.js';
import { letterFileName, letterPdf } from '../../../reports/letters/pdf.js';
import * as attachments from '../../../services/attachments.js';
import { NotFoundError, UnprocessableError, type ErrorCode } from '../../../services/errors.js';
import { contractDocument, summonsLetter } from '../../../services/letters.js';
import type { AttachmentView } from '../../../services/presenters/attachment.js';
import { Csrf, ErrorSummary } from '../../components.js';
import { errorMessage } from '../../error-messages.js';
import { bodyString } from '../../forms.js';
import type { WebTools } from '../../tools.js';
import type { ShowPerson } from './appointments.js';
import type { PageData } from './parts.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const sizeDa = (bytes: number) =>
  bytes < 1024 * 1024
    ? `${String(Math.max(1, Math.round(bytes / 1024)))} kB`
    : `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} MB`;

function idOf(request: FastifyRequest, key: 'id' | 'appointmentId' | 'attachmentId'): string {
  const v = (request.params as Record<string, string | undefined>)[key] ?? '';
  if (!UUID.test(v)) throw new NotFoundError(key === 'id' ? 'person.not_found' : 'attachment.not_found', 'The record');
  return v.toLowerCase();
}

function AttachmentRow({
  a,
  personId,
  csrf,
  canCase,
}: {
  a: AttachmentView;
  personId: string;
  csrf: string;
  canCase: boolean;
}) {
  const when = new Intl.DateTimeFormat('da-DK', { timeZone: 'Europe/Copenhagen', dateStyle: 'long' }).format(
    new Date(a.createdAt),
  );
  return (
    <tr>
      <td data-label="Fil">
        {a.deleted ? (
          a.fileName
        ) : (
          <a href={`/borgere/${personId}/bilag/${a.id}`} download={a.fileName}>
            {a.fileName}
          </a>
        )}
        {a.note ? <div class="form-hint">{a.note}</div> : null}
      </td>
      <td data-label="Type">
        {ATTACHMENT_TYPE_DA[a.contentType]}, {sizeDa(a.sizeBytes)}
      </td>
      <td data-label="Tilføjet">{when}</td>
      <td data-label="Status">
        {a.deleted ? (
          <>
            Slettet<div class="form-hint">{a.deletedReason}</div>
          </>
        ) : canCase ? (
          <form method="post" action={`/borgere/${personId}/bilag/${a.id}/slet#bilag-fejl`} class="mb-inline-form">
            <Csrf token={csrf} />
            <div class="form-group">
              <label class="form-label" for={`bilag-slet-${a.id}`}>
                Begrundelse for sletning<span class="sr-only"> af {a.fileName}</span>
              </label>
              <input class="form-input input-width-s" type="text" id={`bilag-slet-${a.id}`} name="begrundelse" />
            </div>
            <button type="submit" class="button button-secondary">
              Slet<span class="sr-only"> {a.fileName}</span>
            </button>
          </form>
        ) : (
          'Gemt'
        )}
      </td>
    </tr>
  );
}

export function AttachmentsSection({ person: p, attachments: list, state, csrf, canCase }: PageData) {
  if (!list) return null;
  const mine = state?.form === 'bilag' ? state : null;
  return (
    <>
      <h2 id="bilag">Dokumenter og bilag</h2>
      {mine && (
        <div id="bilag-fejl" tabIndex={-1} class="mb-error-anchor">
          <ErrorSummary errors={mine.summary} />
        </div>
      )}
      {list.length > 0 ? (
        <div class="mb-table-wrap">
          <table class="table table--zebra mb-responsive">
            <caption>Bilag</caption>
            <thead>
              <tr>
                <th scope="col">Fil</th>
                <th scope="col">Type og størrelse</th>
                <th scope="col">Tilføjet</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {list.map((a) => (
                <AttachmentRow a={a} personId={p.id} csrf={csrf} canCase={canCase} />
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>Der er ingen bilag på sagen.</p>
      )}
      {canCase && (
        <form
          method="post"
          action={`/borgere/${p.id}/bilag#bilag-fejl`}
          encType="multipart/form-data"
          noValidate
          aria-labelledby="bilag-titel"
          class="mb-form"
        >
          <h3 id="bilag-titel">Vedhæft fil</h3>
          <Csrf token={csrf} />
          <div class={`form-group${mine?.errors.some((e) => e.field === 'bilag-fil') ? ' form-error' : ''}`}>
            <label class="form-label" for="bilag-fil">
              Fil
            </label>
            <span class="form-hint" id="bilag-fil-hint">
              PDF, PNG, JPEG eller tekst, højst 10 MB.
            </span>
            {mine?.errors.find((e) => e.field === 'bilag-fil') && (
              <span class="form-error-message" id="bilag-fil-fejl">
                <span class="sr-only">Fejl: </span>
                {mine.errors.find((e) => e.field === 'bilag-fil')?.message}
              </span>
            )}
            <input
              class="form-input"
              type="file"
              id="bilag-fil"
              name="fil"
              accept={ATTACHMENT_TYPES.join(',')}
              aria-describedby={
                mine?.errors.some((e) => e.field === 'bilag-fil') ? 'bilag-fil-hint bilag-fil-fejl' : 'bilag-fil-hint'
              }
            />
          </div>
          <div class="form-group">
            <label class="form-label" for="bilag-note">
              Note (valgfri)
            </label>
            <input class="form-input" type="text" id="bilag-note" name="note" maxLength={1000} />
          </div>
          <div class="form-group">
            <button type="submit" class="button button-primary">
              Vedhæft fil
            </button>
          </div>
        </form>
      )}
    </>
  );
}

export function attachmentPageRoutes(app: FastifyInstance, tools: WebTools, showPerson: ShowPerson): void {
  const refused = (code: ErrorCode, field: string) => {
    const message = errorMessage(code);
    return {
      form: 'bilag' as const,
      values: {},
      conflict: false,
      errors: [{ field, message }],
      summary: [{ field, message }],
    };
  };

  app.get('/borgere/:id/aftaler/:appointmentId/indkaldelse.pdf', async (request, reply) => {
    const ctx = tools.ctx(request);
    const model = await summonsLetter(
      ctx,
      ctx.actor.municipalityCode,
      idOf(request, 'id'),
      idOf(request, 'appointmentId'),
    );
    const pdf = await letterPdf(model);
    return reply
      .type('application/pdf')
      .header('Cache-Control', 'no-store')
      .header('Content-Disposition', `attachment; filename="${letterFileName(model)}"`)
      .send(pdf);
  });

  app.get('/borgere/:id/kontrakt.pdf', async (request, reply) => {
    const ctx = tools.ctx(request);
    const model = await contractDocument(ctx, ctx.actor.municipalityCode, idOf(request, 'id'));
    const pdf = await letterPdf(model);
    return reply
      .type('application/pdf')
      .header('Cache-Control', 'no-store')
      .header('Content-Disposition', `attachment; filename="${letterFileName(model)}"`)
      .send(pdf);
  });

  app.get('/borgere/:id/bilag/:attachmentId', async (request, reply) => {
    const ctx = tools.ctx(request);
    const { attachment, bytes } = await attachments.downloadAttachment(
      ctx,
      ctx.actor.municipalityCode,
      idOf(request, 'id'),
      idOf(request, 'attachmentId'),
    );
    return reply
      .type(attachment.contentType)
      .header('Cache-Control', 'no-store')
      .header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(attachment.fileName)}`)
      .send(bytes);
  });

  app.post('/borgere/:id/bilag/:attachmentId/slet', async (request, reply) => {
    tools.checkCsrf(request);
    const id = idOf(request, 'id');
    const attachmentId = idOf(request, 'attachmentId');
    const ctx = tools.ctx(request);
    const reason = bodyString(request.body, 'begrundelse').trim();
    if (!reason) {
      const message = 'Udfyld begrundelsen for sletningen';
      return showPerson(request, reply, id, 400, {
        form: 'bilag',
        values: {},
        conflict: false,
        errors: [{ field: `bilag-slet-${attachmentId}`, message }],
        summary: [{ field: `bilag-slet-${attachmentId}`, message }],
      });
    }
    await attachments.deleteAttachment(ctx, ctx.actor.municipalityCode, id, attachmentId, reason);
    return reply.redirect(`/borgere/${id}#bilag`, 303);
  });

  // The upload, in a scope of its own that reads multipart/form-data (one file, at most 10 MB).
  void app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: ATTACHMENT_MAX_BYTES, files: 1, fields: 5 } });
    scope.post('/borgere/:id/bilag', async (request, reply) => {
      const id = idOf(request, 'id');
      const fields: Record<string, string> = {};
      let file: { name: string; type: string; bytes: Buffer } | null = null;
      const limit = { exceeded: false };
      try {
        for await (const part of request.parts()) {
          if (part.type === 'file') {
            const bytes = await part.toBuffer().catch((err: unknown) => {
              if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
                limit.exceeded = true;
                return Buffer.alloc(0);
              }
              throw err;
            });
            if (part.filename) file = { name: part.filename, type: part.mimetype, bytes };
          } else if (typeof part.value === 'string') fields[part.fieldname] = part.value;
        }
      } catch (err) {
        // A multipart body that cannot be read (truncated, without its boundary …) is the request's fault: 400, never 500.
        const status = (err as { statusCode?: number }).statusCode;
        if (typeof status === 'number' && status < 500) throw err;
        throw Object.assign(new Error('The form could not be read.'), { statusCode: 400 });
      }
      // The CSRF check reads the form's fields, here from the multipart body.
      (request as { body: unknown }).body = fields;
      tools.checkCsrf(request);
      const ctx = tools.ctx(request);
      if (limit.exceeded) return showPerson(request, reply, id, 413, refused('attachment.too_large', 'bilag-fil'));
      if (!file) return showPerson(request, reply, id, 400, refused('attachment.empty', 'bilag-fil'));
      try {
        await attachments.addAttachment(ctx, ctx.actor.municipalityCode, id, {
          fileName: file.name,
          contentType: file.type,
          bytes: file.bytes,
          note: fields.note?.trim() ? fields.note.trim() : null,
        });
      } catch (err) {
        if (err instanceof UnprocessableError)
          return showPerson(request, reply, id, 422, refused(err.code, 'bilag-fil'));
        throw err;
      }
      return reply.redirect(`/borgere/${id}#bilag`, 303);
    });
  });
}
