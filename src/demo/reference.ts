// Reference lists for the synthetic demo population: the five policy municipalities' real towns
// (approximate populations and public transport), personal names by country of origin, Danish
// names for staff and volunteers, and the building blocks for institution, company and
// association names. Every person, user and volunteer made from these is synthetic.

export type PublicTransport = 'rail' | 'frequent_bus' | 'bus' | 'limited';
export type TownService = 'supermarket' | 'gp' | 'school' | 'daycare' | 'library' | 'sports_club' | 'language_school';

export interface TownRef {
  readonly name: string;
  /** Approximate number of inhabitants (Danmarks Statistik byopgørelse, rounded). */
  readonly population: number;
  readonly transport: PublicTransport;
  /** Approximate WGS84 centre of the town (within a couple of kilometres). */
  readonly latitude: number;
  readonly longitude: number;
  /** Postal code used in the town's addresses. */
  readonly postcode: string;
}

/**
 * A housing area on the official list the demo flags as deprived (udsat boligområde). The
 * flags illustrate the list mechanism in the demo; they are not a statement about the list in
 * force on any given day.
 */
export interface DeprivedAreaRef {
  readonly town: string;
  readonly area: string;
  /** Streets of the demo's units in the area (synthetic addresses). */
  readonly streets: readonly string[];
  /** Share of the town's demo housing stock that lies in the area. */
  readonly share: number;
}

export interface MunicipalityDemoRef {
  readonly code: string;
  readonly name: string;
  /** Households taken over from 2019 on (bigger municipalities more). */
  readonly households: number;
  /**
   * Households taken over 2014–2018, before the rules in force (from 2019) and still in the case
   * file: the children of those years are today's 20–24-year-olds the Barometer's youth-education
   * indicator (2.2) counts.
   */
  readonly earlierHouseholds: number;
  readonly caseworkers: number;
  /** Share of cases whose caseworker keeps the deadlines (the others keep some): policies are kept to different degrees. */
  readonly punctuality: number;
  /** Share of persons given repatriation guidance at every conversation (the others miss it once or more). */
  readonly repatriationGuidance: number;
  /** Chance that the yearly follow-up of a household (the whole family) is held in a given year. */
  readonly familyFollowUp: number;
  readonly languageSchool: string;
  /** Towns, the main town first. */
  readonly towns: readonly TownRef[];
  /** Towns whose largest school(s) run reception classes (modtageklasser). */
  readonly receptionClassTowns: readonly string[];
  /** Housing areas the demo flags as deprived; none in most municipalities. */
  readonly deprivedAreas: readonly DeprivedAreaRef[];
}

