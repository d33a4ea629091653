// A report outline (./document.ts) as a PDF with pdfmake: A4, a title page, the contents with page
// numbers, "Side X af Y" in every footer, each section from a new page, the charts embedded as SVG
// with the table of their figures beside them, Danish characters in the Roboto fonts pdfmake ships.
// The fonts are registered in ./fonts.ts (pdfmake reads only those font files, no other file, no URL).
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import type { Block, ReportDocument, TableBlock } from './document.js';
import { loadPdfmake } from './fonts.js';

const BLUE = '#0059b3';
const GREY = '#545454';
const RULE = '#c8c8c8';
const MARGIN_X = 56;
const CHART_WIDTH = 250;

const styles: TDocumentDefinitions['styles'] = {
  kicker: { fontSize: 14, bold: true, color: BLUE },
  h1: { fontSize: 26, bold: true, margin: [0, 8, 0, 16] },
  h2: { fontSize: 17, bold: true, color: BLUE, margin: [0, 0, 0, 8] },
  h3: { fontSize: 12.5, bold: true, margin: [0, 12, 0, 4] },
  h4: { fontSize: 10.5, bold: true, margin: [0, 10, 0, 3] },
  paragraph: { margin: [0, 0, 0, 5] },
  note: { fontSize: 8.5, color: GREY, margin: [0, 0, 0, 5] },
  quote: { italics: true, margin: [10, 2, 0, 1] },
  cite: { fontSize: 8.5, color: GREY, margin: [10, 0, 0, 6] },
  caption: { bold: true, fontSize: 8.5, margin: [0, 2, 0, 2] },
  tableHead: { bold: true, fontSize: 8.5, fillColor: '#f2f2f2' },
  tableCell: { fontSize: 8.5 },
  rowHead: { bold: true },
  tocSection: { bold: true },
  tocSubsection: {},
  tocNumber: { bold: false },
  term: { bold: true },
};

const tableLayout = {
  hLineWidth: (i: number, node: { table: { body: unknown[] } }) =>
    i === 0 ? 0 : i === 1 ? 1 : i === node.table.body.length ? 0.5 : 0.5,
  vLineWidth: () => 0,
  hLineColor: (i: number) => (i === 1 ? '#767676' : RULE),
  paddingLeft: () => 4,
  paddingRight: () => 4,
  paddingTop: () => 2,
  paddingBottom: () => 2,
};

function table(t: TableBlock, width: number | '*'): Content & object {
  const head: TableCell[] = t.head.map((h, i) => ({
    text: h,
    style: 'tableHead',
    alignment: t.numeric[i] ? 'right' : 'left',
  }));
  const body: TableCell[][] = [
    head,
    ...t.rows.map((row) =>
      row.map((cell, i): TableCell => ({
        text: cell,
        // The first cell is the row's header.
        style: i === 0 ? ['tableCell', 'rowHead'] : 'tableCell',
        alignment: t.numeric[i] ? 'right' : 'left',
      })),
    ),
  ];
  // Text columns after the first share the width; the first (the row's header) and the figures take what they need.
  const widths = t.numeric.map((n, i) => (n || i === 0 ? 'auto' : '*'));
  const content: Content = {
    stack: [
      { text: t.caption, style: 'caption' },
      { table: { headerRows: 1, widths, body, dontBreakRows: true }, layout: tableLayout },
    ],
    margin: [0, 2, 0, 8],
  };
  // A column's width is a property of the column's content (pdfmake's Column).
  return Object.assign(content, { width });
}

function blocks(list: readonly Block[], svgs: ReadonlyMap<string, string>): Content[] {
  return list.map((b): Content => {
    switch (b.kind) {
      case 'heading':
        return {
          text: b.text,
          style: `h${b.level}`,
          id: b.id,
          ...(b.toc
            ? {
                tocItem: true,
                tocStyle: b.level === 2 ? 'tocSection' : 'tocSubsection',
                tocMargin: b.level === 2 ? [0, 6, 0, 0] : [14, 1, 0, 0],
              }
            : {}),
          ...(b.level === 2 ? { pageBreak: 'before' as const } : {}),
        };
      case 'paragraph':
        return { text: b.text, style: b.note ? 'note' : 'paragraph' };
      case 'quote':
        return {
          stack: [
            { text: `»${b.text}«`, style: 'quote' },
            { text: b.cite, style: 'cite' },
          ],
        };
      case 'facts':
        return {
          table: {
            widths: [110, '*'],
            body: b.items.map((i) => [{ text: i.term, style: 'term' }, { text: i.value }]),
          },
          layout: 'noBorders',
          margin: [0, 2, 0, 6],
        };
      case 'list':
        return { ul: b.items, margin: [0, 0, 0, 6] };
      case 'table':
        return table(b, '*');
      case 'figure': {
        const svg = svgs.get(b.chart.id);
        if (svg === undefined) return table(b.table, '*');
        return {
          columns: [{ svg, width: CHART_WIDTH }, table(b.table, '*')],
          columnGap: 14,
          margin: [0, 4, 0, 8],
        };
      }
      case 'group':
        return { stack: blocks(b.blocks, svgs), unbreakable: true, margin: [0, 0, 0, 8] };
    }
  });
}

/** The report as PDF bytes. */
export async function reportPdf(doc: ReportDocument, svgs: ReadonlyMap<string, string>): Promise<Buffer> {
  const definition: TDocumentDefinitions = {
    pageSize: 'A4',
    pageMargins: [MARGIN_X, 64, MARGIN_X, 60],
    language: 'da-DK',
    info: {
      title: doc.title,
      author: doc.author,
      subject: doc.cover.heading,
      creator: 'Medborger',
      producer: 'Medborger',
    },
    defaultStyle: { font: 'Roboto', fontSize: 9.5, lineHeight: 1.2 },
    styles,
    header: (currentPage) =>
      currentPage === 1
        ? null
        : { text: doc.runningHead, alignment: 'right', fontSize: 8, color: GREY, margin: [MARGIN_X, 30, MARGIN_X, 0] },
    footer: (currentPage, pageCount) => ({
      text: `Side ${currentPage} af ${pageCount}`,
      alignment: 'center',
      fontSize: 8.5,
      color: GREY,
      margin: [0, 24, 0, 0],
    }),
    content: [
      {
        stack: [
          { text: doc.cover.kicker, style: 'kicker' },
          { text: doc.cover.heading, style: 'h1' },
          ...doc.cover.lines.map((l): Content => ({ text: l, margin: [0, 0, 0, 6], fontSize: 11 })),
        ],
        margin: [0, 200, 0, 0],
        pageBreak: 'after',
      },
      {
        toc: {
          title: { text: 'Indhold', style: 'h2' },
          numberStyle: 'tocNumber',
        },
      },
      ...blocks(doc.blocks, svgs),
    ],
  };
  return (await loadPdfmake()).createPdf(definition).getBuffer();
}
