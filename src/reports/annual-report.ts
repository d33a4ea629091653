// The annual report (årsrapport) as an outline of Danish text (./document.ts): the model of
// src/services/annual-report.ts, section by section, with a chart and its table for every trend
// and every comparison. Pure; ./html.tsx and ./pdf.ts draw it.
import {
  GOVERNANCE_EVENT_KIND_DA,
  INDICATOR_SOURCE_KIND_DA,
  POLICY_STATUS_IN_SENTENCE_DA,
} from '../domain/glossary.js';
import { REPORT_GOVERNANCE_OUTCOME_DA, RULE_LAYER_DA } from '../domain/glossary.js';
import type {
  AnnualReport,
  ReportComparison,
  ReportIndicator,
  ReportRule,
  ReportSource,
  ReportTarget,
} from '../services/annual-report.js';
import { chartSvgs } from './charts.js';
import { figuresOf, type Block, type FigureBlock, type ReportDocument, type TableBlock } from './document.js';
import {
  capitalise,
  daysDa,
  figureCountDa,
  figureNumeratorDa,
  figureValueDa,
  integerDa,
  longDateDa,
  percentDa,
} from './format.js';
import { reportHtml } from './html.js';
import { reportPdf } from './pdf.js';

/** The audience the report is written for (issue 11). */
const AUDIENCE = 'Til fagudvalget, byrådet og integrationsrådet';

const LAW_SECTION_PREFIX = /^National law:\s*/;

function municipalityDa(report: AnnualReport): string {
  return `${report.municipality.name} Kommune`;
}

function valueDa(value: number, unit: 'share' | 'days'): string {
  return unit === 'share' ? percentDa(value) : daysDa(value);
}

/** A figure in a sentence: "74 % (23 af 31)", "32 dage (n = 29)", or why there is none. */
function figureSentence(i: ReportIndicator): string {
  const f = i.figure;
  if (f.suppressed) return 'Skjult (færre end 5 personer)';
  if (f.value === null || f.value === undefined) return 'Ingen i opgørelsen';
  if (i.unit === 'share' && f.numerator !== undefined && f.denominator !== undefined)
    return `${percentDa(f.value)} (${integerDa(f.numerator)} af ${integerDa(f.denominator)})`;
  return `${valueDa(f.value, i.unit)}${f.denominator !== undefined ? ` (n = ${integerDa(f.denominator)})` : ''}`;
}

function where(document: string, section?: string): string {
  const s = section?.replace(LAW_SECTION_PREFIX, '');
  return s ? `${document}, ${s}` : document;
}

function sourceDa(s: ReportSource): string {
  const kind = INDICATOR_SOURCE_KIND_DA[s.kind];
  if (s.reference !== undefined) return `${kind} ${s.reference}${s.title ? `: ${s.title}` : ''}`;
  return `${kind} (${where(s.document, s.section)})`;
}

function targetDa(t: ReportTarget): string {
  return `${percentDa(t.value)} (${where(t.document, t.section)})`;
}

/** The law's sentences are quoted from Medborger's English summary of the law (DOMAIN.md). */
function quoteBlock(source: { document: string; section?: string; quote: string }): Block {
  const english = source.document === 'DOMAIN.md';
  return {
    kind: 'quote',
    text: source.quote,
    cite: english
      ? `Medborgers sammenfatning af loven på engelsk (${where(source.document, source.section)})`
      : where(source.document, source.section),
    ...(english ? { lang: 'en' as const } : {}),
  };
}

