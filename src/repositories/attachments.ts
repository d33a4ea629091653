// Attachments of a person's case (issue 13): the files, their bytes in the database with the case
// (bytea, under RLS), and their deletion (the bytes cleared, who, when and why kept). Queries only.
import type { Insertable } from 'kysely';
import type { AttachmentsTable } from '../db/schema-appointments.js';
import type { Tx } from '../db/tenant.js';

const META = [
  'id',
  'person_id',
  'file_name',
  'content_type',
  'size_bytes',
  'note',
  'created_at',
  'created_by',
  'deleted_at',
  'deleted_reason',
] as const;

export async function insertAttachment(tx: Tx, values: Insertable<AttachmentsTable>) {
  return tx.insertInto('attachments').values(values).returning(META).executeTakeFirstOrThrow();
}

/** A person's attachments without their bytes, newest first. */
export async function attachmentsOf(tx: Tx, personId: string) {
  return tx
    .selectFrom('attachments')
    .select(META)
    .where('person_id', '=', personId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
}

/** One attachment of a person with its bytes (null once deleted). */
export async function attachmentWithContent(tx: Tx, personId: string, id: string, options: { lock?: boolean } = {}) {
  const q = tx
    .selectFrom('attachments')
    .select([...META, 'content'])
    .where('person_id', '=', personId)
    .where('id', '=', id);
  return (options.lock ? q.forUpdate() : q).executeTakeFirst();
}

/** Deletes the bytes of an attachment, keeping who deleted it, when and why. */
export async function deleteAttachmentContent(tx: Tx, id: string, by: string, reason: string) {
  return tx
    .updateTable('attachments')
    .set({ content: null, deleted_at: new Date(), deleted_by: by, deleted_reason: reason })
    .where('id', '=', id)
    .returning(META)
    .executeTakeFirstOrThrow();
}
