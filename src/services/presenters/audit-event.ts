// An event of the administrative audit trail (tokens and sessions created and ended).
import type { AuditEvent } from '../../db/schema.js';
import type { auditEvents } from '../../repositories/identities.js';

export interface AuditEventView {
  id: string;
  at: string;
  event: AuditEvent;
  actor: { id: string | null; name: string; role: string | null };
  user: { id: string; name: string; kind: string };
  role: string;
  tokenId: string | null;
  expiresAt: string | null;
}

export type AuditEventRecord = Awaited<ReturnType<typeof auditEvents>>[number];

export function presentAuditEvent(r: AuditEventRecord): AuditEventView {
  return {
    id: r.id,
    at: new Date(r.at).toISOString(),
    event: r.event,
    actor: { id: r.actor_user_id, name: r.actor_name, role: r.actor_role },
    user: { id: r.subject_user_id, name: r.subject_name, kind: r.subject_kind },
    role: r.role,
    tokenId: r.token_id,
    expiresAt: r.expires_at ? new Date(r.expires_at).toISOString() : null,
  };
}
