// The Danish catalogue of the citizen pages: every key the pages use (the other catalogues are
// checked against it). Plain Danish: short sentences and common words (LIX 35 or below, tested).
// Reviewed: Danish is the source language, written by the team.
export const da = {
  'app.title': 'Min side',
  'app.skip': 'Gå til indhold',
  'app.hello': 'Hej {name}',
  'app.municipality': '{name} Kommune',
  'app.unreviewed': 'Denne oversættelse er ikke tjekket af en oversætter endnu.',
  'app.language': 'Sprog',
  'app.menu': 'Menu',
  'app.signOut': 'Log ud',
  'app.source': 'Kilde: {source}',
  'app.policySource': 'kommunens integrationspolitik',

  'nav.plan': 'Min plan',
  'nav.appointments': 'Aftaler',
  'nav.activities': 'Aktiviteter',
  'nav.children': 'Børn',
  'nav.rights': 'Rettigheder og pligter',
  'nav.offers': 'Tilbud i nærheden',
  'nav.repatriation': 'Hjemrejse',
  'nav.accessLog': 'Hvem har brugt mine oplysninger',
  'nav.policy': 'Kommunens integrationspolitik',

  'login.title': 'Log ind',
  'login.text': 'Log ind med MitID. Så kan du se din plan, dine aftaler og dine rettigheder.',
  'login.button': 'Log ind med MitID',
  'login.municipality': 'Din kommune',
  'login.failed': 'Det lykkedes ikke at logge ind. Prøv igen.',
  'login.expired': 'Det tog for lang tid. Prøv at logge ind igen.',
  'login.noMatch.title': 'Vi kan ikke finde dig',
  'login.noMatch.text':
    'Du er ikke skrevet op hos kommunen som ny borger. Ring til kommunen, hvis du mener, at det er en fejl.',
  'login.signedOut': 'Du er logget ud.',
  'login.again': 'Log ind igen',

  'plan.next': 'Det skal du gøre nu',
  'plan.noneNext': 'Du har ingen opgaver lige nu.',
  'plan.done': 'Det er gjort',
  'plan.noneDone': 'Der er ikke noget, der er gjort endnu.',
  'plan.contact': 'Din kontaktperson',
  'plan.contactNone': 'Du har ikke fået en kontaktperson endnu.',
  'plan.reach': 'Ring til {phone} eller skriv til {email}. Sig, at du vil tale med {name}.',
  'plan.late': 'Fristen er overskredet. Tal med din kontaktperson.',
  'plan.nextAppointment': 'Dit næste møde',

  'step.contract':
    'Du skal skrive under på din plan med kommunen{dated, select, yes { senest {date, date, dayMonth}} other {}}.',
  'step.visitation':
    'Du skal til en samtale om dine ønsker og evner{dated, select, yes { senest {date, date, dayMonth}} other {}}.',
  'step.contactPerson':
    'Du får en fast kontaktperson hos kommunen{dated, select, yes { senest {date, date, dayMonth}} other {}}.',
  'step.danishStart':
    'Du skal begynde på danskuddannelse{dated, select, yes { senest {date, date, dayMonth}} other {}}.',
  'step.danishReferral':
    'Kommunen melder dig til danskuddannelse{dated, select, yes { senest {date, date, dayMonth}} other {}}.',
  'step.companyOffer':
    'Du skal begynde i praktik eller job på en arbejdsplads{dated, select, yes { senest {date, date, dayMonth}} other {}}.',
  'step.firstOffers':
    'Du skal begynde på dit første tilbud{dated, select, yes { senest {date, date, dayMonth}} other {}}.',
  'step.hours37': 'Du skal være i tilbud eller arbejde 37 timer om ugen.',
  'step.followUp':
    'Du skal til et møde med din kontaktperson om din plan{dated, select, yes { senest {date, date, dayMonth}} other {}}.',
  'step.familyFollowUp':
    'Din familie skal til et møde med kommunen{dated, select, yes { senest {date, date, dayMonth}} other {}}.',
  'step.repatriationTalk': 'Til hvert møde kan du spørge om hjælp til at rejse hjem.',
  'step.repatriationNotice': 'Vil du rejse hjem, giver kommunen besked til dem, der kan hjælpe dig.',
  'step.health':
    'Kommunen tilbyder dig et tjek af dit helbred{dated, select, yes { senest {date, date, dayMonth}} other {}}.',
  'step.daycare':
    'Dit barn skal have en plads i vuggestue eller børnehave{dated, select, yes { senest {date, date, dayMonth}} other {}}.',
  'step.school': 'Dit barn skal begynde i skole{dated, select, yes { senest {date, date, dayMonth}} other {}}.',
  'step.receptionClass':
    'Dit barn skal begynde i modtageklasse{dated, select, yes { senest {date, date, dayMonth}} other {}}.',
  'step.receptionClassEnd':
    'Dit barn skal gå i en almindelig klasse{dated, select, yes { senest {date, date, dayMonth}} other {}}.',
  'step.sfo': 'Dit barn kan få en plads i SFO{dated, select, yes { senest {date, date, dayMonth}} other {}}.',
  'step.languageAssessment':
    'Dit barn skal have testet sit sprog{dated, select, yes { senest {date, date, dayMonth}} other {}}.',
  'step.rightsInfo':
    'Kommunen fortæller dig om dine rettigheder og pligter{dated, select, yes { senest {date, date, dayMonth}} other {}}.',
  'step.reception':
    'Kommunen viser dig rundt og fortæller om byen{dated, select, yes { senest {date, date, dayMonth}} other {}}.',
  'step.other': 'Du har en opgave hos kommunen{dated, select, yes { senest {date, date, dayMonth}} other {}}.',

  'appointments.none': 'Du har ingen aftaler.',
  'appointments.when': '{start, date, weekdayDate} kl. {start, time, hm}',
  'appointments.duration': '{minutes, plural, one {# minut} other {# minutter}}',
  'appointments.place': 'Sted',
  'appointments.phone': 'Kommunen ringer til dig.',
  'appointments.video': 'Møde på video: {place}',
  'appointments.interpreter': 'Der kommer en tolk på {language}.',
  'appointments.noInterpreter': 'Der er ikke bestilt tolk. Sig til, hvis du har brug for en.',
  'appointments.with': 'Du skal mødes med {name}.',
  'appointments.ics': 'Gem i din kalender',
  'purpose.contract_follow_up': 'Møde om din plan',
  'purpose.visitation': 'Samtale om dine ønsker og evner',
  'purpose.family_follow_up': 'Møde med din familie',
  'purpose.health_assessment': 'Tjek af dit helbred',
  'purpose.other': 'Møde med kommunen',

  'activities.none': 'Du er ikke i gang med noget tilbud endnu.',
  'activities.hours': '{hours, plural, one {# time om ugen} other {# timer om ugen}}',
  'activities.from': 'Fra {from, date, dayMonthYear}',
  'activities.fromTo': 'Fra {from, date, dayMonthYear} til {to, date, dayMonthYear}',
  'activity.danish_education': 'Danskuddannelse',
  'activity.company_internship': 'Praktik på en arbejdsplads',
  'activity.wage_subsidy': 'Job med løntilskud',
  'activity.igu': 'IGU (job og skole)',
  'activity.ordinary_job': 'Job',
  'activity.education': 'Uddannelse',
  'activity.health': 'Hjælp til dit helbred',
  'activity.other': 'Andet tilbud',

  'children.none': 'Der er ingen børn under 18 år i din familie.',
  'children.age': '{age, plural, one {# år} other {# år}}',
  'children.nothing': 'Der er ikke noget skrevet op endnu.',
  'children.assessment': 'Sprogtest {date, date, dayMonthYear}: {result}',
  'enrolment.daycare': 'Vuggestue eller børnehave',
  'enrolment.school': 'Skole',
  'enrolment.reception_class': 'Modtageklasse',
  'enrolment.sfo': 'SFO',
  'assessment.general': 'Barnet klarer sig godt på dansk.',
  'assessment.focused': 'Barnet får lidt ekstra hjælp til dansk.',
  'assessment.special': 'Barnet får meget hjælp til dansk.',

  'rights.intro':
    'Her kan du se, hvad du har ret til, og hvad du skal. Hvert punkt står i loven eller i kommunens politik.',
  'rights.program.introduction': 'Du er i integrationsprogrammet. Målet er, at du får et job og lærer dansk.',
  'rights.program.self_support_and_return':
    'Du er i selvforsørgelses- og hjemrejseprogrammet. Målet er, at du får et job og kan forsørge dig selv.',
  'rights.program.none': 'Du er ikke i et program lige nu.',
  'rights.always': 'Det gælder altid',
  'rights.free': 'Danskuddannelse er gratis for dig.',
  'rights.interpreter': 'Du kan få en tolk til møder med kommunen.',
  'rights.insight': 'Du kan se, hvem der har brugt dine oplysninger.',
  'rights.complain': 'Er du ikke enig i en afgørelse, kan du klage. Spørg din kontaktperson hvordan.',
  'rights.rules': 'Din plan',
  'rights.law': 'Loven',
  'rights.policy': 'Kommunens politik',

  'offers.intro': 'Her er steder og folk, der kan hjælpe dig med at finde dig til rette.',
  'offers.school': 'Sprogskole',
  'offers.culture': 'Kultur',
  'offers.leisure': 'Fritid',
  'offers.associations': 'Foreninger',
  'offers.volunteers': 'Frivillige og mentorer',
  'offers.volunteerCount':
    '{count, plural, one {# frivillig kan hjælpe dig.} other {# frivillige kan hjælpe dig.}} {mentors, plural, =0 {} one {# af dem kan være din mentor.} other {# af dem kan være din mentor.}}',
  'offers.askMentor': 'Spørg din kontaktperson, hvis du vil have en mentor.',
  'offers.none': 'Der er ikke noget at vise endnu.',
  'offers.demo': 'Listen er eksempler. Den bliver snart opdateret af kommunen.',
  'offers.phone': 'Telefon: {phone}',
  'association.sports_club': 'Sport',
  'association.red_cross': 'Røde Kors',
  'association.refugee_volunteers': 'Frivillige for flygtninge',
  'association.church': 'Kirke og café',
  'association.cultural': 'Kultur og netværk',
  'association.other': 'Forening',

  'repatriation.intro': 'Du kan vælge at rejse tilbage til dit hjemland. Det er dit eget valg.',
  'repatriation.support':
    'Du kan få penge til rejsen og til at starte dit liv igen. Du kan også få hjælp til at flytte dine ting.',
  'repatriation.advice': 'Du kan få gratis råd. Rådet er fortroligt.',
  'repatriation.contact': 'Hvem kan hjælpe',
  'repatriation.ask': 'Du kan også spørge din kontaktperson ved hvert møde.',

  'accessLog.intro': 'Her kan du se, hvornår dine oplysninger er brugt, og hvorfor.',
  'accessLog.date': 'Dato',
  'accessLog.action': 'Hvad',
  'accessLog.purpose': 'Hvorfor',
  'accessLog.none': 'Ingen har brugt dine oplysninger endnu.',
  'accessLog.more': 'Der er flere. Spørg kommunen, hvis du vil se dem alle.',
  'action.read': 'Læst',
  'action.create': 'Skrevet ind',
  'action.change': 'Rettet',
  'action.update': 'Rettet',
  'action.delete': 'Slettet',
  'action.search': 'Søgt frem',
  'action.export': 'Hentet ud',

  'policy.vision': 'Kommunens vision',
  'policy.visionNote': 'Kommunens egne ord, på dansk:',
  'policy.promises': 'Det har kommunen lovet',
  'policy.none': 'Kommunen har ikke lagt sin politik ind endnu.',

  'error.notFound': 'Siden findes ikke.',
  'error.generic': 'Der skete en fejl. Prøv igen senere.',
} as const;

export type MessageKey = keyof typeof da;
