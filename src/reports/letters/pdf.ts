// The summons letter (indkaldelse) and the integration contract as A4 PDFs (pdfmake): the Danish
// text first, then, for a person whose language has a translation (./ar.ts), the same letter in
// that language on the following pages, right to left (../arabic.ts). Its file name for Digital
// Post: indkaldelse-<date>-<appointment id>.pdf, integrationskontrakt-<date>-<person id>.pdf.
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { longDateDa, weekdayDa } from '../../domain/dates.js';
import type { ContractDocumentModel, LetterModel, SummonsLetterModel } from '../../services/letters.js';
import { arabicParagraph, isPlainArabic } from '../arabic.js';
import { loadPdfmake } from '../fonts.js';
import { AR } from './ar.js';
import type { LetterTexts } from './catalogue.js';
import { DA } from './da.js';

const MARGIN_X = 56;
const WIDTH = 595.28 - 2 * MARGIN_X;
const LABEL_WIDTH = 150;
const GREY = '#545454';
const BLUE = '#0059b3';

const TRANSLATIONS: Record<'ar', LetterTexts> = { ar: AR };

/** A date as numbers, for a translation's value column: 12.01.2026. */
const numericDate = (iso: string) => iso.split('-').reverse().join('.');
const termOf = (terms: Record<string, string>, code: string) => terms[code] ?? code;

// ---- The pieces of a letter in either direction ---------------------------------------------

interface Writer {
  rtl: boolean;
  t: LetterTexts;
  /** A paragraph of the catalogue's language. */
  p(
    text: string,
    style?: { bold?: boolean; size?: number; color?: string; margin?: [number, number, number, number] },
  ): Content;
  h(text: string, level: 1 | 2): Content;
  /** A value (a date, a name, an address, the goal as written): left to right, in the Latin font. */
  value(text: string, bold?: boolean): Content;
  /** Rows of a label and a value (Content), the label on the reading side. */
  facts(rows: [string, Content][]): Content;
  list(items: string[]): Content;
}

function danishWriter(t: LetterTexts): Writer {
  return {
    rtl: false,
    t,
    p: (text, s = {}) => ({
      text,
      ...(s.bold ? { style: 'strong' } : {}),
      fontSize: s.size ?? 10.5,
      ...(s.color ? { color: s.color } : {}),
      margin: s.margin ?? [0, 0, 0, 6],
    }),
    h: (text, level) =>
      level === 1
        ? { text, fontSize: 20, style: 'strong', color: BLUE, margin: [0, 12, 0, 10] }
        : { text, fontSize: 13, style: 'strong', margin: [0, 10, 0, 4] },
    value: (text, bold = false) => ({ text, ...(bold ? { style: 'strong' } : {}), fontSize: 10.5 }),
    facts: (rows) => ({
      table: {
        widths: [LABEL_WIDTH, '*'],
        body: rows.map(([label, value]): TableCell[] => [{ text: label, style: 'strong', fontSize: 10.5 }, value]),
      },
      layout: 'lightHorizontalLines',
      margin: [0, 4, 0, 10],
    }),
    list: (items) => ({ ul: items, fontSize: 10.5, margin: [0, 0, 0, 8] }),
  };
}

function arabicWriter(t: LetterTexts): Writer {
  const para = (
    text: string,
    width: number,
    s: { bold?: boolean; size?: number; color?: string; margin?: [number, number, number, number] } = {},
  ) => {
    if (!isPlainArabic(text)) throw new RangeError(`An Arabic text holds digits or Latin letters: ${text}`);
    return arabicParagraph(text, {
      size: s.size ?? 11,
      width,
      ...(s.bold ? { bold: true } : {}),
      ...(s.color ? { color: s.color } : {}),
      ...(s.margin ? { margin: s.margin } : {}),
    });
  };
  return {
    rtl: true,
    t,
    p: (text, s = {}) => para(text, WIDTH, s),
    h: (text, level) =>
      para(
        text,
        WIDTH,
        level === 1
          ? { size: 20, bold: true, color: BLUE, margin: [0, 12, 0, 10] }
          : { size: 13, bold: true, margin: [0, 10, 0, 4] },
      ),
    value: (text, bold = false) => ({ text, ...(bold ? { style: 'strong' } : {}), fontSize: 10.5, alignment: 'right' }),
    facts: (rows) => ({
      table: {
        widths: ['*', LABEL_WIDTH],
        body: rows.map(([label, value]): TableCell[] => [
          value,
          para(label, LABEL_WIDTH - 8, { bold: true, margin: [0, 0, 0, 0] }),
        ]),
      },
      layout: 'lightHorizontalLines',
      margin: [0, 4, 0, 10],
    }),
    list: (items) => ({
      stack: items.map((i) => para(`• ${i}`, WIDTH, { margin: [0, 0, 0, 2] })),
      margin: [0, 0, 0, 8],
    }),
  };
}

