// Which parts of a case apply to a person (issue 13, item 7): the person page shows only these.
// A child's case is the family, enrolments and the language assessment, never an integration
// contract or the 37-hour plan; an adult in a programme has the programme's records; an adult
// outside a programme (e.g. one who came as a child) has conversations and outcome records but no
// programme. What a role may see is decided elsewhere (src/domain/authorization.ts); this only
// removes what does not concern the person.
import { ageOn, type IsoDate } from './dates.js';
import { ADULT_AGE, type Program } from './model.js';

/** From this age education and work are recorded (youth education starts around 15–16). */
export const OUTCOMES_FROM_AGE = 15;

export interface SectionFacts {
  birthDate: IsoDate;
  program: Program | null;
}

export interface ApplicableSections {
  /** visitation, integration contract, reception, activities (the 37-hour plan), follow-ups on the contract */
  programme: boolean;
  /** conversations and appointments with the person */
  conversations: boolean;
  /** enrolments in daycare and school, language assessments */
  childRecords: boolean;
  /** labour-market status, educations, Danish education and tests */
  outcomes: boolean;
}

export function sectionsThatApply(person: SectionFacts, today: IsoDate): ApplicableSections {
  const age = ageOn(person.birthDate, today);
  const programme = person.program !== null;
  return {
    programme,
    conversations: programme || age >= ADULT_AGE,
    childRecords: age < ADULT_AGE,
    outcomes: programme || age >= OUTCOMES_FROM_AGE,
  };
}
