// The one Danish glossary: the Danish term of every code name the pages, reports and explanations
// show, following shared/DOMAIN.md's glossary. Each map is typed over its enum, so a new value
// without a Danish term does not compile. A label (a table cell, an option, a heading) is
// capitalised; where a sentence needs another form (lowercase, plural, definite), that form has
// its own explicit map here, never an ad-hoc lowercase call. Pure: domain imports only.
import type { AttachmentType } from './attachments.js';
import type { Role } from './authorization.js';
import type {
  ActivityKind,
  AppointmentPurpose,
  AppointmentStatus,
  PlaceKind,
  ContractGoalKind,
  ConversationKind,
  EnrolmentKind,
  FollowUpKind,
  HealthAssessmentKind,
  HouseholdRelation,
  LanguageAssessmentResult,
  Program,
  ReceptionStepKind,
  RepatriationNoticeKind,
  ResidenceBasis,
  Sex,
} from './model.js';
import type { ClosureReason } from './closure.js';
import type { GovernanceEventKind } from './governance.js';
import type { CapExemption } from './placement-eligibility.js';
import type { RecordKind, RecordOperation } from './record-changes.js';
import type {
  BenefitKind,
  CompletedEducationKind,
  DanishEducationTrack,
  DanishTestKind,
  EducationKind,
  LabourMarketStatusKind,
} from './outcomes.js';
import type { Anchor, QuoteKind, RuleSource } from './rules.js';
import type { HolidayId } from './holidays.js';
import type {
  ASSOCIATION_ACTIVITIES,
  HOUSING_UNIT_STATUSES,
  INSTITUTION_KINDS,
  LANDLORDS,
  PUBLIC_TRANSPORT,
  RegistryKind,
  TENURES,
  TOWN_SERVICES,
} from './registries.js';

/** A term for a code that may come from stored data (a plain string): the code itself when it has none. */
export function termDa<K extends string>(terms: Readonly<Record<K, string>>, code: string): string {
  return Object.hasOwn(terms, code) ? ((terms as Partial<Record<string, string>>)[code] ?? code) : code;
}

/** [value, label] pairs for a select, in the order given. */
export function optionsDa<K extends string>(
  values: readonly K[],
  terms: Readonly<Record<K, string>>,
): readonly (readonly [K, string])[] {
  return values.map((v) => [v, terms[v]] as const);
}

// ---- The person ------------------------------------------------------------------------------

export const SEX_DA: Record<Sex, string> = { female: 'Kvinde', male: 'Mand', other: 'Andet' };

/** opholdsgrundlag */
export const RESIDENCE_BASIS_DA: Record<ResidenceBasis, string> = {
  spontaneous_refugee: 'Spontan flygtning (asyl)',
  quota_refugee: 'Kvoteflygtning',
  family_reunified: 'Familiesammenført til flygtning',
  accompanying_child: 'Medfølgende barn',
  other: 'Andet opholdsgrundlag',
};
/** In a sentence, of the persons a rule applies to: "Gælder for kvoteflygtninge." */
export const RESIDENCE_BASIS_PLURAL_DA: Record<ResidenceBasis, string> = {
  spontaneous_refugee: 'spontane flygtninge',
  quota_refugee: 'kvoteflygtninge',
  family_reunified: 'familiesammenførte til flygtninge',
  accompanying_child: 'medfølgende børn',
  other: 'personer med andet opholdsgrundlag',
};

export const PROGRAM_DA: Record<Program, string> = {
  self_support_and_return: 'Selvforsørgelses- og hjemrejseprogram',
  introduction: 'Introduktionsprogram',
};
/** In a sentence: "Hala Haddad – hovedperson, selvforsørgelses- og hjemrejseprogram". */
export const PROGRAM_IN_SENTENCE_DA: Record<Program, string> = {
  self_support_and_return: 'selvforsørgelses- og hjemrejseprogram',
  introduction: 'introduktionsprogram',
};

/** The programme names of one version of the law (national.yaml `names`). */
export interface ProgramNames {
  effective: { from: string; to?: string | undefined };
  program: Record<Program, string>;
}

/**
 * The programme's name in the law in force on the day: LOV nr. 1654 af 30/12/2024 renamed
 * "selvforsørgelses- og hjemrejseprogram" to "introduktionsprogram". Outside every listed period,
 * the glossary's name (the code's own term).
 */
export function programNameOn(program: Program, day: string, versions: readonly ProgramNames[]): string {
  const inForce = versions.find(
    (v) => v.effective.from <= day && (v.effective.to === undefined || day <= v.effective.to),
  );
  return inForce ? inForce.program[program] : PROGRAM_DA[program];
}

/** A member's place in the household (relation to the head). */
export const RELATION_DA: Record<HouseholdRelation, string> = {
  head: 'Hovedperson',
  spouse: 'Ægtefælle',
  child: 'Barn',
  other: 'Andet familiemedlem',
};
/** In a sentence: "Amal Haddad – ægtefælle, født …". */
export const RELATION_IN_SENTENCE_DA: Record<HouseholdRelation, string> = {
  head: 'hovedperson',
  spouse: 'ægtefælle',
  child: 'barn',
  other: 'andet familiemedlem',
};

