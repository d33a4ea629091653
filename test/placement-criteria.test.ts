import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { deferredAcceptance, findViolations } from '../src/placement/deferred-acceptance.js';
import { menteeFromAdult } from '../src/placement/criteria.js';
import type {
  AdultInput,
  ChildInput,
  HouseholdInput,
  HousingUnitInput,
  InstitutionInput,
  MentorInput,
  PositionInput,
  TownInput,
} from '../src/placement/inputs.js';
import {
  buildDaycareInstance,
  buildHousingInstance,
  buildInstitutionDeferredAcceptance,
  buildInternshipInstance,
  buildMentorInstance,
  buildSchoolInstance,
  institutionCaps,
  type PlacementInstance,
} from '../src/placement/instances.js';
import { evaluate, PlacementInputError } from '../src/placement/model.js';
import { loadPolicySet, PolicyError, POLICY_DIR } from '../src/policy/load.js';
import { placementParameterList, placementParameters, type PlacementParameters } from '../src/policy/placement.js';

const SHARED = path.resolve(process.cwd(), '..', 'shared');
const normalize = (s: string) => s.replace(/\s+/g, ' ').trim();
const set = loadPolicySet();
const law = placementParameters(set, '101'); // a municipality without a policy file: the law's defaults
const aabenraa = placementParameters(set, '580');
const hjorring = placementParameters(set, '860');
const frederikshavn = placementParameters(set, '813');

// ---- Fixtures --------------------------------------------------------------------------------

const town = (id: string, over: Partial<TownInput> = {}): TownInput => ({
  id,
  name: id,
  population: 4000,
  publicTransport: 'bus',
  services: ['supermarket', 'gp', 'school', 'daycare', 'library', 'sports_club'],
  latitude: 55.04,
  longitude: 9.42,
  placedHouseholds: 4,
  ...over,
});
const TOWNS: TownInput[] = [
  town('railtown', { publicTransport: 'rail' }),
  town('quiettown', { publicTransport: 'limited' }),
  town('farville', { latitude: 55.6, longitude: 9.42 }), // ≈ 62 km north
];

const household = (id: string, over: Partial<HouseholdInput> = {}): HouseholdInput => ({
  id,
  label: id,
  persons: 2,
  adults: 2,
  children: 0,
  schoolChildren: 0,
  singleParent: false,
  needsAccessible: false,
  monthlyIncome: 16000,
  headAge: 35,
  currentHousing: 'none',
  workTownId: null,
  languages: ['ar'],
  ...over,
});
const unit = (id: string, over: Partial<HousingUnitInput> = {}): HousingUnitInput => ({
  id,
  address: `${id}vej 1`,
  townId: 'railtown',
  rooms: 2,
  rent: 4500,
  landlord: 'housing_association',
  availableFrom: '2025-01-01',
  tenure: 'permanent',
  deprivedArea: false,
  accessible: true,
  ...over,
});
const DATE = '2025-03-01';

const child = (id: string, over: Partial<ChildInput> = {}): ChildInput => ({
  id,
  label: id,
  householdId: 'h',
  age: 3,
  bilingual: true,
  countsInDeprivedAreaCap: false,
  townId: 'railtown',
  needsReceptionClass: false,
  preferences: [],
  siblingAt: [],
  ...over,
});
const institution = (id: string, over: Partial<InstitutionInput> = {}): InstitutionInput => ({
  id,
  name: id,
  kind: 'daycare',
  townId: 'railtown',
  capacity: 50,
  enrolled: 40,
  bilingualEnrolled: 10,
  admittedThisYear: 10,
  admittedFromDeprivedThisYear: 2,
  hasReceptionClass: false,
  ...over,
});

/** The parameters with one cap set by hand (as a municipality's file would). */
function withCap(
  p: PlacementParameters,
  domain: 'daycare' | 'school',
  name: 'bilingualMaxShare',
  value: number,
): PlacementParameters {
  return {
    ...p,
    [domain]: {
      ...p[domain],
      caps: { ...p[domain].caps, [name]: { value, layer: 'test', interpretation: { by: 'medborger', text: 'test' } } },
    },
  };
}

const pairOf = (inst: PlacementInstance, agentId: string, optionId: string): number => {
  const a = inst.agentIds.indexOf(agentId);
  const o = inst.optionIds.indexOf(optionId);
  for (let k = 0; k < inst.problem.pairAgent.length; k++)
    if (inst.problem.pairAgent[k] === a && inst.problem.pairOption[k] === o) return k;
  return -1;
};
const criterion = (inst: PlacementInstance, k: number, code: string) =>
  inst.criteria(k).find((c) => c.criterion === code);
