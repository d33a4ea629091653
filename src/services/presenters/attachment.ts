// An attachment of a person's case as the API and the page show it (never its bytes); registers the person.
import type { AttachmentType } from '../../domain/attachments.js';
import type { Disclosure } from '../disclosure.js';

export interface AttachmentRecord {
  id: string;
  person_id: string;
  file_name: string;
  content_type: AttachmentType;
  size_bytes: number;
  note: string | null;
  created_at: Date;
  deleted_at: Date | null;
  deleted_reason: string | null;
}

export function presentAttachment(row: AttachmentRecord, shown: Disclosure) {
  return {
    id: row.id,
    personId: shown.person(row.person_id),
    fileName: row.file_name,
    contentType: row.content_type,
    sizeBytes: row.size_bytes,
    note: row.note,
    createdAt: row.created_at.toISOString(),
    deleted: row.deleted_at !== null,
    deletedAt: row.deleted_at?.toISOString() ?? null,
    deletedReason: row.deleted_reason,
  };
}
export type AttachmentView = ReturnType<typeof presentAttachment>;
