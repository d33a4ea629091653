// Indikatorer: the municipality's indicators for a year, under disclosure control (the service
// decides what may be shown; this page only words it). One table per section: the policy's own
// targets, the national indicators (Integrationsbarometeret, Jobindsats), status after takeover
// and the compliance with each rule; each figure as "42 % (n = 57)" beside its target and source.
// A year and a breakdown are chosen with a GET form. Aggregates only: no person is shown.
import type { FastifyInstance } from 'fastify';
import { can } from '../../domain/authorization.js';
import { INDICATOR_BREAKDOWN_DA, indicatorGroupDa, INDICATOR_GROUP_UNKNOWN_DA } from '../../domain/glossary.js';
import { AGE_BANDS, NO_PROGRAM_GROUP, UNKNOWN_GROUP, type IndicatorBreakdown } from '../../domain/indicators.js';
import { PROGRAMS, RESIDENCE_BASES, SEXES } from '../../domain/model.js';
import { compileRules, shippedPolicies } from '../../policy/load.js';
import {
  BREAKDOWN_PARAMETERS,
  municipalityIndicators,
  type BreakdownParameter,
  type IndicatorGroupView,
  type IndicatorView,
} from '../../services/indicators.js';
import { ForbiddenError } from '../../services/errors.js';
import { dateDa, ErrorSummary, page, Select, type FieldError } from '../components.js';
import type { WebTools } from '../tools.js';

/** The glossary's terms of the breakdowns; typed here so that a breakdown without a term does not compile. */
const BREAKDOWN_TERMS: Readonly<Record<IndicatorBreakdown, string>> = INDICATOR_BREAKDOWN_DA;

/** The earliest year the page accepts. */
export const FIRST_YEAR = 2000;
/** How many years back the year chooser offers. */
const YEARS_OFFERED = 8;

export const SUPPRESSED_TEXT = 'Vises ikke: færre end 5 personer';

const BREAKDOWN_KEYS = Object.keys(BREAKDOWN_PARAMETERS) as BreakdownParameter[];

export const percentDa = (share: number) => `${String(Math.round(share * 100))} %`;
export const countDa = (n: number) => n.toLocaleString('da-DK');
export const daysDa = (days: number) => {
  const rounded = Math.round(days * 10) / 10;
  return `${String(rounded).replace('.', ',')} ${rounded === 1 ? 'dag' : 'dage'}`;
};

/** A median-days-late indicator (`compliance.<rule>.median-days-late`): a number of days, not a share. */
export const isMedianDays = (id: string) => id.endsWith('.median-days-late');
export const COMPLIANCE_PREFIX = 'compliance.';
export const STATUS_PREFIX = 'status-after-takeover-';

type Figure = Pick<IndicatorGroupView, 'suppressed' | 'value' | 'numerator' | 'denominator'>;

/** A figure as the page shows it: "42 % (n = 57)", "12 dage (n = 8)", or the suppression marking. */
export function figureDa(f: Figure, medianDays: boolean): string {
  if (f.suppressed || f.denominator === undefined) return SUPPRESSED_TEXT;
  const n = `(n = ${countDa(f.denominator)})`;
  if (f.value === null || f.value === undefined) return `Intet tal ${n}`;
  return `${medianDays ? daysDa(f.value) : percentDa(f.value)} ${n}`;
}

function FigureCell({ f, medianDays, label }: { f: Figure; medianDays: boolean; label: string }) {
  const text = figureDa(f, medianDays);
  return (
    <td data-label={label} class="mb-figure">
      {text === SUPPRESSED_TEXT ? <span class="mb-suppressed">{text}</span> : text}
    </td>
  );
}