export const DEMO_MUNICIPALITIES: readonly MunicipalityDemoRef[] = [
  {
    code: '550',
    name: 'Tønder',
    households: 95,
    earlierHouseholds: 12,
    caseworkers: 4,
    punctuality: 0.72,
    repatriationGuidance: 0.88,
    familyFollowUp: 0.4,
    languageSchool: 'Sprogcenter Tønder',
    receptionClassTowns: ['Tønder', 'Skærbæk'],
    deprivedAreas: [],
    towns: [
      { name: 'Tønder', population: 7300, transport: 'rail', latitude: 54.933, longitude: 8.866, postcode: '6270' },
      {
        name: 'Løgumkloster',
        population: 3100,
        transport: 'bus',
        latitude: 55.058,
        longitude: 8.953,
        postcode: '6240',
      },
      { name: 'Skærbæk', population: 3000, transport: 'rail', latitude: 55.157, longitude: 8.768, postcode: '6780' },
      { name: 'Toftlund', population: 2900, transport: 'bus', latitude: 55.187, longitude: 9.068, postcode: '6520' },
      { name: 'Bredebro', population: 1500, transport: 'rail', latitude: 55.057, longitude: 8.83, postcode: '6261' },
      { name: 'Højer', population: 1150, transport: 'bus', latitude: 54.962, longitude: 8.706, postcode: '6280' },
      {
        name: 'Bylderup-Bov',
        population: 900,
        transport: 'rail',
        latitude: 54.943,
        longitude: 9.102,
        postcode: '6372',
      },
      { name: 'Agerskov', population: 900, transport: 'limited', latitude: 55.131, longitude: 9.128, postcode: '6534' },
      { name: 'Rømø', population: 550, transport: 'limited', latitude: 55.12, longitude: 8.56, postcode: '6792' },
    ],
  },
  {
    code: '580',
    name: 'Aabenraa',
    households: 175,
    earlierHouseholds: 70,
    caseworkers: 7,
    punctuality: 0.72,
    repatriationGuidance: 0.87,
    familyFollowUp: 0.975,
    languageSchool: 'Sprogcenter Aabenraa',
    receptionClassTowns: ['Aabenraa', 'Padborg'],
    deprivedAreas: [{ town: 'Aabenraa', area: 'Kolstrup', streets: ['Hjelmvej', 'Gildesvej', 'Nyvej'], share: 0.3 }],
    towns: [
      {
        name: 'Aabenraa',
        population: 16300,
        transport: 'frequent_bus',
        latitude: 55.044,
        longitude: 9.418,
        postcode: '6200',
      },
      { name: 'Rødekro', population: 5700, transport: 'rail', latitude: 55.07, longitude: 9.335, postcode: '6230' },
      { name: 'Padborg', population: 4300, transport: 'rail', latitude: 54.826, longitude: 9.362, postcode: '6330' },
      {
        name: 'Kruså',
        population: 3300,
        transport: 'frequent_bus',
        latitude: 54.85,
        longitude: 9.402,
        postcode: '6340',
      },
      { name: 'Tinglev', population: 2800, transport: 'rail', latitude: 54.937, longitude: 9.253, postcode: '6360' },
      { name: 'Løjt Kirkeby', population: 1700, transport: 'bus', latitude: 55.09, longitude: 9.45, postcode: '6200' },
      { name: 'Bov', population: 1500, transport: 'bus', latitude: 54.839, longitude: 9.387, postcode: '6330' },
      { name: 'Hjordkær', population: 1000, transport: 'bus', latitude: 55.124, longitude: 9.293, postcode: '6230' },
      {
        name: 'Bolderslev',
        population: 1000,
        transport: 'limited',
        latitude: 54.981,
        longitude: 9.289,
        postcode: '6392',
      },
      { name: 'Felsted', population: 900, transport: 'limited', latitude: 54.995, longitude: 9.553, postcode: '6200' },
    ],
  },
  {
    code: '320',
    name: 'Faxe',
    households: 100,
    earlierHouseholds: 12,
    caseworkers: 5,
    punctuality: 0.6,
    repatriationGuidance: 0.84,
    familyFollowUp: 0.35,
    languageSchool: 'Sprogcenter Faxe',
    receptionClassTowns: ['Haslev'],
    deprivedAreas: [],
    towns: [
      { name: 'Haslev', population: 12400, transport: 'rail', latitude: 55.323, longitude: 11.963, postcode: '4690' },
      { name: 'Faxe', population: 5700, transport: 'rail', latitude: 55.255, longitude: 12.118, postcode: '4640' },
      {
        name: 'Faxe Ladeplads',
        population: 2300,
        transport: 'rail',
        latitude: 55.218,
        longitude: 12.163,
        postcode: '4654',
      },
      { name: 'Karise', population: 2200, transport: 'rail', latitude: 55.303, longitude: 12.215, postcode: '4653' },
      { name: 'Rønnede', population: 1900, transport: 'bus', latitude: 55.258, longitude: 12.017, postcode: '4683' },
      { name: 'Dalby', population: 1400, transport: 'bus', latitude: 55.348, longitude: 12.06, postcode: '4694' },
      { name: 'Bråby', population: 950, transport: 'bus', latitude: 55.36, longitude: 11.985, postcode: '4690' },
      { name: 'Terslev', population: 600, transport: 'limited', latitude: 55.372, longitude: 12.003, postcode: '4690' },
    ],
  },
  {
    code: '860',
    name: 'Hjørring',
    households: 170,
    earlierHouseholds: 20,
    caseworkers: 8,
    punctuality: 0.76,
    repatriationGuidance: 0.89,
    familyFollowUp: 0.55,
    languageSchool: 'Sprogcenter Hjørring',
    receptionClassTowns: ['Hjørring', 'Hirtshals'],
    deprivedAreas: [],
    towns: [
      { name: 'Hjørring', population: 25600, transport: 'rail', latitude: 57.464, longitude: 9.982, postcode: '9800' },
      { name: 'Hirtshals', population: 5700, transport: 'rail', latitude: 57.588, longitude: 9.96, postcode: '9850' },
      { name: 'Sindal', population: 2700, transport: 'rail', latitude: 57.469, longitude: 10.206, postcode: '9870' },
      { name: 'Vrå', population: 2400, transport: 'rail', latitude: 57.354, longitude: 9.944, postcode: '9760' },
      { name: 'Tårs', population: 1700, transport: 'bus', latitude: 57.385, longitude: 10.117, postcode: '9830' },
      { name: 'Løkken', population: 1600, transport: 'bus', latitude: 57.37, longitude: 9.715, postcode: '9480' },
      { name: 'Bindslev', population: 800, transport: 'limited', latitude: 57.541, longitude: 10.2, postcode: '9881' },
      { name: 'Bjergby', population: 700, transport: 'limited', latitude: 57.525, longitude: 9.985, postcode: '9800' },
      { name: 'Lønstrup', population: 400, transport: 'limited', latitude: 57.477, longitude: 9.797, postcode: '9800' },
    ],
  },
  {
    code: '813',
    name: 'Frederikshavn',
    households: 150,
    earlierHouseholds: 20,
    caseworkers: 7,
    punctuality: 0.74,
    repatriationGuidance: 0.88,
    familyFollowUp: 0.5,
    languageSchool: 'Sprogcenter Frederikshavn',
    receptionClassTowns: ['Frederikshavn', 'Sæby'],
    deprivedAreas: [
      { town: 'Frederikshavn', area: 'Abildgård', streets: ['Abildgårdsvej', 'Jerupvej', 'Hedebovej'], share: 0.25 },
    ],
    towns: [
      {
        name: 'Frederikshavn',
        population: 22500,
        transport: 'rail',
        latitude: 57.441,
        longitude: 10.534,
        postcode: '9900',
      },
      {
        name: 'Sæby',
        population: 9200,
        transport: 'frequent_bus',
        latitude: 57.334,
        longitude: 10.52,
        postcode: '9300',
      },
      { name: 'Skagen', population: 7700, transport: 'rail', latitude: 57.721, longitude: 10.584, postcode: '9990' },
      { name: 'Strandby', population: 2200, transport: 'bus', latitude: 57.492, longitude: 10.503, postcode: '9970' },
      { name: 'Ålbæk', population: 1600, transport: 'rail', latitude: 57.593, longitude: 10.418, postcode: '9982' },
      { name: 'Østervrå', population: 1300, transport: 'bus', latitude: 57.35, longitude: 10.383, postcode: '9750' },
      { name: 'Ravnshøj', population: 1050, transport: 'bus', latitude: 57.445, longitude: 10.41, postcode: '9900' },
      { name: 'Dybvad', population: 800, transport: 'limited', latitude: 57.28, longitude: 10.358, postcode: '9352' },
    ],
  },
];