/** The languages the forms offer (ISO 639), Danish first. */
export const OFFERED_LANGUAGES = [
  'da',
  'ar',
  'ti',
  'prs',
  'ps',
  'uk',
  'ru',
  'fa',
  'so',
  'ku',
  'tr',
  'fr',
  'sw',
  'en',
] as const;
export type OfferedLanguage = (typeof OFFERED_LANGUAGES)[number];
export const LANGUAGE_DA: Record<OfferedLanguage, string> = {
  da: 'Dansk',
  ar: 'Arabisk',
  ti: 'Tigrinya',
  prs: 'Dari',
  ps: 'Pashto',
  uk: 'Ukrainsk',
  ru: 'Russisk',
  fa: 'Persisk',
  so: 'Somali',
  ku: 'Kurdisk',
  tr: 'Tyrkisk',
  fr: 'Fransk',
  sw: 'Swahili',
  en: 'Engelsk',
};

/** The countries of origin the household form offers (ISO 3166-1 alpha-2). */
export const OFFERED_COUNTRIES = [
  'AF',
  'CD',
  'ER',
  'ET',
  'IQ',
  'IR',
  'LB',
  'MM',
  'PS',
  'RU',
  'SO',
  'SD',
  'SY',
  'TR',
  'UA',
  'YE',
] as const;
export type OfferedCountry = (typeof OFFERED_COUNTRIES)[number];
export const COUNTRY_DA: Record<OfferedCountry, string> = {
  AF: 'Afghanistan',
  CD: 'DR Congo',
  ER: 'Eritrea',
  ET: 'Etiopien',
  IQ: 'Irak',
  IR: 'Iran',
  LB: 'Libanon',
  MM: 'Myanmar',
  PS: 'Palæstina',
  RU: 'Rusland',
  SO: 'Somalia',
  SD: 'Sudan',
  SY: 'Syrien',
  TR: 'Tyrkiet',
  UA: 'Ukraine',
  YE: 'Yemen',
};

const LANGUAGE_NAMES = new Intl.DisplayNames('da', { type: 'language' });
const REGION_NAMES = new Intl.DisplayNames('da', { type: 'region' });

/** A language's Danish name: the glossary's, else the platform's (capitalised as a label), else the code. */
export function languageDa(code: string): string {
  if (Object.hasOwn(LANGUAGE_DA, code)) return termDa(LANGUAGE_DA, code);
  try {
    const name = LANGUAGE_NAMES.of(code) ?? code;
    return name.charAt(0).toUpperCase() + name.slice(1);
  } catch {
    return code;
  }
}

/** A country's Danish name: the glossary's, else the platform's, else the code. */
export function countryDa(code: string | null): string {
  if (!code) return 'Ikke registreret';
  if (Object.hasOwn(COUNTRY_DA, code)) return termDa(COUNTRY_DA, code);
  try {
    return REGION_NAMES.of(code) ?? code;
  } catch {
    return code;
  }
}

// ---- The case file ---------------------------------------------------------------------------

/** tilbud / aktivitet */
export const ACTIVITY_KIND_DA: Record<ActivityKind, string> = {
  danish_education: 'Danskuddannelse',
  company_internship: 'Virksomhedspraktik',
  wage_subsidy: 'Løntilskud',
  igu: 'IGU',
  ordinary_job: 'Ordinært job',
  education: 'Uddannelse',
  health: 'Sundhedsindsats',
  other: 'Anden aktivitet',
};
/** In a sentence: "virksomhedspraktik fra 01.03.2026". */
export const ACTIVITY_KIND_IN_SENTENCE_DA: Record<ActivityKind, string> = {
  danish_education: 'danskuddannelse',
  company_internship: 'virksomhedspraktik',
  wage_subsidy: 'løntilskud',
  igu: 'IGU',
  ordinary_job: 'ordinært job',
  education: 'uddannelse',
  health: 'sundhedsindsats',
  other: 'anden aktivitet',
};

export const CONVERSATION_KIND_DA: Record<ConversationKind, string> = {
  contract_follow_up: 'Opfølgning på integrationskontrakt',
  visitation: 'Visitationssamtale',
  other: 'Anden samtale',
};
/** In a sentence, of the conversations a rule covers: "vejledning om repatriering i visitationssamtaler". */
export const CONVERSATION_KIND_PLURAL_DA: Record<ConversationKind, string> = {
  contract_follow_up: 'opfølgninger på integrationskontrakten',
  visitation: 'visitationssamtaler',
  other: 'andre samtaler',
};

export const ENROLMENT_KIND_DA: Record<EnrolmentKind, string> = {
  daycare: 'Dagtilbud',
  school: 'Skole',
  reception_class: 'Modtageklasse',
  sfo: 'SFO',
};
/** In a sentence: "pr. dagtilbud", "skole fra 01.08.2026". */
export const ENROLMENT_KIND_IN_SENTENCE_DA: Record<EnrolmentKind, string> = {
  daycare: 'dagtilbud',
  school: 'skole',
  reception_class: 'modtageklasse',
  sfo: 'SFO',
};

/** The outcome of a sprogvurdering. */
export const LANGUAGE_ASSESSMENT_RESULT_DA: Record<LanguageAssessmentResult, string> = {
  general: 'Generel indsats',
  focused: 'Fokuseret indsats',
  special: 'Særlig indsats',
};

export const FOLLOW_UP_KIND_DA: Record<FollowUpKind, string> = {
  contract: 'Kontraktopfølgning',
  yearly: 'Årlig opfølgning',
  family: 'Opfølgning på hele familien',
};