function trendFigure(i: ReportIndicator, id: string, extra?: { label: string; indicator: ReportIndicator }): Block[] {
  const shown = i.trend.some((p) => !p.suppressed && p.value !== null && p.value !== undefined);
  const years = i.trend.map((p) => p.year);
  const span = years.length > 1 ? `${years[0]}–${years.at(-1)}` : String(years[0] ?? '');
  const table: TableBlock = {
    kind: 'table',
    caption: `${i.title}, ${span}`,
    head: [
      'År',
      i.unit === 'share' ? 'Andel' : 'Dage for sent (median)',
      ...(i.unit === 'share' ? ['Heraf'] : []),
      'I alt (n)',
      ...(extra ? [extra.label] : []),
    ],
    numeric: [false, true, ...(i.unit === 'share' ? [true] : []), true, ...(extra ? [true] : [])],
    rows: i.trend.map((p, k) => {
      const other = extra?.indicator.trend[k];
      return [
        String(p.year),
        figureValueDa(p, i.unit),
        ...(i.unit === 'share' ? [figureNumeratorDa(p)] : []),
        figureCountDa(p),
        ...(extra ? [other ? figureValueDa(other, extra.indicator.unit) : '–'] : []),
      ];
    }),
  };
  if (!shown)
    return [
      { kind: 'paragraph', text: 'Ingen af årene har et tal, der kan vises; derfor intet diagram.', note: true },
      table,
    ];
  const figure: FigureBlock = {
    kind: 'figure',
    chart: {
      kind: 'trend',
      id,
      title: i.title,
      unit: i.unit,
      points: i.trend.map((p) => ({ year: p.year, value: p.suppressed ? null : (p.value ?? null) })),
      ...(i.target ? { target: i.target.value } : {}),
      ...(i.national ? { national: i.national.value } : {}),
    },
    label:
      `Linjediagram: ${i.title}, ${span}` +
      (i.target ? `, med målet ${percentDa(i.target.value)} som stiplet linje` : '') +
      '. Tallene står i tabellen ved siden af.',
    table,
  };
  return [figure];
}

function ruleBlocks(r: ReportRule, year: number): Block[] {
  const blocks: Block[] = [
    { kind: 'heading', level: 4, id: `ar-regel-${r.id}`, text: r.title, toc: false },
    {
      kind: 'paragraph',
      // The kind's one-line summary, unless it only repeats the title.
      text:
        (r.summary.toLocaleLowerCase('da') === r.title.toLocaleLowerCase('da') ? '' : `${capitalise(r.summary)}. `) +
        `${RULE_LAYER_DA[r.layer]}; gælder fra ${longDateDa(r.effective.from)}` +
        (r.effective.to ? ` til ${longDateDa(r.effective.to)}` : '') +
        '.',
    },
  ];
  if (r.tightens.length) blocks.push({ kind: 'paragraph', text: `Skærper loven: ${r.tightens.join('; ')}.` });
  if (r.tightenedBy.length)
    blocks.push({
      kind: 'paragraph',
      text: `Skærpes af kommunens regel: ${r.tightenedBy.join('; ')}. Hvor den gælder, måles den i stedet for lovens regel.`,
    });
  blocks.push(quoteBlock(r.source));
  if (r.interpretation)
    blocks.push({
      kind: 'paragraph',
      note: true,
      text: `${r.interpretation.by === 'municipality' ? 'Kommunens fortolkning' : 'Medborgers fortolkning (skal bekræftes af kommunen)'}: ${r.interpretation.text}`,
    });
  const c = r.compliance;
  switch (c.kind) {
    case 'obligations':
      blocks.push({
        kind: 'facts',
        items: [
          { term: `Overholdt til tiden i ${year}`, value: figureSentence(c.onTime) },
          { term: 'Dage for sent (median)', value: figureSentence(c.medianDaysLate) },
        ],
      });
      blocks.push(
        ...trendFigure(c.onTime, `trend-${r.id}`, { label: 'Dage for sent (median)', indicator: c.medianDaysLate }),
      );
      break;
    case 'coverage':
      blocks.push({
        kind: 'facts',
        items: [
          ...(c.indicator.target ? [{ term: 'Mål', value: targetDa(c.indicator.target) }] : []),
          { term: `Opnået i ${year}`, value: figureSentence(c.indicator) },
          { term: 'Måles ved', value: c.indicator.title },
        ],
      });
      blocks.push(...trendFigure(c.indicator, `trend-${r.id}`));
      break;
    case 'coverage_not_measurable':
      blocks.push({ kind: 'paragraph', text: `Kan ikke måles ud fra Medborgers registreringer: ${c.reason}` });
      break;
    case 'governance':
      blocks.push({
        kind: 'paragraph',
        text:
          c.due === 0
            ? `Intet forfaldt efter reglen i ${year}.`
            : `I ${year} forfaldt ${integerDa(c.due)}: ${integerDa(c.metOnTime)} opfyldt til tiden, ${integerDa(c.metLate)} opfyldt for sent, ${integerDa(c.missed)} ikke opfyldt` +
              (c.notYetDue ? `, ${integerDa(c.notYetDue)} endnu ikke forfaldent` : '') +
              '. Se afsnittet Styring i året.',
      });
      break;
    case 'placement_cap':
      blocks.push({
        kind: 'paragraph',
        text: 'Loftet anvendes, når Medborger beregner forslag til placering; årsrapporten måler det ikke som et tal.',
      });
      break;
  }
  return [{ kind: 'group', blocks }];
}

