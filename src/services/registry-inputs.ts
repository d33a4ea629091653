// The inputs of the registries (issue 15): the zod schemas of a record to create and of a change,
// made from each registry's fields (src/domain/registries.ts), so that the API, the pages and the
// CSV import check a value the same way.
import { z } from 'zod';
import { LANGUAGE_CODE, REGISTRIES, type FieldDef, type RegistryKind } from '../domain/registries.js';
import { isoDate, line } from './inputs.js';

/** The zod schema of one field's value (without null). */
export function fieldSchema(field: FieldDef): z.ZodType {
  const t = field.type;
  switch (t.kind) {
    case 'text':
      return line(t.max);
    case 'integer':
      return z.number().int().min(t.min).max(t.max);
    case 'decimal':
      return z.number().min(t.min).max(t.max);
    case 'boolean':
      return z.boolean();
    case 'date':
      return isoDate;
    case 'choice':
      return z.enum(t.values as [string, ...string[]]);
    case 'choices':
      return z
        .array(z.enum(t.values as [string, ...string[]]))
        .max(t.values.length)
        .refine((a) => new Set(a).size === a.length, 'Each value once.');
    case 'list':
      return z.array(line(40)).max(t.max);
    case 'languages':
      return z
        .array(z.string().regex(LANGUAGE_CODE, 'An ISO 639 language code, e.g. ar, prs or fa-AF.'))
        .max(20)
        .refine((a) => new Set(a).size === a.length, 'Each language once.');
    case 'email':
      return z.email().max(254);
    case 'reference':
      return z.uuid();
  }
}

function valueSchema(field: FieldDef): z.ZodType {
  const base = fieldSchema(field);
  return field.nullable ? base.nullable() : base;
}

/** A new record: the required fields, the others optional (a default or null). */
export function createSchema(kind: RegistryKind) {
  const shape: Record<string, z.ZodType> = {};
  for (const field of REGISTRIES[kind].fields)
    shape[field.name] = field.required ? valueSchema(field) : valueSchema(field).optional();
  return z.strictObject(shape).meta({ id: `New${singular(kind)}` });
}

/** A change: any of the fields, at least one. */
export function patchSchema(kind: RegistryKind) {
  const shape: Record<string, z.ZodType> = {};
  for (const field of REGISTRIES[kind].fields) shape[field.name] = valueSchema(field).optional();
  return z
    .strictObject(shape)
    .refine((o) => Object.keys(o).length > 0, 'Name at least one field to change.')
    .meta({ id: `${singular(kind)}Change` });
}

/** A record as the API shows it: id, version and every field. */
export function recordSchema(kind: RegistryKind) {
  const shape: Record<string, z.ZodType> = { id: z.uuid(), version: z.number().int() };
  for (const field of REGISTRIES[kind].fields) shape[field.name] = valueSchema(field);
  return z.object(shape).meta({ id: singular(kind) });
}

/** The household facts placement needs (income a month, needs, wishes). */
export const HouseholdFactsChangeSchema = z
  .strictObject({
    monthlyIncomeDkk: z.number().int().min(0).max(1_000_000).nullable().optional(),
    needsAccessible: z.boolean().optional(),
    wishes: z.string().trim().max(2000).nullable().optional(),
  })
  .refine((o) => Object.keys(o).length > 0, 'Name at least one field to change.')
  .meta({ id: 'HouseholdFactsChange' });
export type HouseholdFactsChange = z.infer<typeof HouseholdFactsChangeSchema>;

/** housing-units → HousingUnit, companies → Company: the name of a record's schema. */
function singular(kind: string): string {
  return kind
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('')
    .replace(/ies$/, 'y')
    .replace(/s$/, '');
}