/** The share of `of` that `already` makes once k more of both are added. */
const shareAfter = (already: number, of: number, k: number) => (already + k) / (of + k);

// ---- Policy data -----------------------------------------------------------------------------

describe('placement parameters as policy data', () => {
  test('a municipality without a file gets the law; every parameter cites a sentence or says whose reading it is', () => {
    assert.equal(law.daycare.caps.deprivedAreaMaxShare?.value, 0.3);
    assert.equal(law.daycare.caps.deprivedAreaMaxShare.binding, true);
    assert.equal(law.housing.eligibility.temporaryNeverInDeprivedArea.value, true);
    for (const code of ['101', '320', '550', '580', '813', '860']) {
      for (const p of placementParameterList(placementParameters(set, code))) {
        assert.ok(p.source || p.interpretation, `${code}: ${p.path} has neither source nor interpretation`);
      }
    }
  });

  test("Hjørring's parameters differ from the law where its policy says so, and cite its sentences", () => {
    const text = normalize(
      existsSync(SHARED)
        ? readFileSync(path.join(SHARED, 'policies', 'hjorring-2019.md'), 'utf8').replace(/\*\*/g, '')
        : '',
    );
    const own = placementParameterList(hjorring).filter((p) => p.layer === '860');
    assert.ok(own.length >= 5);
    for (const p of own) {
      assert.equal(p.source?.document, 'hjorring-2019.md', p.path);
      if (text) assert.ok(text.includes(normalize(p.source.quote)), `${p.path}: quote not in hjorring-2019.md`);
    }
    // Housing in towns with transport, associations, shops, a GP and schools; chosen by family size and economy.
    assert.ok(hjorring.housing.weights.services.value > law.housing.weights.services.value);
    assert.ok(hjorring.housing.weights.transport.value > law.housing.weights.transport.value);
    assert.ok(hjorring.housing.weights.family_size.value > law.housing.weights.family_size.value);
    assert.ok(hjorring.housing.weights.economy.value > law.housing.weights.economy.value);
    assert.match(hjorring.housing.weights.services.source!.quote, /offentlig transport, foreningstilbud og indkøb/);
    // Where Hjørring says nothing, the law's default stands.
    assert.equal(hjorring.housing.weights.spread.layer, 'national');
    assert.equal(hjorring.daycare.caps.deprivedAreaMaxShare?.value, 0.3);
  });

  test('Aabenraa: permanent housing from arrival, spread across the municipality, near public transport', () => {
    assert.ok(aabenraa.housing.weights.permanent.value > law.housing.weights.permanent.value);
    assert.ok(aabenraa.housing.weights.spread.value > law.housing.weights.spread.value);
    assert.equal(aabenraa.housing.weights.permanent.source?.quote, 'at tilbyde permanent bolig fra ankomsten');
    assert.equal(aabenraa.housing.caps.maxHouseholdsPer1000Residents?.layer, '580');
    assert.equal(frederikshavn.internships.eligibility.realOpeningsOnly.value, true);
    assert.equal(law.internships.eligibility.realOpeningsOnly.value, false);
  });

  function withPolicyFile(name: string, lines: string[], check: (dir: string) => void) {
    const dir = mkdtempSync(path.join(tmpdir(), 'medborger-placement-'));
    try {
      copyFileSync(path.join(POLICY_DIR, 'national.yaml'), path.join(dir, 'national.yaml'));
      writeFileSync(
        path.join(dir, name),
        [
          `municipality: "${name.slice(0, 3)}"`,
          'title: Prøve',
          'document: proeve.md',
          'adopted: { body: Byrådet, status: draft }',
          'period: { from: "2024-01-01" }',
          ...lines,
        ].join('\n'),
      );
      check(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  test('a municipal file that raises the deprived-area cap to 0.4 is refused, naming the file, the parameter and the law', () => {
    withPolicyFile(
      '999-loose.yaml',
      [
        'rules: []',
        'placement:',
        '  daycare:',
        '    caps:',
        '      deprivedAreaMaxShare: { value: 0.4, interpretation: { by: municipality, text: "Vi tager flere." } }',
      ],
      (dir) => {
        assert.throws(
          () => loadPolicySet(dir),
          (err: unknown) => {
            assert.ok(err instanceof PolicyError);
            assert.match(err.message, /999-loose\.yaml/);
            assert.match(err.message, /daycare\.caps\.deprivedAreaMaxShare loosens the law/);
            assert.match(err.message, /its 0\.4 is above the law's 0\.3/);
            assert.match(err.message, /dagtilbudsloven § 26 a/);
            return true;
          },
        );
      },
    );
  });

  test('switching off a legal eligibility rule or claiming `binding` in a municipal file is refused', () => {
    withPolicyFile(
      '998-off.yaml',
      [
        'rules: []',
        'placement:',
        '  housing:',
        '    eligibility:',
        '      temporaryNeverInDeprivedArea: { value: false, interpretation: { by: municipality, text: "x" } }',
        '      maxExtraRooms: { value: 3, binding: true, interpretation: { by: municipality, text: "x" } }',
      ],
      (dir) => {
        assert.throws(
          () => loadPolicySet(dir),
          (err: unknown) => {
            assert.ok(err instanceof PolicyError);
            assert.match(err.message, /998-off\.yaml/);
            assert.match(
              err.message,
              /housing\.eligibility\.temporaryNeverInDeprivedArea loosens the law: it switches off/,
            );
            assert.match(err.message, /maxExtraRooms sets binding, which only national\.yaml may do/);
            return true;
          },
        );
      },
    );
  });

  test('a stricter cap is accepted, and a municipal cap rule with a number tightens the placement cap too', () => {
    withPolicyFile(
      '997-strict.yaml',
      [
        'rules:',
        '  - id: strict.deprived-20pct',
        '    kind: cap',
        '    title: Højst 20 %',
        '    scope: daycare',
        '    category: deprived_housing_area',
        '    maxShare: 0.2',
        '    per: calendar_year',
        '    tightens: [law.daycare-deprived-area-30pct]',
        '    source: { document: proeve.md, quote: "Højst 20 % fra udsatte boligområder." }',
        '    effective: { from: "2024-01-01" }',
        'placement:',
        '  daycare:',
        '    caps:',
        '      deprivedAreaMaxShare: { value: 0.25, source: { document: proeve.md, quote: "Højst 25 %." } }',
      ],
      (dir) => {
        const p = placementParameters(loadPolicySet(dir), '997');
        assert.equal(p.daycare.caps.deprivedAreaMaxShare?.value, 0.2);
        assert.equal(p.daycare.caps.deprivedAreaMaxShare.layer, '997');
        assert.match(p.daycare.caps.deprivedAreaMaxShare.note ?? '', /strict\.deprived-20pct/);
      },
    );
  });
});

// ---- Housing ---------------------------------------------------------------------------------

describe('housing', () => {
  test("a family of 6 is never proposed a 1-room flat, under any municipality's policy", () => {
    const six = household('six', { persons: 6, adults: 2, children: 4, schoolChildren: 4, monthlyIncome: 30000 });
    const units = [unit('one-room', { rooms: 1, rent: 3500 }), unit('four-room', { rooms: 4, rent: 7500 })];
    for (const code of ['101', '320', '550', '580', '813', '860']) {
      const inst = buildHousingInstance({
        params: placementParameters(set, code),
        households: [six],
        units,
        towns: TOWNS,
        date: DATE,
      });
      assert.equal(pairOf(inst, 'six', 'one-room'), -1, code);
      assert.notEqual(pairOf(inst, 'six', 'four-room'), -1, code);
      const why = inst.explainPair('six', 'one-room');
      assert.equal(why.eligible, false);
      assert.match(why.reasons_da.join(' '), /For lille: 1 værelser til 6 personer \(mindst 3\)/);
    }
    // … nor a single person a 6-room house.
    const single = household('single', { persons: 1, adults: 1 });
    const inst = buildHousingInstance({
      params: law,
      households: [single],
      units: [unit('house', { rooms: 6, rent: 6000 })],
      towns: TOWNS,
      date: DATE,
    });
    assert.deepEqual(inst.agentsWithoutOptions, ['single']);
  });

  test('a unit in a town with rail scores higher on transport than one with limited transport, other things equal', () => {
    const h = household('h');
    const inst = buildHousingInstance({
      params: aabenraa,
      households: [h],
      towns: TOWNS,
      date: DATE,
      units: [unit('rail', { townId: 'railtown' }), unit('limited', { townId: 'quiettown' })],
    });
    const rail = pairOf(inst, 'h', 'rail');
    const limited = pairOf(inst, 'h', 'limited');
    assert.ok(criterion(inst, rail, 'transport')!.score > criterion(inst, limited, 'transport')!.score);
    assert.equal(criterion(inst, rail, 'transport')!.label_da, 'Offentlig transport');
    assert.ok(inst.problem.pairValue[rail]! > inst.problem.pairValue[limited]!);
    // Every other criterion is the same.
    for (const c of inst.criteria(rail))
      if (c.criterion !== 'transport') assert.deepEqual(c, criterion(inst, limited, c.criterion), c.criterion);
  });

  test('raising the transport weight raises the transport contribution and the pair value (what-if)', () => {
    const args = { params: law, households: [household('h')], units: [unit('rail')], towns: TOWNS, date: DATE };
    const before = buildHousingInstance(args);
    const after = buildHousingInstance({ ...args, weights: { transport: 6 } });
    const b = criterion(before, 0, 'transport')!;
    const a = criterion(after, 0, 'transport')!;
    assert.equal(b.weight, law.housing.weights.transport.value);
    assert.equal(a.weight, 6);
    assert.ok(a.contribution > b.contribution);
    assert.ok(after.problem.pairValue[0]! > before.problem.pairValue[0]!);
    const view = after.weights.find((w) => w.criterion === 'transport')!;
    assert.deepEqual([view.weight, view.policyWeight, view.overridden], [6, 2, true]);
    assert.throws(() => buildHousingInstance({ ...args, weights: { transport: -1 } }), PlacementInputError);
    assert.throws(
      () => buildHousingInstance({ ...args, weights: { teleport: 1 } as never }),
      /unknown housing criterion "teleport"/,
    );
  });

  test('temporary units in deprived areas are not eligible (law); permanent ones are, but score lower', () => {
    const inst = buildHousingInstance({
      params: hjorring,
      households: [household('h')],
      towns: TOWNS,
      date: DATE,
      units: [
        unit('temp-deprived', { tenure: 'temporary', deprivedArea: true }),
        unit('perm-deprived', { deprivedArea: true }),
        unit('perm'),
      ],
    });
    assert.ok(!inst.optionIds.includes('temp-deprived'));
    assert.deepEqual(inst.excludedOptions, [
      { id: 'temp-deprived', reason_da: 'En midlertidig bolig må ikke ligge i et udsat boligområde' },
    ]);
    assert.equal(inst.explainPair('h', 'temp-deprived').eligible, false);
    const deprived = pairOf(inst, 'h', 'perm-deprived');
    assert.notEqual(deprived, -1);
    assert.ok(inst.problem.pairValue[pairOf(inst, 'h', 'perm')]! > inst.problem.pairValue[deprived]!);
  });

  test('rent, accessibility, availability and an existing temporary home decide eligibility', () => {
    const h = household('h', { monthlyIncome: 10000, needsAccessible: true, currentHousing: 'temporary' });
    const inst = buildHousingInstance({
      params: law,
      households: [h],
      towns: TOWNS,
      date: DATE,
      units: [
        unit('dear', { rent: 6000 }),
        unit('stairs', { accessible: false }),
        unit('later', { availableFrom: '2025-06-01' }),
        unit('temp', { tenure: 'temporary' }),
        unit('ok', { rent: 4000 }),
      ],
    });
    assert.match(inst.explainPair('h', 'dear').reasons_da.join(), /60 % af indkomsten \(højst 50 %\)/);
    assert.match(inst.explainPair('h', 'stairs').reasons_da.join(), /tilgængelig bolig/);
    assert.match(inst.explainPair('h', 'later').reasons_da.join(), /først ledig 01\.06\.2025/);
    assert.match(inst.explainPair('h', 'temp').reasons_da.join(), /kun permanente boliger/);
    assert.deepEqual(
      [...inst.problem.pairOption].map((o) => inst.optionIds[o]),
      ['ok'],
    );
  });

  test('commute counts only for a household with a work town, falling with the distance', () => {
    const inst = buildHousingInstance({
      params: law,
      towns: TOWNS,
      date: DATE,
      households: [household('worker', { workTownId: 'railtown' }), household('none')],
      units: [unit('near', { townId: 'railtown' }), unit('far', { townId: 'farville' })],
    });
    const near = criterion(inst, pairOf(inst, 'worker', 'near'), 'commute')!;
    const far = criterion(inst, pairOf(inst, 'worker', 'far'), 'commute')!;
    assert.equal(near.raw, 0);
    assert.ok(far.raw > 60 && far.raw < 64, `haversine ≈ 62 km, got ${far.raw}`);
    assert.equal(far.score, 0); // beyond the 40 km at which the score reaches 0
    assert.equal(criterion(inst, pairOf(inst, 'none', 'near'), 'commute'), undefined);
  });

  test("every pair's criteria sum to its value; placing one more household always beats a better score", () => {
    // h1 can afford only the small unit; h2 fits both and prefers the small one (rail). Leaving
    // h1 unplaced to give h2 its favourite must lose.
    const h1 = household('h1', { persons: 1, adults: 1, monthlyIncome: 8000 });
    const h2 = household('h2');
    const inst = buildHousingInstance({
      params: aabenraa,
      households: [h1, h2],
      towns: TOWNS,
      date: DATE,
      units: [
        unit('small', { rooms: 2, rent: 4000, townId: 'railtown' }),
        unit('big', { rooms: 3, rent: 5000, townId: 'quiettown' }),
      ],
    });
    for (let k = 0; k < inst.problem.pairAgent.length; k++) {
      const sum = inst.criteria(k).reduce((s, c) => s + c.contribution, 0);
      assert.ok(Math.abs(sum - inst.problem.pairValue[k]!) < 1e-9);
    }
    assert.equal(pairOf(inst, 'h1', 'big'), -1);
    const [a1, a2] = [inst.agentIds.indexOf('h1'), inst.agentIds.indexOf('h2')];
    const [small, big] = [inst.optionIds.indexOf('small'), inst.optionIds.indexOf('big')];
    const both = new Int32Array(2);
    both[a1] = small;
    both[a2] = big;
    const greedy = new Int32Array(2);
    greedy[a1] = -1;
    greedy[a2] = small;
    const eBoth = evaluate(inst.problem, both);
    const eGreedy = evaluate(inst.problem, greedy);
    assert.ok(eBoth.feasible && eGreedy.feasible);
    assert.ok(
      inst.problem.pairValue[pairOf(inst, 'h2', 'small')]! > inst.problem.pairValue[pairOf(inst, 'h2', 'big')]!,
    );
    assert.ok(eBoth.objective > eGreedy.objective);
    assert.equal(
      inst.unplacedPenalty,
      2 * Object.values(aabenraa.housing.weights).reduce((s, w) => s + w.value, 0) + 1,
    );
  });

  test('town caps: households relative to population and per round, persons, large families, single parents', () => {
    const params: PlacementParameters = {
      ...law,
      housing: {
        ...law.housing,
        caps: {
          ...law.housing.caps,
          maxHouseholdsPer1000Residents: { value: 1.5, layer: 'test', interpretation: { by: 'medborger', text: 't' } },
          maxRoundShareOfPersonsPerTown: { value: 0.5, layer: 'test', interpretation: { by: 'medborger', text: 't' } },
          maxLargeFamiliesPerTown: { value: 1, layer: 'test', interpretation: { by: 'medborger', text: 't' } },
          maxSingleParentsPerTown: { value: 1, layer: 'test', interpretation: { by: 'medborger', text: 't' } },
        },
      },
    };
    const households = [
      household('big1', { persons: 6, adults: 2, children: 4, monthlyIncome: 30000 }),
      household('big2', { persons: 5, adults: 1, children: 4, singleParent: true, monthlyIncome: 30000 }),
      household('sp', { persons: 2, adults: 1, children: 1, singleParent: true }),
      household('pair'),
    ];
    const units = [1, 2, 3, 4, 5].map((i) => unit(`u${i}`, { rooms: i === 5 ? 2 : 4, rent: 5000 }));
    const inst = buildHousingInstance({ params, households, units, towns: TOWNS, date: DATE });
    const byName = new Map(
      inst.problem.constraints.map((c, i) => [
        c.name,
        { ...c, dim: inst.problem.dimensions[c.dimension]!.name, note: inst.constraintNotes[i]! },
      ]),
    );
    // railtown: ⌊4,000 × 1.5 / 1,000⌋ = 6 households in all, 4 placed before → 2 more.
    assert.deepEqual(
      [byName.get('by:railtown husstande')?.cap, byName.get('by:railtown husstande')?.dim],
      [2, 'count'],
    );
    assert.match(byName.get('by:railtown husstande')!.note, /4 placeret før, 2 tilbage/);
    // 15 persons in the round: max(largest household 6, ⌈0.5 × 15⌉ = 8) = 8.
    assert.deepEqual(
      [byName.get('by:railtown personer')?.cap, byName.get('by:railtown personer')?.dim],
      [8, 'persons'],
    );
    assert.deepEqual(
      [byName.get('by:railtown store familier')?.cap, byName.get('by:railtown store familier')?.dim],
      [1, 'large_families'],
    );
    assert.deepEqual(
      [byName.get('by:railtown enlige forsørgere')?.cap, byName.get('by:railtown enlige forsørgere')?.dim],
      [1, 'single_parents'],
    );
    // Both large families in the town break two caps at once (households and large families).
    const a = new Int32Array(4).fill(-1);
    a[inst.agentIds.indexOf('big1')] = inst.optionIds.indexOf('u1');
    a[inst.agentIds.indexOf('big2')] = inst.optionIds.indexOf('u2');
    const e = evaluate(inst.problem, a);
    assert.deepEqual(e.violations.map((v) => v.constraint).sort(), [
      'by:railtown personer',
      'by:railtown store familier',
    ]);
  });

  test('a share of the round per town: at most max(1, ⌈share × households⌉)', () => {
    const params: PlacementParameters = {
      ...law,
      housing: {
        ...law.housing,
        caps: {
          ...law.housing.caps,
          maxRoundShareOfHouseholdsPerTown: {
            value: 0.25,
            layer: 'test',
            interpretation: { by: 'medborger', text: 't' },
          },
        },
      },
    };
    const households = ['a', 'b', 'c', 'd', 'e'].map((id) => household(id));
    const units = ['1', '2', '3', '4', '5'].map((id) =>
      unit(`u${id}`, { townId: id < '3' ? 'railtown' : 'quiettown' }),
    );
    const inst = buildHousingInstance({ params, households, units, towns: TOWNS, date: DATE });
    const caps = inst.problem.constraints.filter((c) => c.kind === 'group').map((c) => [c.name, c.cap]);
    assert.deepEqual(caps, [['by:quiettown husstande', 2]]); // ⌈0.25 × 5⌉ = 2; railtown has only 2 units anyway
  });
});

// ---- Daycare and school ----------------------------------------------------------------------

describe('daycare and school', () => {
  test('the bilingual cap has the right cap for a given composition', () => {
    // 40 enrolled, 10 bilingual, share 30 %: 12/42 = 28.6 % is within, 13/43 = 30.2 % is not → 2.
    const params = withCap(law, 'daycare', 'bilingualMaxShare', 0.3);
    const children = ['c1', 'c2', 'c3', 'c4', 'c5'].map((id) => child(id));
    const inst = buildDaycareInstance({ params, children, institutions: [institution('Solsikken')], towns: TOWNS });
    const bilingual = inst.problem.constraints.find((c) => inst.problem.dimensions[c.dimension]!.name === 'bilingual')!;
    assert.equal(bilingual.cap, 2);
    assert.equal(bilingual.name, 'dagtilbud:Solsikken tosprogede');
    assert.match(
      inst.constraintNotes[inst.problem.constraints.indexOf(bilingual)]!,
      /10 af 40 nu → højst 2 tosprogede børn mere/,
    );
    assert.ok(shareAfter(10, 40, 2) <= 0.3 && shareAfter(10, 40, 3) > 0.3);
    // Over the share already: no bilingual child more.
    assert.equal(
      institutionCaps('daycare', institution('Full', { bilingualEnrolled: 15 }), params).find(
        (c) => c.category === 'bilingual',
      )!.cap,
      0,
    );
    // No share set (the shipped policies): no bilingual cap, only the composition criterion.
    assert.equal(
      institutionCaps('daycare', institution('x'), aabenraa).some((c) => c.category === 'bilingual'),
      false,
    );
  });

  test("children from deprived housing areas: at most 30 % of the year's admissions, whatever the rest of the round", () => {
    // 10 admitted this year, 2 from deprived areas: (2 + k) / (10 + k) ≤ 0.3 → k ≤ 1.43 → 1.
    const children = ['d1', 'd2', 'd3'].map((id) => child(id, { countsInDeprivedAreaCap: true, bilingual: false }));
    const inst = buildDaycareInstance({
      params: law,
      children,
      institutions: [institution('Mælkebøtten')],
      towns: TOWNS,
    });
    const c = inst.problem.constraints.find((x) => x.name === 'dagtilbud:Mælkebøtten udsatte boligområder')!;
    assert.equal(c.cap, 1);
    assert.equal(inst.problem.dimensions[c.dimension]!.name, 'deprived');
    assert.ok(shareAfter(2, 10, 1) <= 0.3 && shareAfter(2, 10, 2) > 0.3);
    // A new year (no admissions yet): none until other children have been admitted.
    assert.equal(
      institutionCaps('daycare', institution('Ny', { admittedThisYear: 0, admittedFromDeprivedThisYear: 0 }), law)[0]!
        .cap,
      0,
    );
    // The cap is the daycare's, not the school's.
    assert.deepEqual(institutionCaps('school', institution('Skolen', { kind: 'school' }), law), []);
  });

  test('age bands, distance, wishes, siblings and reception classes', () => {
    const children = [
      child('baby', { age: 1, preferences: ['far', 'near'] }),
      child('pupil', { age: 8 }),
      child('sib', { age: 4, bilingual: false, siblingAt: ['far'] }),
    ];
    const institutions = [institution('near'), institution('far', { townId: 'farville' })];
    const inst = buildDaycareInstance({ params: aabenraa, children, institutions, towns: TOWNS });
    assert.deepEqual(inst.excludedAgents, [{ id: 'pupil', reason_da: '8 år: dagtilbud er for 0–5 år' }]);
    // 62 km is beyond 15 km, but the family wished it / a sibling goes there.
    assert.notEqual(pairOf(inst, 'baby', 'far'), -1);
    assert.notEqual(pairOf(inst, 'sib', 'far'), -1);
    assert.equal(criterion(inst, pairOf(inst, 'baby', 'far'), 'preference')!.score, 1);
    assert.equal(criterion(inst, pairOf(inst, 'baby', 'near'), 'preference')!.score, 0.5);
    assert.equal(criterion(inst, pairOf(inst, 'sib', 'far'), 'sibling')!.score, 1);
    assert.equal(criterion(inst, pairOf(inst, 'sib', 'near'), 'composition'), undefined); // not bilingual
    const comp = criterion(inst, pairOf(inst, 'baby', 'near'), 'composition')!;
    assert.ok(Math.abs(comp.raw - 11 / 41) < 1e-12 && comp.weight === 3);

    const schoolChildren = [child('new', { age: 9, needsReceptionClass: true }), child('settled', { age: 12 })];
    const schools = [
      institution('Midtskolen', { kind: 'school' }),
      institution('Modtageskolen', { kind: 'school', hasReceptionClass: true }),
    ];
    const s = buildSchoolInstance({ params: aabenraa, children: schoolChildren, institutions: schools, towns: TOWNS });
    assert.equal(pairOf(s, 'new', 'Midtskolen'), -1);
    assert.match(s.explainPair('new', 'Midtskolen').reasons_da.join(), /modtageklasse/);
    assert.notEqual(pairOf(s, 'new', 'Modtageskolen'), -1);
    assert.notEqual(pairOf(s, 'settled', 'Midtskolen'), -1);
  });

  test('the same round as deferred-acceptance input: wishes first, caps as categories, reproducible lottery', () => {
    const children = [
      child('a', { preferences: ['far'], countsInDeprivedAreaCap: true }),
      child('b', { countsInDeprivedAreaCap: true }),
      child('c', { bilingual: false }),
    ];
    const institutions = [institution('near'), institution('far', { townId: 'farville' })];
    const build = () =>
      buildInstitutionDeferredAcceptance('daycare', {
        params: law,
        children,
        institutions,
        towns: TOWNS,
        lotterySeed: '2025',
      });
    const da = build();
    const a = da.input.children.find((x) => x.id === 'a')!;
    assert.deepEqual(a.preferences, ['far', 'near']);
    assert.deepEqual(a.categories, ['deprived']);
    assert.deepEqual(da.input.children.find((x) => x.id === 'b')!.preferences, ['near']); // far is 62 km away and not wished
    assert.deepEqual(
      da.input.institutions.map((i) => i.caps),
      [{ deprived: 1 }, { deprived: 1 }],
    );
    assert.deepEqual(
      build().input.children.map((x) => x.lottery),
      da.input.children.map((x) => x.lottery),
    );
    const result = deferredAcceptance(da.input);
    assert.deepEqual(findViolations(da.input, result), []);
  });
});

// ---- Internships and mentors -----------------------------------------------------------------

describe('internships and mentors', () => {
  const adult = (id: string, over: Partial<AdultInput> = {}): AdultInput => ({
    id,
    label: id,
    householdId: 'h',
    townId: 'railtown',
    sectors: ['retail'],
    languages: ['ar', 'en'],
    plannedHours: 15,
    ...over,
  });
  const position = (id: string, over: Partial<PositionInput> = {}): PositionInput => ({
    id,
    companyName: id,
    sector: 'retail',
    townId: 'railtown',
    kind: 'company_internship',
    hoursPerWeek: 22,
    realOpening: true,
    seats: 1,
    ...over,
  });

  test('Frederikshavn offers only companies with real job openings; elsewhere a real opening scores higher', () => {
    const positions = [position('Netto'), position('Lager', { realOpening: false })];
    const f = buildInternshipInstance({ params: frederikshavn, adults: [adult('p')], positions, towns: TOWNS });
    assert.deepEqual(f.optionIds, ['Netto']);
    assert.match(f.excludedOptions[0]!.reason_da, /reel jobåbning/);
    const h = buildInternshipInstance({ params: hjorring, adults: [adult('p')], positions, towns: TOWNS });
    assert.deepEqual(h.optionIds, ['Netto', 'Lager']);
    assert.ok(h.problem.pairValue[pairOf(h, 'p', 'Netto')]! > h.problem.pairValue[pairOf(h, 'p', 'Lager')]!);
    assert.equal(criterion(h, pairOf(h, 'p', 'Netto'), 'real_opening')!.weight, 3);
  });

  test('hours toward 37, sector match and commute', () => {
    const inst = buildInternshipInstance({
      params: law,
      adults: [adult('p')],
      towns: TOWNS,
      positions: [
        position('full', { hoursPerWeek: 22 }),
        position('short', { hoursPerWeek: 10 }),
        position('other', { sector: 'cleaning' }),
        position('far', { townId: 'farville' }),
      ],
    });
    const hours = (id: string) => criterion(inst, pairOf(inst, 'p', id), 'hours')!;
    assert.deepEqual([hours('full').raw, hours('full').score], [37, 1]);
    assert.equal(hours('short').raw, 25);
    assert.ok(hours('short').score < 1);
    assert.equal(criterion(inst, pairOf(inst, 'p', 'other'), 'sector')!.score, 0);
    assert.equal(pairOf(inst, 'p', 'far'), -1); // 62 km > 50 km
    assert.deepEqual(
      inst.problem.constraints.map((c) => c.cap),
      [1, 1, 1, 1],
    );
  });

  test('mentors: a shared language and room for more decide', () => {
    const mentors: MentorInput[] = [
      { id: 'm-ar', label: 'Mentor A', townId: 'railtown', languages: ['AR', 'da'], hoursPerMonth: 8, capacity: 2 },
      { id: 'm-ti', label: 'Mentor B', townId: 'railtown', languages: ['ti'], hoursPerMonth: 12, capacity: 1 },
      { id: 'm-full', label: 'Mentor C', townId: 'railtown', languages: ['ar'], hoursPerMonth: 8, capacity: 0 },
    ];
    const inst = buildMentorInstance({ params: law, mentees: [menteeFromAdult(adult('p'))], mentors, towns: TOWNS });
    assert.deepEqual(inst.optionIds, ['m-ar', 'm-ti']);
    assert.equal(criterion(inst, pairOf(inst, 'p', 'm-ar'), 'language')!.score, 1);
    assert.equal(criterion(inst, pairOf(inst, 'p', 'm-ti'), 'language')!.score, 0);
    assert.ok(inst.problem.pairValue[pairOf(inst, 'p', 'm-ar')]! > inst.problem.pairValue[pairOf(inst, 'p', 'm-ti')]!);
    assert.deepEqual(
      inst.problem.constraints.map((c) => c.cap),
      [2, 1],
    );
  });

  test('unknown towns and duplicate ids are input errors', () => {
    assert.throws(
      () =>
        buildMentorInstance({
          params: law,
          mentees: [menteeFromAdult(adult('p', { townId: 'atlantis' }))],
          mentors: [],
          towns: TOWNS,
        }),
      /town atlantis/,
    );
    assert.throws(
      () => buildInternshipInstance({ params: law, adults: [adult('p'), adult('p')], positions: [], towns: TOWNS }),
      /adult p appears twice/,
    );
  });
});