/** Aftaler (issue 13): what a meeting is for, in a list or heading. */
export const APPOINTMENT_PURPOSE_DA: Record<AppointmentPurpose, string> = {
  contract_follow_up: 'Opfølgning på integrationskontrakt',
  visitation: 'Visitationssamtale',
  family_follow_up: 'Opfølgning på hele familien',
  health_assessment: 'Helbredsmæssig vurdering',
  other: 'Anden samtale',
};
/** In the summons letter, to the citizen: "Formålet er <…>." */
export const APPOINTMENT_PURPOSE_LETTER_DA: Record<AppointmentPurpose, string> = {
  contract_follow_up:
    'at følge op på din integrationskontrakt: hvordan det går med dine aktiviteter, og hvad der skal ske nu',
  visitation: 'at tale om dine ressourcer, kvalifikationer og ønsker, så vi sammen kan planlægge dit forløb',
  family_follow_up: 'at følge op på, hvordan det går for hele familien',
  health_assessment: 'at tale om dit helbred og tilbuddet om en helbredsmæssig vurdering',
  other: 'en samtale om din sag',
};
export const APPOINTMENT_STATUS_DA: Record<AppointmentStatus, string> = {
  planned: 'Planlagt',
  held: 'Afholdt',
  no_show: 'Udeblevet',
  cancelled: 'Aflyst',
};
/** Bilag: a file's type as the person page lists it. */
export const ATTACHMENT_TYPE_DA: Record<AttachmentType, string> = {
  'application/pdf': 'PDF',
  'image/png': 'PNG-billede',
  'image/jpeg': 'JPEG-billede',
  'text/plain': 'Tekst',
};
export const PLACE_KIND_DA: Record<PlaceKind, string> = {
  address: 'Fremmøde',
  phone: 'Telefon',
  video: 'Video',
};

export const HEALTH_ASSESSMENT_KIND_DA: Record<HealthAssessmentKind, string> = {
  need_assessed: 'Vurdering af behov for helbredsmæssig vurdering',
  offered: 'Tilbud om helbredsmæssig vurdering',
};

export const REPATRIATION_NOTICE_KIND_DA: Record<RepatriationNoticeKind, string> = {
  wish: 'Ønske om at vende tilbage',
  notification: 'Underretning af rådgivningen om repatriering',
};

export const RECEPTION_STEP_KIND_DA: Record<ReceptionStepKind, string> = {
  rights_and_duties_information: 'Information om rettigheder og pligter',
  reception_program: 'Individuelt modtagelsesprogram',
  local_area_introduction: 'Introduktion til lokalområdet',
  association_information: 'Information om foreningslivet og de frivillige tilbud',
  association_participation_help: 'Hjælp til at deltage i en forening',
  special_needs_assessment: 'Vurdering af behov for særlige tilbud',
  health_orientation: 'Orientering om sundhed',
  business_structure_information: 'Information om den lokale erhvervsstruktur',
  help_contacts_information: 'Information om, hvor man henvender sig for at få hjælp',
  elderly_offers_information: 'Information om kommunens tilbud til ældre',
};

/** In a sentence: "information om rettigheder og pligter 03.03.2026". */
export const RECEPTION_STEP_KIND_IN_SENTENCE_DA: Record<ReceptionStepKind, string> = {
  rights_and_duties_information: 'information om rettigheder og pligter',
  reception_program: 'individuelt modtagelsesprogram',
  local_area_introduction: 'introduktion til lokalområdet',
  association_information: 'information om foreningslivet og de frivillige tilbud',
  association_participation_help: 'hjælp til at deltage i en forening',
  special_needs_assessment: 'vurdering af behov for særlige tilbud',
  health_orientation: 'orientering om sundhed',
  business_structure_information: 'information om den lokale erhvervsstruktur',
  help_contacts_information: 'information om, hvor man henvender sig for at få hjælp',
  elderly_offers_information: 'information om kommunens tilbud til ældre',
};

export const CONTRACT_GOAL_KIND_DA: Record<ContractGoalKind, string> = {
  employment: 'Beskæftigelse',
  education: 'Uddannelse',
};

/** The records of a person's case file, as the access log names them. */
export const CASE_RECORDS = [
  'visitation',
  'contract',
  'contact-person',
  'activity',
  'conversation',
  'enrolment',
  'language-assessment',
  'follow-up',
  'health-assessment',
  'repatriation-notice',
  'danish-education',
  'reception-step',
] as const;
export type CaseRecord = (typeof CASE_RECORDS)[number];
export const CASE_RECORD_DA: Record<CaseRecord, string> = {
  visitation: 'Visitationssamtale',
  contract: 'Integrationskontrakt',
  'contact-person': 'Fast kontaktperson',
  activity: 'Aktivitet',
  conversation: 'Samtale',
  enrolment: 'Indskrivning',
  'language-assessment': 'Sprogvurdering',
  'follow-up': 'Opfølgning',
  'health-assessment': 'Helbredsmæssig vurdering',
  'repatriation-notice': 'Repatriering: ønske og underretning',
  'danish-education': 'Danskuddannelse',
  'reception-step': 'Modtagelse',
};
/** In a sentence: "visitationssamtale 03.03.2026", "underskrevet integrationskontrakt". */
export const CASE_RECORD_IN_SENTENCE_DA: Record<CaseRecord, string> = {
  visitation: 'visitationssamtale',
  contract: 'integrationskontrakt',
  'contact-person': 'fast kontaktperson',
  activity: 'aktivitet',
  conversation: 'samtale',
  enrolment: 'indskrivning',
  'language-assessment': 'sprogvurdering',
  'follow-up': 'opfølgning',
  'health-assessment': 'helbredsmæssig vurdering',
  'repatriation-notice': 'underretning om ønske om repatriering',
  'danish-education': 'henvisning til danskuddannelse',
  'reception-step': 'trin i modtagelsen',
};

