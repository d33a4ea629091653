// A person's case file, section by section, as far as the role's fields reach (PERSON_FIELDS in
// src/domain/authorization.ts): the whole case for the case workers and the citizen, a child's
// enrolments and language assessments for the institution, nothing for the placers. Each record
// is shown by its own presenter, which registers the person.
import type { PersonFields } from '../../domain/authorization.js';
import type { caseFile } from '../../repositories/case-records.js';
import type { Disclosure } from '../disclosure.js';
import { presentActivity } from './activity.js';
import { presentContactPerson, presentContactPersonAssignment } from './contact-person.js';
import { presentContract } from './contract.js';
import { presentConversation } from './conversation.js';
import { presentEnrolment } from './enrolment.js';
import { presentFollowUp } from './follow-up.js';
import { presentLanguageAssessment } from './language-assessment.js';
import { presentReceptionStep } from './reception-step.js';
import { presentVisitation } from './visitation.js';

export type CaseFile = Awaited<ReturnType<typeof caseFile>>;

/** Whether the role's fields include any of the case file (and the service must load it). */
export function showsCaseFile(fields: PersonFields | null): fields is 'case' | 'children' {
  return fields === 'case' || fields === 'children';
}

/** The children's sections: enrolments and language assessments. */
export function presentChildSections(r: CaseFile, personId: string, shown: Disclosure) {
  return {
    enrolments: r.enrolments.map((e) => presentEnrolment(e, personId, shown)),
    languageAssessments: r.languageAssessments.map((a) => presentLanguageAssessment(a, personId, shown)),
  };
}

/** The whole case: visitation, contract, contact person and history, activities, conversations, the children's sections, follow-ups, reception steps. */
export function presentCaseSections(r: CaseFile, personId: string, shown: Disclosure) {
  const current = r.contactPersons.find((c) => c.to_date === null) ?? null;
  return {
    visitation: r.visitation ? presentVisitation(r.visitation, personId, shown) : null,
    contract: r.contract ? presentContract(r.contract, personId, shown) : null,
    contactPerson: current ? presentContactPerson(current, r.contactPersons.length, personId, shown) : null,
    contactPersonHistory: r.contactPersons.map((c) => presentContactPersonAssignment(c, personId, shown)),
    activities: r.activities.map((a) => presentActivity(a, personId, shown)),
    conversations: r.conversations.map((c) => presentConversation(c, personId, shown)),
    ...presentChildSections(r, personId, shown),
    followUps: r.followUps.map((f) => presentFollowUp(f, personId, shown)),
    receptionSteps: r.receptionSteps.map((s) => presentReceptionStep(s, personId, shown)),
  };
}
