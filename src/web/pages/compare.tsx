// Sammenlign: one indicator for chosen municipalities beside the whole country, for a year, as
// the Integrationsbarometer compares them. The indicator, the municipalities (the user's own
// chosen from the start) and the year are chosen with a GET form; the service applies disclosure
// control to the whole table, so a hidden figure stays hidden whichever municipalities are asked
// for. Aggregates only: no person is shown.
import type { FastifyInstance } from 'fastify';
import { can } from '../../domain/authorization.js';
import { MUNICIPALITIES, type Region } from '../../domain/municipalities.js';
import { complianceIndicators, shippedIndicatorCatalogue } from '../../policy/indicators.js';
import { shippedPolicies } from '../../policy/load.js';
import { ForbiddenError, NotFoundError, UnprocessableError, type ErrorCode } from '../../services/errors.js';
import {
  compareIndicators,
  type ComparisonRowView,
  type IndicatorComparisonView,
} from '../../services/indicator-comparison.js';
import { ErrorSummary, page, Select, dateDa, type FieldError } from '../components.js';
import { errorMessage } from '../error-messages.js';
import type { WebTools } from '../tools.js';
import {
  COMPLIANCE_PREFIX,
  countDa,
  daysDa,
  isMedianDays,
  percentDa,
  queryParam,
  SourceText,
  STATUS_PREFIX,
  SUPPRESSED_TEXT,
  yearFrom,
  yearMessage,
  yearsOffered,
} from './indicators.js';

const REGIONS: readonly Region[] = ['Hovedstaden', 'Sjælland', 'Syddanmark', 'Midtjylland', 'Nordjylland'];
const NAMES = new Map(MUNICIPALITIES.map((m) => [m.code, m.name]));

interface Option {
  id: string;
  title: string;
}
interface OptionGroup {
  label: string;
  options: Option[];
}

/**
 * The indicators the form offers, in groups: the measurable indicators of the catalogue (national,
 * status after takeover, each policy municipality's own targets) and the compliance with the law's
 * rules. The compliance with one municipality's own rule is not offered: it has no counterpart.
 */
function indicatorGroups(ownCode: string): OptionGroup[] {
  const catalogue = shippedIndicatorCatalogue().indicators.filter((c) => c.measurable);
  const own = catalogue.filter((c) => c.source.type === 'policy' && c.source.municipality === ownCode);
  const others = catalogue.filter((c) => c.source.type === 'policy' && c.source.municipality !== ownCode);
  const status = catalogue.filter((c) => c.id.startsWith(STATUS_PREFIX));
  const national = catalogue.filter(
    (c) => c.source.type !== 'policy' && !c.id.startsWith(STATUS_PREFIX) && !c.id.startsWith(COMPLIANCE_PREFIX),
  );
  const law = complianceIndicators(shippedPolicies(), ownCode).filter((c) => c.source.type === 'law');
  const pick = (list: readonly { id: string; title: string }[]) => list.map((c) => ({ id: c.id, title: c.title }));
  const otherTitle = (c: (typeof others)[number]) =>
    `${c.title} (${c.source.type === 'policy' ? (NAMES.get(c.source.municipality) ?? c.source.municipality) : ''})`;
  return [
    { label: 'Kommunens egne mål', options: pick(own) },
    { label: 'Nationale indikatorer', options: pick(national) },
    { label: 'Status efter overtagelsen', options: pick(status) },
    { label: 'Andre kommuners mål', options: others.map((c) => ({ id: c.id, title: otherTitle(c) })) },
    { label: 'Overholdelse af loven', options: pick(law) },
  ].filter((g) => g.options.length > 0);
}