// ---------------------------------------------------------------------------------------------
// Countries of origin, languages and names

export type Origin = 'SY' | 'ER' | 'AF' | 'UA' | 'IR' | 'SO' | 'IQ' | 'SD' | 'TR' | 'CD';

export interface NameSet {
  readonly male: readonly string[];
  readonly female: readonly string[];
  readonly family: readonly string[];
}

export interface OriginRef {
  readonly code: Origin;
  /** Weight among arrivals other than from Ukraine (asylum and quota, 2019–2026). */
  readonly weight: number;
  /** Language combinations (ISO 639 codes) with weights; the first language is the mother tongue. */
  readonly languages: ReadonlyArray<readonly [readonly string[], number]>;
  readonly names: NameSet;
  /** Names used when the family's first language is Kurdish. */
  readonly kurdishNames?: NameSet;
  /** Children carry their father's given name as family name (Eritrean and Somali custom). */
  readonly patronymic?: boolean;
  /** Quota refugees (kvoteflygtninge) come from this country through UNHCR resettlement. */
  readonly quota: boolean;
  /** Weight among the arrivals of 2014–2018 (mostly Syrians and Eritreans). */
  readonly earlyWeight: number;
  /** Schooling of adults from the home country: little, some, higher (weights); it decides the Danish track. */
  readonly schooling: readonly [number, number, number];
  /** How readily adults find work here, relative to the average (Ukrainians fastest). */
  readonly employment: number;
}

const KURDISH: NameSet = {
  male: ['Azad', 'Shiyar', 'Dilovan', 'Rezan', 'Baran', 'Hozan', 'Jiyan', 'Serhat', 'Kawa', 'Roj', 'Ferhad', 'Dilshad'],
  female: [
    'Rojda',
    'Berivan',
    'Hevin',
    'Nesrin',
    'Zozan',
    'Rojin',
    'Dilan',
    'Gulistan',
    'Avin',
    'Jiyan',
    'Ronahi',
    'Bese',
  ],
  family: ['Sheikho', 'Hasso', 'Berkel', 'Zaza', 'Ibo', 'Kurdo', 'Mamo', 'Haji', 'Bakr', 'Ose', 'Rashid', 'Temo'],
};

const ARABIC_MALE = [
  'Mohammad',
  'Ahmad',
  'Khaled',
  'Omar',
  'Mahmoud',
  'Hassan',
  'Ali',
  'Yousef',
  'Bilal',
  'Rami',
  'Fadi',
  'Samer',
  'Walid',
  'Ammar',
  'Jamal',
  'Ibrahim',
  'Mustafa',
  'Anas',
  'Karim',
  'Tarek',
];
const ARABIC_FEMALE = [
  'Fatima',
  'Aya',
  'Rasha',
  'Amal',
  'Nour',
  'Hiba',
  'Rania',
  'Lina',
  'Reem',
  'Sara',
  'Huda',
  'Maryam',
  'Yasmin',
  'Dima',
  'Layla',
  'Ghada',
  'Rim',
  'Salma',
  'Heba',
  'Asma',
];

