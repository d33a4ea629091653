// Where sign-in returns to: only a path of this application. The value comes from a query
// parameter an attacker can choose (`/login?returnTo=…`), so it is checked as written and after
// every percent-decoding: it must start with a single "/", and may hold no "//", no backslash,
// no control, format or space character (a tab, CR, LF, U+3000 …; browsers drop or reinterpret
// them, so "/\t/evil.example" would become "//evil.example"). Anything else returns "/". The
// result is printable ASCII (other letters percent-encoded), so it is always a valid Location.

const HOME = '/';
const MAX_LENGTH = 2000;
/** How many nested percent-encodings are looked through before a value is refused. */
const MAX_DECODINGS = 4;
// \p{C}: control, format (zero-width, bidi), unassigned, private use; \p{Z} and \s: every space.
const FORBIDDEN = /[\p{C}\p{Z}\s\\]/u;

function looksLocal(value: string): boolean {
  return value.startsWith('/') && !value.includes('//') && !FORBIDDEN.test(value);
}

/** The local path to go to after sign-in, or "/" when the value is anything else. */
export function safeReturnTo(value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_LENGTH) return HOME;
  let current = value;
  for (let i = 0; ; i++) {
    if (!looksLocal(current)) return HOME;
    let decoded: string;
    try {
      decoded = decodeURIComponent(current);
    } catch {
      return HOME; // a malformed escape: not a path this application wrote
    }
    if (decoded === current) break;
    if (i === MAX_DECODINGS) return HOME;
    current = decoded;
  }
  // Letters outside ASCII (a raw "ø") are percent-encoded; everything else is kept as written.
  return value.replace(/[^\x21-\x7e]/gu, (c) => encodeURIComponent(c));
}
