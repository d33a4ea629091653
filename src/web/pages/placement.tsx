// Placering: the placement pages of the housing coordinator, the institution administrator, the
// company consultant and the volunteer coordinator (issue 15). A start page per kind (the latest
// plans, and a form to run a new plan with the weights shown beside their policy defaults and
// sources); the plan itself (placed, unplaced, criteria sum and gap to the proven bound; each
// proposal with its criteria, the best alternative and why it lost, and the binding caps; accept
// some or all; lock or forbid pairs and run again, with the difference to the previous draft); a
// drawing of the municipality's towns with the proposals (SVG from the town coordinates, no map
// tiles). Every form works without JavaScript: POST, then 303 (Post/Redirect/Get).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can } from '../../domain/authorization.js';
import {
  PLACEMENT_AGENT_DA,
  PLACEMENT_AGENT_PLURAL_DA,
  PLACEMENT_OPTION_PLURAL_DA,
  PLACEMENT_KIND_DA,
  PLACEMENT_KINDS,
  PLACEMENT_OPTION_DA,
  PLACEMENT_PLAN_STATUS_DA,
  PLACEMENT_PROPOSAL_STATUS_DA,
  termDa,
  type PlacementKind,
} from '../../domain/glossary.js';
import { PLACEMENT_CRITERIA } from '../../policy/schema.js';
import { placementParameters } from '../../policy/placement.js';
import { shippedPolicies } from '../../policy/load.js';
import type { Ctx } from '../../services/context.js';
import { ForbiddenError, NotFoundError, PreconditionFailedError, UnprocessableError } from '../../services/errors.js';
import type { ErrorCode } from '../../services/errors.js';
import {
  decidePlan,
  getPlan,
  listPlans,
  PlacementConflictError,
  PLAN_KINDS,
  placementOverview,
  planTowns,
  runPlacement,
  type PlanKind,
  type PlanTown,
} from '../../services/placement.js';
import type { PlanView } from '../../services/presenters/placement.js';
import { Csrf, dateDa, DateField, ErrorSummary, page, type FieldError } from '../components.js';
import { bodyString } from '../forms.js';
import { errorMessage } from '../error-messages.js';
import { PLACEMENT_ACTION as ACTION, placementKindsOf, placementPath } from '../placement-paths.js';
import type { WebTools } from '../tools.js';
import { isoDate } from '../../services/inputs.js';

// The glossary's placement kinds are the services' plan kinds: a kind missing in either does not compile.
const _kindsMatch: [PlanKind[], PlacementKind[]] = [[...PLACEMENT_KINDS], [...PLAN_KINDS]];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function requireKind(ctx: Ctx, kind: PlacementKind): PlacementKind {
  if (!can(ctx.actor, ACTION[kind])) throw new ForbiddenError();
  return kind;
}

/** A round's date: a calendar date within the plausible window of every date of a case (services/inputs.ts). */
const isRoundDate = (date: string) => isoDate.safeParse(date).success;

// ---- Numbers in Danish ---------------------------------------------------------------------

const NUMBER = new Intl.NumberFormat('da-DK', { maximumFractionDigits: 1 });
const NUMBER2 = new Intl.NumberFormat('da-DK', { maximumFractionDigits: 2 });
const num = (x: number) => NUMBER.format(x);
const PERCENT = new Intl.NumberFormat('da-DK', { style: 'percent', maximumFractionDigits: 2 });

// ---- The plan as the view gives it (the presenter's JSON) -------------------------------------

interface Criterion {
  criterion: string;
  label_da: string;
  raw: number;
  score: number;
  weight: number;
  contribution: number;
  unit_da: string;
}
interface Explanation {
  text_da?: string;
  criteria?: Criterion[] | null;
  alternative?: {
    reason?: string;
    text_da?: string;
    optionLabel?: string | null;
    value?: number;
    takenBy?: { agentLabel: string } | null;
  } | null;
  binding?: { constraint: string; cap: number; load: number }[];
  eligibleOptions?: number;
}
interface WeightView {
  criterion: string;
  label_da: string;
  weight: number;
  policyWeight: number;
  overridden: boolean;
  layer: string;
  source?: { document?: string; section?: string; quote?: string; paragraph?: string; act?: string };
  interpretation?: { text?: string };
}
interface Summary {
  placed?: number;
  unplaced?: { agentId: string; label: string; reason_da: string }[];
  weights?: WeightView[];
  constraintNotes?: string[];
  notes?: string[];
}
interface Parameters {
  mechanism?: string;
  weights?: Record<string, number>;
  locks?: { agentId: string; optionId: string }[];
  forbids?: { agentId: string; optionId: string }[];
}