// ---- Outcome records ------------------------------------------------------------------------
// What happened to a person over time (src/domain/outcomes.ts): labour-market status periods,
// educations completed, Danish education and the Danish tests.

/** beskæftigelsesstatus: the kind of a labour-market status period */
export const LABOUR_MARKET_STATUS_DA: Record<LabourMarketStatusKind, string> = {
  ordinary_job: 'Ordinært job',
  wage_subsidy: 'Løntilskud',
  igu: 'IGU (integrationsgrunduddannelse)',
  flexjob: 'Fleksjob',
  education: 'Uddannelse',
  self_supporting: 'Selvforsørgende uden ydelse',
  benefit: 'På offentlig ydelse',
  other: 'Andet',
};

/** The benefit of a period on benefit (ydelse). */
export const BENEFIT_KIND_DA: Record<BenefitKind, string> = {
  self_support_and_return_benefit: 'Selvforsørgelses- og hjemrejseydelse',
  transition_benefit: 'Overgangsydelse',
  other: 'Anden ydelse',
};

/** The kind of education of a period in education. */
export const EDUCATION_KIND_DA: Record<EducationKind, string> = {
  preparatory: 'Forberedende uddannelse (FGU)',
  youth_education: 'Gymnasial ungdomsuddannelse',
  vocational: 'Erhvervsuddannelse',
  higher: 'Videregående uddannelse',
  other: 'Anden uddannelse',
};

/** An education completed (gennemført uddannelse). */
export const COMPLETED_EDUCATION_KIND_DA: Record<CompletedEducationKind, string> = {
  youth_education: 'Gymnasial ungdomsuddannelse',
  vocational: 'Erhvervsuddannelse',
  higher: 'Videregående uddannelse',
};

/** Where an education completed was taken: in Denmark, or abroad and recognised here. */
export const EDUCATION_PLACES = ['in_denmark', 'abroad'] as const;
export type EducationPlace = (typeof EDUCATION_PLACES)[number];
export const EDUCATION_PLACE_DA: Record<EducationPlace, string> = {
  in_denmark: 'I Danmark',
  abroad: 'I udlandet, anerkendt i Danmark',
};

/** danskuddannelse 1, 2 and 3 */
export const DANISH_EDUCATION_TRACK_DA: Record<DanishEducationTrack, string> = {
  du1: 'Danskuddannelse 1 (DU1)',
  du2: 'Danskuddannelse 2 (DU2)',
  du3: 'Danskuddannelse 3 (DU3)',
};

/** The Danish tests (prøver). */
export const DANISH_TEST_KIND_DA: Record<DanishTestKind, string> = {
  pd1: 'Prøve i Dansk 1',
  pd2: 'Prøve i Dansk 2',
  pd3: 'Prøve i Dansk 3',
  studieproeve: 'Studieprøven',
};

/** A Danish test's result. */
export const DANISH_TEST_RESULTS = ['passed', 'failed'] as const;
export type DanishTestResult = (typeof DANISH_TEST_RESULTS)[number];
export const DANISH_TEST_RESULT_DA: Record<DanishTestResult, string> = {
  passed: 'Bestået',
  failed: 'Ikke bestået',
};

// ---- Obligations, rules and policies ---------------------------------------------------------

/** An obligation's status on a day (the engine's, src/domain/obligations.ts). */
export const OBLIGATION_STATUSES = ['overdue', 'due_soon', 'open', 'met', 'not_applicable'] as const;
export type ObligationStatus = (typeof OBLIGATION_STATUSES)[number];
export const OBLIGATION_STATUS_DA: Record<ObligationStatus, string> = {
  overdue: 'Overskredet',
  due_soon: 'Snart',
  open: 'Åben',
  met: 'Opfyldt',
  not_applicable: 'Gælder ikke',
};
/** After another status: "Overskredet og snart". */
export const OBLIGATION_STATUS_IN_SENTENCE_DA: Record<ObligationStatus, string> = {
  overdue: 'overskredet',
  due_soon: 'snart',
  open: 'åben',
  met: 'opfyldt',
  not_applicable: 'gælder ikke',
};

/** The event a deadline runs from, in the definite form a sentence needs: "inden 1 måned fra overtagelsen". */
export const ANCHOR_DEFINITE_DA: Record<Anchor, string> = {
  takeover: 'overtagelsen',
  arrival: 'ankomsten',
  birth: 'fødslen',
  reception_class_start: 'starten i modtageklasse',
  repatriation_wish: 'ønsket om at vende tilbage',
};

/** Children a cap does not count (src/domain/placement-eligibility.ts CAP_EXEMPTIONS), in a sentence. */
export const CAP_EXEMPTION_DA: Record<CapExemption, string> = {
  parents_in_work_or_education: 'børn, hvis forældre er i beskæftigelse eller under uddannelse,',
};

/** The children a placement cap counts (policy rules of kind cap), in a sentence: "tosprogede børn pr. dagtilbud". */
export const CAP_CATEGORY_PLURAL_DA = {
  bilingual: 'tosprogede børn',
  deprived_housing_area: 'børn fra udsatte boligområder',
} as const;

