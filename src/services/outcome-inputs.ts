// The inputs of the outcome records (src/services/outcomes.ts) that the API validates, and the
// person page and the CSV import will validate with too (zod), built from the parts of
// inputs.ts. The vocabulary is the domain's (src/domain/outcomes.ts). The checks that span fields
// (a benefit only on a period on benefit, a module only after the start …) are the domain's,
// answered 422 with the field; these schemas check each field alone (400).
import { z } from 'zod';
import {
  BENEFIT_KINDS,
  COMPLETED_EDUCATION_KINDS,
  DANISH_EDUCATION_MODULES,
  DANISH_EDUCATION_TRACKS,
  DANISH_TEST_KINDS,
  EDUCATION_KINDS,
  LABOUR_MARKET_STATUS_KINDS,
} from '../domain/outcomes.js';
import { isoDate } from './inputs.js';

export const LabourMarketPeriodSchema = z
  .object({
    kind: z.enum(LABOUR_MARKET_STATUS_KINDS),
    from: isoDate,
    /** The last day (inclusive); left out or null while the period lasts. */
    to: isoDate.nullable().optional(),
    hoursPerWeek: z
      .number()
      .min(0)
      .max(80)
      .multipleOf(0.5)
      .nullable()
      .optional()
      .meta({ description: 'Paid work only (ordinary_job, wage_subsidy, igu, flexjob)' }),
    benefit: z
      .enum(BENEFIT_KINDS)
      .nullable()
      .optional()
      .meta({ description: 'Required for kind benefit, and for it only' }),
    educationKind: z.enum(EDUCATION_KINDS).nullable().optional().meta({ description: 'Kind education only' }),
  })
  .strict();
export type LabourMarketPeriodInput = z.infer<typeof LabourMarketPeriodSchema>;

/** Ends a status period (or corrects its end): the last day, inclusive. */
export const EndLabourMarketPeriodSchema = z.object({ to: isoDate }).strict();
export type EndLabourMarketPeriodInput = z.infer<typeof EndLabourMarketPeriodSchema>;

export const EducationCompletedSchema = z
  .object({
    kind: z.enum(COMPLETED_EDUCATION_KINDS),
    completedOn: isoDate,
    inDenmark: z.boolean().meta({ description: 'False for a foreign education recognised in Denmark' }),
  })
  .strict();
export type EducationCompletedInput = z.infer<typeof EducationCompletedSchema>;

export const DanishEducationSchema = z
  .object({
    track: z.enum(DANISH_EDUCATION_TRACKS),
    referredOn: isoDate,
    startPossibleOn: isoDate.nullable().optional().meta({
      description: 'The first day the teaching could begin, as the provider offers it (danskuddannelsesloven § 5)',
    }),
    /** Left out or null while referred but not started. */
    startedOn: isoDate.nullable().optional(),
    /** The module the person is on (or finished last); null before the start. */
    module: z
      .literal([...DANISH_EDUCATION_MODULES])
      .nullable()
      .optional()
      .meta({ description: 'Module 1–6 (DU3: 5 and an optional sixth)' }),
    endedOn: isoDate.nullable().optional(),
  })
  .strict();
export type DanishEducationInput = z.infer<typeof DanishEducationSchema>;

export const DanishTestSchema = z
  .object({
    test: z.enum(DANISH_TEST_KINDS),
    takenOn: isoDate,
    passed: z.boolean(),
  })
  .strict();
export type DanishTestInput = z.infer<typeof DanishTestSchema>;
