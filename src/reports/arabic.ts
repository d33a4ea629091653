// Arabic in pdfmake: right-to-left paragraphs, shaped, in the right order on the page and in the
// text a reader copies out of the PDF.
//
// pdfmake (0.3) knows no right-to-left text: it breaks a paragraph into words and draws them from
// the left, and pdfkit lays out each word apart unless OpenType features are given. fontkit (under
// pdfkit) shapes Arabic (joining forms, the lam-alef and other ligatures) and, for a run in an RTL
// script, puts the glyphs in visual order. So an Arabic paragraph is broken into lines here,
// measured with the same font, and each line is given to pdfmake as one unbreakable text with font
// features, which pdfkit lays out as one run: fontkit then orders the whole line right to left.
//
// In that visual order a ligature glyph stands for several letters; its ToUnicode entry lists them
// in logical order, and a reader (pdftotext, a PDF viewer copying text) that turns the run back into
// logical order reverses them too. So, for right-to-left runs, a ligature's code points are given
// in visual order (reversed once, idempotently, however often a glyph is laid out) and come back
// right. The patch is on fontkit's layout of the fonts it creates, and changes only RTL runs.
//
// The texts given here must be Arabic only (letters, spaces and Arabic punctuation): digits and
// Latin letters in an RTL run would be reversed, since no bidirectional algorithm runs. Values
// (dates, times, names, addresses) are set apart, left to right, in the Latin font.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Content } from 'pdfmake/interfaces.js';
import { ARABIC_FONT_FILES } from './fonts.js';

interface Glyph {
  codePoints: number[];
}
interface GlyphRun {
  direction: string;
  glyphs: Glyph[];
  advanceWidth: number;
}
interface FontkitFont {
  unitsPerEm: number;
  layout(text: string, features?: string[]): GlyphRun;
}

const require = createRequire(import.meta.url);
// The CommonJS build, the one pdfkit requires (the ES build is another copy of the classes).
const fontkit = require('fontkit') as { create(buffer: Buffer): FontkitFont };

/** The features every Arabic line is laid out with (any: they make pdfkit lay out the line as one run). */
export const ARABIC_FEATURES: PDFKit.Mixins.OpenTypeFeatures[] = ['kern'];

const fonts = {
  normal: fontkit.create(readFileSync(ARABIC_FONT_FILES.normal)),
  bold: fontkit.create(readFileSync(ARABIC_FONT_FILES.bold)),
};

const logical = new WeakMap<Glyph, number[]>();
let proto: unknown = Object.getPrototypeOf(fonts.normal);
while (proto !== null && typeof proto === 'object' && !Object.hasOwn(proto, 'layout'))
  proto = Object.getPrototypeOf(proto);
if (proto === null || typeof proto !== 'object') throw new Error('fontkit: no layout to extend');
const fontProto = proto as { layout: (this: FontkitFont, ...args: unknown[]) => GlyphRun; __medborgerRtl?: true };
if (!fontProto.__medborgerRtl) {
  const layout = fontProto.layout;
  fontProto.layout = function (this: FontkitFont, ...args: unknown[]): GlyphRun {
    const run = layout.apply(this, args);
    if (run.direction === 'rtl')
      for (const glyph of run.glyphs) {
        const own = logical.get(glyph) ?? glyph.codePoints;
        logical.set(glyph, own);
        if (own.length > 1) glyph.codePoints = [...own].reverse();
      }
    return run;
  };
  fontProto.__medborgerRtl = true;
}

/** The width of an Arabic text in points at a font size. */
export function arabicWidth(text: string, size: number, bold = false): number {
  const font = bold ? fonts.bold : fonts.normal;
  return (font.layout(text, ARABIC_FEATURES).advanceWidth * size) / font.unitsPerEm;
}

/** An Arabic text broken into lines of at most `width` points (at spaces). */
export function arabicLines(text: string, size: number, width: number, bold = false): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.trim().split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (line && arabicWidth(next, size, bold) > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/** An Arabic paragraph, right-aligned, as pdfmake content. */
export function arabicParagraph(
  text: string,
  options: { size: number; width: number; bold?: boolean; color?: string; margin?: [number, number, number, number] },
): Content {
  return {
    stack: arabicLines(text, options.size, options.width, options.bold).map((line): Content => ({
      text: line,
      font: 'Arabic',
      fontSize: options.size,
      // The document defines the style 'strong' (bold).
      ...(options.bold ? { style: 'strong' } : {}),
      noWrap: true,
      alignment: 'right' as const,
      fontFeatures: ARABIC_FEATURES,
      ...(options.color ? { color: options.color } : {}),
    })),
    margin: options.margin ?? [0, 0, 0, 6],
  };
}

/** True when a text holds nothing an RTL run would reverse (digits, Latin letters). */
export function isPlainArabic(text: string): boolean {
  return !/[0-9A-Za-z\u00C0-\u024F]/.test(text);
}