/** What a legal rule quotes, as the policy page names it beside the quote. */
export const QUOTE_KIND_DA: Record<QuoteKind, string> = {
  statute: 'Lovens ordlyd',
  statute_closest: 'Nærmeste lovtekst – lovens egen sætning om reglen er ikke fundet',
  executive_order: 'Bekendtgørelsens ordlyd – lovens egen sætning er ikke fundet',
  bill: 'Lovforslagets ordlyd – den gældende lovtekst er ikke fundet',
  municipal_page: 'Gengivet af en kommune – lovens egen tekst er ikke fundet',
  commentary: 'Kommentar – hverken lovens eller en bekendtgørelses tekst er fundet',
};

/**
 * Where a rule's sentence stands, in one line: the act, paragraph and version of a legal source
 * ("integrationsloven § 20, stk. 1, LBK nr. 1146 af 22/06/2020"), else the document and section.
 */
export function sourceReferenceDa(source: RuleSource): string {
  if (source.act !== undefined)
    return [`${source.act}${source.paragraph ? ` ${source.paragraph}` : ''}`, source.version]
      .filter(Boolean)
      .join(', ');
  return `${source.document}${source.section ? `, ${source.section}` : ''}`;
}

/** A rule's source in a letter to the citizen: the act and paragraph, or the municipality's policy and its section. */
export function sourceShortDa(source: RuleSource): string {
  if (source.act !== undefined) return `${source.act}${source.paragraph ? ` ${source.paragraph}` : ''}`;
  return `kommunens integrationspolitik${source.section ? `, afsnittet „${source.section}“` : ''}`;
}

/** Who made an interpretation of a rule or parameter (the policy page's "Fortolkninger"). */
export const INTERPRETATION_BY_DA = {
  municipality: 'Kommunen',
  medborger: 'Medborger (skal bekræftes af kommunen)',
} as const;
/** Where an interpretation is made: in the law's file or the municipality's policy. */
export const INTERPRETATION_LAYER_DA = { law: 'Loven', municipality: 'Kommunens politik' } as const;

/** A policy file's status, in parentheses after who adopted it: "(vedtaget)". */
export const POLICY_STATUSES = ['adopted', 'draft', 'law'] as const;
export type PolicyStatus = (typeof POLICY_STATUSES)[number];
export const POLICY_STATUS_IN_SENTENCE_DA: Record<PolicyStatus, string> = {
  adopted: 'vedtaget',
  draft: 'udkast',
  law: 'lov',
};

// ---- Staff and the access log ----------------------------------------------------------------

/** A role, as shown after a name: "Mette Jensen (sagsbehandler)" and in the access log's Rolle column. */
export const ROLE_DA: Record<Role, string> = {
  admin: 'administrator',
  team_lead: 'teamleder',
  caseworker: 'sagsbehandler',
  housing: 'boligplacering',
  institution: 'dagtilbud/skole',
  volunteer_coordinator: 'frivilligkoordinator',
  analyst: 'analytiker',
  secretariat: 'sekretariat',
  citizen: 'borger',
  company_consultant: 'virksomhedskonsulent',
};

/** What a use of a person's data was (the access log's action). */
export const ACCESS_LOG_ACTIONS = ['read', 'search', 'create', 'change', 'export', 'delete'] as const;
export type AccessLogAction = (typeof ACCESS_LOG_ACTIONS)[number];
export const ACCESS_LOG_ACTION_DA: Record<AccessLogAction, string> = {
  read: 'Læst',
  search: 'Fundet ved søgning',
  create: 'Oprettet',
  change: 'Ændret',
  export: 'Udtrukket',
  delete: 'Slettet',
};

// ---- The takeover date (integrationsloven § 4, stk. 2) ----------------------------------------

/** The public holidays (src/domain/holidays.ts), as named in a sentence: "1. januar 2026 er nytårsdag". */
export const HOLIDAY_DA: Record<HolidayId, string> = {
  new_years_day: 'nytårsdag',
  maundy_thursday: 'skærtorsdag',
  good_friday: 'langfredag',
  easter_sunday: 'påskedag',
  easter_monday: '2. påskedag',
  great_prayer_day: 'store bededag',
  ascension_day: 'Kristi himmelfartsdag',
  whit_sunday: 'pinsedag',
  whit_monday: '2. pinsedag',
  christmas_day: 'juledag',
  boxing_day: '2. juledag',
};
/** Why a day is not a weekday, in a sentence: "1. november 2025 er en lørdag". */
export const NOT_WEEKDAY_DA: Record<'saturday' | 'sunday' | HolidayId, string> = {
  saturday: 'en lørdag',
  sunday: 'en søndag',
  ...HOLIDAY_DA,
};

// ---- An import of arrivals (the housing-placement notice) ----------------------------------

/** The fields of an arrivals file's households and members (src/services/arrival-import.ts), as a problem names them. */
export const ARRIVAL_FIELD_DA: Readonly<Record<string, string>> = {
  households: 'Husstande',
  reference: 'Reference',
  decisionDate: 'Afgørelsesdato',
  takeoverDate: 'Overtagelsesdato',
  consent: 'Samtykke',
  members: 'Medlemmer',
  givenName: 'Fornavn',
  familyName: 'Efternavn',
  birthDate: 'Fødselsdato',
  sex: 'Køn',
  relation: 'Relation',
  residenceBasis: 'Opholdsgrundlag',
  cpr: 'CPR-nummer',
  countryOfOrigin: 'Oprindelsesland',
  languages: 'Sprog',
};

