// What the indicators count, loaded for one municipality inside its tenant transaction: the
// persons (no name, no CPR number), their outcome records, enrolments and language assessments,
// and the obligations of the rules asked for as the engine evaluates them today. Only what the
// definitions read is loaded: a comparison of an employment rate across 98 municipalities reads
// no case record and evaluates no obligation. Aggregates only: nothing loaded here is shown; the
// callers compute figures and show them under disclosure control, so no access-log row is written.
import type { IndicatorDefinition, IndicatorInput, IndicatorPerson } from '../domain/indicators.js';
import { obligationRecord } from '../domain/indicators.js';
import type { EnrolmentKind, Program, ReceptionStepKind, ResidenceBasis, Sex } from '../domain/model.js';
import { obligationsFor } from '../domain/obligations.js';
import type { Tx } from '../db/tenant.js';
import type { compileRules } from '../policy/load.js';
import { loadCaseFacts } from '../repositories/case-facts.js';
import { indicatorPersons, type IndicatorPersonRow } from '../repositories/indicators.js';
import { loadOutcomesOfMunicipality } from './outcomes.js';

type CompiledRules = ReturnType<typeof compileRules>;

/** Which parts of the input a set of definitions reads. */
export interface InputNeeds {
  outcomes: boolean;
  /** Enrolments, language assessments, or obligations: the case records. */
  caseRecords: boolean;
  /** The rules whose obligations are evaluated. */
  ruleIds: ReadonlySet<string>;
}

const OUTCOME_NUMERATORS = new Set(['employed', 'status', 'education_completed', 'danish_test_passed_within']);

/** What the definitions read: outcome records, case records, the obligations of which rules. */
export function inputNeeds(defs: readonly IndicatorDefinition[]): InputNeeds {
  const ruleIds = new Set<string>();
  let outcomes = false;
  let caseRecords = false;
  for (const d of defs) {
    if (d.kind === 'compliance') {
      ruleIds.add(d.ruleId);
      caseRecords = true;
    } else if (OUTCOME_NUMERATORS.has(d.numerator.kind)) outcomes = true;
    else caseRecords = true;
  }
  return { outcomes, caseRecords, ruleIds };
}

/** A person row as the indicators read it. */
export function indicatorPerson(p: IndicatorPersonRow): IndicatorPerson {
  return {
    id: p.id,
    sex: p.sex as Sex,
    birthDate: p.birth_date,
    residenceBasis: p.residence_basis as ResidenceBasis,
    program: p.program as Program | null,
    takeoverDate: p.takeover_date,
    arrivalDate: p.arrival_date,
    languages: p.languages,
    householdId: p.household_id,
    leftOn: p.left_on,
  };
}

/** The input of the definitions for the transaction's municipality, obligations as on `asOf`. */
export async function loadIndicatorInput(
  tx: Tx,
  compiled: Pick<CompiledRules, 'rules' | 'dueSoonDays'>,
  asOf: string,
  needs: InputNeeds,
): Promise<IndicatorInput> {
  const persons = await indicatorPersons(tx);
  // A municipality without persons in Medborger (most of the 98 in a comparison) has nothing more to read.
  if (persons.length === 0)
    return {
      persons: [],
      labourMarket: [],
      educationCompleted: [],
      danishEducation: [],
      danishTests: [],
      enrolments: [],
      languageAssessments: [],
      obligations: [],
    };
  const outcomes = needs.outcomes
    ? await loadOutcomesOfMunicipality(tx)
    : { labourMarket: [], educationCompleted: [], danishEducation: [], danishTests: [] };
  const facts = needs.caseRecords ? [...(await loadCaseFacts(tx)).values()] : [];
  // A municipal rule that tightens a national one replaces it (obligationsFor): it is evaluated
  // with it, so that a rule's figures are the same here as on the municipality's worklist.
  const rules = compiled.rules.filter(
    (r) => needs.ruleIds.has(r.rule.id) || (r.rule.tightens ?? []).some((id) => needs.ruleIds.has(id)),
  );
  return {
    persons: persons.map(indicatorPerson),
    ...outcomes,
    enrolments: facts.flatMap((f) =>
      f.enrolments.map((e) => ({
        personId: f.personId,
        kind: e.kind as EnrolmentKind,
        startDate: e.startDate,
        endDate: e.endDate,
      })),
    ),
    languageAssessments: facts.flatMap((f) =>
      f.languageAssessments.map((a) => ({ personId: f.personId, date: a.date })),
    ),
    receptionSteps: facts.flatMap((f) =>
      (f.receptionSteps ?? []).map((r) => ({ personId: f.personId, kind: r.kind as ReceptionStepKind, date: r.date })),
    ),
    obligations:
      rules.length === 0
        ? []
        : facts.flatMap((f) =>
            obligationsFor(rules, f, asOf, compiled.dueSoonDays)
              .filter((o) => needs.ruleIds.has(o.ruleId))
              .map((o) => obligationRecord(f.personId, o)),
          ),
  };
}
