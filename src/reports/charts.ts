// The reports' charts, drawn on the server as SVG with Vega-Lite (compiled to Vega, rendered
// headless): a trend line per indicator with its target (and the national figure) as rule lines,
// and a bar chart comparing municipalities and the nation. Danish number format (decimal comma,
// "42 %"). Each SVG is an image with a Danish text alternative (role="img", aria-label and
// <title>); the figures themselves are in the table the renderers put beside it. Pure but async.
import type * as Vega from 'vega';
import type { TopLevelSpec } from 'vega-lite';
import type { ChartSpec, ComparisonChart, TrendChart } from './document.js';
import { daysDa, percentDa } from './format.js';

const FONT = 'Roboto, Arial, Helvetica, sans-serif';
const INK = '#1a1a1a';
/** Det Fælles Designsystem's primary blue, a lighter blue and a dark grey: 3:1 or more against white. */
const OWN = '#0059b3';
const OTHER = '#5c8fcc';
const NATION = '#545454';
const TARGET = '#b2212b';

const WIDTH = 300;

/**
 * Vega and Vega-Lite, loaded at the first chart (they take ~0.4 s to load, which a server start
 * should not pay), with the Danish number format for the axes (decimal comma, thousands dot;
 * vega's `locale` is not in its typings).
 */
let renderer:
  | Promise<{ vega: typeof Vega; compile: typeof import('vega-lite').compile; locale: Vega.LocaleFormatters }>
  | undefined;
function loadRenderer() {
  renderer ??= Promise.all([import('vega'), import('vega-lite')]).then(([vega, vegaLite]) => ({
    vega,
    compile: vegaLite.compile,
    locale: (vega as unknown as { locale(number: object): Vega.LocaleFormatters }).locale({
      decimal: ',',
      thousands: '.',
      grouping: [3],
      currency: ['', '\u00a0kr.'],
    }),
  }));
  return renderer;
}

const CONFIG = {
  aria: false,
  font: FONT,
  background: '#ffffff',
  padding: 6,
  view: { stroke: null },
  axis: {
    labelColor: INK,
    titleColor: INK,
    labelFontSize: 11,
    titleFontSize: 11,
    titleFontWeight: 'normal' as const,
    gridColor: '#dedede',
    domainColor: '#767676',
    tickColor: '#767676',
  },
  text: { color: INK, fontSize: 11 },
};

function scaled(value: number, unit: 'share' | 'days'): number {
  return unit === 'share' ? Math.round(value * 1000) / 10 : value;
}

function axisOf(unit: 'share' | 'days') {
  return unit === 'share'
    ? { title: 'Andel', scale: { domain: [0, 100] }, axis: { format: 'd', labelExpr: "datum.label + '\u00a0%'" } }
    : { title: 'Dage', scale: { zero: true }, axis: { format: 'd', tickMinStep: 1 } };
}

function valueLabel(value: number, unit: 'share' | 'days'): string {
  return unit === 'share' ? percentDa(value) : daysDa(value);
}

/** Dashed horizontal (trend) or vertical (comparison) lines with a label: the target and the national figure. */
function referenceLines(
  lines: { value: number; label: string; color: string; dash: number[] }[],
  unit: 'share' | 'days',
  orient: 'horizontal' | 'vertical',
) {
  const channel = orient === 'horizontal' ? 'y' : 'x';
  return lines.flatMap((l) => {
    const data = { values: [{ r: scaled(l.value, unit), label: l.label }] };
    return [
      {
        data,
        mark: { type: 'rule' as const, color: l.color, strokeDash: l.dash, strokeWidth: 1.5 },
        encoding: { [channel]: { field: 'r', type: 'quantitative' as const } },
      },
      {
        data,
        mark:
          // Beside the plot (right of it), where it covers no point of the line.
          orient === 'horizontal'
            ? { type: 'text' as const, align: 'left' as const, baseline: 'middle' as const, dx: 4, color: l.color }
            : { type: 'text' as const, align: 'left' as const, baseline: 'top' as const, dx: 3, color: l.color },
        encoding: {
          [channel]: { field: 'r', type: 'quantitative' as const },
          ...(orient === 'horizontal' ? { x: { value: WIDTH } } : { y: { value: 0 } }),
          text: { field: 'label', type: 'nominal' as const },
        },
      },
    ];
  });
}

