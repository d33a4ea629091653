// The 98 Danish municipalities (kommuner) as reference data: code, name, region.
// The five whose adopted integration policy Medborger carries out are marked.

export type Region = 'Hovedstaden' | 'Sjælland' | 'Syddanmark' | 'Midtjylland' | 'Nordjylland';

export interface MunicipalityRef {
  readonly code: string;
  readonly name: string;
  readonly region: Region;
  readonly hasPolicy: boolean;
}

/** Municipalities whose adopted integration policy is encoded (shared/policies/). */
export const POLICY_MUNICIPALITIES = ['320', '550', '580', '813', '860'] as const;

const RAW: ReadonlyArray<readonly [string, string, Region]> = [
  ['101', 'København', 'Hovedstaden'],
  ['147', 'Frederiksberg', 'Hovedstaden'],
  ['151', 'Ballerup', 'Hovedstaden'],
  ['153', 'Brøndby', 'Hovedstaden'],
  ['155', 'Dragør', 'Hovedstaden'],
  ['157', 'Gentofte', 'Hovedstaden'],
  ['159', 'Gladsaxe', 'Hovedstaden'],
  ['161', 'Glostrup', 'Hovedstaden'],
  ['163', 'Herlev', 'Hovedstaden'],
  ['165', 'Albertslund', 'Hovedstaden'],
  ['167', 'Hvidovre', 'Hovedstaden'],
  ['169', 'Høje-Taastrup', 'Hovedstaden'],
  ['173', 'Lyngby-Taarbæk', 'Hovedstaden'],
  ['175', 'Rødovre', 'Hovedstaden'],
  ['183', 'Ishøj', 'Hovedstaden'],
  ['185', 'Tårnby', 'Hovedstaden'],
  ['187', 'Vallensbæk', 'Hovedstaden'],
  ['190', 'Furesø', 'Hovedstaden'],
  ['201', 'Allerød', 'Hovedstaden'],
  ['210', 'Fredensborg', 'Hovedstaden'],
  ['217', 'Helsingør', 'Hovedstaden'],
  ['219', 'Hillerød', 'Hovedstaden'],
  ['223', 'Hørsholm', 'Hovedstaden'],
  ['230', 'Rudersdal', 'Hovedstaden'],
  ['240', 'Egedal', 'Hovedstaden'],
  ['250', 'Frederikssund', 'Hovedstaden'],
  ['260', 'Halsnæs', 'Hovedstaden'],
  ['270', 'Gribskov', 'Hovedstaden'],
  ['400', 'Bornholm', 'Hovedstaden'],
  ['253', 'Greve', 'Sjælland'],
  ['259', 'Køge', 'Sjælland'],
  ['265', 'Roskilde', 'Sjælland'],
  ['269', 'Solrød', 'Sjælland'],
  ['306', 'Odsherred', 'Sjælland'],
  ['316', 'Holbæk', 'Sjælland'],
  ['320', 'Faxe', 'Sjælland'],
  ['326', 'Kalundborg', 'Sjælland'],
  ['329', 'Ringsted', 'Sjælland'],
  ['330', 'Slagelse', 'Sjælland'],
  ['336', 'Stevns', 'Sjælland'],
  ['340', 'Sorø', 'Sjælland'],
  ['350', 'Lejre', 'Sjælland'],
  ['360', 'Lolland', 'Sjælland'],
  ['370', 'Næstved', 'Sjælland'],
  ['376', 'Guldborgsund', 'Sjælland'],
  ['390', 'Vordingborg', 'Sjælland'],
  ['410', 'Middelfart', 'Syddanmark'],
  ['420', 'Assens', 'Syddanmark'],
  ['430', 'Faaborg-Midtfyn', 'Syddanmark'],
  ['440', 'Kerteminde', 'Syddanmark'],
  ['450', 'Nyborg', 'Syddanmark'],
  ['461', 'Odense', 'Syddanmark'],
  ['479', 'Svendborg', 'Syddanmark'],
  ['480', 'Nordfyns', 'Syddanmark'],
  ['482', 'Langeland', 'Syddanmark'],
  ['492', 'Ærø', 'Syddanmark'],
  ['510', 'Haderslev', 'Syddanmark'],
  ['530', 'Billund', 'Syddanmark'],
  ['540', 'Sønderborg', 'Syddanmark'],
  ['550', 'Tønder', 'Syddanmark'],
  ['561', 'Esbjerg', 'Syddanmark'],
  ['563', 'Fanø', 'Syddanmark'],
  ['573', 'Varde', 'Syddanmark'],
  ['575', 'Vejen', 'Syddanmark'],
  ['580', 'Aabenraa', 'Syddanmark'],
  ['607', 'Fredericia', 'Syddanmark'],
  ['621', 'Kolding', 'Syddanmark'],
  ['630', 'Vejle', 'Syddanmark'],
  ['615', 'Horsens', 'Midtjylland'],
  ['657', 'Herning', 'Midtjylland'],
  ['661', 'Holstebro', 'Midtjylland'],
  ['665', 'Lemvig', 'Midtjylland'],
  ['671', 'Struer', 'Midtjylland'],
  ['706', 'Syddjurs', 'Midtjylland'],
  ['707', 'Norddjurs', 'Midtjylland'],
  ['710', 'Favrskov', 'Midtjylland'],
  ['727', 'Odder', 'Midtjylland'],
  ['730', 'Randers', 'Midtjylland'],
  ['740', 'Silkeborg', 'Midtjylland'],
  ['741', 'Samsø', 'Midtjylland'],
  ['746', 'Skanderborg', 'Midtjylland'],
  ['751', 'Aarhus', 'Midtjylland'],
  ['756', 'Ikast-Brande', 'Midtjylland'],
  ['760', 'Ringkøbing-Skjern', 'Midtjylland'],
  ['766', 'Hedensted', 'Midtjylland'],
  ['779', 'Skive', 'Midtjylland'],
  ['791', 'Viborg', 'Midtjylland'],
  ['773', 'Morsø', 'Nordjylland'],
  ['787', 'Thisted', 'Nordjylland'],
  ['810', 'Brønderslev', 'Nordjylland'],
  ['813', 'Frederikshavn', 'Nordjylland'],
  ['820', 'Vesthimmerland', 'Nordjylland'],
  ['825', 'Læsø', 'Nordjylland'],
  ['840', 'Rebild', 'Nordjylland'],
  ['846', 'Mariagerfjord', 'Nordjylland'],
  ['849', 'Jammerbugt', 'Nordjylland'],
  ['851', 'Aalborg', 'Nordjylland'],
  ['860', 'Hjørring', 'Nordjylland'],
];