export function SourceText({ source }: { source: IndicatorView['source'] }) {
  switch (source.type) {
    case 'barometer': {
      // A gap (indicator 1.1) is in percentage points, every other national value a share.
      const points = source.title.includes('procentpoint');
      const national = points
        ? `${String(Math.round(source.nationalValue * 100))} procentpoint`
        : percentDa(source.nationalValue);
      return (
        <>
          Integrationsbarometeret, indikator {source.number}: {source.title}.
          <div class="form-hint">
            Hele landet: {national} ({source.year})
          </div>
        </>
      );
    }
    case 'jobindsats':
      return (
        <>
          Jobindsats {source.measure}: {source.title}.
        </>
      );
    // The law's rules and the national measures are quoted from Medborger's own notes in English
    // (shared/DOMAIN.md, indicators/national-indicators.md): named, not quoted, on a Danish page.
    case 'national':
      return <>National indikator, som Medborger opgør på samme måde.</>;
    case 'law':
      return <>Loven.</>;
    case 'policy':
      return (
        <>
          <blockquote class="mb-quote">{source.quote}</blockquote>
          <div class="form-hint">
            Kommunens politik: {source.document}
            {source.section ? `, ${source.section}` : ''}
          </div>
        </>
      );
  }
}

/** A target in a table cell: its share, and the policy's sentence that sets it where the source does not quote it already. */
function TargetText({ indicator }: { indicator: IndicatorView }) {
  const t = indicator.target;
  if (!t) return <span class="mb-nowrap">Intet mål</span>;
  const source = indicator.source;
  const policy = source.type === 'policy';
  const sameQuote = source.type === 'policy' && source.quote === t.source.quote;
  return (
    <>
      <span class="mb-nowrap">{percentDa(t.value)}</span>
      {!policy && <div class="form-hint">Nationalt mål</div>}
      {policy && !sameQuote && (
        <>
          <blockquote class="mb-quote">{t.source.quote}</blockquote>
          <div class="form-hint">
            {t.source.document}
            {t.source.section ? `, ${t.source.section}` : ''}
          </div>
        </>
      )}
    </>
  );
}

/** The vocabulary order of a breakdown's groups (as the domain sorts each indicator's), cohorts by year, 'none' and 'unknown' last. */
const GROUP_ORDER: Record<IndicatorBreakdown, readonly string[]> = {
  sex: SEXES,
  age_band: AGE_BANDS.map((b) => b.id),
  residence_basis: RESIDENCE_BASES,
  program: PROGRAMS,
  cohort: [],
};
function groupRank(breakdown: IndicatorBreakdown, group: string): string {
  if (group === NO_PROGRAM_GROUP) return '~1';
  if (group === UNKNOWN_GROUP) return '~2';
  const i = GROUP_ORDER[breakdown].indexOf(group);
  return i >= 0 ? String(i).padStart(3, '0') : group;
}

/** The groups of a breakdown across the indicators of a table, in the vocabulary's order. */
function groupsOf(indicators: readonly IndicatorView[], breakdown: IndicatorBreakdown): string[] {
  const seen = new Set<string>();
  for (const i of indicators) for (const g of i.breakdown ?? []) seen.add(g.group);
  const rank = (g: string) => groupRank(breakdown, g);
  return [...seen].sort((a, b) => (rank(a) < rank(b) ? -1 : rank(a) > rank(b) ? 1 : 0));
}

function NotMeasurable({ indicator, colSpan }: { indicator: IndicatorView; colSpan: number }) {
  return (
    <td data-label="Værdi" colSpan={colSpan}>
      <strong>Kan ikke måles.</strong> {indicator.reason ?? 'Medborgers registreringer kan ikke måle indikatoren.'}
    </td>
  );
}