function indicatorBlocks(i: ReportIndicator, year: number): Block[] {
  const facts = [
    { term: 'Kilde', value: sourceDa(i.source) },
    ...(i.target ? [{ term: 'Mål', value: targetDa(i.target) }] : []),
    ...(i.national
      ? [{ term: 'Landstal', value: `${percentDa(i.national.value)} (Integrationsbarometeret, ${i.national.year})` }]
      : []),
    { term: `Værdi i ${year}`, value: figureSentence(i) },
  ];
  return [
    {
      kind: 'group',
      blocks: [
        { kind: 'heading', level: 3, id: `ar-indikator-${i.id}`, text: i.title, toc: false },
        { kind: 'facts', items: facts },
        ...(i.source.quote ? [quoteBlock({ ...i.source, quote: i.source.quote })] : []),
        ...trendFigure(i, `trend-${i.id}`),
      ],
    },
  ];
}

function comparisonBlocks(c: ReportComparison, year: number): Block[] {
  const shown = c.rows.some((r) => !r.suppressed && r.value !== null && r.value !== undefined);
  const table: TableBlock = {
    kind: 'table',
    caption: `${c.title}, ${year}`,
    head: [
      'Kommune',
      c.unit === 'share' ? 'Andel' : 'Dage for sent (median)',
      ...(c.unit === 'share' ? ['Heraf'] : []),
      'I alt (n)',
    ],
    numeric: [false, true, ...(c.unit === 'share' ? [true] : []), true],
    rows: c.rows.map((r) => [
      r.name,
      figureValueDa(r, c.unit),
      ...(c.unit === 'share' ? [figureNumeratorDa(r)] : []),
      figureCountDa(r),
    ]),
  };
  const blocks: Block[] = [
    { kind: 'heading', level: 3, id: `ar-sammenligning-${c.indicatorId}`, text: c.title, toc: false },
  ];
  if (c.target) blocks.push({ kind: 'facts', items: [{ term: 'Mål', value: targetDa(c.target) }] });
  if (shown)
    blocks.push({
      kind: 'figure',
      chart: {
        kind: 'comparison',
        id: `comparison-${c.indicatorId}`,
        title: c.title,
        unit: c.unit,
        rows: c.rows.map((r) => ({
          name: r.name,
          value: r.suppressed ? null : (r.value ?? null),
          own: r.own,
          nation: r.code === null,
        })),
        ...(c.target ? { target: c.target.value } : {}),
      },
      label: `Søjlediagram: ${c.title}, ${year}, for ${c.rows.map((r) => r.name).join(', ')}. Tallene står i tabellen ved siden af.`,
      table,
    });
  else
    blocks.push(
      { kind: 'paragraph', text: 'Ingen af kommunerne har et tal, der kan vises; derfor intet diagram.', note: true },
      table,
    );
  return [{ kind: 'group', blocks }];
}

