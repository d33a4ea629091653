// The municipality's integration policy as Medborger carries it out: the adopted text's vision,
// values and target groups, every rule with the sentence it implements (law and policy apart),
// what is not encoded and why, and a comparison with another municipality's policy.
import type { FastifyInstance } from 'fastify';
import type { ComponentChildren } from 'preact';
import {
  INTERPRETATION_BY_DA,
  INTERPRETATION_LAYER_DA,
  POLICY_STATUS_IN_SENTENCE_DA,
  PROGRAM_DA,
  QUOTE_KIND_DA,
} from '../../domain/glossary.js';
import { PROGRAMS } from '../../domain/model.js';
import { MUNICIPALITIES, POLICY_MUNICIPALITIES } from '../../domain/municipalities.js';
import { shippedPolicies } from '../../policy/load.js';
import { policyDiff, policyView } from '../../policy/present.js';
import { NotFoundError } from '../../services/errors.js';
import { dateDa, page, Select } from '../components.js';
import type { WebTools } from '../tools.js';

type View = ReturnType<typeof policyView>;
type RuleView = View['rules'][number];
type Diff = ReturnType<typeof policyDiff>;

function municipalityName(code: string): string {
  return `${MUNICIPALITIES.find((m) => m.code === code)?.name ?? code} Kommune`;
}

const POLICY_OPTIONS = POLICY_MUNICIPALITIES.map((code) => [code, municipalityName(code)] as const);

function Source({ source }: { source: RuleView['source'] }) {
  if (source.act !== undefined) {
    return (
      <>
        <p class="mb-source-ref">
          <strong>
            {source.act} {source.paragraph}
          </strong>
          <br />
          {source.version}
        </p>
        <blockquote class="mb-quote" lang="da">
          {source.quote}
        </blockquote>
        <p class="form-hint">
          {source.quoteKind ? QUOTE_KIND_DA[source.quoteKind] : ''}
          {source.url ? (
            <>
              {' '}
              (<a href={source.url}>kilde</a>)
            </>
          ) : (
            ''
          )}
        </p>
      </>
    );
  }
  return (
    <>
      <blockquote class="mb-quote">{source.quote}</blockquote>
      <p class="form-hint">
        {source.document}
        {source.section ? `, ${source.section}` : ''}
      </p>
    </>
  );
}