export const ORIGINS: readonly OriginRef[] = [
  {
    code: 'SY',
    weight: 26,
    quota: true,
    earlyWeight: 55,
    schooling: [15, 50, 35],
    employment: 1.0,
    languages: [
      [['ar'], 70],
      [['ku', 'ar'], 22],
      [['ar', 'en'], 8],
    ],
    names: {
      male: ARABIC_MALE,
      female: ARABIC_FEMALE,
      family: [
        'Al-Ahmad',
        'Khalil',
        'Haddad',
        'Hamdan',
        'Alhussein',
        'Alali',
        'Mustafa',
        'Ibrahim',
        'Saleh',
        'Al-Khatib',
        'Darwish',
        'Othman',
        'Hamoud',
        'Kassem',
        'Alsayed',
        'Almasri',
        'Najjar',
        'Sabbagh',
        'Hallak',
        'Shami',
      ],
    },
    kurdishNames: KURDISH,
  },
  {
    code: 'ER',
    weight: 19,
    quota: true,
    earlyWeight: 22,
    schooling: [40, 50, 10],
    employment: 1.1,
    patronymic: true,
    languages: [
      [['ti'], 80],
      [['ti', 'ar'], 12],
      [['ti', 'en'], 8],
    ],
    names: {
      male: [
        'Yonas',
        'Dawit',
        'Tesfay',
        'Mehari',
        'Berhane',
        'Samuel',
        'Filmon',
        'Kidane',
        'Yohannes',
        'Habtom',
        'Teklay',
        'Efrem',
        'Abraham',
        'Senay',
        'Aman',
        'Merhawi',
        'Biniam',
        'Robel',
      ],
      female: [
        'Helen',
        'Senait',
        'Selam',
        'Ruta',
        'Saba',
        'Mebrat',
        'Luwam',
        'Freweyni',
        'Rahel',
        'Hiwet',
        'Yordanos',
        'Winta',
        'Tsega',
        'Milen',
        'Eden',
        'Feven',
        'Semhar',
        'Aster',
      ],
      family: [
        'Tesfamariam',
        'Ghebremedhin',
        'Kidane',
        'Haile',
        'Berhe',
        'Tekle',
        'Mehari',
        'Woldu',
        'Gebrehiwet',
        'Asmelash',
        'Andemariam',
        'Negash',
        'Habte',
        'Yemane',
        'Fesehaye',
        'Tsegay',
        'Weldemichael',
        'Abraha',
      ],
    },
  },
  {
    code: 'AF',
    weight: 15,
    quota: true,
    earlyWeight: 7,
    schooling: [40, 40, 20],
    employment: 0.95,
    languages: [
      [['prs'], 55],
      [['ps'], 25],
      [['prs', 'ps'], 12],
      [['prs', 'en'], 8],
    ],
    names: {
      male: [
        'Ahmad',
        'Mohammad',
        'Abdullah',
        'Mustafa',
        'Hamid',
        'Farid',
        'Jawad',
        'Nasir',
        'Rahim',
        'Sayed',
        'Wahid',
        'Zabihullah',
        'Habib',
        'Mirwais',
        'Najib',
        'Murtaza',
        'Hussain',
        'Ehsan',
      ],
      female: [
        'Fatima',
        'Zahra',
        'Maryam',
        'Sakina',
        'Nargis',
        'Shabnam',
        'Farida',
        'Marzia',
        'Parwana',
        'Roya',
        'Mina',
        'Laila',
        'Nilofar',
        'Soraya',
        'Zainab',
        'Masuma',
        'Freshta',
        'Hamida',
      ],
      family: [
        'Ahmadi',
        'Hashimi',
        'Rahimi',
        'Hussaini',
        'Noori',
        'Sultani',
        'Karimi',
        'Popal',
        'Safi',
        'Stanikzai',
        'Wardak',
        'Amiri',
        'Mohammadi',
        'Jafari',
        'Haidari',
        'Rezai',
        'Sadat',
        'Nazari',
      ],
    },
  },
  {
    code: 'UA',
    weight: 0,
    quota: false,
    earlyWeight: 0,
    schooling: [3, 35, 62],
    employment: 1.6,
    languages: [
      [['uk'], 55],
      [['uk', 'ru'], 30],
      [['ru', 'uk'], 8],
      [['uk', 'en'], 7],
    ],
    names: {
      male: [
        'Oleksandr',
        'Andrii',
        'Serhii',
        'Dmytro',
        'Mykola',
        'Volodymyr',
        'Ivan',
        'Yurii',
        'Maksym',
        'Artem',
        'Bohdan',
        'Taras',
        'Vitalii',
        'Oleh',
        'Denys',
        'Mykhailo',
        'Roman',
        'Yaroslav',
      ],
      female: [
        'Olena',
        'Iryna',
        'Nataliia',
        'Tetiana',
        'Oksana',
        'Yuliia',
        'Kateryna',
        'Svitlana',
        'Anastasiia',
        'Viktoriia',
        'Mariia',
        'Alina',
        'Daria',
        'Sofiia',
        'Halyna',
        'Liudmyla',
        'Khrystyna',
        'Valentyna',
      ],
      family: [
        'Kovalenko',
        'Shevchenko',
        'Bondarenko',
        'Tkachenko',
        'Kravchenko',
        'Melnyk',
        'Boiko',
        'Oliinyk',
        'Koval',
        'Polishchuk',
        'Lysenko',
        'Marchenko',
        'Savchenko',
        'Rudenko',
        'Moroz',
        'Pavlenko',
        'Levchenko',
        'Klymenko',
      ],
    },
  },
  {
    code: 'IR',
    weight: 6,
    quota: false,
    earlyWeight: 4,
    schooling: [10, 40, 50],
    employment: 1.0,
    languages: [
      [['fa'], 60],
      [['fa', 'en'], 25],
      [['ku', 'fa'], 15],
    ],
    names: {
      male: [
        'Reza',
        'Ali',
        'Hossein',
        'Mehdi',
        'Amir',
        'Saeed',
        'Hamid',
        'Behzad',
        'Kamran',
        'Arash',
        'Babak',
        'Farhad',
        'Navid',
        'Pouya',
      ],
      female: [
        'Maryam',
        'Zahra',
        'Fatemeh',
        'Neda',
        'Shirin',
        'Leila',
        'Parisa',
        'Mahsa',
        'Sara',
        'Nazanin',
        'Golnaz',
        'Roya',
        'Samira',
        'Azadeh',
      ],
      family: [
        'Hosseini',
        'Ahmadi',
        'Rezaei',
        'Mohammadi',
        'Karimi',
        'Moradi',
        'Jafari',
        'Rahimi',
        'Sadeghi',
        'Ghasemi',
        'Kazemi',
        'Tehrani',
        'Sharifi',
        'Ebrahimi',
      ],
    },
    kurdishNames: KURDISH,
  },
  {
    code: 'SO',
    weight: 5,
    quota: true,
    earlyWeight: 4,
    schooling: [45, 45, 10],
    employment: 0.8,
    patronymic: true,
    languages: [
      [['so'], 78],
      [['so', 'ar'], 14],
      [['so', 'en'], 8],
    ],
    names: {
      male: [
        'Abdi',
        'Mohamed',
        'Ahmed',
        'Abdirahman',
        'Hassan',
        'Yusuf',
        'Ali',
        'Omar',
        'Abdullahi',
        'Ismail',
        'Farah',
        'Hussein',
        'Mahad',
        'Liban',
      ],
      female: [
        'Hodan',
        'Fadumo',
        'Amina',
        'Hawa',
        'Sahra',
        'Ifrah',
        'Asha',
        'Khadija',
        'Ayan',
        'Hibo',
        'Deeqa',
        'Ubah',
        'Sagal',
        'Nimco',
      ],
      family: [
        'Abdi',
        'Mohamed',
        'Warsame',
        'Farah',
        'Hassan',
        'Jama',
        'Osman',
        'Aden',
        'Egal',
        'Nur',
        'Ali',
        'Yusuf',
        'Hersi',
        'Dualeh',
      ],
    },
  },
  {
    code: 'IQ',
    weight: 5,
    quota: false,
    earlyWeight: 4,
    schooling: [20, 50, 30],
    employment: 0.9,
    languages: [
      [['ar'], 55],
      [['ku', 'ar'], 35],
      [['ar', 'en'], 10],
    ],
    names: {
      male: ARABIC_MALE,
      female: ARABIC_FEMALE,
      family: [
        'Al-Jabouri',
        'Al-Obaidi',
        'Al-Saadi',
        'Hamid',
        'Jawad',
        'Kadhim',
        'Al-Rubaie',
        'Abbas',
        'Salman',
        'Mahdi',
        'Al-Tamimi',
        'Hussein',
      ],
    },
    kurdishNames: KURDISH,
  },
  {
    code: 'SD',
    weight: 4,
    quota: true,
    earlyWeight: 2,
    schooling: [30, 50, 20],
    employment: 1.0,
    languages: [
      [['ar'], 85],
      [['ar', 'en'], 15],
    ],
    names: {
      male: [
        'Mohamed',
        'Ahmed',
        'Osman',
        'Abdelrahman',
        'Musa',
        'Adam',
        'Ibrahim',
        'Yahia',
        'Hamza',
        'Babiker',
        'Elfatih',
        'Mohanad',
      ],
      female: [
        'Fatima',
        'Amna',
        'Hawa',
        'Mariam',
        'Sara',
        'Safa',
        'Rawda',
        'Nafisa',
        'Hadia',
        'Samah',
        'Eman',
        'Tasneem',
      ],
      family: [
        'Osman',
        'Abdalla',
        'Elhassan',
        'Ahmed',
        'Musa',
        'Adam',
        'Babiker',
        'Elamin',
        'Hamid',
        'Yousif',
        'Mohamed',
        'Idris',
      ],
    },
  },
  {
    code: 'TR',
    weight: 5,
    quota: false,
    earlyWeight: 1,
    schooling: [10, 40, 50],
    employment: 1.0,
    languages: [
      [['tr'], 50],
      [['ku', 'tr'], 40],
      [['tr', 'en'], 10],
    ],
    names: {
      male: [
        'Mehmet',
        'Mustafa',
        'Ahmet',
        'Ali',
        'Hüseyin',
        'Hasan',
        'Emre',
        'Murat',
        'Yusuf',
        'Burak',
        'Kemal',
        'Serkan',
      ],
      female: [
        'Ayşe',
        'Fatma',
        'Emine',
        'Zeynep',
        'Elif',
        'Hatice',
        'Merve',
        'Özlem',
        'Esra',
        'Gülsüm',
        'Derya',
        'Sibel',
      ],
      family: [
        'Yılmaz',
        'Kaya',
        'Demir',
        'Şahin',
        'Çelik',
        'Yıldız',
        'Aydın',
        'Öztürk',
        'Arslan',
        'Doğan',
        'Kılıç',
        'Aslan',
      ],
    },
    kurdishNames: KURDISH,
  },
  {
    code: 'CD',
    weight: 4,
    quota: true,
    earlyWeight: 1,
    schooling: [35, 50, 15],
    employment: 0.95,
    languages: [
      [['fr', 'sw'], 55],
      [['sw'], 20],
      [['fr', 'ln'], 25],
    ],
    names: {
      male: [
        'Jean',
        'Patrick',
        'Emmanuel',
        'Joseph',
        'Pierre',
        'Didier',
        'Christian',
        'Olivier',
        'Faustin',
        'Alain',
        'Innocent',
        'Gloire',
      ],
      female: [
        'Marie',
        'Esther',
        'Françoise',
        'Claudine',
        'Josephine',
        'Grace',
        'Solange',
        'Chantal',
        'Aline',
        'Furaha',
        'Neema',
        'Divine',
      ],
      family: [
        'Mukendi',
        'Kabila',
        'Ilunga',
        'Tshibanda',
        'Mbuyi',
        'Kasongo',
        'Lukusa',
        'Mwamba',
        'Ngoy',
        'Banza',
        'Kalonji',
        'Mutombo',
      ],
    },
  },
];