/** What each column of the arrivals CSV layout holds. */
export const ARRIVAL_CSV_COLUMN_DA: Readonly<Record<string, string>> = {
  reference: 'meddelelsens eget nummer, fx US-2025-0042 (samme på hver linje i husstanden)',
  decision_date: 'datoen for visitationsafgørelsen, åååå-mm-dd (samme på hver linje i husstanden)',
  takeover_date: 'en tidligere, aftalt overtagelsesdato (kun med samtykke)',
  consent: 'true, hvis borgeren har givet samtykke til den tidligere overtagelse',
  given_name: 'fornavn',
  family_name: 'efternavn',
  birth_date: 'fødselsdato, åååå-mm-dd',
  sex: 'female, male eller other',
  relation: 'head, spouse, child eller other',
  residence_basis: 'spontaneous_refugee, quota_refugee, family_reunified, accompanying_child eller other',
  cpr: 'CPR-nummer eller erstatningsnummer; tomt, hvis borgeren endnu ikke har et',
  country_of_origin: 'landekode, fx SY',
  languages: 'sprogkoder adskilt af mellemrum, fx ar ku',
};

/** What of the person's data a use concerned (the access log's resource). */
export const ACCESS_LOG_RESOURCES = [
  'person',
  'household',
  'obligations',
  'access-log',
  'worklist',
  'person-search',
  'outcomes',
  ...CASE_RECORDS,
] as const;
export type AccessLogResource = (typeof ACCESS_LOG_RESOURCES)[number];
export const ACCESS_LOG_RESOURCE_DA: Record<AccessLogResource, string> = {
  person: 'Borgerens oplysninger',
  household: 'Husstand',
  obligations: 'Forpligtelser',
  'access-log': 'Adgangslog',
  worklist: 'Arbejdsliste',
  'person-search': 'Søgning',
  outcomes: 'Beskæftigelse, uddannelse og dansk',
  ...CASE_RECORD_DA,
};
/** A placement plan is logged as the resource `placement_plan:<plan id>`. */
export const PLACEMENT_PLAN_RESOURCE_DA = 'Placeringsplan';

/** An access-log resource in Danish; a placement plan by its kind; an unknown resource as stored. */
export function accessLogResourceDa(resource: string): string {
  if (resource.startsWith('placement_plan:')) return PLACEMENT_PLAN_RESOURCE_DA;
  return termDa(ACCESS_LOG_RESOURCE_DA, resource);
}

// ---- Indicators ------------------------------------------------------------------------------
// Keyed by the literal values of src/domain/indicators.ts (INDICATOR_BREAKDOWNS, AGE_BANDS,
// UNKNOWN_GROUP, NO_PROGRAM_GROUP), written out here: importing that module's types would make an
// import cycle (indicators → obligations → glossary). The indicator page checks at compile time
// that the keys are exactly those values.

/** What an indicator is broken down by (opdeling). */
export const INDICATOR_BREAKDOWN_DA = {
  sex: 'Køn',
  age_band: 'Alder',
  residence_basis: 'Opholdsgrundlag',
  program: 'Program',
  cohort: 'Overtagelsesår',
} as const satisfies Record<string, string>;

/** The age bands of the indicators (age on the reference date). */
export const AGE_BAND_DA = {
  '0-5': '0–5 år',
  '6-17': '6–17 år',
  '18-24': '18–24 år',
  '25-29': '25–29 år',
  '30-39': '30–39 år',
  '40-49': '40–49 år',
  '50-59': '50–59 år',
  '60-64': '60–64 år',
  '65+': '65 år og derover',
} as const satisfies Record<string, string>;

/** A breakdown group where the attribute is not recorded ('unknown'), and a person in no program ('none'). */
export const INDICATOR_GROUP_UNKNOWN_DA = 'Ikke registreret';
export const INDICATOR_GROUP_NO_PROGRAM_DA = 'Intet program';

/** A breakdown group of an indicator in Danish: the glossary's term of the value; a cohort is its year of takeover. */
export function indicatorGroupDa(breakdown: keyof typeof INDICATOR_BREAKDOWN_DA, group: string): string {
  if (group === 'unknown') return INDICATOR_GROUP_UNKNOWN_DA;
  switch (breakdown) {
    case 'sex':
      return termDa(SEX_DA, group);
    case 'age_band':
      return termDa(AGE_BAND_DA, group);
    case 'residence_basis':
      return termDa(RESIDENCE_BASIS_DA, group);
    case 'program':
      return group === 'none' ? INDICATOR_GROUP_NO_PROGRAM_DA : termDa(PROGRAM_DA, group);
    case 'cohort':
      return `Overtaget ${group}`;
  }
}

// ---- The governance cycle ----------------------------------------------------------------------

/** What the secretariat records (hændelse). */
export const GOVERNANCE_EVENT_KIND_DA: Record<GovernanceEventKind, string> = {
  meeting: 'Møde',
  hearing: 'Høring',
  statement: 'Udtalelse',
  report: 'Beretning eller rapport',
  campaign: 'Kampagne',
  initiative: 'Initiativ',
};

// ---- The annual report (årsrapport) -------------------------------------------------------------

/** How a governance obligation that fell due in the report's year went. */
export const REPORT_GOVERNANCE_OUTCOMES = ['met_on_time', 'met_late', 'missed', 'not_yet_due'] as const;
export type ReportGovernanceOutcome = (typeof REPORT_GOVERNANCE_OUTCOMES)[number];
export const REPORT_GOVERNANCE_OUTCOME_DA: Record<ReportGovernanceOutcome, string> = {
  met_on_time: 'Opfyldt til tiden',
  met_late: 'Opfyldt for sent',
  missed: 'Ikke opfyldt',
  not_yet_due: 'Endnu ikke forfaldent',
};

