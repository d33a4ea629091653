// The local offers the citizen page "Tilbud i nærheden" shows besides the municipality's
// registries (associations, volunteers): its language school, culture and leisure offers, the
// jobcenter's contact and the advising organisation for repatriation, from
// policies/offers/<code>.yaml (demo data until the registries hold them). Checked with zod at load.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { POLICY_DIR } from './load.js';

const Place = z.object({
  name: z.string().min(1),
  address: z.string().min(1).optional(),
  phone: z.string().min(1).optional(),
  email: z.string().min(1).optional(),
});

export const OffersFile = z.object({
  municipality: z.string().regex(/^\d{3}$/),
  /** Example data, said so on the page. */
  demo: z.boolean().default(false),
  contact: Place,
  languageSchool: z.array(Place).default([]),
  culture: z.array(Place).default([]),
  leisure: z.array(Place).default([]),
  repatriation: Place,
});
export type LocalOffers = z.infer<typeof OffersFile>;
export type OfferPlace = z.infer<typeof Place>;

const cache = new Map<string, LocalOffers | null>();

/** The municipality's local offers, or null when it has no file. A file that does not parse is an error naming it. */
export function localOffers(municipalityCode: string, dir: string = POLICY_DIR): LocalOffers | null {
  const key = `${dir}\u0000${municipalityCode}`;
  if (cache.has(key)) return cache.get(key) ?? null;
  const file = path.join(dir, 'offers', `${municipalityCode}.yaml`);
  let offers: LocalOffers | null = null;
  if (existsSync(file)) {
    const parsed = OffersFile.safeParse(parse(readFileSync(file, 'utf8')));
    if (!parsed.success) throw new Error(`${file}: ${parsed.error.message}`);
    if (parsed.data.municipality !== municipalityCode)
      throw new Error(`${file}: names municipality ${parsed.data.municipality}, not ${municipalityCode}`);
    offers = parsed.data;
  }
  cache.set(key, offers);
  return offers;
}
