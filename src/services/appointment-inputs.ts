// The inputs of appointments and attachments (src/services/appointments.ts, attachments.ts) that the
// API and the person page validate with (zod), built from the parts of inputs.ts. The checks that
// need the clock or the stored record (a start in the future, a change only while planned) are the
// service's, answered 422 or 409 with the field; these schemas check each field alone (400).
import { z } from 'zod';
import { APPOINTMENT_PURPOSES, PLACE_KINDS } from '../domain/model.js';
import { Id, isoDate, LanguageCode, text } from './inputs.js';

/** A moment with its offset, e.g. 2026-01-12T10:00:00+01:00. */
export const Timestamp = z.iso
  .datetime({ offset: true })
  .meta({ example: '2026-01-12T10:00:00+01:00', description: 'A moment with its UTC offset (ISO 8601)' });

const Reason = text(1000)
  .refine((s) => s.trim().length > 0, 'A reason is required.')
  .meta({ description: 'Why (shown on the case)' });

const Duration = z.number().int().min(5).max(480).meta({ description: 'Minutes, 5 to 480' });
const Place = text(500)
  .refine((s) => s.trim().length > 0, 'A place is required.')
  .meta({ description: 'The address, the phone number or the video link' });

export const BookAppointmentSchema = z
  .object({
    startsAt: Timestamp,
    durationMinutes: Duration,
    purpose: z.enum(APPOINTMENT_PURPOSES),
    placeKind: z.enum(PLACE_KINDS).optional().meta({ description: 'Default: address (the person comes)' }),
    place: Place,
    interpreterLanguage: LanguageCode.nullable().optional(),
    caseworkerId: Id.optional().meta({ description: 'Default: the caseworker booking' }),
    ruleId: z
      .string()
      .max(100)
      .regex(/^[a-z0-9][a-z0-9.-]*$/)
      .nullable()
      .optional()
      .meta({ description: 'The cadence rule the meeting serves (from a proposal)' }),
    note: text(5000).nullable().optional(),
  })
  .strict();
export type BookAppointmentInput = z.output<typeof BookAppointmentSchema>;

export const ChangeAppointmentSchema = z
  .object({
    startsAt: Timestamp.optional(),
    durationMinutes: Duration.optional(),
    placeKind: z.enum(PLACE_KINDS).optional(),
    place: Place.optional(),
    interpreterLanguage: LanguageCode.nullable().optional(),
    caseworkerId: Id.optional(),
    note: text(5000).nullable().optional(),
  })
  .strict();
export type ChangeAppointmentInput = z.output<typeof ChangeAppointmentSchema>;

export const CancelAppointmentSchema = z.object({ reason: Reason }).strict();
export type CancelAppointmentInput = z.output<typeof CancelAppointmentSchema>;

export const NoShowSchema = z.object({ reason: Reason }).strict();
export type NoShowInput = z.output<typeof NoShowSchema>;

export const HeldSchema = z
  .object({
    repatriationGuidance: z.boolean(),
    repatriationNote: text(5000).nullable().optional(),
    interpreterLanguage: LanguageCode.nullable().optional().meta({ description: 'The interpreter used; null: none' }),
    note: text(10000).nullable().optional(),
  })
  .strict();
export type HeldInput = z.output<typeof HeldSchema>;

export const CalendarQuerySchema = z
  .object({
    from: isoDate,
    to: isoDate.meta({ description: 'The last day shown (inclusive); at most 62 days after from' }),
    caseworker: z
      .union([z.literal('me'), z.literal('all'), Id])
      .optional()
      .meta({ description: "me (default), all, or a caseworker's user id" }),
  })
  .strict();
export type CalendarQuery = z.output<typeof CalendarQuerySchema>;

export const DeleteAttachmentSchema = z.object({ reason: Reason }).strict();