type Proposal = PlanView['proposals'][number];
const agentIdOf = (p: Proposal): string => p.householdId ?? p.personId ?? '';
const explanationOf = (p: Proposal): Explanation => p.explanation ?? {};
const summaryOf = (plan: PlanView): Summary => plan.summary;
const parametersOf = (plan: PlanView): Parameters => plan.parameters ?? {};
const kindOfPlan = (plan: PlanView): PlacementKind => plan.kind;

/** The sum of the proposals' criteria (their scores): the plan's worth without the penalty for the unplaced. */
const criteriaSum = (plan: PlanView) =>
  plan.proposals.filter((p) => p.status !== 'superseded').reduce((s, p) => s + p.score, 0);

// ---- The weights: policy defaults with their sources ---------------------------------------

interface WeightRow {
  criterion: string;
  label: string;
  policyWeight: number;
  layer: string;
  source: string | null;
  interpretation: string | null;
}

/** The kind's criteria with the policy's weights in force on the day, and where each comes from. */
function policyWeights(municipalityCode: string, kind: PlacementKind, on: string): WeightRow[] {
  const params = placementParameters(shippedPolicies(), municipalityCode, on);
  const weights = params[kind].weights as Record<
    string,
    {
      value: number;
      layer: string;
      source?: WeightView['source'];
      interpretation?: WeightView['interpretation'];
    }
  >;
  return Object.entries(PLACEMENT_CRITERIA[kind] as Record<string, string>).map(([criterion, label]) => {
    const w = weights[criterion];
    return {
      criterion,
      label,
      policyWeight: w?.value ?? 0,
      layer: w?.layer ?? 'national',
      source: w?.source ? sourceText(w.source) : null,
      interpretation: w?.interpretation?.text ?? null,
    };
  });
}

function sourceText(s: NonNullable<WeightView['source']>): string {
  const where = s.paragraph
    ? `${s.act ?? ''} ${s.paragraph}`.trim()
    : [s.document, s.section].filter(Boolean).join(', ');
  return s.quote ? `${where}: »${s.quote}«` : where;
}

const layerDa = (layer: string) => (layer === 'national' ? 'Lovens standard' : 'Kommunens politik');

// ---- Pages ---------------------------------------------------------------------------------

interface RunForm {
  date: string;
  weights: Record<string, string>;
  mechanism: Mechanism;
}
type Mechanism = 'optimise' | 'deferred_acceptance';
const hasMechanisms = (kind: PlacementKind) => kind === 'daycare' || kind === 'school';