function senderBlock(m: LetterModel, w: Writer): Content {
  const office = m.sender.office;
  const phone = office ? (w.rtl ? office.phone : `${w.t.summons.phone} ${office.phone}`) : null;
  const sender = [
    m.sender.name,
    ...(office ? [office.name, office.street, office.postalTown] : []),
    ...(phone ? [phone] : []),
  ];
  const recipient = [
    m.recipient.name,
    ...(m.recipient.address ? [m.recipient.address.street, m.recipient.address.town] : []),
  ];
  const date = w.rtl ? numericDate(m.date) : longDateDa(m.date);
  // The recipient on the reading side (left in Danish, right in a right-to-left language), the sender opposite.
  const recipientSide = w.rtl ? ('right' as const) : ('left' as const);
  const senderSide = w.rtl ? ('left' as const) : ('right' as const);
  const to: Content = {
    stack: recipient.map((l, i) => ({
      text: l,
      ...(i === 0 ? { style: 'strong' } : {}),
      fontSize: 10.5,
      alignment: recipientSide,
    })),
  };
  const from: Content = {
    stack: [
      ...sender.map((l, i) => ({
        text: l,
        ...(i === 0 ? { style: 'strong' } : {}),
        fontSize: 9.5,
        color: GREY,
        alignment: senderSide,
      })),
      { text: date, fontSize: 9.5, alignment: senderSide, margin: [0, 6, 0, 0] as [number, number, number, number] },
    ],
  };
  return { columns: w.rtl ? [from, to] : [to, from], columnGap: 20, margin: [0, 0, 0, 18] };
}

// ---- The summons letter ------------------------------------------------------------------------

function summons(m: SummonsLetterModel, w: Writer): Content[] {
  const s = w.t.summons;
  const a = m.appointment;
  const when = w.rtl
    ? `${numericDate(a.date)}   ${a.time}`
    : `${weekdayDa(a.date)} ${longDateDa(a.date)} kl. ${a.time.replace(':', '.')}`;
  const interpreter = a.interpreterLanguage
    ? `${s.interpreterBooked} ${termOf(w.t.languages, a.interpreterLanguage)}.`
    : s.noInterpreter;
  return [
    senderBlock(m, w),
    ...(w.t.translationNote ? [w.p(w.t.translationNote, { size: 9, color: GREY })] : []),
    w.h(s.title, 1),
    w.p(s.intro),
    w.facts([
      [s.when, w.value(when, true)],
      [
        s.duration,
        w.rtl
          ? { stack: [w.value(String(a.durationMinutes)), w.p(s.minutes, { margin: [0, 0, 0, 0] })] }
          : w.value(`${String(a.durationMinutes)} ${s.minutes}`),
      ],
      [s.place, { stack: [w.p(s.placeKind[a.placeKind], { margin: [0, 0, 0, 2] }), w.value(a.place)] }],
      [s.contact, w.value(m.contact.name)],
    ]),
    w.h(s.purpose, 2),
    w.p(s.purposes[a.purpose]),
    w.h(s.interpreter, 2),
    w.p(interpreter),
    w.h(s.bringTitle, 2),
    w.list([...s.bring]),
    w.h(s.cancelTitle, 2),
    w.p(s.cancel),
    ...(m.sender.office ? [w.facts([[s.phone, w.value(m.sender.office.phone, true)]])] : []),
    w.p(s.important, { bold: true }),
    ...(m.legalBasis
      ? [
          w.h(s.legalBasis, 2),
          w.p(s.legalBasisIntro, { margin: [0, 0, 0, 2] }),
          w.value(w.rtl ? m.legalBasis.reference : `${m.legalBasis.reference}: »${m.legalBasis.quote}«`),
        ]
      : []),
    { text: '', margin: [0, 14, 0, 0] },
    w.p(s.closing, { margin: [0, 0, 0, 2] }),
    w.value(m.contact.name),
    w.value(m.sender.name),
  ];
}

