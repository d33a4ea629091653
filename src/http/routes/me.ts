// GET /api/v1/me (issue 14): for a citizen token, the citizen's own plan — the next steps and
// what is done in plain words, the contact person and how to reach them, the upcoming
// appointments, the activities and, for a parent, the children — with the texts in the language
// of Accept-Language (Danish when none of the seven is asked for). One service call; the service
// logs the citizen and each child shown. Any other role: 403.
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { fromAcceptLanguage, LANGS, translate, dateValue, type Lang, type MessageKey } from '../../i18n/index.js';
import { citizenOverview } from '../../services/citizen.js';
import type { StepView } from '../../services/presenters/citizen.js';
import { ctxOf, type AppDeps } from '../context.js';
import { ProblemSchema } from '../problem.js';
import { Id } from '../schemas.js';

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };

const Step = z.object({
  kind: z.string().meta({ description: 'The plain step, as a code (e.g. danishStart)' }),
  text: z.string().meta({ description: 'The step in plain words, in the language answered' }),
  dueDate: z.string().nullable(),
  status: z.string(),
  source: z.string().meta({ description: "The rule's source in short (Danish)" }),
});

const MeView = z
  .object({
    language: z.enum(LANGS).meta({ description: 'The language of the texts (from Accept-Language)' }),
    personId: Id,
    givenName: z.string(),
    familyName: z.string(),
    municipalityCode: z.string(),
    next: z.array(Step),
    done: z.array(Step),
    contactPerson: z.object({ name: z.string(), since: z.string() }).nullable(),
    reach: z.object({ phone: z.string().nullable(), email: z.string().nullable(), office: z.string() }).nullable(),
    appointments: z.array(
      z.object({
        id: Id,
        startsAt: z.string(),
        endsAt: z.string(),
        purpose: z.string(),
        title: z.string(),
        placeKind: z.string(),
        place: z.string(),
        with: z.string(),
        interpreterLanguage: z.string().nullable(),
      }),
    ),
    activities: z.array(
      z.object({
        id: Id,
        kind: z.string(),
        title: z.string(),
        startDate: z.string(),
        endDate: z.string().nullable(),
        hoursPerWeek: z.number(),
      }),
    ),
    children: z.array(
      z.object({
        personId: Id,
        givenName: z.string(),
        age: z.number().int(),
        enrolments: z.array(
          z.object({
            kind: z.string(),
            institution: z.string().nullable(),
            startDate: z.string(),
            endDate: z.string().nullable(),
          }),
        ),
        languageAssessments: z.array(z.object({ date: z.string(), result: z.string() })),
        next: z.array(Step),
      }),
    ),
  })
  .meta({ id: 'CitizenPlan', description: "The citizen's own plan, in the citizen's language" });

function stepOut(lang: Lang, s: StepView) {
  return {
    kind: s.kind,
    text: translate(lang, `step.${s.kind}` as MessageKey, {
      dated: s.dueDate ? 'yes' : 'no',
      date: s.dueDate ? dateValue(s.dueDate) : new Date(0),
    }),
    dueDate: s.dueDate,
    status: s.status,
    source: s.source,
  };
}

export function meRoutes(deps: AppDeps): FastifyPluginCallbackZod {
  return (app, _options, done) => {
    app.get(
      '/api/v1/me',
      {
        schema: {
          operationId: 'getMyPlan',
          tags: ['citizen'],
          summary: "The citizen's own plan (citizen token; logged)",
          description:
            'For a citizen token only (any other role: 403): the next steps and what is done in plain words, the ' +
            'contact person, the upcoming appointments, the activities and, for a parent, the children under 18, ' +
            'with texts in the language of Accept-Language (da, en, ar, uk, fa-AF, ti, so; Danish by default and for ' +
            'a text not yet translated). The citizen and each child shown are written to the access log.',
          security: [{ bearer: [] }],
          headers: z.object({ 'accept-language': z.string().max(500).optional() }),
          response: { 200: MeView, ...errors },
        },
      },
      async (request, reply) => {
        const lang = fromAcceptLanguage(request.headers['accept-language']) ?? 'da';
        const view = await citizenOverview(await ctxOf(deps, request));
        return reply
          .header('Cache-Control', 'no-store')
          .header('Content-Language', lang)
          .header('Vary', 'Accept-Language')
          .send({
            language: lang,
            personId: view.me.personId,
            givenName: view.me.givenName,
            familyName: view.me.familyName,
            municipalityCode: view.me.municipalityCode,
            next: view.next.map((s) => stepOut(lang, s)),
            done: view.done.map((s) => stepOut(lang, s)),
            contactPerson: view.contactPerson,
            reach: view.reach,
            appointments: view.appointments.map((a) => ({
              id: a.id,
              startsAt: a.startsAt,
              endsAt: a.endsAt,
              purpose: a.purpose,
              title: translate(lang, `purpose.${a.purpose}` as MessageKey),
              placeKind: a.placeKind,
              place: a.place,
              with: a.with,
              interpreterLanguage: a.interpreterLanguage,
            })),
            activities: view.activities.map((a) => ({
              id: a.id,
              kind: a.kind,
              title: translate(lang, `activity.${a.kind}` as MessageKey),
              startDate: a.startDate,
              endDate: a.endDate,
              hoursPerWeek: a.hoursPerWeek,
            })),
            children: view.children.map((c) => ({
              personId: c.personId,
              givenName: c.givenName,
              age: c.age,
              enrolments: c.enrolments,
              languageAssessments: c.languageAssessments,
              next: c.next.map((s) => stepOut(lang, s)),
            })),
          });
      },
    );
    done();
  };
}