// ---------------------------------------------------------------------------------------------
// Danish names for staff, volunteers and company names

export const DANISH_FEMALE = [
  'Mette',
  'Anne',
  'Hanne',
  'Susanne',
  'Lene',
  'Camilla',
  'Louise',
  'Maria',
  'Charlotte',
  'Pia',
  'Tina',
  'Kirsten',
  'Helle',
  'Marianne',
  'Line',
  'Sofie',
  'Birgitte',
  'Karina',
  'Rikke',
  'Trine',
  'Jette',
  'Dorthe',
  'Signe',
  'Ida',
  'Maja',
  'Inge',
  'Bente',
  'Lone',
];
export const DANISH_MALE = [
  'Rasmus',
  'Lars',
  'Jens',
  'Peter',
  'Søren',
  'Henrik',
  'Thomas',
  'Michael',
  'Martin',
  'Jesper',
  'Anders',
  'Niels',
  'Morten',
  'Mads',
  'Christian',
  'Jacob',
  'Bo',
  'Kim',
  'Torben',
  'Ole',
  'Poul',
  'Kasper',
  'Jonas',
  'Frederik',
  'Erik',
  'Per',
];
export const DANISH_FAMILY = [
  'Jensen',
  'Nielsen',
  'Hansen',
  'Pedersen',
  'Andersen',
  'Christensen',
  'Larsen',
  'Sørensen',
  'Rasmussen',
  'Jørgensen',
  'Petersen',
  'Madsen',
  'Kristensen',
  'Olsen',
  'Thomsen',
  'Poulsen',
  'Johansen',
  'Møller',
  'Mortensen',
  'Knudsen',
  'Lauridsen',
  'Frandsen',
  'Holm',
  'Schmidt',
  'Damgaard',
  'Lund',
  'Bach',
  'Kjær',
  'Iversen',
  'Jessen',
  'Lorenzen',
  'Paulsen',
  'Nørgaard',
  'Vestergaard',
  'Bertelsen',
  'Overgaard',
];