/** The annual report's outline: Danish text, figures, charts with their tables. */
export function annualReportDocument(report: AnnualReport): ReportDocument {
  const { year } = report;
  const name = municipalityDa(report);
  const p = report.policy;
  const blocks: Block[] = [];
  const h2 = (id: string, text: string) => blocks.push({ kind: 'heading', level: 2, id, text, toc: true });
  const h3 = (id: string, text: string, toc = true) => blocks.push({ kind: 'heading', level: 3, id, text, toc });
  const para = (text: string, note = false) => blocks.push({ kind: 'paragraph', text, ...(note ? { note } : {}) });

  // ---- About ----
  h2('ar-om', 'Om rapporten');
  para(
    `Årsrapporten viser, hvordan ${name} har udført sin integrationspolitik og lovens regler i ${year}: politikkens vision, ` +
      'hver regel med dens overholdelse, kommunens indikatorer med mål, værdi og antal (n) og udviklingen over årene, ' +
      'årets styring, en sammenligning med andre kommuner og hele landet, og hvad der ikke kunne måles og hvorfor.',
  );
  para(
    'Rapporten indeholder kun samlede tal; ingen borger kan genkendes i den. Et tal om færre end 5 personer vises ikke ' +
      '(»Skjult« i tabellerne), og det gør et tal heller ikke, hvis et skjult tal ellers kunne regnes ud fra det.',
  );
  if (!report.hasRecords)
    para(
      `${name} har ingen registreringer i Medborger: ingen er overtaget i kommunen. Derfor er der ingen tal i ` +
        'rapporten, kun politikken, reglerne og styringen.',
    );
  para(
    report.yearInProgress
      ? `${year} er ikke slut: tallene er opgjort til og med ${longDateDa(report.asOf)}.`
      : `Tallene er opgjort ${longDateDa(report.asOf)}: året vises, som det står i Medborger den dag.`,
  );
  para(
    '»Overholdt til tiden« er andelen af de forpligtelser efter en regel, der forfaldt i året, som blev opfyldt senest ' +
      'på fristen. »Dage for sent« er medianen af dagene efter fristen for dem, der blev opfyldt for sent eller endnu ' +
      'ikke er opfyldt.',
  );
  blocks.push({
    kind: 'facts',
    items: [
      { term: 'Kommune', value: `${name} (kommunekode ${report.municipality.code})` },
      { term: 'År', value: String(year) },
      { term: 'Opgjort', value: longDateDa(report.asOf) },
      { term: 'Politik', value: p ? p.title : 'Ingen integrationspolitik i Medborger; lovens regler gælder' },
    ],
  });

  // ---- The policy's vision ----
  h2('ar-vision', 'Politikkens vision');
  if (!p) para(`${name} har ingen integrationspolitik i Medborger. Lovens regler gælder.`);
  else {
    para(
      `${p.title}. ${p.adopted.date ? `Vedtaget ${longDateDa(p.adopted.date)} af ${p.adopted.body}` : p.adopted.body} ` +
        `(${POLICY_STATUS_IN_SENTENCE_DA[p.adopted.status]}).`,
    );
    if (p.vision) blocks.push({ kind: 'quote', text: p.vision, cite: p.document });
    else para('Politikken formulerer ingen vision.');
    if (p.values.length) {
      h3('ar-vaerdier', 'Værdier', false);
      blocks.push({ kind: 'list', items: p.values });
    }
    if (p.targetGroups.length) {
      h3('ar-maalgrupper', 'Målgrupper', false);
      blocks.push({ kind: 'list', items: p.targetGroups });
    }
    const facts = [
      ...(p.responsibleCommittee ? [{ term: 'Ansvarligt udvalg', value: p.responsibleCommittee }] : []),
      ...(p.evaluation ? [{ term: 'Evaluering', value: p.evaluation }] : []),
    ];
    if (facts.length) blocks.push({ kind: 'facts', items: facts });
  }

  // ---- Rules ----
  h2('ar-regler', 'Reglerne og deres overholdelse');
  para(
    `Hver regel, der gælder i ${name}, med den sætning, den bygger på, og hvordan den blev overholdt i ${year} og årene før.`,
  );
  const own = report.rules.filter((r) => r.layer === 'municipality');
  const law = report.rules.filter((r) => r.layer === 'law');
  if (own.length) {
    h3('ar-regler-kommune', 'Kommunens egne regler');
    for (const r of own) blocks.push(...ruleBlocks(r, year));
  }
  h3('ar-regler-lov', 'Lovens regler');
  for (const r of law) blocks.push(...ruleBlocks(r, year));

  // ---- Indicators ----
  h2('ar-indikatorer', 'Indikatorer');
  para(
    'Indikatorerne fra Medborgers indikatorkatalog, der gælder for kommunen: kilde, mål, værdi og antal (n) i ' +
      `${year} og udviklingen over årene. Indikatorer, der ikke kan måles, står i afsnittet Det, der ikke kunne måles.`,
  );
  if (report.indicators.length === 0) para('Ingen indikator kan måles for kommunen.');
  for (const i of report.indicators) blocks.push(...indicatorBlocks(i, year));

  // ---- Governance ----
  h2('ar-styring', 'Styring i året');
  para(
    'De forpligtelser i kommunens egen styring (møder, høringer, beretninger, evalueringer), der forfaldt i ' +
      `${year}, bedømt ved årets udgang, og de hændelser, sekretariatet har registreret i året.`,
  );
  h3('ar-styring-forpligtelser', `Forpligtelser, der forfaldt i ${year}`);
  if (report.governance.obligations.length === 0) para(`Ingen forpligtelse i styringen forfaldt i ${year}.`);
  else
    blocks.push({
      kind: 'table',
      caption: `Forpligtelser i styringen, der forfaldt i ${year}`,
      head: ['Forpligtelse', 'Ansvarlig', 'Frist', 'Status', 'Opfyldt'],
      numeric: [false, false, false, false, false],
      rows: report.governance.obligations.map((o) => [
        o.caseTitle ? `${o.title}: ${o.caseTitle}` : o.title,
        o.responsible,
        longDateDa(o.dueDate),
        REPORT_GOVERNANCE_OUTCOME_DA[o.outcome],
        o.metOn ? longDateDa(o.metOn) : '–',
      ]),
    });
  h3('ar-styring-haendelser', `Hændelser i ${year}`);
  if (report.governance.events.length === 0) para(`Sekretariatet har ikke registreret nogen hændelse i ${year}.`);
  else
    blocks.push({
      kind: 'table',
      caption: `Hændelser i styringen i ${year}`,
      head: ['Hændelse', 'Dato', 'Slags', 'Organ', 'Udfører reglen', 'Offentliggjort'],
      numeric: [false, false, false, false, false, false],
      rows: report.governance.events.map((e) => [
        e.title,
        longDateDa(e.date),
        GOVERNANCE_EVENT_KIND_DA[e.kind],
        e.body ?? '–',
        e.ruleTitle ?? '–',
        e.published ? 'Ja' : 'Nej',
      ]),
    });

  // ---- Comparison ----
  h2('ar-sammenligning', 'Sammenligning med andre kommuner og hele landet');
  const names = report.comparison.municipalities.map((m) => `${m.name} Kommune`);
  para(
    `${name} sammenlignet med ${names.slice(1).join(', ') || 'ingen andre kommuner'} og hele landet i ${year}. ` +
      `»Hele landet« er de ${integerDa(report.comparison.nationMunicipalities)} kommuner, der har registreringer i Medborger, ` +
      'ikke Danmarks Statistiks tal for hele befolkningen. Sammenlignet er indikatorerne med en national kilde, et mål ' +
      'eller kommunens egen politik som kilde, og overholdelsen af lovens regler; en kommunes egne regler findes ikke i ' +
      'de andre kommuner.',
  );
  if (report.comparison.indicators.length === 0) para('Ingen indikator kan sammenlignes.');
  for (const c of report.comparison.indicators) blocks.push(...comparisonBlocks(c, year));

  // ---- Not measurable ----
  h2('ar-ikke-maalt', 'Det, der ikke kunne måles');
  h3('ar-ikke-maalt-indikatorer', 'Indikatorer, som Medborgers registreringer ikke kan måle');
  if (report.notMeasurable.indicators.length === 0) para('Alle kommunens indikatorer kan måles.');
  else
    blocks.push({
      kind: 'table',
      caption: 'Indikatorer, der ikke kan måles, og hvorfor',
      head: ['Indikator', 'Hvorfor'],
      numeric: [false, false],
      rows: report.notMeasurable.indicators.map((i) => [i.title, i.reason]),
    });
  const unmeasuredRules = report.rules.filter(
    (r) => r.compliance.kind === 'placement_cap' || r.compliance.kind === 'coverage_not_measurable',
  );
  h3('ar-ikke-maalt-regler', 'Regler, der ikke måles som et tal');
  if (unmeasuredRules.length === 0) para('Alle reglerne måles.');
  else
    blocks.push({
      kind: 'table',
      caption: 'Regler, der ikke måles som et tal, og hvorfor',
      head: ['Regel', 'Hvorfor'],
      numeric: [false, false],
      rows: unmeasuredRules.map((r) => [
        r.title,
        r.compliance.kind === 'coverage_not_measurable'
          ? r.compliance.reason
          : 'Et loft over fordelingen: det anvendes, når Medborger beregner forslag til placering.',
      ]),
    });
  h3('ar-skjult', `Tal, der er skjult i ${year}`);
  if (report.notMeasurable.suppressed.length === 0) para(`Ingen tal for ${year} er skjult.`);
  else {
    para(
      `Disse tal for ${year} vises ikke, fordi de handler om færre end 5 personer, eller fordi et skjult tal ellers kunne ` +
        'regnes ud af dem:',
    );
    blocks.push({ kind: 'list', items: report.notMeasurable.suppressed });
  }
  if (p) {
    h3('ar-tilsagn', 'Politikkens øvrige tilsagn');
    if (report.notMeasurable.commitments.length === 0) para('Alt, hvad politikken lover, er kodet som regler.');
    else
      blocks.push({
        kind: 'table',
        caption: 'Tilsagn i politikken, der ikke er regler i Medborger, og hvorfor',
        head: ['Tilsagn', 'Hvorfor ikke en regel (Medborgers note på engelsk)'],
        numeric: [false, false],
        lang: [undefined, 'en'],
        rows: report.notMeasurable.commitments.map((c) => [`»${c.quote}«`, c.reason]),
      });
  }

  const title = `Årsrapport ${year} – ${name}`;
  return {
    title,
    author: name,
    runningHead: title,
    cover: {
      kicker: `Årsrapport ${year}`,
      heading: p ? `Integrationspolitikken i ${name}` : `Integrationsindsatsen i ${name}`,
      lines: [
        ...(p ? [p.title] : []),
        AUDIENCE,
        `Opgjort ${longDateDa(report.asOf)}${report.yearInProgress ? ` (${year} er ikke slut)` : ''}`,
        'Udarbejdet af Medborger: kun samlede tal, ingen borger kan genkendes',
      ],
    },
    blocks,
  };
}

/** The outline and its charts drawn (SVG by chart id): what every rendering of the report needs. */
export async function annualReportParts(
  report: AnnualReport,
): Promise<{ doc: ReportDocument; svgs: Map<string, string> }> {
  const doc = annualReportDocument(report);
  return { doc, svgs: await chartSvgs(figuresOf(doc.blocks)) };
}

/** The annual report as a standalone HTML document. */
export async function annualReportHtml(report: AnnualReport): Promise<string> {
  const { doc, svgs } = await annualReportParts(report);
  return reportHtml(doc, svgs);
}

/** The annual report as PDF bytes (A4). */
export async function annualReportPdf(report: AnnualReport): Promise<Buffer> {
  const { doc, svgs } = await annualReportParts(report);
  return reportPdf(doc, svgs);
}

/** A file name for the report: "aarsrapport-580-2025.pdf". */
export function annualReportFileName(report: Pick<AnnualReport, 'municipality' | 'year'>, ext: 'pdf' | 'html'): string {
  return `aarsrapport-${report.municipality.code}-${report.year}.${ext}`;
}
