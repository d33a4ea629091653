// A report as a plain outline of Danish text: sections of headings, paragraphs, quotes, facts,
// lists, tables and charts, each chart with the table of its figures. The HTML and the PDF
// renderers (./html.tsx, ./pdf.ts) both draw this one outline, so the two say the same; the charts
// are described here and drawn by ./charts.ts. Pure.

/** A heading: level 2 is a section (in the contents), 3 and 4 below it. */
export interface HeadingBlock {
  kind: 'heading';
  level: 2 | 3 | 4;
  id: string;
  text: string;
  /** Listed in the contents. */
  toc: boolean;
}

export interface ParagraphBlock {
  kind: 'paragraph';
  text: string;
  /** A note in smaller print. */
  note?: boolean;
}

export interface QuoteBlock {
  kind: 'quote';
  text: string;
  /** Where it is quoted from. */
  cite: string;
  /** The quote's language, when not Danish (the law's summary in DOMAIN.md is English). */
  lang?: 'en';
}

export interface FactsBlock {
  kind: 'facts';
  items: { term: string; value: string }[];
}

export interface ListBlock {
  kind: 'list';
  items: string[];
}

export interface TableBlock {
  kind: 'table';
  caption: string;
  head: string[];
  /** The first cell of each row is the row's header. */
  rows: string[][];
  /** Per column: right-aligned figures. */
  numeric: boolean[];
  /** Per column, where its cells are not Danish: their language (the policy files' notes are English). */
  lang?: ('en' | undefined)[];
}

export interface TrendChart {
  kind: 'trend';
  id: string;
  title: string;
  unit: 'share' | 'days';
  /** Every year of the trend; null where no figure is shown. */
  points: { year: number; value: number | null }[];
  target?: number;
  national?: number;
}

export interface ComparisonChart {
  kind: 'comparison';
  id: string;
  title: string;
  unit: 'share' | 'days';
  rows: { name: string; value: number | null; own: boolean; nation: boolean }[];
  target?: number;
}

export type ChartSpec = TrendChart | ComparisonChart;

/** A chart with the table of its figures beside it (the table is what a screen reader reads). */
export interface FigureBlock {
  kind: 'figure';
  chart: ChartSpec;
  /** The chart's text alternative (its aria-label and title). */
  label: string;
  table: TableBlock;
}

/** Blocks kept together on one page in print (one rule, one indicator). */
export interface GroupBlock {
  kind: 'group';
  blocks: Block[];
}

export type Block =
  HeadingBlock | ParagraphBlock | QuoteBlock | FactsBlock | ListBlock | TableBlock | FigureBlock | GroupBlock;

export interface ReportDocument {
  /** The document's title (HTML <title>, PDF metadata). */
  title: string;
  /** The title page: a kicker, the heading, and lines below it. */
  cover: { kicker: string; heading: string; lines: string[] };
  /** The author in the PDF's metadata (the municipality). */
  author: string;
  /** The running header of the PDF pages. */
  runningHead: string;
  /** Level-2 headings start each section. */
  blocks: Block[];
}

/** Every figure (chart and table) of the outline, in order. */
export function figuresOf(blocks: readonly Block[]): FigureBlock[] {
  return blocks.flatMap((b) => (b.kind === 'figure' ? [b] : b.kind === 'group' ? figuresOf(b.blocks) : []));
}

/** Every heading listed in the contents, in order. */
export function tocOf(blocks: readonly Block[]): HeadingBlock[] {
  return blocks.flatMap((b) => (b.kind === 'heading' ? (b.toc ? [b] : []) : b.kind === 'group' ? tocOf(b.blocks) : []));
}