// ---------------------------------------------------------------------------------------------
// Institutions, companies, associations

export const SCHOOL_NAMES = [
  'Nørreskolen',
  'Østerskolen',
  'Vestre Skole',
  'Søndermarkskolen',
  'Bakkeskolen',
  'Rådhusskolen',
  'Fjordskolen',
  'Lindeskolen',
  'Skovbrynet Skole',
  'Kastanjeskolen',
];
export const DAYCARE_WORDS = [
  'Solsikken',
  'Mælkebøtten',
  'Regnbuen',
  'Troldehøjen',
  'Spiren',
  'Bikuben',
  'Skovbrynet',
  'Mariehønen',
  'Kastanjen',
  'Havblik',
  'Fyrtårnet',
  'Lærkereden',
  'Egebakken',
  'Møllehuset',
  'Nøddeknækkeren',
  'Solstrålen',
  'Krudtuglen',
  'Myretuen',
  'Søstjernen',
  'Abildgården',
];
export const DAYCARE_PREFIXES = ['Børnehuset', 'Daginstitution', 'Børnehaven', 'Vuggestuen og børnehaven'];

export type Sector =
  'care' | 'cleaning' | 'retail' | 'manufacturing' | 'agriculture' | 'construction' | 'hospitality' | 'transport';

export const SECTORS: ReadonlyArray<readonly [Sector, number]> = [
  ['care', 16],
  ['cleaning', 12],
  ['retail', 14],
  ['manufacturing', 16],
  ['agriculture', 10],
  ['construction', 12],
  ['hospitality', 12],
  ['transport', 8],
];