function startPage(
  tools: WebTools,
  request: FastifyRequest,
  reply: FastifyReply,
  kind: PlacementKind,
  form: RunForm | null,
  errors: FieldError[],
  status = 200,
) {
  const ctx = tools.ctx(request);
  const code = ctx.actor.municipalityCode;
  const date = form?.date ?? ctx.today;
  return Promise.all([
    listPlans(ctx, code, kind),
    placementOverview(ctx, code, kind, isRoundDate(date) ? date : ctx.today),
  ]).then(([plans, overview]) => {
    const weights = policyWeights(code, kind, isRoundDate(date) ? date : ctx.today);
    const others = placementKindsOf(ctx.actor).filter((k) => k !== kind);
    const title = PLACEMENT_KIND_DA[kind];
    return tools.html(
      reply,
      status,
      page(
        title,
        tools.pageContext(request),
        <>
          <h1>{title}</h1>
          <p>
            Kør en placering: Medborger finder den bedste fordeling efter kommunens politik og viser for hvert forslag,
            hvorfor det blev valgt, og hvad det næstbedste var. Intet ændres, før du godkender forslagene.
          </p>
          {others.length > 0 && (
            <p>
              Andre placeringer:{' '}
              {others.map((k, i) => (
                <>
                  {i > 0 && ', '}
                  <a href={placementPath(k)}>{PLACEMENT_KIND_DA[k]}</a>
                </>
              ))}
            </p>
          )}
          <ErrorSummary errors={errors} />
          <h2>Hvem mangler, og hvad er ledigt</h2>
          <dl class="mb-dl" aria-label="Runden">
            <dt>{PLACEMENT_AGENT_PLURAL_DA[kind]} i runden</dt>
            <dd>
              {overview.agents} pr. {dateDa(overview.date)}
            </dd>
            <dt>Heraf uden en mulighed, der opfylder kravene</dt>
            <dd>{overview.agentsWithoutOptions}</dd>
            <dt>{PLACEMENT_OPTION_PLURAL_DA[kind]}</dt>
            <dd>{overview.options}</dd>
          </dl>
          {overview.capacityNotes.length > 0 && (
            <details class="mb-details">
              <summary>Ledige pladser pr. institution</summary>
              <ul>
                {overview.capacityNotes.map((n) => (
                  <li>{n}</li>
                ))}
              </ul>
            </details>
          )}
          <h2>Kør en ny plan</h2>
          <form method="post" action={placementPath(kind)} aria-label="Kør en ny plan" noValidate>
            <Csrf token={tools.pageContext(request).csrf} />
            <DateField
              id="dato"
              name="date"
              label="Dato for placeringen"
              hint="Boliger og pladser, der er ledige på dagen. Skriv datoen som åååå-mm-dd."
              value={date}
              required
              error={errors.find((e) => e.field === 'dato')?.message}
            />
            {hasMechanisms(kind) && (
              <fieldset class="form-group">
                <legend class="form-label">Fordeling</legend>
                <ul class="nobullet-list">
                  {(
                    [
                      ['optimise', 'Efter kommunens hensyn og vægte (den bedste samlede plan)'],
                      [
                        'deferred_acceptance',
                        'Efter familiernes ønsker og institutionernes prioriteter (udskudt accept)',
                      ],
                    ] as const
                  ).map(([value, text]) => (
                    <li>
                      <input
                        type="radio"
                        class="form-radio"
                        id={`fordeling-${value}`}
                        name="mechanism"
                        value={value}
                        checked={(form?.mechanism ?? 'optimise') === value}
                      />
                      <label class="form-label" for={`fordeling-${value}`}>
                        {text}
                      </label>
                    </li>
                  ))}
                </ul>
              </fieldset>
            )}
            <fieldset>
              <legend class="h4">Vægte</legend>
              <p class="form-hint">
                Hvor meget hvert hensyn tæller. Feltet står på politikkens vægt; ret det for at se, hvad en anden vægt
                giver. Et tomt felt giver politikkens vægt.
              </p>
              <div class="mb-table-wrap">
                <table class="table table--zebra mb-responsive">
                  <thead>
                    <tr>
                      <th scope="col">Hensyn</th>
                      <th scope="col">Vægt</th>
                      <th scope="col">Politikkens vægt</th>
                      <th scope="col">Kilde</th>
                    </tr>
                  </thead>
                  <tbody>
                    {weights.map((w) => (
                      <tr>
                        <td data-label="Hensyn">{w.label}</td>
                        <td data-label="Vægt">
                          <WeightInput
                            criterion={w.criterion}
                            label={w.label}
                            value={form?.weights[w.criterion] ?? String(w.policyWeight)}
                            error={errors.find((e) => e.field === `vaegt-${w.criterion}`)?.message}
                          />
                        </td>
                        <td data-label="Politikkens vægt">{num(w.policyWeight)}</td>
                        <td data-label="Kilde">
                          <strong>{layerDa(w.layer)}</strong>
                          {w.source && <>: {w.source}</>}
                          {w.interpretation && <div class="form-hint">Fortolkning: {w.interpretation}</div>}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </fieldset>
            <div class="mb-actions">
              <button type="submit" class="button button-primary">
                Kør placering
              </button>
            </div>
          </form>
          <h2>Seneste planer</h2>
          {plans.length === 0 ? (
            <p>Der er endnu ikke kørt nogen plan.</p>
          ) : (
            <div class="mb-table-wrap">
              <table class="table table--zebra mb-responsive">
                <thead>
                  <tr>
                    <th scope="col">Kørt</th>
                    <th scope="col">Dato for placeringen</th>
                    <th scope="col">Status</th>
                    <th scope="col">Forslag</th>
                  </tr>
                </thead>
                <tbody>
                  {plans.slice(0, 20).map((p) => (
                    <tr>
                      <td data-label="Kørt">
                        <a href={`/placering/planer/${p.id}`}>{createdDa(p.createdAt)}</a>
                      </td>
                      <td data-label="Dato for placeringen">{dateDa(p.date)}</td>
                      <td data-label="Status">{termDa(PLACEMENT_PLAN_STATUS_DA, p.status)}</td>
                      <td data-label="Forslag">{proposalCountsDa(p.proposals)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>,
      ),
    );
  });
}

const CREATED = new Intl.DateTimeFormat('da-DK', {
  timeZone: 'Europe/Copenhagen',
  dateStyle: 'long',
  timeStyle: 'short',
});
const createdDa = (iso: string) => CREATED.format(new Date(iso));

function proposalCountsDa(counts: unknown): string {
  if (typeof counts === 'number') return String(counts);
  if (typeof counts !== 'object' || counts === null) return '–';
  const c = counts as Record<string, number | undefined>;
  const parts = (['proposed', 'accepted', 'rejected', 'superseded'] as const)
    .filter((s) => (c[s] ?? 0) > 0)
    .map((s) => `${String(c[s] ?? 0)} ${termDa(PLACEMENT_PROPOSAL_STATUS_DA, s).toLocaleLowerCase('da')}`);
  return parts.length ? parts.join(', ') : '0';
}

interface PlanPageState {
  errors: FieldError[];
  /** proposal id → the Danish conflict messages of a refused decision */
  conflicts: Map<string, string[]>;
  previous: PlanView | null;
}

function planPage(
  tools: WebTools,
  request: FastifyRequest,
  reply: FastifyReply,
  plan: PlanView,
  etag: string,
  map: { towns: PlanTown[]; optionTowns: Record<string, string> },
  state: PlanPageState,
  status = 200,
) {
  const kind = kindOfPlan(plan);
  const summary = summaryOf(plan);
  const params = parametersOf(plan);
  const csrf = tools.pageContext(request).csrf;
  const live = plan.proposals.filter((p) => p.status !== 'superseded');
  const open = live.filter((p) => p.status === 'proposed');
  const unplaced = summary.unplaced ?? [];
  const gap = plan.gap;
  const title = `${PLACEMENT_KIND_DA[kind]}: plan ${dateDa(plan.date)}`;
  const locked = new Set((params.locks ?? []).map((l) => `${l.agentId}|${l.optionId}`));
  const forbidden = params.forbids ?? [];
  const diff = state.previous ? differences(state.previous, plan) : null;
  return tools.html(
    reply,
    status,
    page(
      title,
      tools.pageContext(request),
      <>
        <p>
          <a href={placementPath(kind)}>Tilbage til {PLACEMENT_KIND_DA[kind].toLocaleLowerCase('da')}</a>
        </p>
        <h1>{title}</h1>
        <p>
          Status: <strong>{termDa(PLACEMENT_PLAN_STATUS_DA, plan.status)}</strong>. Kørt {createdDa(plan.createdAt)}.
        </p>
        <ErrorSummary errors={state.errors} />
        <h2>Overblik</h2>
        <dl class="mb-dl" aria-label="Planens overblik">
          <dt>Placeret</dt>
          <dd>{live.length}</dd>
          <dt>Uden placering</dt>
          <dd>{unplaced.length}</dd>
          <dt>Sum af hensyn</dt>
          <dd>{num(criteriaSum(plan))} point</dd>
          <dt>Afstand til den beviste grænse</dt>
          <dd>
            {gap === null
              ? 'Ikke beregnet (planen følger familiernes ønsker og prioriteter)'
              : gap <= 1e-6
                ? 'Ingen: ingen anden plan placerer flere eller giver en højere sum'
                : `Højst ${PERCENT.format(gap)} fra den bedst mulige plan`}
          </dd>
        </dl>
        {diff && (
          <section aria-labelledby="forskelle">
            <h2 id="forskelle">Forskel fra det forrige udkast</h2>
            {diff.length === 0 ? (
              <p>Ingen fik en anden {PLACEMENT_OPTION_DA[kind].toLocaleLowerCase('da')} end i det forrige udkast.</p>
            ) : (
              <ul>
                {diff.map((d) => (
                  <li>
                    {d.agent}: {d.before ?? 'ingen'} → <strong>{d.after ?? 'ingen'}</strong>
                  </li>
                ))}
              </ul>
            )}
            <p>
              <a href={`/placering/planer/${state.previous?.id ?? ''}`}>Se det forrige udkast</a>
            </p>
          </section>
        )}
        <TownMap kind={kind} plan={plan} towns={map.towns} optionTowns={map.optionTowns} />
        <h2>Forslag</h2>
        {live.length === 0 && <p>Planen har ingen forslag.</p>}
        <form id="beslutning" method="post" action={`/placering/planer/${plan.id}/beslutning`}>
          <Csrf token={csrf} />
          <input type="hidden" name="etag" value={etag} />
        </form>
        <form id="koer-igen" method="post" action={`/placering/planer/${plan.id}/koer-igen`}>
          <Csrf token={csrf} />
        </form>
        {live.map((p, i) => (
          <ProposalCard
            p={p}
            n={i + 1}
            kind={kind}
            conflicts={state.conflicts.get(p.id) ?? []}
            locked={locked.has(`${agentIdOf(p)}|${p.optionId}`)}
            whatIf={plan.status === 'draft' && params.mechanism !== 'deferred_acceptance'}
          />
        ))}
        {open.length > 0 && (
          <div class="mb-actions">
            <button type="submit" form="beslutning" class="button button-primary" name="decision" value="selected">
              Godkend de valgte forslag
            </button>
            <button type="submit" form="beslutning" class="button button-secondary" name="decision" value="all">
              Godkend alle {open.length} forslag
            </button>
          </div>
        )}
        {plan.status === 'draft' && live.length > 0 && params.mechanism !== 'deferred_acceptance' && (
          <section aria-labelledby="koer-igen-titel">
            <h2 id="koer-igen-titel">Fastlås eller udeluk og kør igen</h2>
            <p>
              Vælg ved forslagene ovenfor, hvilke par der skal fastlåses (beholdes) eller udelukkes, og kør planen igen.
              Den nye plan viser, hvem der får noget andet.
            </p>
            {forbidden.length > 0 && (
              <p>Planen har allerede {forbidden.length} udelukkede par; de gælder også i den nye kørsel.</p>
            )}
            <button type="submit" form="koer-igen" class="button button-secondary">
              Kør igen med fastlåste og udelukkede par
            </button>
          </section>
        )}
        {unplaced.length > 0 && (
          <section aria-labelledby="uden-placering">
            <h2 id="uden-placering">Uden placering</h2>
            <ul>
              {unplaced.map((u) => (
                <li>
                  {u.label}: {u.reason_da}
                </li>
              ))}
            </ul>
          </section>
        )}
        {(summary.weights ?? []).length > 0 && (
          <section aria-labelledby="vaegte">
            <h2 id="vaegte">Vægte i denne plan</h2>
            <ul>
              {(summary.weights ?? []).map((w) => (
                <li>
                  {w.label_da}: {num(w.weight)}
                  {w.overridden ? ` (politikkens vægt: ${num(w.policyWeight)})` : ' (politikkens vægt)'}
                </li>
              ))}
            </ul>
          </section>
        )}
        {(summary.constraintNotes ?? []).length > 0 && (
          <details class="mb-details">
            <summary>Lofter og kapacitet i denne runde</summary>
            <ul>
              {(summary.constraintNotes ?? []).map((n) => (
                <li>{n}</li>
              ))}
            </ul>
          </details>
        )}
      </>,
    ),
  );
}

/** A weight's field in the weights table: the column head says what it is; the label says it to a screen reader. */
function WeightInput({
  criterion,
  label,
  value,
  error,
}: {
  criterion: string;
  label: string;
  value: string;
  error: string | undefined;
}) {
  const id = `vaegt-${criterion}`;
  return (
    <div class={error ? 'form-group form-error' : 'form-group'}>
      <label class="form-label sr-only" for={id}>
        Vægt for {label.toLocaleLowerCase('da')}
      </label>
      {error && (
        <span class="form-error-message" id={`${id}-error`}>
          <span class="sr-only">Fejl: </span>
          {error}
        </span>
      )}
      <input
        class="form-input input-width-xs"
        type="text"
        inputMode="decimal"
        id={id}
        name={`weight-${criterion}`}
        value={value}
        autoComplete="off"
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
    </div>
  );
}

function ProposalCard({
  p,
  n,
  kind,
  conflicts,
  locked,
  whatIf,
}: {
  p: Proposal;
  n: number;
  kind: PlacementKind;
  conflicts: string[];
  locked: boolean;
  whatIf: boolean;
}) {
  const e = explanationOf(p);
  const id = `forslag-${String(n)}`;
  const agent = p.agentLabel || PLACEMENT_AGENT_DA[kind];
  const option = p.optionLabel ?? PLACEMENT_OPTION_DA[kind];
  const alt = e.alternative;
  return (
    <section class={conflicts.length ? 'mb-proposal mb-conflict' : 'mb-proposal'} aria-labelledby={`${id}-titel`}>
      <h3 id={`${id}-titel`}>
        {agent} → {option}
      </h3>
      <p>
        Status: <strong>{termDa(PLACEMENT_PROPOSAL_STATUS_DA, p.status)}</strong>. Score {num(p.score)}.
        {locked && ' Fastlåst.'}
      </p>
      {conflicts.length > 0 && (
        <div class="alert alert-error" role="alert">
          <div class="alert-body">
            <p class="alert-heading">Kan ikke godkendes</p>
            <ul class="alert-text">
              {conflicts.map((c) => (
                <li>{c}</li>
              ))}
            </ul>
          </div>
        </div>
      )}
      {e.text_da && <p>{e.text_da}</p>}
      {e.criteria && e.criteria.length > 0 && (
        <details class="mb-details">
          <summary>Hensynene bag forslaget{alt?.optionLabel ? ` og ${alt.optionLabel}` : ''}</summary>
          <div class="mb-table-wrap">
            <table class="table table--zebra mb-responsive">
              <caption class="sr-only">Hensyn for {agent}</caption>
              <thead>
                <tr>
                  <th scope="col">Hensyn</th>
                  <th scope="col">Måling</th>
                  <th scope="col">Vægt</th>
                  <th scope="col">Bidrag</th>
                  {alt?.optionLabel && <th scope="col">Bidrag i {alt.optionLabel}</th>}
                </tr>
              </thead>
              <tbody>
                {e.criteria.map((c) => {
                  const other = (alt as { criteria?: Criterion[] } | null | undefined)?.criteria?.find(
                    (x) => x.criterion === c.criterion,
                  );
                  return (
                    <tr>
                      <td data-label="Hensyn">{c.label_da}</td>
                      <td data-label="Måling">
                        {NUMBER2.format(c.raw)} {c.unit_da}
                      </td>
                      <td data-label="Vægt">{num(c.weight)}</td>
                      <td data-label="Bidrag">{num(c.contribution)}</td>
                      {alt?.optionLabel && (
                        <td data-label={`Bidrag i ${alt.optionLabel}`}>{other ? num(other.contribution) : '–'}</td>
                      )}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </details>
      )}
      {alt?.text_da && (
        <p>
          <strong>Bedste alternativ:</strong> {alt.text_da}
        </p>
      )}
      {(e.binding ?? []).length > 0 && (
        <p>
          <strong>Fuld kapacitet, der binder:</strong>{' '}
          {(e.binding ?? [])
            .map((b) => `${b.constraint.replace(':', ': ')} (${String(b.load)} af ${String(b.cap)} brugt)`)
            .join('; ')}
        </p>
      )}
      {p.status === 'proposed' && (
        <div class="mb-actions">
          <div class="form-group-checkbox">
            <input
              class="form-checkbox"
              type="checkbox"
              id={`${id}-godkend`}
              name="accept"
              value={p.id}
              form="beslutning"
            />
            <label class="form-label" for={`${id}-godkend`}>
              Godkend forslaget for {agent}
            </label>
          </div>
          {whatIf && (
            <div class="form-group">
              <label class="form-label" for={`${id}-par`}>
                Ved næste kørsel
              </label>
              <select class="form-select" id={`${id}-par`} name={`pair-${p.id}`} form="koer-igen">
                <option value="">Frit valg</option>
                <option value="lock" selected={locked}>
                  Fastlås {agent} i {option}
                </option>
                <option value="forbid">
                  Udeluk {option} for {agent}
                </option>
              </select>
            </div>
          )}
        </div>
      )}
    </section>
  );
}

/** The agents whose option differs between two plans of the kind. */
function differences(before: PlanView, after: PlanView) {
  const optionOf = (plan: PlanView) => {
    const m = new Map<string, { agent: string; option: string | null }>();
    for (const p of plan.proposals)
      if (p.status !== 'superseded' || plan === before)
        m.set(agentIdOf(p), { agent: p.agentLabel, option: p.optionLabel });
    for (const u of summaryOf(plan).unplaced ?? []) m.set(u.agentId, { agent: u.label, option: null });
    return m;
  };
  const a = optionOf(before),
    b = optionOf(after);
  const ids = [...new Set([...a.keys(), ...b.keys()])];
  return ids
    .map((id) => ({
      agent: b.get(id)?.agent ?? a.get(id)?.agent ?? '',
      before: a.get(id)?.option ?? null,
      after: b.get(id)?.option ?? null,
    }))
    .filter((d) => d.before !== d.after)
    .sort((x, y) => x.agent.localeCompare(y.agent, 'da'));
}

// ---- The drawing of the towns --------------------------------------------------------------

function TownMap({
  kind,
  plan,
  towns,
  optionTowns,
}: {
  kind: PlacementKind;
  plan: PlanView;
  towns: PlanTown[];
  optionTowns: Record<string, string>;
}) {
  if (towns.length === 0) return null;
  const counts = new Map<string, number>();
  for (const p of plan.proposals) {
    if (p.status === 'superseded') continue;
    const t = optionTowns[p.optionId];
    if (t) counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  const W = 640,
    H = 420,
    M = 40;
  const lats = towns.map((t) => t.latitude),
    lons = towns.map((t) => t.longitude);
  const [minLat, maxLat, minLon, maxLon] = [Math.min(...lats), Math.max(...lats), Math.min(...lons), Math.max(...lons)];
  // An equirectangular projection, the longitude shortened by the cosine of the middle latitude.
  const k = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanX = Math.max((maxLon - minLon) * k, 1e-6),
    spanY = Math.max(maxLat - minLat, 1e-6);
  const scale = Math.min((W - 2 * M) / spanX, (H - 2 * M) / spanY);
  const x = (lon: number) => M + ((lon - minLon) * k * scale + (W - 2 * M - spanX * scale) / 2);
  const y = (lat: number) => H - M - ((lat - minLat) * scale + (H - 2 * M - spanY * scale) / 2);
  const hub = towns[0]; // the largest town (loadTowns orders by population)
  const placedTowns = towns.filter((t) => counts.has(t.id));
  return (
    <section aria-labelledby="kort-titel">
      <h2 id="kort-titel">Byerne og forslagene</h2>
      <svg
        viewBox={`0 0 ${String(W)} ${String(H)}`}
        role="img"
        aria-labelledby="kort-svg-titel kort-svg-beskrivelse"
        class="mb-town-map"
      >
        <title id="kort-svg-titel">Kommunens byer med forslagene i planen</title>
        <desc id="kort-svg-beskrivelse">
          {placedTowns.length === 0
            ? 'Ingen forslag med kendt by.'
            : placedTowns.map((t) => `${t.name}: ${String(counts.get(t.id) ?? 0)} forslag`).join('. ')}
        </desc>
        <rect x="0" y="0" width={W} height={H} fill="#f5f7fa" stroke="#747474" />
        {hub &&
          placedTowns
            .filter((t) => t.id !== hub.id)
            .map((t) => (
              <line
                x1={x(hub.longitude)}
                y1={y(hub.latitude)}
                x2={x(t.longitude)}
                y2={y(t.latitude)}
                stroke="#0059b3"
                stroke-width="1"
                stroke-dasharray="4 3"
              />
            ))}
        {towns.map((t) => {
          const c = counts.get(t.id) ?? 0;
          const r = c > 0 ? 6 + 3 * Math.sqrt(c) : 4;
          return (
            <g>
              <circle
                cx={x(t.longitude)}
                cy={y(t.latitude)}
                r={r}
                fill={c > 0 ? '#0059b3' : '#ffffff'}
                stroke="#1a1a1a"
                stroke-width="1"
              />
              <text x={x(t.longitude) + r + 3} y={y(t.latitude) + 4} font-size="13" fill="#1a1a1a">
                {c > 0 ? `${t.name} (${String(c)})` : t.name}
              </text>
            </g>
          );
        })}
      </svg>
      <p class="form-hint">
        Fyldte cirkler: byer med forslag i planen ({PLACEMENT_OPTION_DA[kind].toLocaleLowerCase('da')} i byen), tallet
        er antal forslag. Stiplede linjer går fra kommunens største by. Tegnet ud fra byernes koordinater.
      </p>
    </section>
  );
}

// ---- Reading the forms ---------------------------------------------------------------------

function readRunForm(body: unknown, municipalityCode: string, kind: PlacementKind, today: string) {
  const date = bodyString(body, 'date').trim();
  const errors: FieldError[] = [];
  if (!isRoundDate(date))
    errors.push({ field: 'dato', message: 'Skriv en gyldig dato fra 1990 til 2100 som åååå-mm-dd, fx 2026-11-23' });
  const rows = policyWeights(municipalityCode, kind, isRoundDate(date) ? date : today);
  const raw: Record<string, string> = {};
  const weights: Record<string, number> = {};
  for (const w of rows) {
    const text = bodyString(body, `weight-${w.criterion}`).trim();
    raw[w.criterion] = text;
    const value = Number(text.replace(',', '.'));
    // A field left empty keeps the policy's weight.
    if (text === '') continue;
    if (!Number.isFinite(value) || value < 0 || value > 1000)
      errors.push({ field: `vaegt-${w.criterion}`, message: `Vægten for ${w.label} skal være et tal fra 0 til 1000` });
    else if (value !== w.policyWeight) weights[w.criterion] = value;
  }
  const mechanism: Mechanism =
    hasMechanisms(kind) && bodyString(body, 'mechanism') === 'deferred_acceptance' ? 'deferred_acceptance' : 'optimise';
  return { form: { date, weights: raw, mechanism }, errors, input: { date, weights, mechanism } };
}

/** The values a field of a urlencoded body holds: one, several or none. */
function bodyList(body: unknown, name: string): string[] {
  const v = (body as Record<string, unknown> | undefined)?.[name];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return typeof v === 'string' ? [v] : [];
}

const messageOf = (code: string) => errorMessage(code as ErrorCode);

// ---- Routes --------------------------------------------------------------------------------

export function placementRoutes(app: FastifyInstance, tools: WebTools): void {
  app.get('/placering', async (request, reply) => {
    const ctx = tools.ctx(request);
    const first = placementKindsOf(ctx.actor)[0];
    if (!first) throw new ForbiddenError();
    return reply.redirect(placementPath(first));
  });

  // One path per kind (/placering/bolig …), each its own route.
  for (const k of PLACEMENT_KINDS) {
    app.get(placementPath(k), async (request, reply) => {
      const ctx = tools.ctx(request);
      const kind = requireKind(ctx, k);
      return startPage(tools, request, reply, kind, null, []);
    });

    app.post(placementPath(k), async (request, reply) => {
      const ctx = tools.ctx(request);
      const kind = requireKind(ctx, k);
      tools.checkCsrf(request);
      const code = ctx.actor.municipalityCode;
      const { form, errors, input } = readRunForm(request.body, code, kind, ctx.today);
      if (errors.length > 0) return startPage(tools, request, reply, kind, form, errors, 422);
      try {
        const r = await runPlacement(ctx, code, {
          kind,
          date: input.date,
          weights: input.weights,
          mechanism: input.mechanism,
        });
        return await reply.redirect(`/placering/planer/${r.plan.id}`, 303);
      } catch (err) {
        if (err instanceof UnprocessableError)
          return startPage(tools, request, reply, kind, form, [{ field: 'dato', message: messageOf(err.code) }], 422);
        throw err;
      }
    });
  }

  const showPlan = async (
    request: FastifyRequest,
    reply: FastifyReply,
    planId: string,
    extra: Partial<PlanPageState> = {},
    status = 200,
  ) => {
    const ctx = tools.ctx(request);
    const code = ctx.actor.municipalityCode;
    const { plan, etag } = await getPlan(ctx, code, null, planId);
    if (!can(ctx.actor, ACTION[plan.kind])) throw new ForbiddenError();
    const map = await planTowns(ctx, code, planId);
    const previousId = (request.query as { forrige?: unknown } | undefined)?.forrige;
    const previous =
      extra.previous ??
      (typeof previousId === 'string' && UUID.test(previousId)
        ? (await getPlan(ctx, code, plan.kind, previousId)).plan
        : null);
    return planPage(
      tools,
      request,
      reply,
      plan,
      etag,
      map,
      { errors: extra.errors ?? [], conflicts: extra.conflicts ?? new Map<string, string[]>(), previous },
      status,
    );
  };

  app.get<{ Params: { id: string } }>('/placering/planer/:id', async (request, reply) => {
    if (!UUID.test(request.params.id)) throw new NotFoundError('placement_plan.not_found', 'The plan');
    return showPlan(request, reply, request.params.id);
  });

  app.post<{ Params: { id: string } }>('/placering/planer/:id/beslutning', async (request, reply) => {
    const ctx = tools.ctx(request);
    tools.checkCsrf(request);
    const planId = request.params.id;
    if (!UUID.test(planId)) throw new NotFoundError('placement_plan.not_found', 'The plan');
    const all = bodyString(request.body, 'decision') === 'all';
    const ids = bodyList(request.body, 'accept');
    if (ids.some((id) => !UUID.test(id)))
      return showPlan(
        request,
        reply,
        planId,
        { errors: [{ field: 'forslag-1-godkend', message: messageOf('request.invalid') }] },
        422,
      );
    const etag = bodyString(request.body, 'etag');
    if (!all && ids.length === 0)
      return showPlan(
        request,
        reply,
        planId,
        { errors: [{ field: 'forslag-1-godkend', message: messageOf('placement.decision_missing') }] },
        422,
      );
    try {
      await decidePlan(ctx, ctx.actor.municipalityCode, planId, etag || undefined, { accept: all ? 'all' : ids });
      return await reply.redirect(`/placering/planer/${planId}`, 303);
    } catch (err) {
      if (err instanceof PlacementConflictError) {
        const conflicts = new Map<string, string[]>();
        for (const p of err.problems) {
          const proposalId = p.detail.split(':')[0] ?? '';
          conflicts.set(proposalId, [...(conflicts.get(proposalId) ?? []), messageOf(p.code)]);
        }
        return showPlan(
          request,
          reply,
          planId,
          { errors: [{ field: 'forslag-1-godkend', message: messageOf(err.code) }], conflicts },
          409,
        );
      }
      if (err instanceof PreconditionFailedError)
        return showPlan(
          request,
          reply,
          planId,
          { errors: [{ field: 'forslag-1-godkend', message: messageOf('precondition.failed') }] },
          412,
        );
      if (err instanceof UnprocessableError)
        return showPlan(
          request,
          reply,
          planId,
          { errors: [{ field: 'forslag-1-godkend', message: messageOf(err.code) }] },
          422,
        );
      throw err;
    }
  });

  app.post<{ Params: { id: string } }>('/placering/planer/:id/koer-igen', async (request, reply) => {
    const ctx = tools.ctx(request);
    tools.checkCsrf(request);
    const planId = request.params.id;
    if (!UUID.test(planId)) throw new NotFoundError('placement_plan.not_found', 'The plan');
    const code = ctx.actor.municipalityCode;
    const { plan } = await getPlan(ctx, code, null, planId);
    const params = parametersOf(plan);
    const locks: { agentId: string; optionId: string }[] = [];
    const forbids = [...(params.forbids ?? [])];
    for (const p of plan.proposals) {
      if (p.status !== 'proposed') continue;
      const choice = bodyString(request.body, `pair-${p.id}`);
      const pair = { agentId: agentIdOf(p), optionId: p.optionId };
      if (choice === 'lock') locks.push(pair);
      else if (choice === 'forbid') forbids.push(pair);
    }
    try {
      const r = await runPlacement(ctx, code, {
        kind: plan.kind,
        date: plan.date,
        weights: params.weights,
        locks,
        forbids,
      });
      return await reply.redirect(`/placering/planer/${r.plan.id}?forrige=${planId}`, 303);
    } catch (err) {
      if (err instanceof UnprocessableError)
        return showPlan(
          request,
          reply,
          planId,
          { errors: [{ field: 'forslag-1-par', message: messageOf(err.code) }] },
          422,
        );
      throw err;
    }
  });
}