/** Where an indicator comes from (an indicator source's type in policies/indicators.yaml). */
export const INDICATOR_SOURCE_KIND_DA = {
  barometer: 'Integrationsbarometeret',
  jobindsats: 'Jobindsats',
  policy: 'Kommunens integrationspolitik',
  law: 'Loven',
  national: 'National målsætning',
} as const satisfies Record<string, string>;

/** Whose rule it is: the law's, or the municipality's own policy's. */
export const RULE_LAYER_DA = { law: 'Loven', municipality: 'Kommunens politik' } as const;

// ---- Records that change and cases that close (issue 13) ------------------------------------------

/** A changeable case record, as a label. */
export const RECORD_KIND_DA: Record<RecordKind, string> = {
  activity: 'Aktivitet',
  enrolment: 'Indskrivning',
  conversation: 'Samtale',
  follow_up: 'Opfølgning',
  language_assessment: 'Sprogvurdering',
};

/** A changeable case record inside a sentence ("Ret aktivitet"). */
export const RECORD_KIND_IN_SENTENCE_DA: Record<RecordKind, string> = {
  activity: 'aktivitet',
  enrolment: 'indskrivning',
  conversation: 'samtale',
  follow_up: 'opfølgning',
  language_assessment: 'sprogvurdering',
};

/** What a history row records. */
export const RECORD_OPERATION_DA: Record<RecordOperation, string> = {
  change: 'Rettet',
  end: 'Afsluttet',
  delete: 'Slettet',
};

/** Why a case closed, as a label. */
export const CLOSURE_REASON_DA: Record<ClosureReason, string> = {
  moved: 'Flyttet til en anden kommune',
  self_supporting: 'Selvforsørgende',
  repatriated: 'Repatrieret',
  died: 'Død',
};

/** Why a case closed, inside a sentence ("Sagen er afsluttet … (flyttet til en anden kommune)"). */
export const CLOSURE_REASON_IN_SENTENCE_DA: Record<ClosureReason, string> = {
  moved: 'flyttet til en anden kommune',
  self_supporting: 'selvforsørgende',
  repatriated: 'repatrieret',
  died: 'død',
};

/** Why a case closed, in a sentence, naming the municipality moved to when it is known: "flyttet til Aarhus Kommune". */
export function closureReasonSentenceDa(reason: ClosureReason, movedToName: string | null): string {
  return reason === 'moved' && movedToName !== null
    ? `flyttet til ${movedToName} Kommune`
    : CLOSURE_REASON_IN_SENTENCE_DA[reason];
}

/** A history row about the closure itself. */
export const CLOSURE_RECORD_DA = 'Afslutning af sagen';

// ---- The registries ------------------------------------------------------------------------------

/** A registry's name (a heading, a menu) and a record of it in a sentence ("Opret by"). */
export const REGISTRY_DA: Record<RegistryKind, { title: string; one: string }> = {
  towns: { title: 'Byer', one: 'by' },
  'housing-units': { title: 'Boliger', one: 'bolig' },
  institutions: { title: 'Institutioner', one: 'institution' },
  companies: { title: 'Virksomheder', one: 'virksomhed' },
  positions: { title: 'Pladser i virksomheder', one: 'plads' },
  volunteers: { title: 'Frivillige og mentorer', one: 'frivillig' },
  associations: { title: 'Foreninger', one: 'forening' },
};

/** A registry field's label, by its API name; `kind` differs between registries. */
export const REGISTRY_FIELD_DA: Readonly<Record<string, string>> = {
  name: 'Navn',
  population: 'Indbyggere',
  latitude: 'Breddegrad',
  longitude: 'Længdegrad',
  publicTransport: 'Offentlig transport',
  transportLines: 'Bus- og toglinjer',
  departuresPerWeekday: 'Afgange pr. hverdag',
  services: 'Service i byen',
  address: 'Adresse',
  townId: 'By',
  landlord: 'Udlejer',
  landlordName: 'Udlejers navn',
  rooms: 'Værelser',
  areaM2: 'Areal (m²)',
  rentDkk: 'Husleje pr. måned (kr.)',
  accessible: 'Tilgængelig (handicapvenlig)',
  tenure: 'Midlertidig eller permanent',
  availableFrom: 'Ledig fra',
  deprivedArea: 'I et udsat boligområde',
  status: 'Status',
  capacity: 'Kapacitet (pladser)',
  enrolled: 'Indskrevne',
  bilingualEnrolled: 'Heraf tosprogede',
  admittedThisYear: 'Optaget i år',
  admittedFromDeprivedThisYear: 'Heraf fra udsatte boligområder',
  hasReceptionClass: 'Har modtageklasse',
  hasSfo: 'Har SFO',
  sector: 'Branche',
  contactName: 'Kontaktperson',
  contactPhone: 'Kontaktpersonens telefon',
  contactEmail: 'Kontaktpersonens e-mail',
  companyId: 'Virksomhed',
  title: 'Betegnelse',
  hoursPerWeek: 'Timer pr. uge',
  realOpening: 'Reel jobåbning',
  seats: 'Pladser',
  givenName: 'Fornavn',
  familyName: 'Efternavn',
  languages: 'Sprog',
  areaKm: 'Område (km fra byen)',
  mentor: 'Mentor',
  mentorCapacity: 'Familier som mentor',
  hoursPerMonth: 'Timer pr. måned',
  phone: 'Telefon',
  email: 'E-mail',
  activities: 'Aktiviteter',
  minAge: 'Alder fra',
  maxAge: 'Alder til',
  contact: 'Kontakt',
};
/** `kind` per registry. */
export const REGISTRY_KIND_FIELD_DA: Readonly<Partial<Record<RegistryKind, string>>> = {
  institutions: 'Art',
  positions: 'Tilbud',
  associations: 'Type',
};