/** Name templates: {town}, {surname}, {place} (a word as in a care home's name). */
export const COMPANY_TEMPLATES: Record<Sector, readonly string[]> = {
  care: ['Plejecenter {place}', '{town} Private Hjemmepleje ApS', 'Bosted {place}', 'Friplejehjemmet {place}'],
  cleaning: [
    '{town} Rengøring ApS',
    '{surname}s Rengøringsservice',
    'Glans Facility Service ApS',
    'Renbyg Service {town} ApS',
  ],
  retail: ['Købmand {surname}', '{town} Byggecenter', '{town} Dagligvarer ApS', '{surname} Tøj & Sko'],
  manufacturing: [
    '{surname} Maskinfabrik A/S',
    '{town} Stålindustri A/S',
    '{town} Plast A/S',
    '{town} Fiskeindustri A/S',
    'Nordisk Emballage {town} A/S',
    '{surname} Træindustri A/S',
  ],
  agriculture: ['{surname}gård I/S', 'Gartneriet {place}', '{town} Kvæg I/S', '{surname} Planteskole'],
  construction: [
    '{surname} Byg ApS',
    '{town} Murer- og Entreprenørforretning',
    '{surname} & Søn Tømrer ApS',
    '{town} Anlæg ApS',
  ],
  hospitality: ['Hotel {town}', '{town} Kro', 'Restaurant Havnehuset {town}', 'Café {place}', '{town} Pizza & Grill'],
  transport: ['{surname} Transport A/S', '{town} Vognmandsforretning', '{surname} Logistik ApS'],
};

export const COMPANY_PLACES = [
  'Solgården',
  'Lindegården',
  'Engparken',
  'Birkebo',
  'Rosenhaven',
  'Kastanjegården',
  'Møllebakken',
  'Bøgehøj',
  'Strandgården',
  'Enghaven',
];

export const POSITION_TITLES: Record<Sector, readonly string[]> = {
  care: ['Social- og sundhedshjælper', 'Køkkenmedhjælper', 'Serviceassistent', 'Pædagogmedhjælper'],
  cleaning: ['Rengøringsassistent', 'Servicemedarbejder', 'Vinduespudser'],
  retail: ['Butiksassistent', 'Lagermedarbejder', 'Kassemedarbejder', 'Varepåfylder'],
  manufacturing: ['Produktionsmedarbejder', 'Svejser', 'Maskinoperatør', 'Pakkeriarbejder'],
  agriculture: ['Landbrugsmedhjælper', 'Gartnerimedhjælper', 'Staldmedarbejder'],
  construction: ['Håndværkerhjælper', 'Murerarbejdsmand', 'Tømrerlærling', 'Anlægsgartner'],
  hospitality: ['Opvasker', 'Køkkenmedhjælper', 'Stuepige', 'Tjener'],
  transport: ['Chaufførmedhjælper', 'Lagerarbejder', 'Truckfører'],
};

export const EDUCATION_GOALS = [
  'social- og sundhedshjælperuddannelsen',
  'FGU (forberedende grunduddannelse)',
  'erhvervsuddannelsen til tømrer',
  'HF-enkeltfag',
  'erhvervsuddannelsen til elektriker',
  'den pædagogiske assistentuddannelse',
  'erhvervsuddannelsen til ernæringsassistent',
];

export const VISITATION_RESOURCES = [
  'Motiveret for at lære dansk og komme i arbejde',
  'Taler engelsk på samtaleniveau',
  'Har kørekort fra hjemlandet',
  'Vant til fysisk arbejde',
  'Gode sociale kompetencer',
  'Har et netværk i kommunen',
  'Har selv fundet en praktikplads',
];
/** The visitation interview's qualification texts by the schooling they show. */
export const QUALIFICATIONS_BY_SCHOOLING: Readonly<Record<'little' | 'some' | 'higher', readonly string[]>> = {
  little: ['Ingen formel uddannelse', '6 års skolegang', 'Erfaring fra landbrug', 'Erfaring som syerske'],
  some: [
    '12 års skolegang',
    'Erfaring som frisør',
    'Erfaring som kok',
    'Erfaring som chauffør',
    'Erfaring fra byggeri',
  ],
  higher: [
    'Sygeplejerskeuddannelse (ikke anerkendt i Danmark)',
    'Universitetsuddannelse i økonomi',
    'Lærer i grundskolen',
  ],
};
export const VISITATION_WISHES = [
  'Vil gerne arbejde i byggeriet',
  'Ønsker at blive social- og sundhedshjælper',
  'Vil gerne arbejde med børn',
  'Ønsker arbejde i et køkken',
  'Vil gerne tage en erhvervsuddannelse',
  'Ønsker at få sin uddannelse anerkendt',
  'Vil gerne have arbejde som chauffør',
  'Vil gerne arbejde i detailhandlen',
];
export const VISITATION_CHALLENGES = [
  'Smerter i ryg og skuldre',
  'Børnepasning i opstarten',
  'Begrænsede læse- og skrivefærdigheder',
  'Søvnproblemer',
  'Bekymring for familie i hjemlandet',
  'Lang transport til sprogcenteret',
  'Ingen særlige udfordringer',
  'Tegn på traume; henvist til egen læge',
];