// ---- The contract ------------------------------------------------------------------------------

function contract(m: ContractDocumentModel, w: Writer): Content[] {
  const c = w.t.contract;
  const date = (iso: string) => (w.rtl ? numericDate(iso) : longDateDa(iso));
  const term = (text: string) => (w.rtl ? w.p(text, { margin: [0, 0, 0, 0] }) : w.value(text));
  const personRows: [string, Content][] = [
    [c.name, w.value(m.recipient.name, true)],
    [c.birthDate, w.value(date(m.person.birthDate))],
    ...(m.person.cprMasked ? ([[c.cpr, w.value(m.person.cprMasked)]] as [string, Content][]) : []),
    ...(m.recipient.address
      ? ([[c.address, w.value(`${m.recipient.address.street}, ${m.recipient.address.town}`)]] as [string, Content][])
      : []),
    [c.takeover, w.value(date(m.person.takeoverDate))],
    ...(m.person.program ? ([[c.program, term(termOf(c.programs, m.person.program))]] as [string, Content][]) : []),
    ...(m.person.languages.length
      ? ([
          [
            c.languages,
            term(
              m.person.languages
                .map((l) => termOf(w.t.languages, l))
                .join('، ')
                .replace(/، /g, w.rtl ? '، ' : ', '),
            ),
          ],
        ] as [string, Content][])
      : []),
    ...(m.contact ? ([[c.contactPerson, w.value(m.contact.name)]] as [string, Content][]) : []),
  ];
  const head = [c.activityKind, c.period, c.hours, c.provider];
  const rows = m.activities.map((a) => [
    w.rtl
      ? arabicParagraph(termOf(c.activityKinds, a.kind), { size: 10, width: 130, margin: [0, 0, 0, 0] })
      : { text: termOf(c.activityKinds, a.kind), fontSize: 10 },
    { text: `${numericDate(a.startDate)} – ${a.endDate ? numericDate(a.endDate) : ''}`, fontSize: 10 },
    { text: String(a.hoursPerWeek).replace('.', w.rtl ? '.' : ','), fontSize: 10, alignment: 'right' as const },
    { text: a.provider ?? '–', fontSize: 10 },
  ]);
  const headCells = head.map((h): TableCell =>
    w.rtl
      ? arabicParagraph(h, { size: 10, width: 100, bold: true, margin: [0, 0, 0, 0] })
      : { text: h, style: 'strong', fontSize: 10 },
  );
  const ordered = <T>(cells: T[]) => (w.rtl ? [...cells].reverse() : cells);
  /** A line to sign or date on, from the reading side of a signature column. */
  const SIGNATURE_COLUMN = (WIDTH - 30) / 2;
  const line = (y: number, length: number) => {
    const x1 = w.rtl ? SIGNATURE_COLUMN - length : 0;
    return { type: 'line' as const, x1, y1: y, x2: x1 + length, y2: y, lineWidth: 0.7 };
  };
  const signature = (label: string, name: string | null): Content => ({
    stack: [
      { canvas: [line(40, 210)] },
      w.rtl
        ? w.p(label, { bold: true, margin: [0, 2, 0, 0] })
        : { text: label, style: 'strong', fontSize: 10, margin: [0, 2, 0, 0] },
      ...(name ? [w.value(name)] : []),
      { canvas: [line(30, 120)] },
      w.rtl ? w.p(c.date, { margin: [0, 2, 0, 0] }) : { text: c.date, fontSize: 10, margin: [0, 2, 0, 0] },
    ],
  });
  return [
    senderBlock(m, w),
    ...(w.t.translationNote ? [w.p(w.t.translationNote, { size: 9, color: GREY })] : []),
    w.h(c.title, 1),
    w.p(c.intro),
    w.h(c.personTitle, 2),
    w.facts(personRows),
    w.h(c.goalTitle, 2),
    w.p(c.goalRule),
    ...(m.contract
      ? [
          w.facts([
            [c.goalKind, term(termOf(c.goalKinds, m.contract.goalKind))],
            [c.goalAsAgreed, w.value(m.contract.goal)],
          ]),
        ]
      : [w.p(c.noGoal)]),
    w.h(c.activitiesTitle, 2),
    m.activities.length
      ? {
          table: {
            headerRows: 1,
            widths: ordered([130, 120, 70, '*']),
            body: [ordered(headCells), ...rows.map((r) => ordered<TableCell>(r))],
          },
          layout: 'lightHorizontalLines',
          margin: [0, 0, 0, 10],
        }
      : w.p(c.noActivities),
    w.h(c.followUpTitle, 2),
    w.p(c.followUp),
    w.p(c.repatriation),
    ...(m.followUps.length
      ? [
          w.p(c.followUpDates, { bold: true, margin: [0, 4, 0, 2] }),
          ...m.followUps.map((f) => w.value(w.rtl ? numericDate(f.date) : longDateDa(f.date))),
        ]
      : [w.p(c.noFollowUps)]),
    ...(!w.rtl && (m.followUpRule || m.goalRule)
      ? [
          {
            text: [
              'Hjemmel: ',
              m.goalRule?.reference ?? '',
              m.goalRule && m.followUpRule ? '; ' : '',
              m.followUpRule?.reference ?? '',
            ].join(''),
            fontSize: 9,
            color: GREY,
            margin: [0, 8, 0, 0] as [number, number, number, number],
          },
        ]
      : []),
    w.h(c.signaturesTitle, 2),
    w.p(c.signaturesIntro),
    {
      columns: ordered([
        signature(c.citizenSignature, m.recipient.name),
        signature(c.municipalitySignature, m.sender.name),
      ]),
      columnGap: 30,
      unbreakable: true,
    },
  ];
}

