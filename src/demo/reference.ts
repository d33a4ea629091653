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
}

export interface MunicipalityDemoRef {
  readonly code: string;
  readonly name: string;
  /** Households in the demo population (bigger municipalities more). */
  readonly households: number;
  readonly caseworkers: number;
  /** Share of deadlines a caseworker meets on time: policies are kept to different degrees. */
  readonly punctuality: number;
  /** Share of follow-ups where repatriation guidance is given. */
  readonly repatriationGuidance: number;
  /** Share of years in which a family taken over 3+ years ago is followed up as a whole. */
  readonly familyFollowUp: number;
  readonly languageSchool: string;
  /** Towns, the main town first. */
  readonly towns: readonly TownRef[];
  /** Towns whose largest school(s) run reception classes (modtageklasser). */
  readonly receptionClassTowns: readonly string[];
}

export const DEMO_MUNICIPALITIES: readonly MunicipalityDemoRef[] = [
  {
    code: '550',
    name: 'Tønder',
    households: 95,
    caseworkers: 4,
    punctuality: 0.68,
    repatriationGuidance: 0.82,
    familyFollowUp: 0.4,
    languageSchool: 'Sprogcenter Tønder',
    receptionClassTowns: ['Tønder', 'Skærbæk'],
    towns: [
      { name: 'Tønder', population: 7300, transport: 'rail' },
      { name: 'Løgumkloster', population: 3100, transport: 'bus' },
      { name: 'Skærbæk', population: 3000, transport: 'rail' },
      { name: 'Toftlund', population: 2900, transport: 'bus' },
      { name: 'Bredebro', population: 1500, transport: 'rail' },
      { name: 'Højer', population: 1150, transport: 'bus' },
      { name: 'Bylderup-Bov', population: 900, transport: 'rail' },
      { name: 'Agerskov', population: 900, transport: 'limited' },
      { name: 'Rømø', population: 550, transport: 'limited' },
    ],
  },
  {
    code: '580',
    name: 'Aabenraa',
    households: 170,
    caseworkers: 7,
    punctuality: 0.82,
    repatriationGuidance: 0.93,
    familyFollowUp: 0.85,
    languageSchool: 'Sprogcenter Aabenraa',
    receptionClassTowns: ['Aabenraa', 'Padborg'],
    towns: [
      { name: 'Aabenraa', population: 16300, transport: 'frequent_bus' },
      { name: 'Rødekro', population: 5700, transport: 'rail' },
      { name: 'Padborg', population: 4300, transport: 'rail' },
      { name: 'Kruså', population: 3300, transport: 'frequent_bus' },
      { name: 'Tinglev', population: 2800, transport: 'rail' },
      { name: 'Løjt Kirkeby', population: 1700, transport: 'bus' },
      { name: 'Bov', population: 1500, transport: 'bus' },
      { name: 'Hjordkær', population: 1000, transport: 'bus' },
      { name: 'Bolderslev', population: 1000, transport: 'limited' },
      { name: 'Felsted', population: 900, transport: 'limited' },
    ],
  },
  {
    code: '320',
    name: 'Faxe',
    households: 100,
    caseworkers: 5,
    punctuality: 0.58,
    repatriationGuidance: 0.72,
    familyFollowUp: 0.35,
    languageSchool: 'Sprogcenter Faxe',
    receptionClassTowns: ['Haslev'],
    towns: [
      { name: 'Haslev', population: 12400, transport: 'rail' },
      { name: 'Faxe', population: 5700, transport: 'rail' },
      { name: 'Faxe Ladeplads', population: 2300, transport: 'rail' },
      { name: 'Karise', population: 2200, transport: 'rail' },
      { name: 'Rønnede', population: 1900, transport: 'bus' },
      { name: 'Dalby', population: 1400, transport: 'bus' },
      { name: 'Bråby', population: 950, transport: 'bus' },
      { name: 'Terslev', population: 600, transport: 'limited' },
    ],
  },
  {
    code: '860',
    name: 'Hjørring',
    households: 190,
    caseworkers: 8,
    punctuality: 0.76,
    repatriationGuidance: 0.9,
    familyFollowUp: 0.55,
    languageSchool: 'Sprogcenter Hjørring',
    receptionClassTowns: ['Hjørring', 'Hirtshals'],
    towns: [
      { name: 'Hjørring', population: 25600, transport: 'rail' },
      { name: 'Hirtshals', population: 5700, transport: 'rail' },
      { name: 'Sindal', population: 2700, transport: 'rail' },
      { name: 'Vrå', population: 2400, transport: 'rail' },
      { name: 'Tårs', population: 1700, transport: 'bus' },
      { name: 'Løkken', population: 1600, transport: 'bus' },
      { name: 'Bindslev', population: 800, transport: 'limited' },
      { name: 'Bjergby', population: 700, transport: 'limited' },
      { name: 'Lønstrup', population: 400, transport: 'limited' },
    ],
  },
  {
    code: '813',
    name: 'Frederikshavn',
    households: 165,
    caseworkers: 7,
    punctuality: 0.72,
    repatriationGuidance: 0.86,
    familyFollowUp: 0.5,
    languageSchool: 'Sprogcenter Frederikshavn',
    receptionClassTowns: ['Frederikshavn', 'Sæby'],
    towns: [
      { name: 'Frederikshavn', population: 22500, transport: 'rail' },
      { name: 'Sæby', population: 9200, transport: 'frequent_bus' },
      { name: 'Skagen', population: 7700, transport: 'rail' },
      { name: 'Strandby', population: 2200, transport: 'bus' },
      { name: 'Ålbæk', population: 1600, transport: 'rail' },
      { name: 'Østervrå', population: 1300, transport: 'bus' },
      { name: 'Ravnshøj', population: 1050, transport: 'bus' },
      { name: 'Dybvad', population: 800, transport: 'limited' },
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
}

const KURDISH: NameSet = {
  male: ['Azad', 'Shiyar', 'Dilovan', 'Rezan', 'Baran', 'Hozan', 'Jiyan', 'Serhat', 'Kawa', 'Roj', 'Ferhad', 'Dilshad'],
  female: ['Rojda', 'Berivan', 'Hevin', 'Nesrin', 'Zozan', 'Rojin', 'Dilan', 'Gulistan', 'Avin', 'Jiyan', 'Ronahi', 'Bese'],
  family: ['Sheikho', 'Hasso', 'Berkel', 'Zaza', 'Ibo', 'Kurdo', 'Mamo', 'Haji', 'Bakr', 'Ose', 'Rashid', 'Temo'],
};

const ARABIC_MALE = ['Mohammad', 'Ahmad', 'Khaled', 'Omar', 'Mahmoud', 'Hassan', 'Ali', 'Yousef', 'Bilal', 'Rami', 'Fadi', 'Samer', 'Walid', 'Ammar', 'Jamal', 'Ibrahim', 'Mustafa', 'Anas', 'Karim', 'Tarek'];
const ARABIC_FEMALE = ['Fatima', 'Aya', 'Rasha', 'Amal', 'Nour', 'Hiba', 'Rania', 'Lina', 'Reem', 'Sara', 'Huda', 'Maryam', 'Yasmin', 'Dima', 'Layla', 'Ghada', 'Rim', 'Salma', 'Heba', 'Asma'];

export const ORIGINS: readonly OriginRef[] = [
  {
    code: 'SY', weight: 26, quota: true,
    languages: [[['ar'], 70], [['ku', 'ar'], 22], [['ar', 'en'], 8]],
    names: {
      male: ARABIC_MALE, female: ARABIC_FEMALE,
      family: ['Al-Ahmad', 'Khalil', 'Haddad', 'Hamdan', 'Alhussein', 'Alali', 'Mustafa', 'Ibrahim', 'Saleh', 'Al-Khatib', 'Darwish', 'Othman', 'Hamoud', 'Kassem', 'Alsayed', 'Almasri', 'Najjar', 'Sabbagh', 'Hallak', 'Shami'],
    },
    kurdishNames: KURDISH,
  },
  {
    code: 'ER', weight: 19, quota: true, patronymic: true,
    languages: [[['ti'], 80], [['ti', 'ar'], 12], [['ti', 'en'], 8]],
    names: {
      male: ['Yonas', 'Dawit', 'Tesfay', 'Mehari', 'Berhane', 'Samuel', 'Filmon', 'Kidane', 'Yohannes', 'Habtom', 'Teklay', 'Efrem', 'Abraham', 'Senay', 'Aman', 'Merhawi', 'Biniam', 'Robel'],
      female: ['Helen', 'Senait', 'Selam', 'Ruta', 'Saba', 'Mebrat', 'Luwam', 'Freweyni', 'Rahel', 'Hiwet', 'Yordanos', 'Winta', 'Tsega', 'Milen', 'Eden', 'Feven', 'Semhar', 'Aster'],
      family: ['Tesfamariam', 'Ghebremedhin', 'Kidane', 'Haile', 'Berhe', 'Tekle', 'Mehari', 'Woldu', 'Gebrehiwet', 'Asmelash', 'Andemariam', 'Negash', 'Habte', 'Yemane', 'Fesehaye', 'Tsegay', 'Weldemichael', 'Abraha'],
    },
  },
  {
    code: 'AF', weight: 15, quota: true,
    languages: [[['prs'], 55], [['ps'], 25], [['prs', 'ps'], 12], [['prs', 'en'], 8]],
    names: {
      male: ['Ahmad', 'Mohammad', 'Abdullah', 'Mustafa', 'Hamid', 'Farid', 'Jawad', 'Nasir', 'Rahim', 'Sayed', 'Wahid', 'Zabihullah', 'Habib', 'Mirwais', 'Najib', 'Murtaza', 'Hussain', 'Ehsan'],
      female: ['Fatima', 'Zahra', 'Maryam', 'Sakina', 'Nargis', 'Shabnam', 'Farida', 'Marzia', 'Parwana', 'Roya', 'Mina', 'Laila', 'Nilofar', 'Soraya', 'Zainab', 'Masuma', 'Freshta', 'Hamida'],
      family: ['Ahmadi', 'Hashimi', 'Rahimi', 'Hussaini', 'Noori', 'Sultani', 'Karimi', 'Popal', 'Safi', 'Stanikzai', 'Wardak', 'Amiri', 'Mohammadi', 'Jafari', 'Haidari', 'Rezai', 'Sadat', 'Nazari'],
    },
  },
  {
    code: 'UA', weight: 0, quota: false,
    languages: [[['uk'], 55], [['uk', 'ru'], 30], [['ru', 'uk'], 8], [['uk', 'en'], 7]],
    names: {
      male: ['Oleksandr', 'Andrii', 'Serhii', 'Dmytro', 'Mykola', 'Volodymyr', 'Ivan', 'Yurii', 'Maksym', 'Artem', 'Bohdan', 'Taras', 'Vitalii', 'Oleh', 'Denys', 'Mykhailo', 'Roman', 'Yaroslav'],
      female: ['Olena', 'Iryna', 'Nataliia', 'Tetiana', 'Oksana', 'Yuliia', 'Kateryna', 'Svitlana', 'Anastasiia', 'Viktoriia', 'Mariia', 'Alina', 'Daria', 'Sofiia', 'Halyna', 'Liudmyla', 'Khrystyna', 'Valentyna'],
      family: ['Kovalenko', 'Shevchenko', 'Bondarenko', 'Tkachenko', 'Kravchenko', 'Melnyk', 'Boiko', 'Oliinyk', 'Koval', 'Polishchuk', 'Lysenko', 'Marchenko', 'Savchenko', 'Rudenko', 'Moroz', 'Pavlenko', 'Levchenko', 'Klymenko'],
    },
  },
  {
    code: 'IR', weight: 6, quota: false,
    languages: [[['fa'], 60], [['fa', 'en'], 25], [['ku', 'fa'], 15]],
    names: {
      male: ['Reza', 'Ali', 'Hossein', 'Mehdi', 'Amir', 'Saeed', 'Hamid', 'Behzad', 'Kamran', 'Arash', 'Babak', 'Farhad', 'Navid', 'Pouya'],
      female: ['Maryam', 'Zahra', 'Fatemeh', 'Neda', 'Shirin', 'Leila', 'Parisa', 'Mahsa', 'Sara', 'Nazanin', 'Golnaz', 'Roya', 'Samira', 'Azadeh'],
      family: ['Hosseini', 'Ahmadi', 'Rezaei', 'Mohammadi', 'Karimi', 'Moradi', 'Jafari', 'Rahimi', 'Sadeghi', 'Ghasemi', 'Kazemi', 'Tehrani', 'Sharifi', 'Ebrahimi'],
    },
    kurdishNames: KURDISH,
  },
  {
    code: 'SO', weight: 5, quota: true, patronymic: true,
    languages: [[['so'], 78], [['so', 'ar'], 14], [['so', 'en'], 8]],
    names: {
      male: ['Abdi', 'Mohamed', 'Ahmed', 'Abdirahman', 'Hassan', 'Yusuf', 'Ali', 'Omar', 'Abdullahi', 'Ismail', 'Farah', 'Hussein', 'Mahad', 'Liban'],
      female: ['Hodan', 'Fadumo', 'Amina', 'Hawa', 'Sahra', 'Ifrah', 'Asha', 'Khadija', 'Ayan', 'Hibo', 'Deeqa', 'Ubah', 'Sagal', 'Nimco'],
      family: ['Abdi', 'Mohamed', 'Warsame', 'Farah', 'Hassan', 'Jama', 'Osman', 'Aden', 'Egal', 'Nur', 'Ali', 'Yusuf', 'Hersi', 'Dualeh'],
    },
  },
  {
    code: 'IQ', weight: 5, quota: false,
    languages: [[['ar'], 55], [['ku', 'ar'], 35], [['ar', 'en'], 10]],
    names: {
      male: ARABIC_MALE, female: ARABIC_FEMALE,
      family: ['Al-Jabouri', 'Al-Obaidi', 'Al-Saadi', 'Hamid', 'Jawad', 'Kadhim', 'Al-Rubaie', 'Abbas', 'Salman', 'Mahdi', 'Al-Tamimi', 'Hussein'],
    },
    kurdishNames: KURDISH,
  },
  {
    code: 'SD', weight: 4, quota: true,
    languages: [[['ar'], 85], [['ar', 'en'], 15]],
    names: {
      male: ['Mohamed', 'Ahmed', 'Osman', 'Abdelrahman', 'Musa', 'Adam', 'Ibrahim', 'Yahia', 'Hamza', 'Babiker', 'Elfatih', 'Mohanad'],
      female: ['Fatima', 'Amna', 'Hawa', 'Mariam', 'Sara', 'Safa', 'Rawda', 'Nafisa', 'Hadia', 'Samah', 'Eman', 'Tasneem'],
      family: ['Osman', 'Abdalla', 'Elhassan', 'Ahmed', 'Musa', 'Adam', 'Babiker', 'Elamin', 'Hamid', 'Yousif', 'Mohamed', 'Idris'],
    },
  },
  {
    code: 'TR', weight: 5, quota: false,
    languages: [[['tr'], 50], [['ku', 'tr'], 40], [['tr', 'en'], 10]],
    names: {
      male: ['Mehmet', 'Mustafa', 'Ahmet', 'Ali', 'Hüseyin', 'Hasan', 'Emre', 'Murat', 'Yusuf', 'Burak', 'Kemal', 'Serkan'],
      female: ['Ayşe', 'Fatma', 'Emine', 'Zeynep', 'Elif', 'Hatice', 'Merve', 'Özlem', 'Esra', 'Gülsüm', 'Derya', 'Sibel'],
      family: ['Yılmaz', 'Kaya', 'Demir', 'Şahin', 'Çelik', 'Yıldız', 'Aydın', 'Öztürk', 'Arslan', 'Doğan', 'Kılıç', 'Aslan'],
    },
    kurdishNames: KURDISH,
  },
  {
    code: 'CD', weight: 4, quota: true,
    languages: [[['fr', 'sw'], 55], [['sw'], 20], [['fr', 'ln'], 25]],
    names: {
      male: ['Jean', 'Patrick', 'Emmanuel', 'Joseph', 'Pierre', 'Didier', 'Christian', 'Olivier', 'Faustin', 'Alain', 'Innocent', 'Gloire'],
      female: ['Marie', 'Esther', 'Françoise', 'Claudine', 'Josephine', 'Grace', 'Solange', 'Chantal', 'Aline', 'Furaha', 'Neema', 'Divine'],
      family: ['Mukendi', 'Kabila', 'Ilunga', 'Tshibanda', 'Mbuyi', 'Kasongo', 'Lukusa', 'Mwamba', 'Ngoy', 'Banza', 'Kalonji', 'Mutombo'],
    },
  },
];

// ---------------------------------------------------------------------------------------------
// Danish names for staff, volunteers and company names

export const DANISH_FEMALE = ['Mette', 'Anne', 'Hanne', 'Susanne', 'Lene', 'Camilla', 'Louise', 'Maria', 'Charlotte', 'Pia', 'Tina', 'Kirsten', 'Helle', 'Marianne', 'Line', 'Sofie', 'Birgitte', 'Karina', 'Rikke', 'Trine', 'Jette', 'Dorthe', 'Signe', 'Ida', 'Maja', 'Inge', 'Bente', 'Lone'];
export const DANISH_MALE = ['Rasmus', 'Lars', 'Jens', 'Peter', 'Søren', 'Henrik', 'Thomas', 'Michael', 'Martin', 'Jesper', 'Anders', 'Niels', 'Morten', 'Mads', 'Christian', 'Jacob', 'Bo', 'Kim', 'Torben', 'Ole', 'Poul', 'Kasper', 'Jonas', 'Frederik', 'Erik', 'Per'];
export const DANISH_FAMILY = ['Jensen', 'Nielsen', 'Hansen', 'Pedersen', 'Andersen', 'Christensen', 'Larsen', 'Sørensen', 'Rasmussen', 'Jørgensen', 'Petersen', 'Madsen', 'Kristensen', 'Olsen', 'Thomsen', 'Poulsen', 'Johansen', 'Møller', 'Mortensen', 'Knudsen', 'Lauridsen', 'Frandsen', 'Holm', 'Schmidt', 'Damgaard', 'Lund', 'Bach', 'Kjær', 'Iversen', 'Jessen', 'Lorenzen', 'Paulsen', 'Nørgaard', 'Vestergaard', 'Bertelsen', 'Overgaard'];

// ---------------------------------------------------------------------------------------------
// Institutions, companies, associations

export const SCHOOL_NAMES = ['Nørreskolen', 'Østerskolen', 'Vestre Skole', 'Søndermarkskolen', 'Bakkeskolen', 'Rådhusskolen', 'Fjordskolen', 'Lindeskolen', 'Skovbrynet Skole', 'Kastanjeskolen'];
export const DAYCARE_WORDS = ['Solsikken', 'Mælkebøtten', 'Regnbuen', 'Troldehøjen', 'Spiren', 'Bikuben', 'Skovbrynet', 'Mariehønen', 'Kastanjen', 'Havblik', 'Fyrtårnet', 'Lærkereden', 'Egebakken', 'Møllehuset', 'Nøddeknækkeren', 'Solstrålen', 'Krudtuglen', 'Myretuen', 'Søstjernen', 'Abildgården'];
export const DAYCARE_PREFIXES = ['Børnehuset', 'Daginstitution', 'Børnehaven', 'Vuggestuen og børnehaven'];

export type Sector = 'care' | 'cleaning' | 'retail' | 'manufacturing' | 'agriculture' | 'construction' | 'hospitality' | 'transport';

export const SECTORS: ReadonlyArray<readonly [Sector, number]> = [
  ['care', 16], ['cleaning', 12], ['retail', 14], ['manufacturing', 16],
  ['agriculture', 10], ['construction', 12], ['hospitality', 12], ['transport', 8],
];

/** Name templates: {town}, {surname}, {place} (a word as in a care home's name). */
export const COMPANY_TEMPLATES: Record<Sector, readonly string[]> = {
  care: ['Plejecenter {place}', '{town} Private Hjemmepleje ApS', 'Bosted {place}', 'Friplejehjemmet {place}'],
  cleaning: ['{town} Rengøring ApS', '{surname}s Rengøringsservice', 'Glans Facility Service ApS', 'Renbyg Service {town} ApS'],
  retail: ['Købmand {surname}', '{town} Byggecenter', '{town} Dagligvarer ApS', '{surname} Tøj & Sko'],
  manufacturing: ['{surname} Maskinfabrik A/S', '{town} Stålindustri A/S', '{town} Plast A/S', '{town} Fiskeindustri A/S', 'Nordisk Emballage {town} A/S', '{surname} Træindustri A/S'],
  agriculture: ['{surname}gård I/S', 'Gartneriet {place}', '{town} Kvæg I/S', '{surname} Planteskole'],
  construction: ['{surname} Byg ApS', '{town} Murer- og Entreprenørforretning', '{surname} & Søn Tømrer ApS', '{town} Anlæg ApS'],
  hospitality: ['Hotel {town}', '{town} Kro', 'Restaurant Havnehuset {town}', 'Café {place}', '{town} Pizza & Grill'],
  transport: ['{surname} Transport A/S', '{town} Vognmandsforretning', '{surname} Logistik ApS'],
};

export const COMPANY_PLACES = ['Solgården', 'Lindegården', 'Engparken', 'Birkebo', 'Rosenhaven', 'Kastanjegården', 'Møllebakken', 'Bøgehøj', 'Strandgården', 'Enghaven'];

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

export const EDUCATION_GOALS = ['social- og sundhedshjælperuddannelsen', 'FGU (forberedende grunduddannelse)', 'erhvervsuddannelsen til tømrer', 'HF-enkeltfag', 'erhvervsuddannelsen til elektriker', 'den pædagogiske assistentuddannelse', 'erhvervsuddannelsen til ernæringsassistent'];

export const VISITATION_RESOURCES = ['Motiveret for at lære dansk og komme i arbejde', 'Taler engelsk på samtaleniveau', 'Har kørekort fra hjemlandet', 'Vant til fysisk arbejde', 'Gode sociale kompetencer', 'Har et netværk i kommunen', 'Har selv fundet en praktikplads'];
export const VISITATION_QUALIFICATIONS = ['12 års skolegang', 'Ingen formel uddannelse', '6 års skolegang', 'Erfaring som frisør', 'Sygeplejerskeuddannelse (ikke anerkendt i Danmark)', 'Erfaring fra landbrug', 'Erfaring som kok', 'Universitetsuddannelse i økonomi', 'Erfaring som chauffør', 'Erfaring fra byggeri', 'Erfaring som syerske', 'Lærer i grundskolen'];
export const VISITATION_WISHES = ['Vil gerne arbejde i byggeriet', 'Ønsker at blive social- og sundhedshjælper', 'Vil gerne arbejde med børn', 'Ønsker arbejde i et køkken', 'Vil gerne tage en erhvervsuddannelse', 'Ønsker at få sin uddannelse anerkendt', 'Vil gerne have arbejde som chauffør', 'Vil gerne arbejde i detailhandlen'];
export const VISITATION_CHALLENGES = ['Smerter i ryg og skuldre', 'Børnepasning i opstarten', 'Begrænsede læse- og skrivefærdigheder', 'Søvnproblemer', 'Bekymring for familie i hjemlandet', 'Lang transport til sprogcenteret', 'Ingen særlige udfordringer', 'Tegn på traume; henvist til egen læge'];

export const CONVERSATION_NOTES = {
  visitation: ['Visitationssamtale: ressourcer, kvalifikationer og ønsker afdækket.', 'Visitationssamtale holdt med hele familien til stede.', 'Visitationssamtale; aftalt praktikforløb og henvisning til danskuddannelse.'],
  contract_follow_up: ['Opfølgning på integrationskontrakten; planen fortsætter.', 'Opfølgning: praktikken går godt, drøftet forlængelse.', 'Opfølgning: fremmøde på sprogcenteret drøftet.', 'Opfølgning: nyt mål om løntilskud aftalt.', 'Opfølgning: borgeren ønsker flere timer i praktikken.'],
  other: ['Hjælp til post fra Skat og Udbetaling Danmark.', 'Samtale om bolig og indskud.', 'Samtale om børnenes skolegang.', 'Borgeren henvendte sig om fritidsjob til ældste barn.', 'Samtale om lægebesøg og tolkebistand.', 'Introduktion til foreningslivet i lokalområdet.'],
} as const;

export const REPATRIATION_NOTES = ['Vejledt om muligheden for frivillig hjemrejse med økonomisk støtte.', 'Informeret om repatriering; henvist til Dansk Flygtningehjælps rådgivning.', 'Repatriering nævnt; borgeren ønsker ikke at vende hjem nu.', 'Udleveret pjece om repatriering på borgerens sprog.'];

export const FOLLOW_UP_NOTES = {
  contract: ['Opfølgning på integrationskontrakten (§ 20).', 'Kontraktopfølgning; mål og tilbud gennemgået.'],
  yearly: ['Årlig opfølgning; borgeren er i arbejde.', 'Årlig opfølgning; uddannelsen forløber planmæssigt.', 'Årlig opfølgning; behov for fortsat støtte drøftet.'],
  family: ['Opfølgning på hele familien: børnenes trivsel og forældrenes beskæftigelse.', 'Familieopfølgning; kontakt til skole og daginstitution.', 'Familieopfølgning; fritidsaktiviteter for børnene drøftet.'],
} as const;

export const LANGUAGE_ASSESSMENT_NOTES = { general: 'Alderssvarende sprog; almindelig sprogstimulering.', focused: 'Fokuseret sprogindsats i dagtilbuddet.', special: 'Særlig sprogindsats; opfølgning om 3 måneder.' } as const;

export const HEALTH_PROVIDERS = ['Genoptræning, {town} Sundhedscenter', 'Psykolog, Dansk Flygtningehjælp', 'Egen læge og fysioterapi'];
export const EDUCATION_PROVIDERS = ['FGU {town}', 'Erhvervsskolen i {town}', 'VUC {town}'];
