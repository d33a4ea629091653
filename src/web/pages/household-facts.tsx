// Husstandens oplysninger til placering (issue 15): what a housing placement reads of a
// household — the income a month (the rent it can pay), whether it needs an accessible home, its
// wishes (e.g. near a relative or a school) — read and changed by the case workers and the
// housing coordinator, with the version read so that no change is lost. Linked from the
// household section of a person's page; each member is access-logged by the service.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import { can } from '../../domain/authorization.js';
import { HOUSING_STATUS_DA } from '../../domain/glossary.js';
import { ForbiddenError, NotFoundError, PreconditionFailedError, UnprocessableError } from '../../services/errors.js';
import { changeHouseholdFacts, getHouseholdFacts, type HouseholdFactsView } from '../../services/registries.js';
import { HouseholdFactsChangeSchema } from '../../services/registry-inputs.js';
import { Checkbox, Csrf, dateDa, ErrorSummary, page, TextArea, TextField, type FieldError } from '../components.js';
import { bodyString } from '../forms.js';
import type { WebTools } from '../tools.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Typed {
  income: string;
  accessible: boolean;
  wishes: string;
}

function FactsPage({
  household,
  csrf,
  typed,
  errors,
  alert,
  saved,
  back,
  write,
}: {
  household: HouseholdFactsView;
  csrf: string;
  typed: Typed;
  errors: FieldError[];
  alert?: string;
  saved: boolean;
  back: string | null;
  write: boolean;
}) {
  return (
    <>
      {back && (
        <p>
          <a href={back} class="back-link">
            Tilbage til borgeren
          </a>
        </p>
      )}
      <h1>Husstandens oplysninger til placering</h1>
      {saved && (
        <div class="alert alert-success" role="status">
          <div class="alert-body">
            <p class="alert-text">Oplysningerne er gemt.</p>
          </div>
        </div>
      )}
      {alert && (
        <div class="alert alert-error" role="alert">
          <div class="alert-body">
            <p class="alert-text">{alert}</p>
          </div>
        </div>
      )}
      <ErrorSummary errors={errors} />
      <p>
        {household.memberIds.length} {household.memberIds.length === 1 ? 'medlem' : 'medlemmer'}. Overtaget{' '}
        {dateDa(household.takeoverDate)}. Bolig nu:{' '}
        {HOUSING_STATUS_DA[household.housingStatus] ?? household.housingStatus}.
      </p>
      <p>
        Boligplaceringen bruger indkomsten til at finde en husleje, husstanden kan betale, og behovene og ønskerne til
        at vælge boligen.
      </p>
      {write ? (
        <form method="post" action={`/husstande/${household.id}/oplysninger`} class="mb-form" noValidate>
          <Csrf token={csrf} />
          <input type="hidden" name="_version" value={String(household.version)} />
          {back && <input type="hidden" name="_back" value={back} />}
          <TextField
            id="indkomst"
            label="Indkomst pr. måned (kr.)"
            hint="Husstandens samlede indkomst efter skat. Tom, hvis den ikke kendes: så skønnes den ud fra ydelserne."
            value={typed.income}
            inputMode="numeric"
            width="input-width-s"
            error={errors.find((e) => e.field === 'indkomst')?.message}
          />
          <Checkbox
            id="tilgaengelig"
            label="Har brug for en tilgængelig (handicapvenlig) bolig"
            checked={typed.accessible}
          />
          <TextArea
            id="oensker"
            label="Ønsker"
            hint="Fx tæt på familie, en bestemt skole eller arbejde."
            value={typed.wishes}
            error={errors.find((e) => e.field === 'oensker')?.message}
          />
          <div class="mb-actions">
            <button type="submit" class="button button-primary">
              Gem oplysningerne
            </button>
          </div>
        </form>
      ) : (
        <dl class="mb-facts">
          <dt>Indkomst pr. måned</dt>
          <dd>
            {household.monthlyIncomeDkk === null
              ? 'Ikke oplyst'
              : `${household.monthlyIncomeDkk.toLocaleString('da-DK')} kr.`}
          </dd>
          <dt>Tilgængelig bolig</dt>
          <dd>{household.needsAccessible ? 'Ja' : 'Nej'}</dd>
          <dt>Ønsker</dt>
          <dd>{household.wishes ?? 'Ingen'}</dd>
        </dl>
      )}
    </>
  );
}