function IndicatorTable({
  id,
  caption,
  indicators,
  breakdown,
  showSource = true,
}: {
  id: string;
  caption: string;
  indicators: readonly IndicatorView[];
  breakdown: IndicatorBreakdown | null;
  /** false where every row has the same source, said above the table */
  showSource?: boolean;
}) {
  const groups = breakdown ? groupsOf(indicators, breakdown) : [];
  const groupLabel = (g: string) => (breakdown ? indicatorGroupDa(breakdown, g) : g);
  const totalLabel = breakdown ? 'I alt' : 'Værdi';
  // A column per group can make the table wider than the page: then it scrolls, by keyboard too.
  const scrolls = groups.length > 0;
  return (
    <div
      class="mb-table-wrap"
      tabIndex={scrolls ? 0 : undefined}
      role={scrolls ? 'region' : undefined}
      aria-label={scrolls ? caption : undefined}
    >
      <table class="table table--zebra mb-responsive" id={id}>
        <caption class="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Indikator</th>
            <th scope="col">{totalLabel}</th>
            {groups.map((g) => (
              <th scope="col">{groupLabel(g)}</th>
            ))}
            <th scope="col">Mål</th>
            {showSource && <th scope="col">Kilde</th>}
          </tr>
        </thead>
        <tbody>
          {indicators.map((i) => (
            <tr data-indicator={i.id}>
              <th scope="row" data-label="Indikator" class="mb-row-head">
                {i.title}
              </th>
              {i.measurable ? (
                <>
                  <FigureCell f={i} medianDays={isMedianDays(i.id)} label={totalLabel} />
                  {/* A total not shown hides every group too: one marking across them. */}
                  {i.suppressed && groups.length > 0 ? (
                    <td data-label={breakdown ? BREAKDOWN_TERMS[breakdown] : ''} colSpan={groups.length}>
                      <span class="mb-suppressed">{SUPPRESSED_TEXT}</span>
                    </td>
                  ) : (
                    groups.map((g) => {
                      const cell = i.breakdown?.find((b) => b.group === g);
                      return cell ? (
                        <FigureCell f={cell} medianDays={isMedianDays(i.id)} label={groupLabel(g)} />
                      ) : (
                        <td data-label={groupLabel(g)}>–</td>
                      );
                    })
                  )}
                </>
              ) : (
                <NotMeasurable indicator={i} colSpan={1 + groups.length} />
              )}
              <td data-label="Mål">
                <TargetText indicator={i} />
              </td>
              {showSource && (
                <td data-label="Kilde">
                  <SourceText source={i.source} />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** "-3m" at the end of an indicator's id: one of the indicators of an entry for several months after takeover. */
const MONTHS_SUFFIX = /-(\d+)m$/;
/** The months in an expanded title ("… 3 måneder efter overtagelsen"), left out of the row's label. */
const MONTHS_IN_TITLE = / \d+ måned(?:er)? efter overtagelsen/;

/**
 * Status after takeover without a breakdown: one row per status, one column per month after the
 * takeover (1, 3, 6, 12), as Jobindsats lays it out. Null when an indicator has no month in its id.
 */
function StatusMatrix({ indicators, year }: { indicators: readonly IndicatorView[]; year: number }) {
  const rows = new Map<string, { label: string; cells: Map<number, IndicatorView> }>();
  const months = new Set<number>();
  for (const i of indicators) {
    const m = MONTHS_SUFFIX.exec(i.id);
    if (!m) return null;
    const month = Number(m[1]);
    const base = i.id.slice(0, -m[0].length);
    months.add(month);
    const row = rows.get(base) ?? { label: i.title.replace(MONTHS_IN_TITLE, ''), cells: new Map() };
    row.cells.set(month, i);
    rows.set(base, row);
  }
  const columns = [...months].sort((a, b) => a - b);
  const header = (m: number) => `Efter ${String(m)} ${m === 1 ? 'måned' : 'måneder'}`;
  return (
    <div class="mb-table-wrap">
      <table class="table table--zebra mb-responsive" id="tabel-status-efter-overtagelse">
        <caption class="sr-only">Status efter overtagelsen {year}</caption>
        <thead>
          <tr>
            <th scope="col">Status</th>
            {columns.map((m) => (
              <th scope="col">{header(m)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {[...rows].map(([base, row]) => (
            <tr data-indicator={base}>
              <th scope="row" data-label="Status" class="mb-row-head">
                {row.label}
              </th>
              {columns.map((m) => {
                const cell = row.cells.get(m);
                return cell ? (
                  <FigureCell f={cell} medianDays={false} label={header(m)} />
                ) : (
                  <td data-label={header(m)}>–</td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Compliance without a breakdown: one row per rule, its share on time beside its median days late. */
function ComplianceTable({
  indicators,
  ruleTitles,
}: {
  indicators: readonly IndicatorView[];
  ruleTitles: Map<string, string>;
}) {
  const rules = new Map<string, { onTime?: IndicatorView; late?: IndicatorView }>();
  for (const i of indicators) {
    const rest = i.id.slice(COMPLIANCE_PREFIX.length);
    const [ruleId, part] = rest.endsWith('.on-time')
      ? [rest.slice(0, -'.on-time'.length), 'onTime' as const]
      : [rest.slice(0, -'.median-days-late'.length), 'late' as const];
    const row = rules.get(ruleId) ?? {};
    row[part] = i;
    rules.set(ruleId, row);
  }
  return (
    <div class="mb-table-wrap">
      <table class="table table--zebra mb-responsive" id="tabel-overholdelse">
        <caption class="sr-only">Overholdelse af reglerne</caption>
        <thead>
          <tr>
            <th scope="col">Regel</th>
            <th scope="col">Overholdt til tiden</th>
            <th scope="col">Dage for sent (median)</th>
            <th scope="col">Kilde</th>
          </tr>
        </thead>
        <tbody>
          {[...rules].map(([ruleId, row]) => {
            const any = row.onTime ?? row.late;
            return (
              <tr data-rule={ruleId}>
                <th scope="row" data-label="Regel" class="mb-row-head">
                  {ruleTitles.get(ruleId) ?? any?.title ?? ruleId}
                </th>
                {row.onTime ? (
                  <FigureCell f={row.onTime} medianDays={false} label="Overholdt til tiden" />
                ) : (
                  <td data-label="Overholdt til tiden">–</td>
                )}
                {row.late ? (
                  <FigureCell f={row.late} medianDays={true} label="Dage for sent (median)" />
                ) : (
                  <td data-label="Dage for sent (median)">–</td>
                )}
                <td data-label="Kilde">{any && <SourceText source={any.source} />}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

interface Section {
  id: string;
  title: string;
  intro: string;
  empty: string;
  indicators: IndicatorView[];
}

/** The sections of the page, in order; every indicator in exactly one. */
function sectionsOf(indicators: readonly IndicatorView[]): Section[] {
  const compliance = indicators.filter((i) => i.id.startsWith(COMPLIANCE_PREFIX));
  const status = indicators.filter((i) => i.id.startsWith(STATUS_PREFIX));
  const rest = indicators.filter((i) => !compliance.includes(i) && !status.includes(i));
  return [
    {
      id: 'egne-maal',
      title: 'Kommunens egne mål',
      intro: 'Indikatorerne for de mål, kommunens integrationspolitik sætter, med sætningen de bygger på.',
      empty: 'Kommunens politik har ingen mål, som Medborger måler.',
      indicators: rest.filter((i) => i.source.type === 'policy'),
    },
    {
      id: 'nationale',
      title: 'Nationale indikatorer',
      intro: 'Indikatorer som i Integrationsbarometeret og Jobindsats, opgjort for borgerne i kommunens sager.',
      empty: 'Ingen nationale indikatorer.',
      indicators: rest.filter((i) => i.source.type !== 'policy'),
    },
    {
      id: 'status-efter-overtagelse',
      title: 'Status efter overtagelsen',
      intro:
        'Borgernes status et antal måneder efter kommunens overtagelse, for dem hvis dag faldt i året – som Jobindsats måler efter en ydelsesperiode. Én status pr. person på dagen.',
      empty: 'Ingen indikatorer for status efter overtagelsen.',
      indicators: status,
    },
    {
      id: 'overholdelse',
      title: 'Overholdelse af reglerne',
      intro:
        'For hver regel i loven og kommunens politik: andelen af årets forpligtelser, der blev opfyldt til tiden, og hvor mange dage de forsinkede var for sent (median).',
      empty: 'Ingen regler med forpligtelser for den enkelte borger.',
      indicators: compliance,
    },
  ];
}

/** A year as the form sends it, from FIRST_YEAR to this year; null when it is not one. */
export function yearFrom(raw: string, currentYear: number): number | null {
  const n = /^\d{4}$/.test(raw) ? Number(raw) : Number.NaN;
  return Number.isInteger(n) && n >= FIRST_YEAR && n <= currentYear ? n : null;
}

export const yearMessage = (currentYear: number) => `Vælg et år fra ${String(FIRST_YEAR)} til ${String(currentYear)}`;

/** The years the year chooser offers: this year and the years before it, and the year shown. */
export function yearsOffered(currentYear: number, shown: number): number[] {
  const years = Array.from({ length: YEARS_OFFERED }, (_, i) => currentYear - i);
  return years.includes(shown) ? years : [...years, shown];
}

/** A query parameter's string (the first, when sent twice); '' when absent. */
export function queryParam(query: unknown, name: string): string {
  const v = (query as Record<string, unknown> | undefined)?.[name];
  return (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '').trim();
}

interface Choice {
  year: number;
  breakdown: BreakdownParameter | null;
  errors: FieldError[];
}

/** The query as the form sent it; what does not have the form's shape is an error at its field. */
function readChoice(
  query: Record<string, unknown>,
  currentYear: number,
): Choice & { yearRaw: string; breakdownRaw: string } {
  const yearRaw = queryParam(query, 'year');
  const breakdownRaw = queryParam(query, 'opdeling');
  const errors: FieldError[] = [];
  const year = yearRaw === '' ? currentYear : yearFrom(yearRaw, currentYear);
  if (year === null) errors.push({ field: 'year', message: yearMessage(currentYear) });
  let breakdown: BreakdownParameter | null = null;
  if (breakdownRaw !== '') {
    if ((BREAKDOWN_KEYS as string[]).includes(breakdownRaw)) breakdown = breakdownRaw as BreakdownParameter;
    else errors.push({ field: 'opdeling', message: 'Vælg en opdeling fra listen' });
  }
  return { year: year ?? currentYear, breakdown, errors, yearRaw, breakdownRaw };
}

function ChoiceForm({
  years,
  year,
  breakdown,
  errors,
}: {
  years: number[];
  year: string;
  breakdown: string;
  errors: FieldError[];
}) {
  const errorAt = (id: string) => errors.find((e) => e.field === id)?.message;
  return (
    <form method="get" action="/indikatorer" class="mb-grid mb-grid-aligned" aria-label="Vælg år og opdeling">
      <Select
        id="year"
        label="År"
        required
        value={year}
        error={errorAt('year')}
        options={years.map((y) => [String(y), String(y)] as const)}
      />
      <Select
        id="opdeling"
        label="Opdeling"
        required
        value={breakdown}
        error={errorAt('opdeling')}
        options={[
          ['', 'Ingen opdeling'],
          ...BREAKDOWN_KEYS.map((k) => [k, BREAKDOWN_TERMS[BREAKDOWN_PARAMETERS[k]]] as const),
        ]}
      />
      <div class="form-group">
        <button type="submit" class="button button-secondary">
          Vis
        </button>
      </div>
    </form>
  );
}

export function indicatorRoutes(app: FastifyInstance, tools: WebTools): void {
  app.get('/indikatorer', async (request, reply) => {
    const ctx = tools.ctx(request);
    const code = ctx.actor.municipalityCode;
    const currentYear = Number(ctx.today.slice(0, 4));
    const choice = readChoice(request.query as Record<string, unknown>, currentYear);
    const years = yearsOffered(currentYear, choice.year);
    const form = (
      <ChoiceForm
        years={years}
        year={choice.errors.some((e) => e.field === 'year') ? '' : String(choice.year)}
        breakdown={choice.errors.some((e) => e.field === 'opdeling') ? '' : (choice.breakdown ?? '')}
        errors={choice.errors}
      />
    );
    if (choice.errors.length > 0) {
      // A role without the indicators is refused as the service refuses it, whatever it typed.
      if (!can(ctx.actor, 'indicators.read')) throw new ForbiddenError('The role may not read the indicators.');
      return tools.html(
        reply,
        400,
        page(
          'Fejl – Indikatorer',
          tools.pageContext(request),
          <>
            <h1>Indikatorer</h1>
            <ErrorSummary errors={choice.errors} />
            {form}
          </>,
        ),
      );
    }
    const view = await municipalityIndicators(ctx, code, choice.year, choice.breakdown);
    const dimension = choice.breakdown ? BREAKDOWN_PARAMETERS[choice.breakdown] : null;
    const ruleTitles = new Map(compileRules(shippedPolicies(), code).rules.map((c) => [c.rule.id, c.rule.title]));
    const sections = sectionsOf(view.indicators);
    const byWhat = dimension ? `, opdelt på ${BREAKDOWN_TERMS[dimension].toLocaleLowerCase('da')}` : '';
    return tools.html(
      reply,
      200,
      page(
        `Indikatorer ${String(view.year)}`,
        tools.pageContext(request),
        <>
          <h1>Indikatorer {view.year}</h1>
          <p>
            Kommunens indikatorer for {view.year}
            {byWhat}, opgjort {dateDa(view.asOf)}
            {view.year === currentYear ? ' (året indtil nu)' : ''}. Tallene tæller borgerne i kommunens
            integrationssager; ingen enkelt borger vises.
          </p>
          {form}
          <div class="alert alert-info" role="note">
            <div class="alert-body">
              <p class="alert-text">
                «{SUPPRESSED_TEXT}» står, hvor tallet bygger på færre end 5 personer, eller hvor det ellers kunne bruges
                til at regne sådan et tal ud fra de andre. n er antallet af personer (for reglerne: forpligtelser),
                tallet bygger på. «{INDICATOR_GROUP_UNKNOWN_DA}» er borgere, hvor oplysningen mangler, og «–» betyder,
                at ingen i gruppen indgår.
              </p>
            </div>
          </div>
          <nav aria-label="Afsnit på siden" class="mb-toc">
            <ul>
              {sections.map((s) => (
                <li>
                  <a href={`#${s.id}`}>{s.title}</a>
                </li>
              ))}
            </ul>
          </nav>
          {sections.map((s) => (
            <section aria-labelledby={s.id}>
              <h2 id={s.id}>{s.title}</h2>
              <p>{s.intro}</p>
              {s.indicators.length === 0 ? (
                <p>{s.empty}</p>
              ) : s.id === 'overholdelse' && dimension === null ? (
                <ComplianceTable indicators={s.indicators} ruleTitles={ruleTitles} />
              ) : s.id === 'status-efter-overtagelse' && dimension === null ? (
                (StatusMatrix({ indicators: s.indicators, year: view.year }) ?? (
                  <IndicatorTable
                    id={`tabel-${s.id}`}
                    caption={`${s.title} ${String(view.year)}`}
                    indicators={s.indicators}
                    breakdown={null}
                    showSource={false}
                  />
                ))
              ) : (
                <IndicatorTable
                  id={`tabel-${s.id}`}
                  caption={`${s.title} ${String(view.year)}${byWhat}`}
                  indicators={s.indicators}
                  breakdown={dimension}
                  showSource={dimension === null}
                />
              )}
            </section>
          ))}
        </>,
      ),
    );
  });
}
