// The fonts every PDF of Medborger is set in, registered with pdfmake once: Roboto (shipped with
// pdfmake) for Danish, IBM Plex Sans Arabic (@ibm/plex-sans-arabic, the complete WOFF files:
// Arabic and Latin glyphs, the OpenType features Arabic shaping needs) for Arabic. pdfmake reads
// only these files (no other file, no URL).
import { createRequire } from 'node:module';
import path from 'node:path';
import type PdfMake from 'pdfmake';

const require = createRequire(import.meta.url);
const ROBOTO = require('pdfmake/fonts/Roboto.js') as {
  Roboto: { normal: string; bold: string; italics: string; bolditalics: string };
};
const PLEX_DIR = path.join(path.dirname(require.resolve('@ibm/plex-sans-arabic/package.json')), 'fonts/complete/woff');

/** The Arabic font files (regular and bold). */
export const ARABIC_FONT_FILES = {
  normal: path.join(PLEX_DIR, 'IBMPlexSansArabic-Regular.woff'),
  bold: path.join(PLEX_DIR, 'IBMPlexSansArabic-Bold.woff'),
} as const;

const FONTS = {
  ...ROBOTO,
  Arabic: {
    normal: ARABIC_FONT_FILES.normal,
    bold: ARABIC_FONT_FILES.bold,
    italics: ARABIC_FONT_FILES.normal,
    bolditalics: ARABIC_FONT_FILES.bold,
  },
};
const FONT_FILES = new Set(Object.values(FONTS).flatMap((f) => Object.values(f)));

let loaded: Promise<typeof PdfMake> | undefined;

/** pdfmake with the fonts registered, loaded at the first PDF (not at a server start). */
export function loadPdfmake(): Promise<typeof PdfMake> {
  loaded ??= import('pdfmake').then(({ default: pdfmake }) => {
    pdfmake.setFonts(FONTS);
    pdfmake.setUrlAccessPolicy(() => false);
    pdfmake.setLocalAccessPolicy((file) => FONT_FILES.has(file));
    return pdfmake;
  });
  return loaded;
}