function trendSpec(c: TrendChart): TopLevelSpec {
  const years = c.points.map((p) => String(p.year));
  const data = {
    values: c.points.map((p) => ({ year: String(p.year), v: p.value === null ? null : scaled(p.value, c.unit) })),
  };
  const y = { field: 'v', type: 'quantitative' as const, ...axisOf(c.unit) };
  const x = {
    field: 'year',
    type: 'ordinal' as const,
    title: 'År',
    scale: { domain: years },
    axis: { labelAngle: 0 },
  };
  const lines = [
    ...(c.target !== undefined
      ? [{ value: c.target, label: `Mål ${valueLabel(c.target, c.unit)}`, color: TARGET, dash: [6, 3] }]
      : []),
    ...(c.national !== undefined
      ? [{ value: c.national, label: `Landstal ${valueLabel(c.national, c.unit)}`, color: NATION, dash: [2, 2] }]
      : []),
  ];
  return {
    width: WIDTH,
    height: 160,
    config: CONFIG,
    layer: [
      {
        data,
        // A year without a figure breaks the line: it is not drawn across a hidden year.
        mark: { type: 'line', color: OWN, strokeWidth: 2, invalid: 'break-paths-show-domains' },
        encoding: { x, y },
      },
      { data, mark: { type: 'point', filled: true, color: OWN, size: 45, opacity: 1 }, encoding: { x, y } },
      ...referenceLines(lines, c.unit, 'horizontal'),
    ],
  };
}

function comparisonSpec(c: ComparisonChart): TopLevelSpec {
  const names = c.rows.map((r) => r.name);
  const data = {
    values: c.rows.map((r) => ({
      name: r.name,
      v: r.value === null ? null : scaled(r.value, c.unit),
      at: r.value === null ? 0 : scaled(r.value, c.unit),
      group: r.nation ? 'nation' : r.own ? 'own' : 'other',
      label: r.value === null ? 'Skjult' : valueLabel(r.value, c.unit),
    })),
  };
  const y = { field: 'name', type: 'nominal' as const, title: null, sort: null, scale: { domain: names } };
  const { title, scale, axis } = axisOf(c.unit);
  return {
    width: WIDTH,
    height: { step: 22 },
    config: CONFIG,
    layer: [
      {
        data,
        mark: { type: 'bar', height: 14 },
        encoding: {
          y,
          x: { field: 'v', type: 'quantitative', title, scale, axis },
          color: {
            field: 'group',
            type: 'nominal',
            scale: { domain: ['own', 'other', 'nation'], range: [OWN, OTHER, NATION] },
            legend: null,
          },
        },
      },
      {
        data,
        mark: { type: 'text', align: 'left', baseline: 'middle', dx: 4 },
        encoding: { y, x: { field: 'at', type: 'quantitative' }, text: { field: 'label', type: 'nominal' } },
      },
      ...referenceLines(
        c.target !== undefined
          ? [{ value: c.target, label: `Mål ${valueLabel(c.target, c.unit)}`, color: TARGET, dash: [6, 3] }]
          : [],
        c.unit,
        'vertical',
      ),
    ],
  };
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** One chart as an SVG image with its text alternative. */
export async function chartSvg(chart: ChartSpec, label: string): Promise<string> {
  const spec = chart.kind === 'trend' ? trendSpec(chart) : comparisonSpec(chart);
  const { vega, compile, locale } = await loadRenderer();
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none', locale });
  try {
    // Vega's own roles and labels of the marks (English, and inside an image they are not read) go.
    const svg = (await view.toSVG()).replace(/ (?:role|aria-[a-z]+)="[^"]*"/g, '');
    const alt = escapeXml(label);
    // The root <svg class="marks" …> becomes an image named by its label (a title for tooltips and the PDF).
    return svg.replace(
      /^<svg([^>]*?) class="marks"([^>]*)>/,
      `<svg$1 class="ar-chart" role="img" aria-label="${alt}"$2><title>${alt}</title>`,
    );
  } finally {
    view.finalize();
  }
}

/** Every chart drawn, by its id. */
export async function chartSvgs(charts: readonly { chart: ChartSpec; label: string }[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const { chart, label } of charts) out.set(chart.id, await chartSvg(chart, label));
  return out;
}
