// The citizen pages' languages and messages: one catalogue per language (ICU MessageFormat,
// formatted by intl-messageformat with Intl dates and numbers in Europe/Copenhagen), each
// recording whether a professional translator has reviewed it. A key a catalogue lacks falls
// back to Danish. Pure: no I/O; the web layer picks the language (?lang=, cookie, Accept-Language).
import { IntlMessageFormat } from 'intl-messageformat';
import { ar } from './ar.js';
import { da, type MessageKey } from './da.js';
import { en } from './en.js';
import { faAF } from './fa-AF.js';
import { so } from './so.js';
import { ti } from './ti.js';
import { uk } from './uk.js';

export type { MessageKey };

export const LANGS = ['da', 'en', 'ar', 'uk', 'fa-AF', 'ti', 'so'] as const;
export type Lang = (typeof LANGS)[number];

export interface Catalogue {
  /** The language named in itself, for the picker. */
  name: string;
  dir: 'ltr' | 'rtl';
  /** Whether a professional translator has reviewed the catalogue. */
  reviewed: boolean;
  messages: Partial<Record<MessageKey, string>>;
}

export const CATALOGUES: Record<Lang, Catalogue> = {
  da: { name: 'Dansk', dir: 'ltr', reviewed: true, messages: da },
  en: { name: 'English', dir: 'ltr', reviewed: false, messages: en },
  ar: { name: 'العربية', dir: 'rtl', reviewed: false, messages: ar },
  uk: { name: 'Українська', dir: 'ltr', reviewed: false, messages: uk },
  'fa-AF': { name: 'دری', dir: 'rtl', reviewed: false, messages: faAF },
  ti: { name: 'ትግርኛ', dir: 'ltr', reviewed: false, messages: ti },
  so: { name: 'Soomaali', dir: 'ltr', reviewed: false, messages: so },
};

export const MESSAGE_KEYS = Object.keys(da) as MessageKey[];

/** The keys a catalogue lacks (they fall back to Danish). */
export function missingKeys(lang: Lang): MessageKey[] {
  const own = CATALOGUES[lang].messages;
  return MESSAGE_KEYS.filter((k) => own[k] === undefined);
}

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}

/** A language code as a browser or a client writes it ("fa-af", "ar-SY", "prs") → one of ours, or null. */
export function langOf(tag: string): Lang | null {
  const t = tag.trim().toLowerCase();
  if (t === '') return null;
  const exact = LANGS.find((l) => l.toLowerCase() === t);
  if (exact) return exact;
  // Dari is written prs (ISO 639-3) or fa-AF; plain fa (Persian of Iran) is close enough to be read.
  if (t === 'prs' || t.startsWith('prs-') || t === 'fa' || t.startsWith('fa-')) return 'fa-AF';
  const primary = t.split('-')[0] ?? '';
  return LANGS.find((l) => l === primary) ?? (primary === 'nb' || primary === 'no' ? 'da' : null);
}

/** The best of our languages for an Accept-Language header (by its q-values), or null. */
export function fromAcceptLanguage(header: string | undefined): Lang | null {
  if (!header) return null;
  const ranked = header
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag, q: q === undefined ? 1 : Number(q), i };
    })
    .filter((r) => Number.isFinite(r.q) && r.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const r of ranked) {
    const lang = langOf(r.tag);
    if (lang) return lang;
  }
  return null;
}

const TIME_ZONE = 'Europe/Copenhagen';
const FORMATS = {
  date: {
    dayMonth: { day: 'numeric', month: 'long', timeZone: TIME_ZONE },
    dayMonthYear: { day: 'numeric', month: 'long', year: 'numeric', timeZone: TIME_ZONE },
    weekdayDate: { weekday: 'long', day: 'numeric', month: 'long', timeZone: TIME_ZONE },
  },
  time: { hm: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: TIME_ZONE } },
} as const;

const compiled = new Map<string, IntlMessageFormat>();

export type MessageValues = Record<string, string | number | Date>;

/** The message in the language (Danish when the language lacks it), formatted. */
export function translate(lang: Lang, key: MessageKey, values: MessageValues = {}): string {
  const own = CATALOGUES[lang].messages[key];
  const useLang = own === undefined ? 'da' : lang;
  const cacheKey = `${useLang}\u0000${key}`;
  let format = compiled.get(cacheKey);
  if (!format) {
    format = new IntlMessageFormat(own ?? da[key], useLang, FORMATS);
    compiled.set(cacheKey, format);
  }
  return String(format.format(values));
}

/** Whether the message is shown in the language itself (false: the Danish fallback). */
export function hasOwn(lang: Lang, key: MessageKey): boolean {
  return CATALOGUES[lang].messages[key] !== undefined;
}

/** An ISO date as the moment its message formats (noon in Denmark, so the day never shifts). */
export function dateValue(iso: string): Date {
  return new Date(`${iso}T12:00:00+01:00`);
}

/** A language's name in another language (Intl.DisplayNames), e.g. the interpreter's language. */
export function languageName(inLang: Lang, code: string): string {
  try {
    return new Intl.DisplayNames([inLang, 'da'], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** A date alone, as the language writes it (e.g. "2. december 2026", "٢ ديسمبر ٢٠٢٦"). */
export function formatDate(lang: Lang, iso: string): string {
  return new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'long', year: 'numeric', timeZone: TIME_ZONE }).format(
    dateValue(iso),
  );
}