export const PUBLIC_TRANSPORT_DA: Record<(typeof PUBLIC_TRANSPORT)[number], string> = {
  rail: 'Tog',
  frequent_bus: 'Hyppig bus',
  bus: 'Bus',
  limited: 'Begrænset',
};
export const TOWN_SERVICE_DA: Record<(typeof TOWN_SERVICES)[number], string> = {
  gp: 'Praktiserende læge',
  supermarket: 'Indkøb',
  school: 'Skole',
  daycare: 'Dagtilbud',
  library: 'Bibliotek',
  sports_club: 'Idrætsforening',
  language_school: 'Sprogcenter',
};
export const LANDLORD_DA: Record<(typeof LANDLORDS)[number], string> = {
  housing_association: 'Boligforening',
  private: 'Privat udlejer',
  municipality: 'Kommunen',
};
export const TENURE_DA: Record<(typeof TENURES)[number], string> = {
  temporary: 'Midlertidig',
  permanent: 'Permanent',
};
export const HOUSING_UNIT_STATUS_DA: Record<(typeof HOUSING_UNIT_STATUSES)[number], string> = {
  available: 'Ledig',
  reserved: 'Reserveret',
  let: 'Udlejet',
};
export const INSTITUTION_KIND_DA: Record<(typeof INSTITUTION_KINDS)[number], string> = {
  daycare: 'Dagtilbud',
  school: 'Skole',
  language_school: 'Sprogcenter',
};
export const ASSOCIATION_ACTIVITY_DA: Record<(typeof ASSOCIATION_ACTIVITIES)[number], string> = {
  sport: 'Idræt',
  culture: 'Kultur',
  homework_help: 'Lektiehjælp',
  language_cafe: 'Sprogcafé',
  women: 'For kvinder',
  youth: 'For unge',
  family: 'For familier',
  other: 'Andet',
};

/** A household's housing now (households.housing_status). */
export const HOUSING_STATUS_DA: Readonly<Record<string, string>> = {
  none: 'Ingen bolig endnu',
  temporary: 'Midlertidig bolig',
  permanent: 'Permanent bolig',
};

// ---- Placement plans (the pages under /placering) ----------------------------------------------
// Keyed by the literal plan kinds and statuses of src/db/schema.ts (PlanKind, PlanStatus,
// ProposalStatus), written out here: the domain does not import the data layer.

export const PLACEMENT_KINDS = ['housing', 'daycare', 'school', 'internships', 'mentors'] as const;
export type PlacementKind = (typeof PLACEMENT_KINDS)[number];

/** A placement kind as a page's heading and a menu's link. */
export const PLACEMENT_KIND_DA: Record<PlacementKind, string> = {
  housing: 'Boligplacering',
  daycare: 'Pladser i dagtilbud',
  school: 'Pladser i skole',
  internships: 'Virksomhedspraktik',
  mentors: 'Mentorer',
};

/** Whom a plan of the kind places, as a column head. */
export const PLACEMENT_AGENT_DA: Record<PlacementKind, string> = {
  housing: 'Husstand',
  daycare: 'Barn',
  school: 'Barn',
  internships: 'Borger',
  mentors: 'Husstand',
};

/** What a plan of the kind proposes, as a column head. */
export const PLACEMENT_OPTION_DA: Record<PlacementKind, string> = {
  housing: 'Bolig',
  daycare: 'Dagtilbud',
  school: 'Skole',
  internships: 'Forløb',
  mentors: 'Mentor',
};

export const PLACEMENT_PLAN_STATUSES = ['draft', 'accepted', 'partially_accepted', 'discarded'] as const;
export type PlacementPlanStatus = (typeof PLACEMENT_PLAN_STATUSES)[number];
export const PLACEMENT_PLAN_STATUS_DA: Record<PlacementPlanStatus, string> = {
  draft: 'Udkast',
  accepted: 'Godkendt',
  partially_accepted: 'Delvist godkendt',
  discarded: 'Kasseret',
};

export const PLACEMENT_PROPOSAL_STATUSES = ['proposed', 'accepted', 'rejected', 'superseded'] as const;
export type PlacementProposalStatus = (typeof PLACEMENT_PROPOSAL_STATUSES)[number];
export const PLACEMENT_PROPOSAL_STATUS_DA: Record<PlacementProposalStatus, string> = {
  proposed: 'Foreslået',
  accepted: 'Godkendt',
  rejected: 'Afvist',
  superseded: 'Erstattet af en nyere plan',
};

/** Whom a plan of the kind places, plural: "Husstande i runden". */
export const PLACEMENT_AGENT_PLURAL_DA: Record<PlacementKind, string> = {
  housing: 'Husstande',
  daycare: 'Børn',
  school: 'Børn',
  internships: 'Borgere',
  mentors: 'Husstande',
};

/** What a round of the kind can offer, plural: "Ledige boliger". */
export const PLACEMENT_OPTION_PLURAL_DA: Record<PlacementKind, string> = {
  housing: 'Ledige boliger',
  daycare: 'Dagtilbud med ledige pladser',
  school: 'Skoler med ledige pladser',
  internships: 'Forløb med ledige pladser',
  mentors: 'Mentorer med plads til flere',
};
