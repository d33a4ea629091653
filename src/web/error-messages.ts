// The Danish text of every error code: what the pages show for a service error or a field
// problem. Pages map the code, never the English detail (which is for developers and may be
// reworded). Exhaustive by type: a new code in src/services/errors.ts without a text here does
// not compile. Texts are written for the caseworker: what is wrong, and what to do.
import type { ErrorCode } from '../services/errors.js';

export const ERROR_MESSAGES: Record<ErrorCode, string> = {
  // not found
  'person.not_found': 'Borgeren findes ikke, eller dit arbejde omfatter ikke borgeren',
  'municipality.not_found': 'Kommunen findes ikke, eller du har ikke adgang til dens oplysninger',
  'placement_plan.not_found': 'Placeringsplanen findes ikke',
  'token.not_found': 'Adgangsnøglen findes ikke',
  'indicator.not_found': 'Indikatoren findes ikke',
  'route.not_found': 'Siden findes ikke',
  'registry.not_found': 'Oplysningen findes ikke i registret',
  // who may do what
  'auth.unauthenticated': 'Du er ikke logget ind. Log ind igen',
  'role.forbidden': 'Din rolle giver ikke adgang til dette',
  'csrf.expired': 'Formularen er udløbet. Åbn siden igen og send formularen på ny.',
  'purpose.invalid': 'Formålet med opslaget er ikke gyldigt',
  // concurrent changes
  'precondition.failed':
    'Oplysningerne er ændret, siden du åbnede siden. Din ændring er ikke gemt. Se de gemte oplysninger, ret formularen og gem igen.',
  'precondition.required':
    'Oplysningerne er ændret, siden du åbnede siden. Din ændring er ikke gemt. Se de gemte oplysninger, ret formularen og gem igen.',
  'request.concurrent_change':
    'En anden ændring blev gemt i samme øjeblik. Din ændring er ikke gemt. Åbn siden igen og prøv igen',
  // the request itself
  'request.invalid': 'Oplysningerne har ikke den rigtige form. Tjek felterne og prøv igen',
  'request.malformed': 'Forespørgslen kunne ikke læses. Prøv igen',
  'request.unstorable_character': 'Teksten indeholder tegn, der ikke kan gemmes',
  'request.headers_too_large': 'Forespørgslen er for stor. Prøv igen',
  'request.timeout': 'Forespørgslen tog for lang tid. Prøv igen',
  internal: 'Der skete en fejl hos os. Fejlen er registreret; prøv igen om lidt',
  // dates of case records
  'date.in_future': 'Datoen ligger i fremtiden',
  'date.before_birth': 'Datoen ligger før borgerens fødselsdato',
  'date.end_before_start': 'Slutdatoen ligger før startdatoen',
  // persons and households
  'household.invalid': 'Husstanden kan ikke registreres, som den er udfyldt. Tjek felterne og prøv igen',
  'household.head_count': 'En husstand skal have præcis én hovedperson',
  'household.spouse_count': 'En husstand kan have højst én ægtefælle til hovedpersonen',
  'arrival_date.in_future': 'Ankomstdatoen ligger i fremtiden',
  'birth_date.in_future': 'Fødselsdatoen ligger i fremtiden',
  'birth_date.too_old': 'Fødselsdatoen ligger mere end 130 år tilbage. Tjek datoen',
  'birth_date.cpr_on_file_mismatch':
    'Fødselsdatoen passer ikke med borgerens CPR-nummer. Ret CPR-nummeret og fødselsdatoen på én gang',
  'cpr.format': 'CPR-nummeret skal have formen ddmmåå-xxxx, fx 010190-1234',
  'cpr.invalid_date': 'CPR-nummeret er ikke gyldigt. Skriv det som ddmmåå-xxxx, fx 010190-1234',
  'cpr.birth_date_mismatch': 'CPR-nummeret passer ikke med fødselsdatoen',
  'cpr.duplicate_in_household': 'Det samme CPR-nummer står ved to medlemmer',
  'cpr.already_registered': 'Der er allerede registreret en borger med dette CPR-nummer; søg borgeren frem i stedet',
  // search
  'search.too_short': 'Skriv mindst to tegn: et navn eller et CPR-nummer',
  'search.several_cpr': 'Søg på ét CPR-nummer ad gangen',
  'search.digits': 'Skriv et navn eller et helt CPR-nummer (ddmmåå-xxxx)',
  'search.cpr_not_for_role': 'Din rolle søger kun på navn. Skriv fornavn, efternavn eller begge',
  // case records
  'contact_person.not_staff': 'Vælg en sagsbehandler eller teamleder fra listen',
  'contact_person.before_current': 'Datoen ligger før den nuværende kontaktpersons startdato',
  'health_assessment.needed_missing': 'Angiv, om der er behov for en helbredsmæssig vurdering',
  'health_assessment.needed_on_offer': 'Et tilbud angiver ikke behovet; registrér vurderingen af behovet for sig',
  'health_assessment.accepted_without_offer': 'Kun et tilbud kan tages imod',
  'repatriation_notice.organisation':
    'En underretning angiver den organisation, der er underrettet; et ønske angiver ingen',
  'reception_step.before_arrival': 'Datoen ligger før borgerens ankomst til kommunen',
  'activity.igu_hours_below_average': 'En IGU har i gennemsnit mindst 25 timers lønnet arbejde om ugen',
  'activity.igu_longer_than_allowed': 'En IGU varer højst 2 år',
  'conversation.repatriation_note_without_guidance':
    'En note om repatriering kræver, at der er givet vejledning om repatriering. Sæt kryds, eller slet noten',
  'institution.unknown': 'Vælg en institution fra listen',
  'institution.wrong_kind': 'Institutionen passer ikke til den valgte art (dagtilbud eller skole)',
  // records that change and cases that close
  'case_record.not_found': 'Registreringen findes ikke længere for borgeren. Den kan være slettet',
  'closure.not_found': 'Borgerens sag er ikke afsluttet',
  'closure.already_closed': 'Borgerens sag er allerede afsluttet. Slet afslutningen først, hvis den er forkert',
  'closure.before_takeover': 'Sagen kan ikke afsluttes før overtagelsesdatoen',
  'closure.moved_to_without_move': 'Angiv kun den nye kommune, når borgeren er flyttet til en anden kommune',
  'closure.moved_to_own_municipality': 'Den nye kommune skal være en anden end din egen',
  'closure.moved_to_unknown': 'Vælg en af de 98 kommuner',
  // placement runs and decisions
  'placement.mechanism_not_for_kind': 'Udskudt accept (familiernes ønsker) bruges kun til pladser i dagtilbud og skole',
  'placement.locks_with_deferred_acceptance':
    'Fastlåste og udelukkede par kan kun bruges i den optimerede plan, ikke med udskudt accept',
  'placement.infeasible': 'Ingen placering opfylder betingelserne og de fastlåste par. Løsn nogle af dem, og kør igen',
  'placement.unknown_criterion': 'Vægtene nævner et kriterium, som denne slags placering ikke har',
  'placement.invalid_what_if': 'De fastlåste og udelukkede par kan ikke bruges sammen. Tjek dem, og kør igen',
  'placement.unknown_agent': 'Den fastlåste eller udelukkede borger eller husstand er ikke med i denne runde',
  'placement.unknown_option': 'Den fastlåste eller udelukkede plads er ikke ledig i denne runde',
  'placement.decision_missing': 'Vælg de forslag, der skal godkendes eller afvises',
  'placement.decision_both': 'Et forslag kan ikke både godkendes og afvises',
  'placement.decision_conflict':
    'Nogle forslag kan ikke længere godkendes eller afvises. Intet er ændret; se planen igen',
  'placement.conflict.not_in_plan': 'Forslaget hører ikke til planen',
  'placement.conflict.not_pending': 'Forslaget er allerede godkendt, afvist eller erstattet',
  'placement.conflict.duplicate_agent': 'To forslag for samme borger eller husstand i én beslutning',
  'placement.conflict.option_missing': 'Boligen, institutionen, pladsen eller mentoren findes ikke længere',
  'placement.conflict.unit_not_available': 'Boligen er reserveret eller udlejet',
  'placement.conflict.household_housed': 'Husstanden har allerede en permanent bolig',
  'placement.conflict.institution_full': 'Institutionen har ingen ledige pladser',
  'placement.conflict.already_enrolled': 'Barnet har allerede en plads af denne art',
  'placement.conflict.position_full': 'Der er ingen ledige pladser i forløbet',
  'placement.conflict.already_placed': 'Borgeren har allerede et virksomhedsrettet tilbud',
  'placement.conflict.mentor_full': 'Mentoren har ikke plads til flere familier',
  'placement.conflict.already_mentored': 'Borgeren eller husstanden har allerede en mentor',
  // tokens and sign-in
  'token.person_required': 'En borgers adgangsnøgle skal angive borgeren',
  'token.person_not_allowed': 'Kun en borgers adgangsnøgle angiver en borger',
  'token.client_name_required': 'Skriv navnet på den integration, adgangsnøglen er til',
  'token.person_unknown': 'Borgeren er ikke registreret i kommunen',
  'municipality.unknown': 'Der findes ingen kommune med denne kode',
  'sign_in.citizen': 'Borgere logger ikke ind i sagsbehandlersystemet',
  'sign_in.no_subject': 'Identitetsudbyderen sendte ingen brugbar identitet. Prøv igen',
  // the governance cycle
  'governance_case.not_found': 'Sagen findes ikke',
  'governance.unknown_rule': 'Reglen findes ikke i kommunens politik, eller den er ikke en styringsregel',
  'governance.kind_not_for_rule': 'Denne slags hændelse opfylder ikke den valgte regel',
  // indicators and their comparison
  'indicator.not_comparable':
    'Indikatoren kan ikke sammenlignes på tværs af kommuner, fordi den måler en regel i én kommunes egen politik',
  'comparison.municipality_unknown': 'Vælg kommuner blandt landets 98 kommuner (kommunekode med tre cifre)',
  'comparison.too_many_municipalities': 'Vælg højst 98 kommuner, hver kun én gang',
  // outcome records
  'labour_market_period.not_found': 'Perioden findes ikke for borgeren',
  'labour_market_period.overlaps':
    'Perioden overlapper en anden periode af samme slags for borgeren. Afslut eller ret den anden periode først',
  'labour_market_period.hours_not_paid_work':
    'Timer om ugen angives kun for lønnet arbejde: ordinært job, løntilskud, IGU og fleksjob',
  'labour_market_period.benefit_missing': 'Angiv hvilken ydelse borgeren modtager i perioden',
  'labour_market_period.benefit_not_on_benefit': 'En ydelse angives kun for en periode på offentlig ydelse',
  'labour_market_period.education_kind_not_education': 'Uddannelsens art angives kun for en periode i uddannelse',
  'danish_education.started_before_referral': 'Danskuddannelsen kan ikke begynde før henvisningen',
  'danish_education.module_before_start': 'Et modul kan først angives, når danskuddannelsen er begyndt',
  'danish_education.no_such_module':
    'Danskuddannelsen har ikke dette modul. DU1 og DU2 har modul 1-6, DU3 modul 1-5 og et valgfrit modul 6',
  // a CSV import of outcome records
  // the registries
  'registry.in_use':
    'Posten bruges stadig (af en husstand, en plads, en aktivitet, et forslag eller et andet register) og kan ikke slettes',
  'registry.unknown_reference': 'Den valgte by, virksomhed eller post findes ikke i kommunens registre',
  'registry.coordinates_together': 'Udfyld både bredde- og længdegrad, eller ingen af dem',
  'registry.age_range': 'Den laveste alder er højere end den højeste',
  'registry.composition': 'En del kan ikke være større end helheden (fx tosprogede end indskrevne i alt)',
  'registry_import.invalid': 'Filen er ikke indlæst, og intet er gemt. Ret de nævnte linjer, og indlæs hele filen igen',
  'registry_import.malformed': 'Filen kan ikke læses som CSV. Gem den som CSV (UTF-8), og prøv igen',
  'registry_import.empty': 'Filen har ingen linjer med oplysninger under overskriftslinjen',
  'registry_import.too_many': 'Filen har for mange linjer. Del den op, og indlæs delene hver for sig',
  'registry_import.column_unknown': 'Kolonnen kendes ikke. Brug kolonnerne fra registrets eksportfil',
  'registry_import.column_duplicate': 'Kolonnen står flere gange i overskriftslinjen',
  'registry_import.column_missing': 'En påkrævet kolonne mangler i overskriftslinjen',
  'registry_import.invalid_cell': 'Værdien er ikke gyldig i denne kolonne',
  'registry_import.version_missing':
    'En linje med id ændrer en eksisterende post: angiv også versionen fra eksportfilen',
  'registry_import.unknown_id': 'Der findes ingen post med dette id i registret',
  'registry_import.version_changed': 'Posten er ændret siden eksporten. Eksportér registret igen, og ret i den nye fil',
  'outcome_import.invalid': 'Filen er ikke indlæst, og intet er gemt. Ret de nævnte linjer, og indlæs hele filen igen',
  'outcome_import.malformed':
    'Filen kan ikke læses som CSV. Tjek anførselstegnene og skilletegnet (komma eller semikolon)',
  'outcome_import.empty': 'Filen har ingen linjer med oplysninger under overskriftslinjen',
  'outcome_import.too_many_lines': 'Filen har for mange linjer. Del den op i filer med højst 10.000 linjer',
  'outcome_import.column_missing': 'Overskriftslinjen skal have kolonnen record og en af kolonnerne person_id og cpr',
  'outcome_import.column_unknown': 'Kolonnen findes ikke i importen. Ret eller fjern den',
  'outcome_import.column_duplicate': 'Kolonnen står mere end én gang i overskriftslinjen',
  'outcome_import.column_count': 'Linjen har ikke lige så mange felter som overskriftslinjen',
  'outcome_import.person_reference': 'Angiv borgeren med enten person_id eller cpr på linjen, ikke med begge',
  'outcome_import.person_id_invalid': 'Skriv borgerens id fra Medborger (et UUID)',
  'outcome_import.cpr_not_found': 'Ingen borger i kommunen har dette CPR-nummer',
  'outcome_import.record_unknown':
    'Angiv record som labour_market, education_completed, danish_education eller danish_test',
  'outcome_import.column_not_for_record': 'Feltet hører ikke til denne slags oplysning. Lad det være tomt',
  'outcome_import.value_missing': 'Feltet skal udfyldes for denne slags oplysning',
  'outcome_import.invalid_date': 'Skriv en gyldig dato som åååå-mm-dd fra 1990 og frem',
  'outcome_import.invalid_choice': 'Værdien er ikke en af de tilladte værdier for feltet',
  'outcome_import.invalid_hours': 'Skriv timer pr. uge som et tal fra 0 til 80 i halve timer',
  'outcome_import.invalid_boolean': 'Skriv true eller false',
  // the takeover date and a household that grows
  'takeover.date_missing': 'Udfyld datoen for visitationsafgørelsen eller overtagelsesdatoen',
  'takeover.consent_missing':
    'En overtagelse før den dato, loven giver, kræver borgerens samtykke. Markér samtykket, eller ret datoen',
  'takeover.after_statutory':
    'Overtagelsesdatoen ligger efter den dato, hvor kommunen efter loven overtager ansvaret. Ret datoen',
  'takeover.before_decision': 'Overtagelsesdatoen ligger før visitationsafgørelsen',
  'household.not_found': 'Husstanden findes ikke, eller dit arbejde omfatter den ikke',
  // an import of arrivals
  'arrival_import.invalid':
    'Filen er ikke indlæst, og intet er gemt. Ret de nævnte husstande og medlemmer, og indlæs hele filen igen',
  'arrival_import.malformed':
    'Filen kunne ikke læses som CSV eller JSON. Tjek, at den er gemt som CSV (UTF-8) eller JSON',
  'arrival_import.empty': 'Filen har ingen husstande',
  'arrival_import.too_many': 'Filen har for mange husstande eller medlemmer. Del den op i flere filer',
  'arrival_import.column_missing': 'Overskriftslinjen mangler en kolonne, som skal være med',
  'arrival_import.column_unknown': 'Kolonnen findes ikke i importen af ankomster. Ret eller fjern den',
  'arrival_import.column_duplicate': 'Kolonnen står mere end én gang i overskriftslinjen',
  'arrival_import.column_count': 'Linjen har ikke lige så mange felter som overskriftslinjen',
  'arrival_import.value_missing': 'Feltet skal udfyldes',
  'arrival_import.invalid_value': 'Værdien har ikke den rigtige form',
  'arrival_import.invalid_date': 'Skriv en gyldig dato som åååå-mm-dd',
  'arrival_import.invalid_choice': 'Værdien er ikke en af de tilladte værdier for feltet',
  'arrival_import.invalid_boolean': 'Skriv true eller false',
  'arrival_import.reference_invalid':
    'Referencen skal være meddelelsens eget nummer: bogstaver, tal, bindestreg, punktum eller skråstreg',
  'arrival_import.reference_repeated': 'Den samme reference står ved to husstande i filen',
  'arrival_import.household_differs':
    'Husstandens linjer skal have samme afgørelsesdato, overtagelsesdato og samtykke på hver linje',
  'arrival_import.cpr_repeated': 'Det samme CPR-nummer står ved to medlemmer i filen',
  'arrival_import.content_type': 'Send filen som CSV (text/csv) eller JSON (application/json)',
  // appointments, the calendar and attachments
  'appointment.not_found': 'Aftalen findes ikke',
  'appointment.in_past': 'Tidspunktet er passeret. Vælg et tidspunkt i fremtiden',
  'appointment.not_planned':
    'Aftalen er ikke længere planlagt (den er afholdt, aflyst eller registreret som udeblevet)',
  'appointment.not_yet_started':
    'Aftalen er ikke begyndt endnu. Den kan først registreres som afholdt eller udeblevet, når tidspunktet er nået',
  'appointment.caseworker_not_staff': 'Sagsbehandleren skal være sagsbehandler eller teamleder i kommunen',
  'appointment.unknown_rule': 'Reglen findes ikke i kommunens politik eller loven',
  'calendar.range': 'Perioden skal slutte samme dag eller efter, den begynder, og må højst være 62 dage',
  'attachment.not_found': 'Bilaget findes ikke',
  'attachment.deleted': 'Bilaget er slettet',
  'attachment.too_large': 'Filen er for stor. Den må højst være 10 MB',
  'attachment.empty': 'Filen er tom. Vælg en fil',
  'attachment.type_not_allowed': 'Filtypen kan ikke vedhæftes. Vælg en PDF-, PNG-, JPEG- eller tekstfil',
  'attachment.content_mismatch':
    'Filens indhold passer ikke til filtypen. Vælg en gyldig PDF-, PNG-, JPEG- eller tekstfil',
  'attachment.file_name': 'Filnavnet er ikke gyldigt. Giv filen et navn på højst 200 tegn',
};

/** The Danish text of an error code. */
export function errorMessage(code: ErrorCode): string {
  return ERROR_MESSAGES[code];
}
