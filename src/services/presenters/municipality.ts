// A municipality (reference data, not personal data).
import type { MunicipalitiesTable } from '../../db/schema.js';

export function presentMunicipality(r: MunicipalitiesTable) {
  return { code: r.code, name: r.name, region: r.region, hasPolicy: r.has_policy };
}
