// Kysely table types of migration 0011 (appointments and attachments, issue 13). Merged into the
// `DB` of schema.ts; the vocabulary types are the domain's (src/domain/model.ts), the CHECK
// constraints of the migration hold the same values.
import type { ColumnType, Generated } from 'kysely';
import type { AttachmentType } from '../domain/attachments.js';
import type { AppointmentPurpose, AppointmentStatus, PlaceKind } from '../domain/model.js';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;

export interface AppointmentsTable {
  municipality_code: string;
  id: Generated<string>;
  person_id: string;
  starts_at: ColumnType<Date, Date | string, Date | string>;
  duration_minutes: number;
  purpose: AppointmentPurpose;
  place_kind: PlaceKind;
  place: string;
  caseworker_id: string;
  interpreter_language: Nullable<string>;
  /** The cadence rule the appointment serves, when booked from a proposal. */
  rule_id: Nullable<string>;
  note: Nullable<string>;
  status: ColumnType<AppointmentStatus, AppointmentStatus | undefined, AppointmentStatus>;
  /** Why it was cancelled or the person did not come. */
  status_reason: Nullable<string>;
  conversation_id: Nullable<string>;
  follow_up_id: Nullable<string>;
  version: Generated<number>;
  created_at: Timestamp;
  created_by: Nullable<string>;
  updated_at: Timestamp;
  updated_by: Nullable<string>;
}

export interface AttachmentsTable {
  municipality_code: string;
  id: Generated<string>;
  person_id: string;
  file_name: string;
  content_type: AttachmentType;
  size_bytes: number;
  /** The bytes; null once the attachment is deleted. */
  content: Nullable<Uint8Array>;
  note: Nullable<string>;
  created_at: Timestamp;
  created_by: Nullable<string>;
  deleted_at: Nullable<Date>;
  deleted_by: Nullable<string>;
  deleted_reason: Nullable<string>;
}

export interface AppointmentsDB {
  appointments: AppointmentsTable;
  attachments: AttachmentsTable;
}
