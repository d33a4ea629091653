// CPR numbers (personnummer) and replacement numbers (erstatningspersonnummer).
// Pure functions: parsing, validation, century, masking. No I/O, no crypto (see src/security/cpr-vault.ts).
//
// Rules (shared/DOMAIN.md, "Personal data rules"):
// - format DDMMYY-SSSS; the 7th digit together with the year gives the century;
// - the modulus-11 check is NOT guaranteed since 2007: it is reported, never used to reject;
// - replacement numbers exist for people without a CPR number: the day of birth plus 60
//   (erstatningspersonnummer from CPR), or letters in the serial part (health-sector style);
// - a CPR number can change, so it is never a key, and it is never shown in full without need.

export type CprKind = 'cpr' | 'replacement';

export interface ParsedCpr {
  /** Normalised form without separator: 10 characters. */
  readonly normalized: string;
  readonly kind: CprKind;
  /** Birth date encoded in the number (ISO yyyy-mm-dd). */
  readonly birthDate: string;
  /** Whether the old modulus-11 check holds (informational only). */
  readonly modulus11: boolean;
  /** Legal sex encoded by the last digit (odd: male, even: female); null for letter serials. */
  readonly sexDigit: 'male' | 'female' | null;
}

/** Why a CPR number was refused: a stable code for pages and clients; `reason` is English, for developers. */
export type CprProblemCode = 'cpr.format' | 'cpr.invalid_date';

export type CprParseResult = { ok: true; value: ParsedCpr } | { ok: false; code: CprProblemCode; reason: string };

const CPR_PATTERN = /^(\d{2})(\d{2})(\d{2})-?([0-9A-Za-z]{4})$/;

/** Century from the 7th digit and the two-digit year (CPR office table). */
export function centuryOf(seventhDigit: number, yy: number): number {
  if (seventhDigit <= 3) return 1900;
  if (seventhDigit === 4 || seventhDigit === 9) return yy <= 36 ? 2000 : 1900;
  // 5, 6, 7, 8
  return yy <= 57 ? 2000 : 1800;
}

export function isValidIsoDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

const WEIGHTS = [4, 3, 2, 7, 6, 5, 4, 3, 2, 1] as const;

export function modulus11Holds(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (const [i, w] of WEIGHTS.entries()) sum += Number(digits[i]) * w;
  return sum % 11 === 0;
}

/**
 * Parses a CPR number or replacement number. Accepts `DDMMYY-SSSS` and `DDMMYYSSSS`,
 * surrounding spaces ignored. Never rejects for a failing modulus-11 check.
 */
export function parseCpr(input: string): CprParseResult {
  const m = CPR_PATTERN.exec(input.trim());
  if (!m) return { ok: false, code: 'cpr.format', reason: 'A CPR number has the form DDMMYY-SSSS (10 digits).' };
  const [, dd, mm, yy, serialRaw] = m as unknown as [string, string, string, string, string];
  const serial = serialRaw.toUpperCase();
  let day = Number(dd);
  const month = Number(mm);
  const year2 = Number(yy);
  const letterSerial = !/^\d{4}$/.test(serial);
  let kind: CprKind = letterSerial ? 'replacement' : 'cpr';
  if (day > 60) {
    // Replacement number from the CPR office: day of birth + 60.
    day -= 60;
    kind = 'replacement';
  }
  let century: number;
  if (letterSerial) {
    // Health-sector replacement numbers carry no century digit; a two-digit year is read as
    // the most recent past century year (people are not born in the future).
    const thisYear = new Date().getUTCFullYear();
    century = 2000 + year2 > thisYear ? 1900 : 2000;
  } else {
    century = centuryOf(Number(serial[0]), year2);
  }
  const year = century + year2;
  if (!isValidIsoDate(year, month, day)) {
    return {
      ok: false,
      code: 'cpr.invalid_date',
      reason: `The CPR number's date ${dd}.${mm}.${yy} is not a valid date.`,
    };
  }
  const normalized = `${dd}${mm}${yy}${serial}`;
  const last = serial.charAt(3);
  return {
    ok: true,
    value: {
      normalized,
      kind,
      birthDate: `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`,
      modulus11: modulus11Holds(normalized),
      sexDigit: /\d/.test(last) ? (Number(last) % 2 === 1 ? 'male' : 'female') : null,
    },
  };
}

/** `DDMMYY-xxxx`: the form shown wherever the full number is not needed. */
export function maskCpr(normalized: string): string {
  return `${normalized.slice(0, 6)}-xxxx`;
}

/** `DDMMYY-SSSS`: the full form, shown only on explicit request (and logged). */
export function formatCpr(normalized: string): string {
  return `${normalized.slice(0, 6)}-${normalized.slice(6)}`;
}

/** True when a search text looks like a (possibly partial-free) CPR number. */
export function looksLikeCpr(text: string): boolean {
  return CPR_PATTERN.test(text.trim());
}

// ---- CPR numbers inside free text (search criteria, log lines, error messages) ---------------
//
// Any run of ten digits, with or without single separators (space, dot, dash, slash) between
// them, is treated as a CPR number; so is six digits followed by a four-character serial with a
// letter (a replacement number). Such a run is searched as a CPR number and never stored, logged
// or echoed in clear.

const SEP = '[ \\u00A0./\\\\-]?';
const DIGIT_RUN = `(?<![0-9])[0-9](?:${SEP}[0-9]){9}(?![0-9])`;
const LETTER_SERIAL = `(?<![0-9A-Za-z])[0-9]{6}${SEP}(?=[0-9]{0,3}[A-Za-z])[0-9A-Za-z]{4}(?![0-9A-Za-z])`;
const CPR_IN_TEXT = new RegExp(`${DIGIT_RUN}|${LETTER_SERIAL}`, 'g');
/** Six or more digits in a row (with separators): a partial number that must not be echoed either. */
const LONG_DIGIT_RUN = `[0-9](?:${SEP}[0-9]){5,}`;
const MASKABLE = new RegExp(`(${DIGIT_RUN}|${LETTER_SERIAL})|${LONG_DIGIT_RUN}`, 'g');

export interface CprInText {
  /** The CPR-like runs found, as written and normalised (10 characters, no separator). */
  found: { raw: string; normalized: string }[];
  /** The text with each run removed (what is left: a name part), spaces collapsed. */
  rest: string;
}

/** Finds CPR-like runs in a text (search criteria). */
export function findCprInText(text: string): CprInText {
  const found: CprInText['found'] = [];
  const rest = text
    .replace(CPR_IN_TEXT, (raw) => {
      found.push({ raw, normalized: raw.replace(/[^0-9A-Za-z]/g, '').toUpperCase() });
      return ' ';
    })
    .replace(/\s+/g, ' ')
    .trim();
  return { found, rest };
}

/**
 * The text with every CPR-like run masked (`DDMMYY-xxxx`) and every other run of six or more
 * digits replaced by `x`s: safe to store in the access log, a server log or an error message.
 */
export function maskCprInText(text: string): string {
  return text.replace(MASKABLE, (run: string, cpr: string | undefined) =>
    cpr !== undefined ? maskCpr(cpr.replace(/[^0-9A-Za-z]/g, '')) : run.replace(/[0-9]/g, 'x'),
  );
}