function IndicatorSelect({
  groups,
  value,
  error,
}: {
  groups: OptionGroup[];
  value: string;
  error?: string | undefined;
}) {
  return (
    <div class={error ? 'form-group form-error' : 'form-group'}>
      <label class="form-label" for="indikator">
        Indikator
      </label>
      {error && (
        <span class="form-error-message" id="indikator-error">
          <span class="sr-only">Fejl: </span>
          {error}
        </span>
      )}
      <select
        class="form-select mb-select-wide"
        id="indikator"
        name="indikator"
        required
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? 'indikator-error' : undefined}
      >
        <option value="">Vælg indikator</option>
        {groups.map((g) => (
          <optgroup label={g.label}>
            {g.options.map((o) => (
              <option value={o.id} selected={o.id === value}>
                {o.title}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </div>
  );
}

function MunicipalityChoice({ chosen, error }: { chosen: readonly string[]; error?: string | undefined }) {
  return (
    <fieldset
      class={error ? 'form-group form-error mb-fieldset' : 'form-group mb-fieldset'}
      id="kommuner"
      tabIndex={-1}
      aria-describedby={error ? 'kommuner-hint kommuner-error' : 'kommuner-hint'}
    >
      <legend class="form-label">Kommuner</legend>
      <span class="form-hint" id="kommuner-hint">
        Vælg de kommuner, der skal stå ved siden af hele landet. Åbn en region for at vælge dens kommuner.
      </span>
      {error && (
        <span class="form-error-message" id="kommuner-error">
          <span class="sr-only">Fejl: </span>
          {error}
        </span>
      )}
      {REGIONS.map((region) => {
        const list = MUNICIPALITIES.filter((m) => m.region === region).sort((a, b) =>
          a.name.localeCompare(b.name, 'da'),
        );
        const inRegion = list.filter((m) => chosen.includes(m.code)).length;
        return (
          <details class="mb-details" open={inRegion > 0}>
            <summary>
              Region {region}
              {inRegion > 0 ? ` (${String(inRegion)} valgt)` : ''}
            </summary>
            <div class="mb-checkbox-columns">
              {list.map((m) => (
                <div class="form-group-checkbox">
                  <input
                    class="form-checkbox"
                    type="checkbox"
                    id={`kommune-${m.code}`}
                    name="kommuner"
                    value={m.code}
                    checked={chosen.includes(m.code)}
                  />
                  <label class="form-label" for={`kommune-${m.code}`}>
                    {m.name}
                  </label>
                </div>
              ))}
            </div>
          </details>
        );
      })}
    </fieldset>
  );
}

function valueText(r: ComparisonRowView, medianDays: boolean): string {
  if (r.suppressed) return SUPPRESSED_TEXT;
  if (r.value === null || r.value === undefined) return 'Intet tal';
  return medianDays ? daysDa(r.value) : percentDa(r.value);
}

function ComparisonTable({ view }: { view: IndicatorComparisonView }) {
  const { indicator } = view;
  const median = isMedianDays(indicator.id);
  const source = indicator.source;
  const target = indicator.target;
  // A municipality's own target is its own: shown in its row only; a national target in every row.
  const targetFor = (code: string | null) =>
    target && (source.type !== 'policy' || source.municipality === code) ? percentDa(target.value) : '–';
  return (
    <>
      <div class="mb-table-wrap">
        <table class="table table--zebra mb-responsive" id="tabel-sammenligning">
          <caption class="sr-only">
            {indicator.title}, {view.year}
          </caption>
          <thead>
            <tr>
              <th scope="col">Kommune</th>
              <th scope="col">Værdi</th>
              <th scope="col">n</th>
              <th scope="col">Mål</th>
            </tr>
          </thead>
          <tbody>
            {view.rows.map((r) => (
              <tr data-code={r.code ?? 'nation'} class={r.code === null ? 'mb-total-row' : undefined}>
                <th scope="row" data-label="Kommune" class="mb-row-head">
                  {r.name}
                  {r.code === null && (
                    <div class="form-hint">{`${String(view.nationMunicipalities)} kommuner med borgere i Medborger`}</div>
                  )}
                </th>
                <td data-label="Værdi">
                  {r.suppressed ? <span class="mb-suppressed">{SUPPRESSED_TEXT}</span> : valueText(r, median)}
                </td>
                <td data-label="n">{r.suppressed || r.denominator === undefined ? '–' : countDa(r.denominator)}</td>
                <td data-label="Mål">{targetFor(r.code)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!indicator.measurable && (
        <p>
          <strong>Kan ikke måles.</strong> {indicator.reason ?? 'Medborgers registreringer kan ikke måle indikatoren.'}
        </p>
      )}
      <h3>Om indikatoren</h3>
      <dl class="mb-dl">
        <dt>Kilde</dt>
        <dd>
          <SourceText source={source} />
        </dd>
        <dt>Mål</dt>
        <dd>
          {target ? (
            <>
              {percentDa(target.value)}
              {source.type === 'policy' ? ` for ${NAMES.get(source.municipality) ?? source.municipality} Kommune` : ''}
              {source.type === 'policy' ? (
                <>
                  <blockquote class="mb-quote">{target.source.quote}</blockquote>
                  <div class="form-hint">
                    {target.source.document}
                    {target.source.section ? `, ${target.source.section}` : ''}
                  </div>
                </>
              ) : (
                <div class="form-hint">Nationalt mål</div>
              )}
            </>
          ) : (
            'Intet mål'
          )}
        </dd>
        <dt>Hele landet</dt>
        <dd>
          De {view.nationMunicipalities} kommuner, der har borgere i Medborger – ikke Danmarks Statistiks tal for hele
          befolkningen.
        </dd>
        <dt>Opgjort</dt>
        <dd>{dateDa(view.asOf)}</dd>
      </dl>
    </>
  );
}

/** The municipality codes as the form sends them (one parameter per box, or one comma-separated list), each once. */
function codesOf(query: unknown): string[] {
  const v = (query as Record<string, unknown> | undefined)?.kommuner;
  const raw = typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  const codes = raw
    .flatMap((s) => s.split(','))
    .map((s) => s.trim())
    .filter((s) => s !== '');
  return [...new Set(codes)];
}

const FIELD_OF: Partial<Record<ErrorCode, string>> = {
  'indicator.not_found': 'indikator',
  'indicator.not_comparable': 'indikator',
  'comparison.municipality_unknown': 'kommuner',
  'comparison.too_many_municipalities': 'kommuner',
};

export function compareRoutes(app: FastifyInstance, tools: WebTools): void {
  app.get('/sammenlign', async (request, reply) => {
    const ctx = tools.ctx(request);
    if (!can(ctx.actor, 'indicators.read')) throw new ForbiddenError('The role may not read the indicators.');
    const own = ctx.actor.municipalityCode;
    const currentYear = Number(ctx.today.slice(0, 4));
    const indicatorId = queryParam(request.query, 'indikator');
    const yearRaw = queryParam(request.query, 'year');
    const asked = (request.query as Record<string, unknown>).kommuner !== undefined;
    const codes = asked ? codesOf(request.query) : [own];
    const errors: FieldError[] = [];
    const year = yearRaw === '' ? currentYear : yearFrom(yearRaw, currentYear);
    if (year === null) errors.push({ field: 'year', message: yearMessage(currentYear) });
    const submitted = (request.query as Record<string, unknown>).indikator !== undefined;
    if (submitted && indicatorId === '') errors.push({ field: 'indikator', message: 'Vælg en indikator' });
    if (asked && codes.length === 0) errors.push({ field: 'kommuner', message: 'Vælg mindst én kommune' });
    const unknown = codes.filter((c) => !NAMES.has(c));
    if (unknown.length > 0)
      errors.push({ field: 'kommuner', message: errorMessage('comparison.municipality_unknown') });

    let views: IndicatorComparisonView[] | null = null;
    let status = errors.length > 0 ? 400 : 200;
    if (errors.length === 0 && indicatorId !== '' && year !== null) {
      try {
        views = await compareIndicators(ctx, [indicatorId], codes, year);
      } catch (err) {
        if (!(
          err instanceof UnprocessableError ||
          (err instanceof NotFoundError && err.code === 'indicator.not_found')
        ))
          throw err;
        status = err instanceof NotFoundError ? 404 : 422;
        errors.push({ field: FIELD_OF[err.code] ?? 'indikator', message: errorMessage(err.code) });
      }
    }
    const view = views?.[0] ?? null;
    const errorAt = (field: string) => errors.find((e) => e.field === field)?.message;
    const shownYear = year ?? currentYear;
    return tools.html(
      reply,
      status,
      page(
        errors.length > 0 ? 'Fejl – Sammenlign' : view ? `Sammenlign: ${view.indicator.title}` : 'Sammenlign',
        tools.pageContext(request),
        <>
          <h1>Sammenlign kommuner</h1>
          <p>
            Vælg en indikator og de kommuner, den skal vises for. Hele landet står nederst. Tal om færre end 5 personer
            vises ikke, uanset hvilke kommuner der vælges.
          </p>
          <ErrorSummary errors={errors} />
          {view && (
            <section aria-labelledby="resultat">
              <h2 id="resultat">
                {view.indicator.title}, {view.year}
              </h2>
              <ComparisonTable view={view} />
            </section>
          )}
          <h2 id="vaelg">{view ? 'Vælg en anden indikator eller andre kommuner' : 'Vælg indikator, kommuner og år'}</h2>
          <form method="get" action="/sammenlign" aria-labelledby="vaelg">
            <IndicatorSelect groups={indicatorGroups(own)} value={indicatorId} error={errorAt('indikator')} />
            <MunicipalityChoice chosen={codes} error={errorAt('kommuner')} />
            <Select
              id="year"
              label="År"
              required
              value={year === null ? '' : String(year)}
              error={errorAt('year')}
              options={yearsOffered(currentYear, shownYear).map((y) => [String(y), String(y)] as const)}
            />
            <div class="form-group">
              <button type="submit" class="button button-primary">
                Sammenlign
              </button>
            </div>
          </form>
        </>,
      ),
    );
  });
}
