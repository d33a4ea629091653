// Attachments of a person's case (issue 13): which files may be attached (PDF, PNG, JPEG, plain
// text, at most 10 MB), told by their first bytes (the magic numbers), never only by the type
// the client declares; and a file name fit to store and to send back. Pure.

export const ATTACHMENT_TYPES = ['application/pdf', 'image/png', 'image/jpeg', 'text/plain'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

/** 10 MB. */
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;

export type AttachmentProblemCode =
  | 'attachment.empty'
  | 'attachment.too_large'
  | 'attachment.type_not_allowed'
  | 'attachment.content_mismatch'
  | 'attachment.file_name';

const startsWith = (bytes: Uint8Array, signature: readonly number[]) =>
  bytes.length >= signature.length && signature.every((b, i) => bytes[i] === b);

/** Whether the bytes are UTF-8 text without NUL or control characters other than tab, line breaks and form feed. */
function isPlainText(bytes: Uint8Array): boolean {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  // eslint-disable-next-line no-control-regex
  return !/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text);
}

/** The type the bytes are, by their magic numbers (text: valid UTF-8 without control characters), or null. */
export function sniffType(bytes: Uint8Array): AttachmentType | null {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf'; // %PDF-
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  return isPlainText(bytes) ? 'text/plain' : null;
}

/** The declared media type without parameters, in lower case ("text/plain; charset=utf-8" → "text/plain"). */
export function mediaTypeOf(declared: string): string {
  return (declared.split(';')[0] ?? '').trim().toLowerCase();
}

/** The first problem with a file to attach, or null when it may be attached as `declared`. */
export function attachmentProblem(declared: string, bytes: Uint8Array): AttachmentProblemCode | null {
  const type = mediaTypeOf(declared);
  if (!(ATTACHMENT_TYPES as readonly string[]).includes(type)) return 'attachment.type_not_allowed';
  if (bytes.length === 0) return 'attachment.empty';
  if (bytes.length > ATTACHMENT_MAX_BYTES) return 'attachment.too_large';
  if (sniffType(bytes) !== type) return 'attachment.content_mismatch';
  return null;
}

/** A file name to store: its last path segment, trimmed, without control characters or quotes; null when nothing is left or it is over 200 characters. */
export function cleanFileName(name: string): string | null {
  // eslint-disable-next-line no-control-regex
  const last = (name.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  return last.length === 0 || last.length > 200 ? null : last;
}