function RuleTable({
  rules,
  caption,
  lawTitles,
}: {
  rules: RuleView[];
  caption: string;
  lawTitles: Map<string, string>;
}) {
  const replacedBy = new Map(rules.flatMap((r) => (r.replaces ? [[r.replaces, r.title] as const] : [])));
  return (
    <div class="mb-table-wrap">
      <table class="table table--zebra mb-responsive">
        <caption class="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Regel</th>
            <th scope="col">Indhold</th>
            <th scope="col">Kilde</th>
            <th scope="col">Fortolkning</th>
          </tr>
        </thead>
        <tbody>
          {rules.map((r) => (
            <tr>
              <td data-label="Regel">
                {r.title}
                <div class="form-hint">
                  Gælder for overtagelser fra {dateDa(r.effective.from)}
                  {r.effective.to ? ` til ${dateDa(r.effective.to)}` : ''}
                </div>
                {r.replaces && (
                  <div class="form-hint">Ny version af lovens regel: {lawTitles.get(r.replaces) ?? r.replaces}</div>
                )}
                {replacedBy.get(r.id) && <div class="form-hint">Afløst af: {replacedBy.get(r.id)}</div>}
                {r.effective.basis && <div class="form-hint">Periodens grundlag: {r.effective.basis}</div>}
                {r.tightens && (
                  <div class="form-hint">
                    Skærper loven: {r.tightens.map((id) => lawTitles.get(id) ?? id).join('; ')}
                  </div>
                )}
              </td>
              <td data-label="Indhold">{r.summary.charAt(0).toUpperCase() + r.summary.slice(1)}</td>
              <td data-label="Kilde">
                <Source source={r.source} />
              </td>
              <td data-label="Fortolkning">
                {r.interpretation ? (
                  <>
                    {r.interpretation.text}
                    <div class="form-hint">
                      {r.interpretation.by === 'municipality'
                        ? 'Kommunens fortolkning'
                        : 'Medborgers fortolkning – skal bekræftes af kommunen'}
                    </div>
                  </>
                ) : (
                  '–'
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function List({ items, empty }: { items: string[]; empty: string }) {
  return items.length ? (
    <ul>
      {items.map((i) => (
        <li>{i}</li>
      ))}
    </ul>
  ) : (
    <p>{empty}</p>
  );
}

function CompareForm({ own }: { own: string }) {
  const hasPolicy = (POLICY_MUNICIPALITIES as readonly string[]).includes(own);
  const others = POLICY_OPTIONS.filter(([code]) => code !== own);
  return (
    <form method="get" action="/politik/forskelle" aria-labelledby="sammenlign">
      {hasPolicy ? (
        <input type="hidden" name="a" value={own} />
      ) : (
        <Select id="a" label="Kommune" required value={POLICY_MUNICIPALITIES[0]} options={POLICY_OPTIONS} />
      )}
      <Select id="b" label="Sammenlign med" required value={others[0]?.[0] ?? ''} options={others} />
      <div class="form-group">
        <button type="submit" class="button button-secondary">
          Sammenlign
        </button>
      </div>
    </form>
  );
}

function ProgramNames({ versions }: { versions: View['names'] }) {
  return (
    <table class="table">
      <caption>Programmernes navne i hver version af loven</caption>
      <thead>
        <tr>
          <th scope="col">Periode</th>
          <th scope="col">Navne</th>
          <th scope="col">Kilde</th>
        </tr>
      </thead>
      <tbody>
        {versions.map((v) => (
          <tr>
            <td>
              {v.effective.to
                ? `${dateDa(v.effective.from)} – ${dateDa(v.effective.to)}`
                : `Fra ${dateDa(v.effective.from)}`}
              {v.effective.basis && <p class="form-hint">{v.effective.basis}</p>}
            </td>
            <td>
              <ul>
                {PROGRAMS.map((code) => (
                  <li>
                    {PROGRAM_DA[code]}: <strong>{v.program[code]}</strong>
                  </li>
                ))}
              </ul>
            </td>
            <td>
              <Source source={v.source} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Interpretations({ items }: { items: View['interpretations'] }) {
  if (items.length === 0) return <p>Der er ingen fortolkninger.</p>;
  return (
    <div class="mb-table-wrap">
      <table class="table table--zebra mb-responsive">
        <caption class="sr-only">Fortolkninger</caption>
        <thead>
          <tr>
            <th scope="col">Regel eller parameter</th>
            <th scope="col">Fortolkning</th>
            <th scope="col">Valgt af</th>
          </tr>
        </thead>
        <tbody>
          {items.map((i) => (
            <tr>
              <td data-label="Regel eller parameter">
                {i.title}
                <div class="form-hint">
                  {INTERPRETATION_LAYER_DA[i.layer]}: <code>{i.where}</code>
                </div>
              </td>
              <td data-label="Fortolkning">{i.text}</td>
              <td data-label="Valgt af">{INTERPRETATION_BY_DA[i.by]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function PolicyPage({ view, own }: { view: View; own: string }) {
  const p = view.policy;
  const law = view.rules.filter((r) => r.layer === 'national');
  const mine = view.rules.filter((r) => r.layer !== 'national');
  const lawTitles = new Map(law.map((r) => [r.id, r.title]));
  return (
    <>
      <h1>{p ? p.title : `Integrationspolitik – ${municipalityName(own)}`}</h1>
      {!p && <p>{municipalityName(own)} har ingen integrationspolitik i Medborger. Lovens regler gælder.</p>}
      {p && (
        <>
          <p>
            {municipalityName(own)}s integrationspolitik, som Medborger udfører den: hver regel med den sætning, den
            bygger på.
          </p>
          <h2 id="om">Om politikken</h2>
          <dl class="mb-dl">
            <dt>Vedtaget</dt>
            <dd>
              {p.adopted.date ? `${dateDa(p.adopted.date)} af ${p.adopted.body}` : p.adopted.body} (
              {POLICY_STATUS_IN_SENTENCE_DA[p.adopted.status]})
            </dd>
            <dt>Periode</dt>
            <dd>
              Fra {dateDa(p.period.from)}
              {p.period.to ? ` til ${dateDa(p.period.to)}` : ''}
            </dd>
            <dt>Dokument</dt>
            <dd>{p.document}</dd>
            {p.responsibleCommittee && (
              <>
                <dt>Ansvarligt udvalg</dt>
                <dd>{p.responsibleCommittee}</dd>
              </>
            )}
            {p.evaluation && (
              <>
                <dt>Evaluering</dt>
                <dd>{p.evaluation}</dd>
              </>
            )}
          </dl>
          {p.vision && (
            <>
              <h2 id="vision">Vision</h2>
              <p>{p.vision}</p>
            </>
          )}
          <h2 id="vaerdier">Værdier</h2>
          <List items={p.values} empty="Politikken nævner ingen værdier." />
          <h2 id="maalgrupper">Målgrupper</h2>
          <List items={p.targetGroups} empty="Politikken nævner ingen målgrupper." />
          <h2 id="spor">Spor og fokusområder</h2>
          <h3>Spor</h3>
          <List items={p.tracks} empty="Politikken nævner ingen spor." />
          <h3>Fokusområder</h3>
          <List items={p.focusAreas} empty="Politikken nævner ingen fokusområder." />
        </>
      )}

      <h2 id="regler">Regler</h2>
      <p>Kommunens regler kan kun skærpe loven, aldrig lempe den.</p>
      <h3 id="regler-lov">Lov</h3>
      <RuleTable rules={law} caption="Lovens regler" lawTitles={lawTitles} />
      <h3 id="regler-politik">Kommunens politik</h3>
      {mine.length > 0 ? (
        <RuleTable rules={mine} caption="Kommunens egne regler" lawTitles={lawTitles} />
      ) : (
        <p>Kommunen har ingen egne regler i Medborger.</p>
      )}

      {p && (
        <>
          <h2 id="ikke-kodet">Ikke kodet som regler</h2>
          <p>Løfter i politikken, som ikke kan følges op som regler for den enkelte sag, og hvorfor.</p>
          {p.notEncoded.length ? (
            <ul>
              {p.notEncoded.map((n) => (
                <li>
                  <blockquote class="mb-quote">{n.quote}</blockquote>
                  <p class="form-hint">Begrundelse: {n.reason}</p>
                </li>
              ))}
            </ul>
          ) : (
            <p>Alt i politikken er kodet som regler.</p>
          )}
        </>
      )}

      {view.names.length > 0 && (
        <>
          <h2 id="navne">Programmets navn i loven</h2>
          <p>Loven har skiftet navn på programmet. Sagerne bruger navnet i den lov, der gælder på dagen.</p>
          <ProgramNames versions={view.names} />
        </>
      )}

      <h2 id="fortolkninger">Fortolkninger</h2>
      <p>
        Hver læsning af en uklar sætning, som Medborger bruger for kommunen: reglen eller parameteren, fortolkningen og
        hvem der har valgt den. Medborgers fortolkninger er forslag, som kommunen skal bekræfte eller rette.
      </p>
      <Interpretations items={view.interpretations} />

      <h2 id="sammenlign">Sammenlign med en anden kommune</h2>
      <CompareForm own={own} />
    </>
  );
}

function RuleList({ rules, none }: { rules: Diff['tightenedLaw'][number]['a']; none: ComponentChildren }) {
  if (rules.length === 0) return <>{none}</>;
  return (
    <ul class="nobullet-list">
      {rules.map((r) => (
        <li>
          <strong>{r.title}</strong>
          <div>{r.summary.charAt(0).toUpperCase() + r.summary.slice(1)}</div>
          <blockquote class="mb-quote">{r.quote}</blockquote>
        </li>
      ))}
    </ul>
  );
}

function OwnRules({ rules, name, id }: { rules: Diff['onlyA']; name: string; id: string }) {
  return (
    <>
      <h2 id={id}>Kun i {name}s politik</h2>
      {rules.length === 0 ? (
        <p>{name} har ingen egne regler ud over skærpelser af loven.</p>
      ) : (
        <div class="mb-table-wrap">
          <table class="table table--zebra mb-responsive">
            <caption class="sr-only">{`Regler kun i ${name}s politik`}</caption>
            <thead>
              <tr>
                <th scope="col">Regel</th>
                <th scope="col">Indhold</th>
                <th scope="col">Kilde</th>
              </tr>
            </thead>
            <tbody>
              {rules.map((r) => (
                <tr>
                  <td data-label="Regel">{r.title}</td>
                  <td data-label="Indhold">{r.summary.charAt(0).toUpperCase() + r.summary.slice(1)}</td>
                  <td data-label="Kilde">
                    <blockquote class="mb-quote">{r.quote}</blockquote>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function DiffPage({ diff }: { diff: Diff }) {
  const nameA = municipalityName(diff.a.municipalityCode);
  const nameB = municipalityName(diff.b.municipalityCode);
  return (
    <>
      <h1>
        Forskelle mellem {nameA} og {nameB}
      </h1>
      <p>
        {nameA}: {diff.a.title ?? 'ingen politik'}. {nameB}: {diff.b.title ?? 'ingen politik'}.
      </p>
      <p>
        <a href="/politik">Tilbage til politikken</a>
      </p>

      <h2 id="skaerpelser">Lovens regler, som kommunerne skærper</h2>
      {diff.tightenedLaw.length === 0 && <p>Ingen af de to kommuner skærper lovens regler.</p>}
      {diff.tightenedLaw.map((l) => (
        <>
          <h3 id={`lov-${l.lawRuleId}`}>{l.title}</h3>
          <div class="mb-table-wrap">
            <table class="table table--zebra mb-responsive">
              <caption class="sr-only">{`${l.title}: loven, ${nameA} og ${nameB}`}</caption>
              <thead>
                <tr>
                  <th scope="col">Loven</th>
                  <th scope="col">{nameA}</th>
                  <th scope="col">{nameB}</th>
                </tr>
              </thead>
              <tbody>
                <tr>
                  <td data-label="Loven">{l.law.charAt(0).toUpperCase() + l.law.slice(1)}</td>
                  <td data-label={nameA}>
                    <RuleList rules={l.a} none="Ingen skærpelse: lovens krav gælder." />
                  </td>
                  <td data-label={nameB}>
                    <RuleList rules={l.b} none="Ingen skærpelse: lovens krav gælder." />
                  </td>
                </tr>
              </tbody>
            </table>
          </div>
        </>
      ))}

      <OwnRules rules={diff.onlyA} name={nameA} id="kun-a" />
      <OwnRules rules={diff.onlyB} name={nameB} id="kun-b" />

      <h2 id="sammenlign">Sammenlign andre kommuner</h2>
      <form method="get" action="/politik/forskelle" aria-labelledby="sammenlign">
        <Select id="a" label="Kommune" required value={diff.a.municipalityCode} options={POLICY_OPTIONS} />
        <Select id="b" label="Sammenlign med" required value={diff.b.municipalityCode} options={POLICY_OPTIONS} />
        <div class="form-group">
          <button type="submit" class="button button-secondary">
            Sammenlign
          </button>
        </div>
      </form>
    </>
  );
}

export function policyRoutes(app: FastifyInstance, tools: WebTools): void {
  app.get('/politik', async (request, reply) => {
    const actor = tools.requireActor(request);
    const view = policyView(shippedPolicies(), actor.municipalityCode);
    const title = view.policy?.title ?? 'Integrationspolitik';
    return tools.html(
      reply,
      200,
      page(title, tools.pageContext(request), <PolicyPage view={view} own={actor.municipalityCode} />),
    );
  });

  app.get('/politik/forskelle', async (request, reply) => {
    tools.requireActor(request);
    const q = request.query as Record<string, unknown>;
    const known = (v: unknown): v is string =>
      typeof v === 'string' && (POLICY_MUNICIPALITIES as readonly string[]).includes(v);
    if (!known(q.a) || !known(q.b)) throw new NotFoundError('municipality.not_found', 'The municipality');
    const diff = policyDiff(shippedPolicies(), q.a, q.b);
    const title = `Forskelle mellem ${municipalityName(q.a)} og ${municipalityName(q.b)}`;
    return tools.html(reply, 200, page(title, tools.pageContext(request), <DiffPage diff={diff} />));
  });
}