export const MUNICIPALITIES: readonly MunicipalityRef[] = RAW.map(([code, name, region]) => ({
  code,
  name,
  region,
  hasPolicy: (POLICY_MUNICIPALITIES as readonly string[]).includes(code),
})).sort((a, b) => a.code.localeCompare(b.code));

export const MUNICIPALITY_CODE_PATTERN = /^\d{3}$/;

/** Where a municipality receives citizens (its town hall), for letters and as the default place of a meeting. */
export interface MunicipalOffice {
  readonly name: string;
  readonly street: string;
  readonly postalTown: string;
  readonly phone: string;
}

/** The town halls of the municipalities whose policy Medborger carries out (public contact details). */
export const MUNICIPAL_OFFICES: Readonly<Partial<Record<string, MunicipalOffice>>> = {
  '320': { name: 'Faxe Rådhus', street: 'Frederiksgade 9', postalTown: '4690 Haslev', phone: '56 20 30 00' },
  '550': { name: 'Tønder Rådhus', street: 'Kongevej 57', postalTown: '6270 Tønder', phone: '74 92 92 92' },
  '580': { name: 'Aabenraa Rådhus', street: 'Skelbækvej 2', postalTown: '6200 Aabenraa', phone: '73 76 76 76' },
  '813': {
    name: 'Frederikshavn Rådhus',
    street: 'Rådhus Allé 100',
    postalTown: '9900 Frederikshavn',
    phone: '98 45 50 00',
  },
  '860': { name: 'Hjørring Rådhus', street: 'Springvandspladsen 5', postalTown: '9800 Hjørring', phone: '72 33 33 33' },
};

/** The default place of a meeting at the municipality: "Aabenraa Rådhus, Skelbækvej 2, 6200 Aabenraa". */
export function officePlace(code: string): string {
  const o = MUNICIPAL_OFFICES[code];
  return o ? `${o.name}, ${o.street}, ${o.postalTown}` : 'Kommunens jobcenter';
}