export const CONVERSATION_NOTES = {
  visitation: [
    'Visitationssamtale: ressourcer, kvalifikationer og ønsker afdækket.',
    'Visitationssamtale holdt med hele familien til stede.',
    'Visitationssamtale; aftalt praktikforløb og henvisning til danskuddannelse.',
  ],
  contract_follow_up: [
    'Opfølgning på integrationskontrakten; planen fortsætter.',
    'Opfølgning: praktikken går godt, drøftet forlængelse.',
    'Opfølgning: fremmøde på sprogcenteret drøftet.',
    'Opfølgning: nyt mål om løntilskud aftalt.',
    'Opfølgning: borgeren ønsker flere timer i praktikken.',
  ],
  other: [
    'Hjælp til post fra Skat og Udbetaling Danmark.',
    'Samtale om bolig og indskud.',
    'Samtale om børnenes skolegang.',
    'Borgeren henvendte sig om fritidsjob til ældste barn.',
    'Samtale om lægebesøg og tolkebistand.',
    'Introduktion til foreningslivet i lokalområdet.',
  ],
} as const;

export const REPATRIATION_NOTES = [
  'Vejledt om muligheden for frivillig hjemrejse med økonomisk støtte.',
  'Informeret om repatriering; henvist til Dansk Flygtningehjælps rådgivning.',
  'Repatriering nævnt; borgeren ønsker ikke at vende hjem nu.',
  'Udleveret pjece om repatriering på borgerens sprog.',
];

export const FOLLOW_UP_NOTES = {
  contract: ['Opfølgning på integrationskontrakten (§ 20).', 'Kontraktopfølgning; mål og tilbud gennemgået.'],
  yearly: [
    'Årlig opfølgning; borgeren er i arbejde.',
    'Årlig opfølgning; uddannelsen forløber planmæssigt.',
    'Årlig opfølgning; behov for fortsat støtte drøftet.',
  ],
  family: [
    'Opfølgning på hele familien: børnenes trivsel og forældrenes beskæftigelse.',
    'Familieopfølgning; kontakt til skole og daginstitution.',
    'Familieopfølgning; fritidsaktiviteter for børnene drøftet.',
  ],
} as const;

export const LANGUAGE_ASSESSMENT_NOTES = {
  general: 'Alderssvarende sprog; almindelig sprogstimulering.',
  focused: 'Fokuseret sprogindsats i dagtilbuddet.',
  special: 'Særlig sprogindsats; opfølgning om 3 måneder.',
} as const;

export const HEALTH_PROVIDERS = [
  'Genoptræning, {town} Sundhedscenter',
  'Psykolog, Dansk Flygtningehjælp',
  'Egen læge og fysioterapi',
];
export const EDUCATION_PROVIDERS = ['FGU {town}', 'Erhvervsskolen i {town}', 'VUC {town}'];

// ---------------------------------------------------------------------------------------------
// Housing

/** Common Danish street names for the demo's (synthetic) addresses. */
export const STREETS = [
  'Storegade',
  'Vestergade',
  'Østergade',
  'Nørregade',
  'Søndergade',
  'Skolevej',
  'Kirkevej',
  'Stationsvej',
  'Møllevej',
  'Parkvej',
  'Engvej',
  'Birkevej',
  'Bøgevej',
  'Egevej',
  'Lærkevej',
  'Rosenvej',
  'Ahornvej',
  'Violvej',
  'Tjørnevej',
  'Kastanievej',
  'Granvej',
  'Skovvej',
  'Mejerivej',
  'Fabriksvej',
  'Havnegade',
  'Toftevej',
  'Valmuevej',
  'Lindevej',
];

/** Sectors a visitation interview's wish or qualification points to (see VISITATION_*). */
export const WISH_SECTORS: Readonly<Record<string, readonly Sector[]>> = {
  'Vil gerne arbejde i byggeriet': ['construction'],
  'Ønsker at blive social- og sundhedshjælper': ['care'],
  'Vil gerne arbejde med børn': ['care'],
  'Ønsker arbejde i et køkken': ['hospitality'],
  'Vil gerne have arbejde som chauffør': ['transport'],
  'Vil gerne arbejde i detailhandlen': ['retail'],
  'Erfaring fra landbrug': ['agriculture'],
  'Erfaring som kok': ['hospitality'],
  'Erfaring som chauffør': ['transport'],
  'Erfaring fra byggeri': ['construction'],
  'Erfaring som syerske': ['manufacturing'],
  'Sygeplejerskeuddannelse (ikke anerkendt i Danmark)': ['care'],
  'Lærer i grundskolen': ['care'],
};
