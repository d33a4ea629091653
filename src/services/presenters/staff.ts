// The municipality's staff and institutions as the forms offer them: a contact-person candidate
// (a caseworker or team leader) and a daycare or school to enrol a child in. Not citizens' data.

export interface StaffCandidateRecord {
  id: string;
  name: string;
  role: string;
}
export interface InstitutionRecord {
  id: string;
  name: string;
  kind: string;
}

export function presentStaffCandidate(r: StaffCandidateRecord): { id: string; name: string; role: string } {
  return { id: r.id, name: r.name, role: r.role };
}

export function presentInstitution(r: InstitutionRecord): { id: string; name: string; kind: string } {
  return { id: r.id, name: r.name, kind: r.kind };
}
