// Appointments (issue 13): a person's appointments (book, list, move, cancel, held, no-show), the
// proposals from the cadence rules, and a caseworker's calendar. Each handler: context, one
// service call, reply.
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { APPOINTMENT_PURPOSES, APPOINTMENT_STATUSES, PLACE_KINDS } from '../../domain/model.js';
import {
  BookAppointmentSchema,
  CalendarQuerySchema,
  CancelAppointmentSchema,
  ChangeAppointmentSchema,
  HeldSchema,
  NoShowSchema,
} from '../../services/appointment-inputs.js';
import * as appointments from '../../services/appointments.js';
import { ctxOf, type AppDeps } from '../context.js';
import { ProblemSchema } from '../problem.js';
import { Id, IfMatchHeaders, MunicipalityParams, PersonParams, PurposeHeaders } from '../schemas.js';

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 422: ProblemSchema };
const changeErrors = { ...errors, 409: ProblemSchema, 412: ProblemSchema, 428: ProblemSchema };
const security = [{ bearer: [] }];
const tags = ['appointments'];

const AppointmentView = z
  .object({
    id: Id,
    personId: Id,
    startsAt: z.string().meta({ description: 'With the Danish UTC offset' }),
    endsAt: z.string(),
    durationMinutes: z.number().int(),
    purpose: z.enum(APPOINTMENT_PURPOSES),
    placeKind: z.enum(PLACE_KINDS),
    place: z.string(),
    caseworker: z.object({ id: Id, name: z.string() }),
    interpreterLanguage: z.string().nullable(),
    ruleId: z.string().nullable(),
    note: z.string().nullable(),
    status: z.enum(APPOINTMENT_STATUSES),
    statusReason: z.string().nullable(),
    conversationId: Id.nullable().meta({ description: 'The conversation a held appointment became' }),
    followUpId: Id.nullable(),
    version: z.number().int().meta({ description: 'Send as If-Match ("<version>") to change the appointment' }),
    conflicts: z.array(Id).meta({ description: 'Appointments of the same caseworker it overlaps' }),
  })
  .meta({ id: 'Appointment', description: 'A planned meeting with a person' });

const ProposalView = z
  .object({
    startsAt: z.string(),
    date: z.string(),
    durationMinutes: z.number().int(),
    purpose: z.enum(APPOINTMENT_PURPOSES),
    ruleId: z.string(),
    ruleTitle: z.string(),
    countsFrom: z.string().meta({ description: 'The first day of the window the meeting counts in' }),
    countsBefore: z.string().meta({ description: 'The day the window ends (exclusive)' }),
    source: z.string().meta({ description: "The rule's source in short (act and paragraph, or the policy)" }),
  })
  .meta({ id: 'AppointmentProposal', description: 'An appointment Medborger proposes from a cadence rule' });

const ConversationView = z.object({
  id: Id,
  date: z.string(),
  kind: z.string(),
  repatriationGuidance: z.boolean(),
  repatriationNote: z.string().nullable(),
  interpreterLanguage: z.string().nullable(),
  note: z.string().nullable(),
});

const CalendarEntryView = AppointmentView.extend({
  person: z.object({ id: Id, givenName: z.string(), familyName: z.string() }),
}).meta({ id: 'CalendarEntry', description: 'An appointment in the calendar, with the person' });

const AppointmentParams = PersonParams.extend({ appointmentId: Id });

