// A conversation of a person's case (repatriation guidance, interpreter, note).
import type { Disclosure } from '../disclosure.js';

export interface ConversationRecord {
  id: string;
  held_on: string;
  kind: string;
  repatriation_guidance: boolean;
  repatriation_note: string | null;
  interpreter_language: string | null;
  note: string | null;
  /** the row's version: its ETag for If-Match */
  version: number;
}

/** The conversation; registers the person it belongs to. */
export function presentConversation(row: ConversationRecord, personId: string, shown: Disclosure) {
  shown.person(personId);
  return {
    id: row.id,
    date: row.held_on,
    kind: row.kind,
    repatriationGuidance: row.repatriation_guidance,
    repatriationNote: row.repatriation_note,
    interpreterLanguage: row.interpreter_language,
    note: row.note,
    version: row.version,
  };
}