// ---- The document ------------------------------------------------------------------------------

function body(m: LetterModel, w: Writer): Content[] {
  return m.kind === 'summons' ? summons(m, w) : contract(m, w);
}

/** The letter as an A4 PDF: Danish, then the person's language where a translation exists. */
export async function letterPdf(m: LetterModel): Promise<Buffer> {
  const translation = m.recipient.language ? TRANSLATIONS[m.recipient.language] : undefined;
  const content: Content[] = [...body(m, danishWriter(DA))];
  if (translation) content.push({ text: '', pageBreak: 'after' }, ...body(m, arabicWriter(translation)));
  const title = m.kind === 'summons' ? DA.summons.title : DA.contract.title;
  const doc: TDocumentDefinitions = {
    pageSize: 'A4',
    pageMargins: [MARGIN_X, 50, MARGIN_X, 56],
    info: { title: `${title}: ${m.recipient.name}`, author: m.sender.name, creator: 'Medborger' },
    language: 'da',
    defaultStyle: { font: 'Roboto', fontSize: 10.5, lineHeight: 1.2 },
    styles: { strong: { bold: true } },
    footer: (page, pages) => ({
      text: `Side ${String(page)} af ${String(pages)}`,
      alignment: 'center',
      fontSize: 8,
      color: GREY,
      margin: [0, 20, 0, 0],
    }),
    content,
  };
  return (await loadPdfmake()).createPdf(doc).getBuffer();
}

/** The file name for Digital Post: indkaldelse-2026-01-12-<id>.pdf, integrationskontrakt-2026-11-23-<person id>.pdf. */
export function letterFileName(m: LetterModel): string {
  return m.kind === 'summons'
    ? `indkaldelse-${m.appointment.date}-${m.appointment.id}.pdf`
    : `integrationskontrakt-${m.date}-${m.recipient.personId}.pdf`;
}