export function appointmentRoutes(deps: AppDeps): FastifyPluginCallbackZod {
  return (app, _options, done) => {
    const base = '/api/v1/municipalities/:code/persons/:id/appointments';
    const url = (code: string, id: string, appointmentId: string) =>
      `/api/v1/municipalities/${code}/persons/${id}/appointments/${appointmentId}`;

    app.get(
      base,
      {
        schema: {
          operationId: 'listAppointments',
          tags,
          summary: "A person's appointments (logged)",
          security,
          description:
            'Every appointment of the person, earliest first, planned, held, missed or cancelled, each with the ' +
            'appointments of its caseworker it overlaps. For the roles that see the case (a citizen their own).',
          headers: PurposeHeaders,
          params: PersonParams,
          response: { 200: z.object({ appointments: z.array(AppointmentView) }), ...errors },
        },
      },
      async (request, reply) => {
        const view = await appointments.listAppointments(
          await ctxOf(deps, request),
          request.params.code,
          request.params.id,
        );
        return reply.header('Cache-Control', 'no-store').send(view);
      },
    );

    app.post(
      base,
      {
        schema: {
          operationId: 'bookAppointment',
          tags,
          summary: 'Book an appointment',
          security,
          description:
            'Books a meeting with the person: start (in the future), duration, purpose, place, caseworker (default: ' +
            'the one booking), interpreter language and, when accepting a proposal, the rule it serves. An overlap ' +
            "with the caseworker's other appointments is booked and flagged in `conflicts`.",
          headers: PurposeHeaders,
          params: PersonParams,
          body: BookAppointmentSchema,
          response: { 201: AppointmentView, ...errors },
        },
      },
      async (request, reply) => {
        const { code, id } = request.params;
        const r = await appointments.bookAppointment(await ctxOf(deps, request), code, id, request.body);
        return reply
          .status(201)
          .header('ETag', r.etag)
          .header('Location', url(code, id, r.appointment.id))
          .send(r.appointment);
      },
    );

    app.get(
      `${base}/proposals`,
      {
        schema: {
          operationId: 'listAppointmentProposals',
          tags,
          summary: 'Appointments proposed from the cadence rules (logged)',
          security,
          description:
            "The meetings still to book under the cadence rules that apply to the person (the law's four contract " +
            "follow-ups in the first six months, a policy's yearly family follow-up): spread over the rule's " +
            "window, on weekdays in office hours, clear of the caseworker's appointments; none where a booked or " +
            'held meeting already covers it. Accept one by booking it with its ruleId.',
          headers: PurposeHeaders,
          params: PersonParams,
          response: { 200: z.object({ proposals: z.array(ProposalView) }), ...errors },
        },
      },
      async (request, reply) => {
        const view = await appointments.listProposals(
          await ctxOf(deps, request),
          request.params.code,
          request.params.id,
        );
        return reply.header('Cache-Control', 'no-store').send(view);
      },
    );

    app.patch(
      `${base}/:appointmentId`,
      {
        schema: {
          operationId: 'changeAppointment',
          tags,
          summary: 'Move or change a planned appointment (If-Match required)',
          security,
          description:
            "Changes the start, duration, place, caseworker, interpreter or note. If-Match with the appointment's " +
            'ETag is required: 428 without it, 412 when it has changed since. 409 when it is no longer planned.',
          headers: IfMatchHeaders,
          params: AppointmentParams,
          body: ChangeAppointmentSchema,
          response: { 200: AppointmentView, ...changeErrors },
        },
      },
      async (request, reply) => {
        const { code, id, appointmentId } = request.params;
        const r = await appointments.changeAppointment(
          await ctxOf(deps, request),
          code,
          id,
          appointmentId,
          request.headers['if-match'],
          request.body,
        );
        return reply.header('ETag', r.etag).send(r.appointment);
      },
    );

    app.delete(
      `${base}/:appointmentId`,
      {
        schema: {
          operationId: 'cancelAppointment',
          tags,
          summary: 'Cancel a planned appointment with a reason (If-Match required)',
          security,
          description:
            'Cancels the appointment; the appointment stays, with the status cancelled and the reason. If-Match ' +
            'is required (428, 412).',
          headers: IfMatchHeaders,
          params: AppointmentParams,
          body: CancelAppointmentSchema,
          response: { 200: AppointmentView, ...changeErrors },
        },
      },
      async (request, reply) => {
        const { code, id, appointmentId } = request.params;
        const r = await appointments.cancelAppointment(
          await ctxOf(deps, request),
          code,
          id,
          appointmentId,
          request.headers['if-match'],
          request.body,
        );
        return reply.header('ETag', r.etag).send(r.appointment);
      },
    );

    app.post(
      `${base}/:appointmentId/held`,
      {
        schema: {
          operationId: 'recordAppointmentHeld',
          tags,
          summary: 'Record an appointment as held: it becomes the conversation',
          security,
          description:
            "Writes the conversation (dated the appointment's day, with repatriation guidance and the interpreter " +
            'used), links it to the appointment, and so counts for the cadence rules like a conversation typed in. ' +
            'Only once the appointment has begun (422 before); 409 when it is not planned. If-Match is checked when sent.',
          headers: IfMatchHeaders,
          params: AppointmentParams,
          body: HeldSchema,
          response: {
            200: z.object({ appointment: AppointmentView, conversation: ConversationView }),
            ...changeErrors,
          },
        },
      },
      async (request, reply) => {
        const { code, id, appointmentId } = request.params;
        const r = await appointments.recordHeld(
          await ctxOf(deps, request),
          code,
          id,
          appointmentId,
          request.headers['if-match'],
          request.body,
        );
        return reply.header('ETag', r.etag).send({ appointment: r.appointment, conversation: r.conversation });
      },
    );

    app.post(
      `${base}/:appointmentId/no-show`,
      {
        schema: {
          operationId: 'recordAppointmentNoShow',
          tags,
          summary: 'Record that the person did not come (with a reason)',
          security,
          description:
            'Sets the status no_show with the reason; counts for no rule. Only once the appointment has begun (422 ' +
            'before); 409 when it is not planned. If-Match is checked when sent.',
          headers: IfMatchHeaders,
          params: AppointmentParams,
          body: NoShowSchema,
          response: { 200: AppointmentView, ...changeErrors },
        },
      },
      async (request, reply) => {
        const { code, id, appointmentId } = request.params;
        const r = await appointments.recordNoShow(
          await ctxOf(deps, request),
          code,
          id,
          appointmentId,
          request.headers['if-match'],
          request.body,
        );
        return reply.header('ETag', r.etag).send(r.appointment);
      },
    );

    app.get(
      '/api/v1/municipalities/:code/calendar',
      {
        schema: {
          operationId: 'getCalendar',
          tags,
          summary: "A caseworker's calendar for a period (logged)",
          security,
          description:
            'The appointments starting in the days from–to (at most 62 days) of a caseworker (me by default, or all), ' +
            'each with the person and the appointments of the same caseworker it overlaps (`conflicts`). Each person ' +
            'shown is logged.',
          headers: PurposeHeaders,
          params: MunicipalityParams,
          querystring: CalendarQuerySchema,
          response: {
            200: z.object({
              from: z.string(),
              to: z.string(),
              caseworker: Id.nullable().meta({ description: 'null: every caseworker' }),
              appointments: z.array(CalendarEntryView),
              conflictCount: z.number().int(),
            }),
            ...errors,
          },
        },
      },
      async (request, reply) => {
        const view = await appointments.calendarOf(await ctxOf(deps, request), request.params.code, request.query);
        return reply.header('Cache-Control', 'no-store').send(view);
      },
    );
    done();
  };
}
