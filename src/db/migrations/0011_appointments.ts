// Appointments and attachments (issue 13):
//
// - `appointments`: a planned meeting with a person: when (timestamptz) and how long, where (a kind:
//   address, phone, video, and its text), the caseworker, the interpreter language, the purpose,
//   the cadence rule it serves (when booked from a proposal), and its status (planned, held,
//   no_show, cancelled, with the reason of a no-show or a cancellation). A held appointment names
//   the conversation (and, for a family follow-up, the follow-up) it became. Never deleted: a
//   cancellation keeps the row. Versioned for If-Match.
// - `attachments`: a file on a person's case (PDF, PNG, JPEG or plain text, at most 10 MB), the
//   bytes in the database with the case; a deletion clears the bytes and keeps who, when and why.
//
// Same conventions as 0009: municipality_code first in every key, row-level security with the
// tenant_isolation policy, the application role granted SELECT, INSERT, UPDATE, DELETE, an index
// by (municipality_code, person_id). The CHECKs spell out the vocabulary of src/domain/model.ts
// (a migration is frozen text).
import { sql, type Kysely } from 'kysely';
import { APP_ROLE, TENANT_SETTING } from '../names.js';

const NEW_TENANT_TABLES = ['appointments', 'attachments'] as const;

const STATEMENTS = [
  `CREATE TABLE appointments (
     municipality_code text NOT NULL,
     id uuid NOT NULL DEFAULT gen_random_uuid(),
     person_id uuid NOT NULL,
     starts_at timestamptz NOT NULL,
     duration_minutes integer NOT NULL CHECK (duration_minutes BETWEEN 5 AND 480),
     purpose text NOT NULL CHECK (purpose IN (
       'contract_follow_up','visitation','family_follow_up','health_assessment','other')),
     place_kind text NOT NULL CHECK (place_kind IN ('address','phone','video')),
     place text NOT NULL,
     caseworker_id uuid NOT NULL,
     interpreter_language text,
     rule_id text,
     note text,
     status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned','held','no_show','cancelled')),
     status_reason text,
     conversation_id uuid,
     follow_up_id uuid,
     version integer NOT NULL DEFAULT 1,
     created_at timestamptz NOT NULL DEFAULT now(),
     created_by uuid,
     updated_at timestamptz NOT NULL DEFAULT now(),
     updated_by uuid,
     PRIMARY KEY (municipality_code, id),
     FOREIGN KEY (municipality_code, person_id) REFERENCES persons (municipality_code, id),
     FOREIGN KEY (municipality_code, caseworker_id) REFERENCES users (municipality_code, id),
     FOREIGN KEY (municipality_code, conversation_id) REFERENCES conversations (municipality_code, id),
     FOREIGN KEY (municipality_code, follow_up_id) REFERENCES follow_ups (municipality_code, id),
     FOREIGN KEY (municipality_code, created_by) REFERENCES users (municipality_code, id),
     FOREIGN KEY (municipality_code, updated_by) REFERENCES users (municipality_code, id),
     CHECK ((status = 'held') = (conversation_id IS NOT NULL)),
     CHECK (status IN ('planned','held') OR status_reason IS NOT NULL)
   )`,
  `CREATE INDEX appointments_person ON appointments (municipality_code, person_id)`,
  `CREATE INDEX appointments_caseworker ON appointments (municipality_code, caseworker_id, starts_at)`,
  `CREATE INDEX appointments_starts_at ON appointments (municipality_code, starts_at)`,

  `CREATE TABLE attachments (
     municipality_code text NOT NULL,
     id uuid NOT NULL DEFAULT gen_random_uuid(),
     person_id uuid NOT NULL,
     file_name text NOT NULL,
     content_type text NOT NULL CHECK (content_type IN ('application/pdf','image/png','image/jpeg','text/plain')),
     size_bytes integer NOT NULL CHECK (size_bytes BETWEEN 1 AND 10485760),
     content bytea,
     note text,
     created_at timestamptz NOT NULL DEFAULT now(),
     created_by uuid,
     deleted_at timestamptz,
     deleted_by uuid,
     deleted_reason text,
     PRIMARY KEY (municipality_code, id),
     FOREIGN KEY (municipality_code, person_id) REFERENCES persons (municipality_code, id),
     FOREIGN KEY (municipality_code, created_by) REFERENCES users (municipality_code, id),
     FOREIGN KEY (municipality_code, deleted_by) REFERENCES users (municipality_code, id),
     CHECK ((deleted_at IS NULL) = (content IS NOT NULL)),
     CHECK ((deleted_at IS NULL) = (deleted_reason IS NULL))
   )`,
  `CREATE INDEX attachments_person ON attachments (municipality_code, person_id)`,

  ...NEW_TENANT_TABLES.flatMap((t) => [
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ${t} TO ${APP_ROLE}`,
    `ALTER TABLE ${t} ENABLE ROW LEVEL SECURITY`,
    `CREATE POLICY tenant_isolation ON ${t} TO ${APP_ROLE}
       USING (municipality_code = current_setting('${TENANT_SETTING}', true))
       WITH CHECK (municipality_code = current_setting('${TENANT_SETTING}', true))`,
  ]),
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [...NEW_TENANT_TABLES].reverse()) await sql.raw(`DROP TABLE ${t}`).execute(db);
}