const typedOf = (h: HouseholdFactsView): Typed => ({
  income: h.monthlyIncomeDkk === null ? '' : String(h.monthlyIncomeDkk),
  accessible: h.needsAccessible,
  wishes: h.wishes ?? '',
});

/** Only a person's page is a place to go back to. */
const backOf = (raw: string): string | null => (/^\/borgere\/[0-9a-f-]{36}$/i.test(raw) ? raw : null);

export function householdFactsRoutes(app: FastifyInstance, tools: WebTools): void {
  const render = (
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    title: string,
    body: ComponentChildren,
  ) => tools.html(reply, status, page(title, tools.pageContext(request), body));

  app.get<{ Params: { id: string }; Querystring: Record<string, string | undefined> }>(
    '/husstande/:id/oplysninger',
    async (request, reply) => {
      const ctx = tools.ctx(request);
      if (!UUID.test(request.params.id)) throw new NotFoundError('household.not_found', 'The household');
      const { household } = await getHouseholdFacts(ctx, ctx.actor.municipalityCode, request.params.id);
      return render(
        request,
        reply,
        200,
        'Husstandens oplysninger til placering',
        <FactsPage
          household={household}
          csrf={tools.pageContext(request).csrf}
          typed={typedOf(household)}
          errors={[]}
          saved={request.query.gemt === '1'}
          back={backOf(request.query.fra ?? '')}
          write={can(ctx.actor, 'household.facts.write')}
        />,
      );
    },
  );

  app.post<{ Params: { id: string } }>('/husstande/:id/oplysninger', async (request, reply) => {
    const ctx = tools.ctx(request);
    tools.checkCsrf(request);
    if (!can(ctx.actor, 'household.facts.write')) throw new ForbiddenError();
    const id = request.params.id;
    if (!UUID.test(id)) throw new NotFoundError('household.not_found', 'The household');
    const typed: Typed = {
      income: bodyString(request.body, 'indkomst').trim(),
      accessible: bodyString(request.body, 'tilgaengelig') === 'on',
      wishes: bodyString(request.body, 'oensker').trim(),
    };
    const back = backOf(bodyString(request.body, '_back'));
    const again = async (status: number, errors: FieldError[], alert?: string) => {
      const { household } = await getHouseholdFacts(ctx, ctx.actor.municipalityCode, id);
      return render(
        request,
        reply,
        status,
        'Fejl – Husstandens oplysninger til placering',
        <FactsPage
          household={household}
          csrf={tools.pageContext(request).csrf}
          typed={alert ? typedOf(household) : typed}
          errors={errors}
          {...(alert !== undefined && { alert })}
          saved={false}
          back={back}
          write
        />,
      );
    };
    const income = typed.income === '' ? null : Number(typed.income.replace(/[\s.]/g, ''));
    const parsed = HouseholdFactsChangeSchema.safeParse({
      monthlyIncomeDkk: income,
      needsAccessible: typed.accessible,
      wishes: typed.wishes === '' ? null : typed.wishes,
    });
    if (!parsed.success) {
      const errors: FieldError[] = [];
      for (const issue of parsed.error.issues) {
        if (issue.path[0] === 'monthlyIncomeDkk' && !errors.some((e) => e.field === 'indkomst'))
          errors.push({ field: 'indkomst', message: 'Skriv indkomsten som et helt antal kroner, fx 18500' });
        if (issue.path[0] === 'wishes' && !errors.some((e) => e.field === 'oensker'))
          errors.push({ field: 'oensker', message: 'Skriv højst 2.000 tegn' });
      }
      return again(400, errors);
    }
    try {
      await changeHouseholdFacts(
        ctx,
        ctx.actor.municipalityCode,
        id,
        `"${bodyString(request.body, '_version')}"`,
        parsed.data,
      );
    } catch (err) {
      if (err instanceof PreconditionFailedError)
        return again(
          409,
          [],
          'Oplysningerne er ændret af en anden, siden du åbnede siden. Her er de nye; gentag din ændring.',
        );
      if (err instanceof UnprocessableError) return again(422, []);
      throw err;
    }
    return reply.redirect(`/husstande/${id}/oplysninger?gemt=1${back ? `&fra=${encodeURIComponent(back)}` : ''}`, 303);
  });
}
