// Identities that cannot be borrowed (issue 9, point 3).
//
// - A user is keyed by the identity provider's issuer and subject (`sub`), unique per
//   municipality; the display name becomes a label (its unique constraint is dropped, so two
//   people with the same name stay two users).
// - `kind` tells people from integration clients. A token created through the API or the CLI
//   belongs to a new integration client (a technical user with no issuer, subject or person),
//   never to an existing person's account. A citizen user is keyed to the person it is: issuer
//   `urn:medborger:person`, subject the person id.
// - Tokens record who created them and whether they are an API token or a browser session.
// - `audit_events`: the administrative audit trail (token created or revoked, sign-in, sign-out),
//   separate from the access log, which records uses of a person's data. Append-only for the
//   application role, tenant-isolated by RLS like every other tenant table.
//
// Existing rows: the synthetic demo staff are keyed to the demo identity provider (subject = their
// id, as the demo accounts now send); for each person the oldest citizen user is keyed to that
// person. Other existing users keep working with the tokens they have, but have no issuer and
// subject, so no sign-in reaches them by name any more.
import { sql, type Kysely } from 'kysely';
import { APP_ROLE, TENANT_SETTING } from '../names.js';

/** Also in src/security/identities.ts (migrations do not import application code that may change). */
const DEMO_ISSUER = 'urn:medborger:demo-idp';
const PERSON_ISSUER = 'urn:medborger:person';

const STATEMENTS = [
  `ALTER TABLE users DROP CONSTRAINT users_municipality_code_name_key`,
  `ALTER TABLE users
     ADD COLUMN kind text NOT NULL DEFAULT 'person' CHECK (kind IN ('person', 'integration_client')),
     ADD COLUMN issuer text CHECK (length(issuer) BETWEEN 1 AND 500),
     ADD COLUMN subject text CHECK (length(subject) BETWEEN 1 AND 255),
     ADD COLUMN created_by uuid,
     ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
     ADD CONSTRAINT users_issuer_subject_together CHECK ((issuer IS NULL) = (subject IS NULL)),
     ADD CONSTRAINT users_integration_client_is_no_person CHECK (kind = 'person' OR (issuer IS NULL AND person_id IS NULL AND role <> 'citizen')),
     ADD CONSTRAINT users_identity UNIQUE (municipality_code, issuer, subject)`,
  `CREATE INDEX users_person ON users (municipality_code, person_id) WHERE person_id IS NOT NULL`,

  `UPDATE users SET issuer = '${DEMO_ISSUER}', subject = id::text WHERE synthetic AND role <> 'citizen'`,
  `UPDATE users u SET issuer = '${PERSON_ISSUER}', subject = u.person_id::text
     FROM (SELECT municipality_code, id, row_number() OVER (PARTITION BY municipality_code, person_id ORDER BY created_at, id) AS n
             FROM users WHERE role = 'citizen' AND person_id IS NOT NULL) first
    WHERE first.municipality_code = u.municipality_code AND first.id = u.id AND first.n = 1`,

  `ALTER TABLE api_tokens
     ADD COLUMN kind text NOT NULL DEFAULT 'api' CHECK (kind IN ('api', 'session')),
     ADD COLUMN created_by uuid,
     ADD COLUMN revoked_by uuid`,

  `CREATE TABLE audit_events (
     municipality_code text NOT NULL REFERENCES municipalities (code),
     id bigint GENERATED ALWAYS AS IDENTITY,
     at timestamptz NOT NULL DEFAULT clock_timestamp(),
     event text NOT NULL CHECK (event IN ('token.created', 'token.revoked', 'session.started', 'session.ended')),
     actor_user_id uuid,
     actor_name text NOT NULL CHECK (length(actor_name) BETWEEN 1 AND 300),
     actor_role text,
     subject_user_id uuid NOT NULL,
     subject_name text NOT NULL,
     subject_kind text NOT NULL,
     role text NOT NULL,
     token_id uuid,
     expires_at timestamptz,
     PRIMARY KEY (municipality_code, id)
   )`,
  `CREATE INDEX audit_events_at ON audit_events (municipality_code, at)`,
  `GRANT SELECT, INSERT ON audit_events TO ${APP_ROLE}`,
  `ALTER TABLE audit_events ENABLE ROW LEVEL SECURITY`,
  `CREATE POLICY tenant_isolation ON audit_events TO ${APP_ROLE}
     USING (municipality_code = current_setting('${TENANT_SETTING}', true))
     WITH CHECK (municipality_code = current_setting('${TENANT_SETTING}', true))`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const statements = [
    'DROP TABLE audit_events',
    'ALTER TABLE api_tokens DROP COLUMN kind, DROP COLUMN created_by, DROP COLUMN revoked_by',
    'DROP INDEX users_person',
    'ALTER TABLE users DROP CONSTRAINT users_identity, DROP CONSTRAINT users_integration_client_is_no_person, DROP CONSTRAINT users_issuer_subject_together',
    'ALTER TABLE users DROP COLUMN kind, DROP COLUMN issuer, DROP COLUMN subject, DROP COLUMN created_by, DROP COLUMN updated_at',
    'ALTER TABLE users ADD CONSTRAINT users_municipality_code_name_key UNIQUE (municipality_code, name)',
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
