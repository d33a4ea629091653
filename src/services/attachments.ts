// Attachments of a person's case (issue 13): attach a file (PDF, PNG, JPEG or plain text, at most
// 10 MB, its type told by its first bytes as well as declared), list them, download one, delete one
// with a reason (the bytes go, the record of who, when and why stays). Each operation: authorize →
// one tenant transaction → the person loaded and authorized on → check → write → one access-log
// row for the person → the view (presenters/attachment.ts). Stored with the case, under RLS.
import { PERSON_FIELDS } from '../domain/authorization.js';
import { attachmentProblem, cleanFileName, mediaTypeOf, type AttachmentType } from '../domain/attachments.js';
import { inTenant, type Tx } from '../db/tenant.js';
import {
  attachmentsOf,
  attachmentWithContent,
  deleteAttachmentContent,
  insertAttachment,
} from '../repositories/attachments.js';
import { authorize, type Ctx } from './context.js';
import { Disclosure, logDisclosure } from './disclosure.js';
import { ConflictError, ForbiddenError, NotFoundError, UnprocessableError } from './errors.js';
import { loadAuthorizedPerson } from './persons.js';
import { presentAttachment } from './presenters/attachment.js';

const RESOURCE = 'attachment';

export interface NewAttachment {
  fileName: string;
  /** The media type the client declares; checked against the bytes. */
  contentType: string;
  bytes: Uint8Array;
  note?: string | null | undefined;
}

function mustSeeCase(ctx: Ctx): void {
  if (PERSON_FIELDS[ctx.actor.role] !== 'case')
    throw new ForbiddenError(`The role "${ctx.actor.role}" does not see the case, and its attachments are part of it.`);
}

/** Attaches a file to the person's case; refused (422, with the code) when it is not one that may be attached. */
export async function addAttachment(ctx: Ctx, municipalityCode: string, personId: string, file: NewAttachment) {
  authorize(ctx, municipalityCode, 'case.write', personId);
  const fileName = cleanFileName(file.fileName);
  if (fileName === null)
    throw new UnprocessableError('attachment.file_name', 'The file name is empty or longer than 200 characters.', [
      { pointer: '/fileName', code: 'attachment.file_name', detail: 'Empty or too long.' },
    ]);
  const problem = attachmentProblem(file.contentType, file.bytes);
  if (problem)
    throw new UnprocessableError(problem, `The file cannot be attached (${problem}).`, [
      {
        pointer: '/file',
        code: problem,
        detail: `${mediaTypeOf(file.contentType)}, ${String(file.bytes.length)} bytes.`,
      },
    ]);
  return inTenant(ctx.db, municipalityCode, async (tx) => {
    await loadAuthorizedPerson(tx, ctx, personId, 'case.write');
    const row = await insertAttachment(tx, {
      municipality_code: municipalityCode,
      person_id: personId,
      file_name: fileName,
      content_type: mediaTypeOf(file.contentType) as AttachmentType,
      size_bytes: file.bytes.length,
      content: file.bytes,
      note: file.note ?? null,
      created_by: ctx.actor.userId,
    });
    const shown = new Disclosure();
    const view = presentAttachment(row, shown);
    await logDisclosure(tx, ctx, shown, { action: 'create', resource: RESOURCE });
    return view;
  });
}

/** A person's attachments (without their bytes), newest first; one access-log row. */
export async function listAttachments(ctx: Ctx, municipalityCode: string, personId: string) {
  authorize(ctx, municipalityCode, 'person.read', personId);
  mustSeeCase(ctx);
  return inTenant(ctx.db, municipalityCode, async (tx) => {
    await loadAuthorizedPerson(tx, ctx, personId, 'person.read');
    const shown = new Disclosure();
    shown.person(personId);
    const attachments = (await attachmentsOf(tx, personId)).map((r) => presentAttachment(r, shown));
    await logDisclosure(tx, ctx, shown, { action: 'read', resource: RESOURCE });
    return { attachments };
  });
}

/** An attachment's bytes with its type and name, to download; logged (export). 409 once deleted. */
export async function downloadAttachment(ctx: Ctx, municipalityCode: string, personId: string, attachmentId: string) {
  authorize(ctx, municipalityCode, 'person.read', personId);
  mustSeeCase(ctx);
  return inTenant(ctx.db, municipalityCode, async (tx) => {
    await loadAuthorizedPerson(tx, ctx, personId, 'person.read');
    const row = await attachmentWithContent(tx, personId, attachmentId);
    if (!row) throw new NotFoundError('attachment.not_found', 'The attachment');
    if (row.content === null) throw new ConflictError('attachment.deleted', 'The attachment was deleted.');
    const shown = new Disclosure();
    const attachment = presentAttachment(row, shown);
    await logDisclosure(tx, ctx, shown, { action: 'export', resource: RESOURCE });
    return { attachment, bytes: Buffer.from(row.content) };
  });
}

/** Deletes an attachment's file with a reason; the record of it stays. 409 when deleted already. */
export async function deleteAttachment(
  ctx: Ctx,
  municipalityCode: string,
  personId: string,
  attachmentId: string,
  reason: string,
) {
  authorize(ctx, municipalityCode, 'case.write', personId);
  return inTenant(ctx.db, municipalityCode, async (tx) => {
    await loadAuthorizedPerson(tx, ctx, personId, 'case.write');
    const row = await attachmentWithContent(tx, personId, attachmentId, { lock: true });
    if (!row) throw new NotFoundError('attachment.not_found', 'The attachment');
    if (row.content === null) throw new ConflictError('attachment.deleted', 'The attachment was deleted already.');
    const deleted = await deleteAttachmentContent(tx, row.id, ctx.actor.userId, reason.trim());
    const shown = new Disclosure();
    const view = presentAttachment(deleted, shown);
    await logDisclosure(tx, ctx, shown, { action: 'delete', resource: RESOURCE });
    return view;
  });
}

/** The person page's attachments section, in the page's transaction: the files (no bytes), or null for a role that does not see the case. */
export async function attachmentsSection(tx: Tx, ctx: Ctx, personId: string, shown: Disclosure) {
  if (PERSON_FIELDS[ctx.actor.role] !== 'case') return null;
  shown.person(personId);
  return (await attachmentsOf(tx, personId)).map((r) => presentAttachment(r, shown));
}
