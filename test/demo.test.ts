// The synthetic demo population: seeded once into a fresh embedded database (timed), then
// checked the way a user of the demo would notice: every municipality has people and staff,
// everything is marked synthetic, CPR numbers agree with birth dates, nothing that happened lies
// in the future, the case histories keep some deadlines and miss others, and the outcome records
// (labour market, educations, Danish education and tests) pass the domain's own checks. How the
// demo's worklist and indicators look is test/demo-realism.test.ts.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { migrate, openDatabase, type Database } from '../src/db/database.js';
import { inTenant } from '../src/db/tenant.js';
import { maskCpr, parseCpr } from '../src/domain/cpr.js';
import { ageOn, todayIso } from '../src/domain/dates.js';
import { programFor } from '../src/domain/model.js';
import {
  danishEducationFieldProblems,
  labourMarketPeriodFieldProblems,
  periodsOverlap,
} from '../src/domain/outcome-checks.js';
import { isEmployedOn, MODULES_PER_TRACK, type LabourMarketPeriod } from '../src/domain/outcomes.js';
import { childrenNeedingSeat } from '../src/domain/placement-eligibility.js';
import { shippedPolicies } from '../src/policy/load.js';
import { placementFigures, placementParameters } from '../src/policy/placement.js';
import { TRACK_FOR_SCHOOLING, type Schooling } from '../src/demo/careers.js';
import { generateDemo } from '../src/demo/generate.js';
import { QUALIFICATIONS_BY_SCHOOLING } from '../src/demo/reference.js';
import { seedDemo, type DemoSummary } from '../src/demo/seed.js';
import { CprVault } from '../src/security/cpr-vault.js';
import {
  loadAdultsNeedingInternship,
  loadChildrenNeedingSeat,
  loadHouseholdsNeedingHousing,
  loadHousingUnits,
  loadInstitutions,
  loadMentees,
  loadMentors,
  loadPositions,
  loadTowns,
} from '../src/repositories/placement.js';

const TODAY = '2026-11-23';
const POLICY_MUNICIPALITIES = ['550', '580', '320', '860', '813'] as const;

/** The list, once it is known not to be empty: a loop over it then checks something. */
function nonEmpty<T>(list: readonly T[], what: string): readonly T[] {
  assert.ok(list.length > 0, `nothing to check: no ${what}`);
  return list;
}

function days(from: string, to: string): number {
  return (Date.parse(to) - Date.parse(from)) / 86_400_000;
}

describe('demo population (pure generation)', () => {
  test('two seeds with the same seed give the same people', () => {
    const a = generateDemo({ seed: 42, today: TODAY });
    const b = generateDemo({ seed: 42, today: TODAY });
    assert.deepEqual(a, b);
    const c = generateDemo({ seed: 43, today: TODAY });
    assert.notDeepEqual(
      c.municipalities[0]!.persons.map((p) => p.given_name),
      a.municipalities[0]!.persons.map((p) => p.given_name),
      'another seed gives other people',
    );
  });

  test('demo ids are valid version-4 UUIDs and never repeat', () => {
    const data = generateDemo({ today: TODAY });
    const ids = data.municipalities.flatMap((m) =>
      [
        ...m.towns,
        ...m.institutions,
        ...m.companies,
        ...m.positions,
        ...m.volunteers,
        ...m.associations,
        ...m.users,
        ...m.households,
        ...m.persons,
        ...m.contactPersons,
        ...m.activities,
        ...m.conversations,
        ...m.enrolments,
        ...m.languageAssessments,
        ...m.followUps,
        ...m.housingUnits,
        ...m.mentorships,
      ].map((r) => r.id),
    );
    assert.equal(new Set(ids).size, ids.length);
    for (const id of nonEmpty(ids, 'demo ids'))
      assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  test('a demo seeded on an earlier day has nothing after that day', () => {
    const data = generateDemo({ today: '2024-02-10' });
    for (const m of nonEmpty(data.municipalities, 'municipalities')) {
      const happened = [
        ...m.persons.flatMap((p) => [p.takeover_date, p.arrival_date, p.birth_date]),
        ...m.visitations.map((v) => v.held_on),
        ...m.contracts.flatMap((c) => (c.signed_on ? [c.signed_on] : [])),
        ...m.conversations.map((c) => c.held_on),
        ...m.followUps.map((f) => f.held_on),
        ...m.languageAssessments.map((a) => a.assessed_on),
        ...m.activities.map((a) => a.start_date),
        ...m.enrolments.flatMap((e) => [e.start_date, ...(e.end_date ? [e.end_date] : [])]),
        ...m.contactPersons.map((c) => c.from_date),
      ];
      assert.ok(
        happened.every((d) => d <= '2024-02-10'),
        `${m.name}: something happened after "today"`,
      );
      assert.ok(m.households.length >= 80);
    }
  });

  test('demo households follow the national mix of origins and residence bases', () => {
    const persons = generateDemo({ today: TODAY }).municipalities.flatMap((m) => m.persons);
    const heads = persons.filter((p) => p.household_relation === 'head');
    const share = (xs: typeof persons, f: (p: (typeof persons)[number]) => boolean) => xs.filter(f).length / xs.length;
    const spontaneous = share(heads, (p) => p.residence_basis === 'spontaneous_refugee');
    const reunifiedAdults = share(
      persons.filter((p) => p.program !== null),
      (p) => p.residence_basis === 'family_reunified',
    );
    const quota = share(heads, (p) => p.residence_basis === 'quota_refugee');
    const other = share(heads, (p) => p.residence_basis === 'other');
    console.log(
      `  heads: ${(spontaneous * 100).toFixed(0)}% spontaneous, ${(quota * 100).toFixed(0)}% quota, ${(other * 100).toFixed(0)}% other; adults family-reunified: ${(reunifiedAdults * 100).toFixed(0)}%`,
    );
    assert.ok(spontaneous > 0.35 && spontaneous < 0.6);
    assert.ok(quota > 0.08 && quota < 0.22);
    assert.ok(other > 0.04 && other < 0.16);
    assert.ok(share(heads, (p) => p.residence_basis === 'family_reunified') > 0.15);
    for (const country of ['SY', 'ER', 'AF', 'UA', 'IR', 'SO', 'IQ', 'SD', 'TR', 'CD']) {
      assert.ok(
        heads.some((p) => p.country_of_origin === country),
        `someone from ${country}`,
      );
    }
    assert.ok(
      heads.filter((p) => p.country_of_origin === 'UA').every((p) => p.takeover_date >= '2022-03-01'),
      'Ukrainians from 2022',
    );
    const byYear = (y: string) => heads.filter((p) => p.takeover_date.startsWith(y)).length;
    assert.ok(byYear('2022') > byYear('2020') * 2 && byYear('2023') > byYear('2019'), 'more arrivals in 2022–2023');
    assert.ok(
      persons
        .filter((p) => p.household_relation === 'child')
        .every((p) => p.residence_basis === 'accompanying_child' || p.residence_basis === 'family_reunified'),
    );
  });

  test('every program follows from residence basis, age and takeover date, and hours respect the limits', () => {
    for (const m of nonEmpty(generateDemo({ today: TODAY }).municipalities, 'municipalities')) {
      for (const p of nonEmpty(m.persons, `persons of ${m.name}`)) {
        assert.equal(p.program, programFor(p.residence_basis, p.birth_date, p.takeover_date));
        assert.ok(p.arrival_date <= p.takeover_date && days(p.arrival_date, p.takeover_date) <= 60);
      }
      for (const a of nonEmpty([...m.activities, ...m.positions], `activities and positions of ${m.name}`)) {
        assert.ok(
          a.hours_per_week > 0 && a.hours_per_week <= 60 && Number.isInteger(a.hours_per_week * 2),
          `hours ${a.hours_per_week}`,
        );
      }
      const danish = nonEmpty(
        m.activities.filter((x) => x.kind === 'danish_education'),
        `Danish education of ${m.name}`,
      );
      for (const a of danish) assert.ok(a.hours_per_week >= 10 && a.hours_per_week <= 15);
      for (const p of nonEmpty(m.positions, `positions of ${m.name}`))
        assert.ok(p.hours_per_week >= 10 && p.hours_per_week <= 37);
    }
  });
});

describe('demo outcome records (pure generation)', () => {
  const data = generateDemo({ today: TODAY });
  const monthAfter = (iso: string) => {
    const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
    const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
    return new Date(Date.UTC(y, m, Math.min(d, last))).toISOString().slice(0, 10);
  };

  test('every labour-market period passes the domain checks, lies between takeover and today (or leaving), and no two of a person overlap', () => {
    for (const m of nonEmpty(data.municipalities, 'municipalities')) {
      const persons = new Map(m.persons.map((p) => [p.id, p]));
      const byPerson = new Map<string, LabourMarketPeriod[]>();
      for (const r of nonEmpty(m.labourMarketPeriods, `labour-market periods of ${m.name}`)) {
        const p: LabourMarketPeriod = {
          personId: r.person_id,
          kind: r.kind,
          from: r.from_date,
          to: r.to_date,
          hoursPerWeek: r.hours_per_week ?? undefined,
          benefit: r.benefit ?? undefined,
          educationKind: r.education_kind ?? undefined,
        };
        assert.deepEqual(labourMarketPeriodFieldProblems(p), [], JSON.stringify(r));
        const person = persons.get(r.person_id)!;
        assert.ok(p.from >= person.takeover_date && p.from <= TODAY, `${p.from} after takeover, not after today`);
        assert.ok(p.to === null || p.to <= TODAY, `a period ends by today or lasts: ${p.to}`);
        if (person.left_on) assert.ok(p.to !== null && p.to <= person.left_on, 'a period of a person who left ended');
        byPerson.set(r.person_id, [...(byPerson.get(r.person_id) ?? []), p]);
      }
      for (const periods of byPerson.values())
        for (const [i, a] of periods.entries())
          for (const b of periods.slice(i + 1))
            assert.ok(!periodsOverlap(a, b), `${a.kind} ${a.from}–${a.to} overlaps ${b.kind} ${b.from}–${b.to}`);
      const adults = m.persons.filter((p) => p.program !== null && !p.left_on);
      assert.ok(
        adults.filter((p) => byPerson.has(p.id)).length === adults.length,
        `${m.name}: every adult in the case file has a labour-market history`,
      );
    }
  });

  test('Danish education: a track by schooling, referred and able to begin within a month of takeover for most, started after the referral, tests only after the start', () => {
    const schoolingOf = new Map<string, Schooling>(
      Object.entries(QUALIFICATIONS_BY_SCHOOLING).flatMap(([s, texts]) =>
        texts.map((t) => [t, s as Schooling] as const),
      ),
    );
    let referredInTime = 0;
    let possibleInTime = 0;
    let referred = 0;
    for (const m of nonEmpty(data.municipalities, 'municipalities')) {
      const persons = new Map(m.persons.map((p) => [p.id, p]));
      const visitations = new Map(m.visitations.map((v) => [v.person_id, v]));
      const starts = new Map<string, string>();
      for (const d of nonEmpty(m.danishEducations, `Danish educations of ${m.name}`)) {
        assert.deepEqual(
          danishEducationFieldProblems({
            personId: d.person_id,
            referredOn: d.referred_on,
            startedOn: d.started_on,
            track: d.track,
            module: d.module,
            endedOn: d.ended_on,
          }),
          [],
          JSON.stringify(d),
        );
        const person = persons.get(d.person_id)!;
        assert.notEqual(person.program, null, 'Danish education for adults in a program');
        assert.ok(d.referred_on >= person.takeover_date && d.referred_on <= TODAY);
        if (d.start_possible_on)
          assert.ok(d.start_possible_on >= d.referred_on && (!d.started_on || d.start_possible_on <= d.started_on));
        if (d.started_on) {
          starts.set(d.person_id, d.started_on);
          assert.ok(d.module !== null && d.module <= MODULES_PER_TRACK[d.track].modules + 1);
        } else assert.equal(d.module, null);
        if (person.takeover_date >= '2019-01-01') {
          referred++;
          if (d.referred_on <= monthAfter(person.takeover_date)) referredInTime++;
          if (d.start_possible_on && d.start_possible_on <= monthAfter(person.takeover_date)) possibleInTime++;
        }
        const schooling = schoolingOf.get(visitations.get(d.person_id)?.qualifications ?? '');
        if (schooling) assert.equal(d.track, TRACK_FOR_SCHOOLING[schooling], `${d.track} for "${schooling}" schooling`);
      }
      for (const test of m.danishTests) {
        const start = starts.get(test.person_id);
        assert.ok(
          start && test.taken_on > start && test.taken_on <= TODAY,
          `a test on ${test.taken_on}, started ${start}`,
        );
      }
      assert.ok(
        m.danishTests.some((x) => x.passed) && m.danishTests.some((x) => !x.passed),
        `${m.name}: most pass, some fail`,
      );
    }
    console.log(
      `  referred within a month of takeover: ${referredInTime} of ${referred}; able to begin within a month: ${possibleInTime}`,
    );
    assert.ok(referredInTime / referred > 0.75, `${referredInTime} of ${referred} referred within a month`);
    assert.ok(possibleInTime / referred > 0.6, `${possibleInTime} of ${referred} able to begin within a month`);
  });

  test('educations completed lie before today: youth educations at 18–25 for those who came as children, higher ones from home recorded as not Danish', () => {
    for (const m of nonEmpty(data.municipalities, 'municipalities')) {
      const persons = new Map(m.persons.map((p) => [p.id, p]));
      for (const e of nonEmpty(m.educationsCompleted, `educations completed in ${m.name}`)) {
        const person = persons.get(e.person_id)!;
        const age = ageOn(person.birth_date, e.completed_on);
        assert.ok(e.completed_on <= TODAY, e.completed_on);
        if (e.in_denmark) assert.ok(e.completed_on > person.takeover_date, 'a Danish education after takeover');
        else assert.ok(e.kind === 'higher' && e.completed_on < person.arrival_date && age >= 21, 'a degree from home');
        if (e.kind === 'youth_education' && person.household_relation === 'child')
          assert.ok(age >= 18 && age <= 25, `a youth education at ${age}`);
      }
    }
  });

  test('the households that moved away have nothing recorded after the day they left, and their contact person ended then', () => {
    const all = data.municipalities.flatMap((m) => m.persons.map((p) => ({ m, p })));
    const left = nonEmpty(
      all.filter(({ p }) => p.left_on),
      'persons who left',
    );
    for (const { m, p } of left) {
      const leftOn = p.left_on!;
      const after = [
        ...m.conversations.filter((x) => x.person_id === p.id && x.held_on > leftOn),
        ...m.followUps.filter((x) => x.person_id === p.id && x.held_on > leftOn),
        ...m.danishTests.filter((x) => x.person_id === p.id && x.taken_on > leftOn),
        ...m.activities.filter((x) => x.person_id === p.id && (!x.end_date || x.end_date > leftOn)),
        ...m.enrolments.filter((x) => x.person_id === p.id && (!x.end_date || x.end_date > leftOn)),
      ];
      assert.deepEqual(after, [], `${p.given_name} left ${leftOn}`);
      assert.ok(
        m.contactPersons.filter((c) => c.person_id === p.id).every((c) => !!c.to_date && c.to_date <= leftOn),
        'no current contact person',
      );
      assert.ok(leftOn > p.takeover_date && leftOn <= TODAY);
    }
  });

  test('three years after takeover about half of the refugees are in work, women less often than men (all five municipalities)', () => {
    const counts = { female: [0, 0], male: [0, 0] };
    for (const m of data.municipalities) {
      const periods = new Map<string, LabourMarketPeriod[]>();
      for (const r of m.labourMarketPeriods) {
        const list = periods.get(r.person_id) ?? [];
        list.push({ personId: r.person_id, kind: r.kind, from: r.from_date, to: r.to_date });
        periods.set(r.person_id, list);
      }
      for (const p of m.persons) {
        const on = `${Number(p.takeover_date.slice(0, 4)) + 3}${p.takeover_date.slice(4)}`;
        const age = ageOn(p.birth_date, on);
        if (on > TODAY || p.residence_basis === 'other' || age < 18 || age > 66) continue;
        if (p.left_on && p.left_on <= on) continue;
        const c = counts[p.sex];
        c[1]!++;
        if (isEmployedOn(periods.get(p.id) ?? [], on)) c[0]!++;
      }
    }
    const rate = (c: number[]) => c[0]! / c[1]!;
    const all = (counts.female[0]! + counts.male[0]!) / (counts.female[1]! + counts.male[1]!);
    console.log(
      `  employed 3 years after takeover: ${(all * 100).toFixed(0)} %; women ${counts.female.join('/')}, men ${counts.male.join('/')}`,
    );
    assert.ok(all >= 0.35 && all <= 0.6, `${(all * 100).toFixed(0)} % in work (Jobindsats 43 %, ambition 50 %)`);
    assert.ok(rate(counts.female) < rate(counts.male) - 0.05, 'women in work less often than men');
  });

  test('a demo generated without a date is generated for today in Denmark: the newest cases were taken over in the last weeks', () => {
    const today = todayIso();
    const m = generateDemo({ municipalities: ['580'] }).municipalities[0]!;
    const newest = m.persons
      .map((p) => p.takeover_date)
      .sort()
      .at(-1)!;
    assert.ok(newest <= today && days(newest, today) <= 31, `the newest takeover ${newest}, today ${today}`);
    assert.ok(m.conversations.every((c) => c.held_on <= today));
  });
});

describe('demo placement data (pure generation)', () => {
  const data = generateDemo({ today: TODAY });

  test('every demo town has coordinates inside Denmark, near the others of its municipality', () => {
    for (const m of nonEmpty(data.municipalities, 'municipalities')) {
      for (const t of nonEmpty(m.towns, `towns of ${m.name}`)) {
        assert.ok(
          t.latitude! > 54.55 && t.latitude! < 57.76 && t.longitude! > 8.07 && t.longitude! < 12.7,
          `${t.name} ${t.latitude},${t.longitude}`,
        );
        const main = m.towns[0]!;
        // Within about 50 km of the main town (a municipality is not larger).
        const km = Math.hypot(
          (t.latitude! - main.latitude!) * 111,
          (t.longitude! - main.longitude!) * 111 * Math.cos((main.latitude! * Math.PI) / 180),
        );
        assert.ok(km < 50, `${t.name} is ${km.toFixed(0)} km from ${main.name}`);
      }
    }
  });

  test('housing units: plausible rooms, rents, landlords and tenure; temporary units never in a deprived area', () => {
    for (const m of nonEmpty(data.municipalities, 'municipalities')) {
      const units = m.housingUnits;
      assert.ok(units.length > 0, `${m.name} has housing units`);
      for (const u of units) {
        assert.ok(u.rooms >= 1 && u.rooms <= 5, `${u.address}: ${u.rooms} rooms`);
        assert.ok(u.rent_dkk >= 3_000 && u.rent_dkk <= 11_000, `rent ${u.rent_dkk}`);
        assert.ok(u.synthetic, `${u.address} is marked synthetic`);
        if (u.tenure === 'temporary') assert.equal(u.deprived_area, false);
        assert.match(u.address, /^[^,]+ \d+(, (st\.|\d\.) (tv|th|mf)\.)?, \d{4} .+$/);
      }
      const meanRent = (rooms: number) => {
        const r = units.filter((u) => u.rooms === rooms);
        return r.reduce((a, u) => a + u.rent_dkk, 0) / r.length;
      };
      assert.ok(meanRent(1) < meanRent(3) && meanRent(3) < meanRent(5), 'rent rises with rooms');
      for (const landlord of ['housing_association', 'private', 'municipality'])
        assert.ok(
          units.some((u) => u.landlord === landlord),
          `${m.name} ${landlord}`,
        );
      assert.ok(
        units.some((u) => u.tenure === 'temporary') && units.some((u) => u.tenure === 'permanent'),
        `${m.name} has temporary and permanent units`,
      );
      assert.equal(new Set(units.map((u) => u.address)).size, units.length, 'addresses are unique');
      const deprived = units.filter((u) => u.deprived_area).length;
      if (m.code === '580' || m.code === '813') assert.ok(deprived > 0, `${m.name} has units in a deprived area`);
      else assert.equal(deprived, 0);
    }
  });

  test('every household has a housing status; the housed live in a let unit of matching tenure; recent arrivals still need housing', () => {
    for (const m of nonEmpty(data.municipalities, 'municipalities')) {
      const units = new Map(m.housingUnits.map((u) => [u.id, u]));
      for (const h of nonEmpty(m.households, `households of ${m.name}`)) {
        if (h.housing_status === 'none') assert.equal(h.housing_unit_id, null);
        else {
          const unit = units.get(h.housing_unit_id!)!;
          assert.equal(unit.status, 'let');
          assert.equal(unit.tenure, h.housing_status);
        }
        assert.ok(h.monthly_income_dkk! >= 3_000 && h.monthly_income_dkk! <= 80_000, `income ${h.monthly_income_dkk}`);
      }
      const needing = m.households.filter((h) => h.housing_status !== 'permanent');
      assert.ok(needing.length >= 5, `${m.name}: ${needing.length} households without permanent housing`);
      assert.ok(
        needing.filter((h) => days(h.takeover_date, TODAY) <= 730).length >= needing.length * 0.7,
        'mostly arrivals of the last two years',
      );
      const units2 = new Set(m.households.map((h) => h.housing_unit_id).filter(Boolean));
      assert.equal(units2.size, m.households.filter((h) => h.housing_unit_id).length, 'one household per unit');
    }
  });

  test('institution compositions are near capacity with 5–35% bilingual children; admissions from deprived areas only where there are such areas', () => {
    for (const m of nonEmpty(data.municipalities, 'municipalities')) {
      for (const i of nonEmpty(
        m.institutions.filter((x) => x.kind !== 'language_school'),
        `institutions of ${m.name}`,
      )) {
        assert.ok(
          i.enrolled! >= 0.75 * i.capacity && i.enrolled! <= 1.06 * i.capacity,
          `${i.name}: ${i.enrolled}/${i.capacity}`,
        );
        const share = i.bilingual_enrolled! / i.enrolled!;
        assert.ok(share >= 0.04 && share <= 0.36, `${i.name}: bilingual ${share}`);
        assert.ok(
          i.admitted_this_year! <= i.enrolled! && i.admitted_from_deprived_this_year! <= i.admitted_this_year!,
          `${i.name}: admissions within enrolment`,
        );
        if (m.code !== '580' && m.code !== '813') assert.equal(i.admitted_from_deprived_this_year, 0);
      }
      assert.ok(
        m.institutions.some((i) => i.kind === 'daycare' && i.enrolled! < i.capacity),
        `${m.name} has a daycare with a free seat`,
      );
    }
  });

  test('positions have seats, mentors a capacity and some current mentorships; adults have sectors from their interview', () => {
    for (const m of nonEmpty(data.municipalities, 'municipalities')) {
      assert.ok(
        m.positions.every((p) => p.seats! >= 1),
        `${m.name}: every position has a seat`,
      );
      const mentors = nonEmpty(
        m.volunteers.filter((v) => v.mentor),
        `mentors of ${m.name}`,
      );
      assert.ok(
        mentors.every((v) => v.mentor_capacity! >= 1 && v.mentor_capacity! <= 4),
        `${m.name}: mentor capacities 1–4`,
      );
      const current = nonEmpty(
        m.mentorships.filter((x) => x.to_date === null),
        `current mentorships of ${m.name}`,
      );
      for (const v of mentors)
        assert.ok(
          current.filter((x) => x.volunteer_id === v.id).length <= v.mentor_capacity!,
          `${v.given_name} ${v.family_name} has no more mentees than capacity`,
        );
      assert.equal(
        new Set(current.map((x) => x.household_id)).size,
        current.length,
        'one current mentor per household',
      );
      assert.ok(
        m.mentorships.every(
          (x) => x.from_date <= TODAY && (x.to_date === null || (x.to_date! >= x.from_date && x.to_date! <= TODAY)),
        ),
        `${m.name}: mentorship dates lie before today`,
      );
      const interviewed = new Set(m.visitations.map((v) => v.person_id));
      for (const p of nonEmpty(m.persons, `persons of ${m.name}`)) {
        if (p.program === null || !interviewed.has(p.id)) assert.deepEqual(p.sectors, []);
        else
          assert.ok(p.sectors!.length >= 1 && p.sectors!.length <= 3, `${p.given_name}: ${p.sectors!.length} sectors`);
      }
    }
  });
});

describe('demo population (seeded into a fresh embedded database)', () => {
  let dataDir: string;
  let database: Database;
  let vault: CprVault;
  let summary: DemoSummary;

  before(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'medborger-demo-'));
    database = await openDatabase({ dataDir, command: 'test' });
    await migrate(database.db);
    vault = new CprVault(randomBytes(32));
    const started = performance.now();
    const cpu = process.cpuUsage();
    summary = await seedDemo(database.db, vault, { today: TODAY });
    const seedMs = performance.now() - started;
    const used = process.cpuUsage(cpu);
    const cpuMs = (used.user + used.system) / 1000;
    // Printed for the record; how long seeding may take is not asserted here (timing belongs in bench/).
    console.log(
      `  seeded ${summary.households} households, ${summary.persons} persons, ${summary.caseworkers} caseworkers in ${(seedMs / 1000).toFixed(2)} s (${(cpuMs / 1000).toFixed(2)} s CPU)`,
    );
  });

  after(async () => {
    await database.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const eachMunicipality = <T>(work: (code: string) => Promise<T>) => Promise.all(POLICY_MUNICIPALITIES.map(work));

  test('the demo seeds all five policy municipalities with households and caseworkers', async () => {
    assert.deepEqual([...summary.municipalities].sort(), ['Aabenraa', 'Faxe', 'Frederikshavn', 'Hjørring', 'Tønder']);
    await eachMunicipality(async (code) => {
      const counts = await inTenant(database.db, code, async (tx) => {
        const row = await sql<Record<string, number>>`SELECT
            (SELECT count(*)::int FROM households) AS households,
            (SELECT count(*)::int FROM persons) AS persons,
            (SELECT count(*)::int FROM users WHERE role = 'caseworker') AS caseworkers,
            (SELECT count(*)::int FROM users WHERE role = 'team_lead') AS team_leads,
            (SELECT count(*)::int FROM users WHERE role = 'housing') AS housing,
            (SELECT count(*)::int FROM users WHERE role = 'institution') AS institution,
            (SELECT count(*)::int FROM users WHERE role = 'volunteer_coordinator') AS coordinators,
            (SELECT count(*)::int FROM towns) AS towns,
            (SELECT count(*)::int FROM institutions WHERE kind = 'language_school') AS language_schools,
            (SELECT count(*)::int FROM institutions WHERE kind = 'school' AND has_reception_class) AS reception_schools,
            (SELECT count(*)::int FROM institutions WHERE kind = 'daycare') AS daycares,
            (SELECT count(*)::int FROM positions) AS positions,
            (SELECT count(*)::int FROM volunteers WHERE mentor) AS mentors,
            (SELECT count(*)::int FROM associations) AS associations`.execute(tx);
        return row.rows[0]!;
      });
      console.log(`  ${code}: ${JSON.stringify(counts)}`);
      assert.ok(counts.households! >= 80 && counts.households! <= 250, `${code} households ${counts.households}`);
      assert.ok(counts.persons! > counts.households!);
      assert.ok(counts.caseworkers! >= 4 && counts.caseworkers! <= 8);
      for (const k of ['team_leads', 'housing', 'institution', 'coordinators', 'language_schools'])
        assert.equal(counts[k], 1, `${code} ${k}`);
      for (const k of ['towns', 'reception_schools', 'daycares', 'positions', 'mentors', 'associations'])
        assert.ok(counts[k]! > 0, `${code} ${k}`);
    });
    const total = await database.db
      .selectFrom('households')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(summary.households, total.n);
  });

  test('seeding the demo again leaves the seeded municipalities as they are', async () => {
    const again = await seedDemo(database.db, vault, { today: TODAY });
    assert.deepEqual(again, { municipalities: [], households: 0, persons: 0, caseworkers: 0 });
    const n = await database.db
      .selectFrom('persons')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(n.n, summary.persons);
  });

  test('every demo person, household, user and volunteer is marked synthetic', async () => {
    for (const table of ['persons', 'households', 'users', 'volunteers'] as const) {
      const row = await sql<{
        real: number;
        total: number;
      }>`SELECT count(*) FILTER (WHERE NOT synthetic)::int AS real, count(*)::int AS total FROM ${sql.table(table)}`.execute(
        database.db,
      );
      assert.equal(row.rows[0]!.real, 0, `${table} not marked synthetic`);
      assert.ok(row.rows[0]!.total > 0);
    }
  });

  test('demo CPR numbers agree with birth dates and sex, are unique, and some are replacement numbers or missing', async () => {
    let withCpr = 0;
    let replacement = 0;
    let missing = 0;
    const seen = new Set<string>();
    await eachMunicipality((code) =>
      inTenant(database.db, code, async (tx) => {
        const rows = await tx
          .selectFrom('persons')
          .select(['birth_date', 'sex', 'cpr_cipher', 'cpr_hash', 'cpr_masked', 'cpr_kind'])
          .execute();
        for (const p of rows) {
          if (p.cpr_cipher === null) {
            missing++;
            assert.equal(p.cpr_kind, null);
            continue;
          }
          withCpr++;
          const normalized = vault.decrypt(p.cpr_cipher);
          const parsed = parseCpr(normalized);
          assert.ok(parsed.ok, normalized);
          assert.equal(parsed.value.birthDate, p.birth_date, `${p.cpr_masked} and ${p.birth_date}`);
          assert.equal(parsed.value.sexDigit, p.sex);
          assert.equal(parsed.value.kind, p.cpr_kind);
          assert.equal(p.cpr_masked, maskCpr(normalized));
          assert.deepEqual(Buffer.from(p.cpr_hash!), vault.searchHash(normalized));
          if (p.cpr_kind === 'replacement') replacement++;
          assert.ok(!seen.has(normalized), 'unique');
          seen.add(normalized);
        }
      }),
    );
    const total = withCpr + missing;
    console.log(`  CPR: ${withCpr} of ${total} (${replacement} replacement numbers), ${missing} without`);
    assert.ok(replacement / total > 0.02 && replacement / total < 0.09);
    assert.ok(missing / total > 0.02 && missing / total < 0.09);
  });

  test('every demo household has exactly one head, at most one spouse, and children younger than their parents', async () => {
    await eachMunicipality((code) =>
      inTenant(database.db, code, async (tx) => {
        const persons = await tx
          .selectFrom('persons')
          .select(['household_id', 'household_relation', 'birth_date', 'takeover_date', 'program'])
          .execute();
        const households = await tx.selectFrom('households').select(['id', 'takeover_date', 'arrival_date']).execute();
        const byHousehold = new Map<string, typeof persons>();
        for (const p of persons) byHousehold.set(p.household_id, [...(byHousehold.get(p.household_id) ?? []), p]);
        assert.equal(byHousehold.size, households.length, 'no empty household');
        for (const h of nonEmpty(households, `households of ${code}`)) {
          const members = byHousehold.get(h.id)!;
          assert.ok(members.length >= 1 && members.length <= 7);
          assert.equal(members.filter((m) => m.household_relation === 'head').length, 1);
          assert.ok(members.filter((m) => m.household_relation === 'spouse').length <= 1);
          assert.equal(h.takeover_date, members.map((m) => m.takeover_date).sort()[0]);
          const parents = members.filter((m) => m.household_relation === 'head' || m.household_relation === 'spouse');
          for (const child of members.filter((m) => m.household_relation === 'child')) {
            assert.ok(ageOn(child.birth_date, child.takeover_date) < 18, 'a child at takeover');
            assert.equal(child.program, null);
            for (const parent of parents)
              assert.ok(ageOn(parent.birth_date, child.birth_date) >= 16, 'parents older than their children');
          }
          for (const adult of members.filter((m) => m.household_relation !== 'child'))
            assert.ok(ageOn(adult.birth_date, adult.takeover_date) >= 18);
        }
      }),
    );
  });

  test('nothing that happened in the demo lies after today; only activities may end later', async () => {
    const row = await sql<Record<string, string | null>>`SELECT
        (SELECT max(takeover_date)::text FROM persons) AS takeover,
        (SELECT max(arrival_date)::text FROM persons) AS arrival,
        (SELECT max(held_on)::text FROM visitations) AS visitation,
        (SELECT max(signed_on)::text FROM contracts) AS contract,
        (SELECT max(held_on)::text FROM conversations) AS conversation,
        (SELECT max(held_on)::text FROM follow_ups) AS follow_up,
        (SELECT max(assessed_on)::text FROM language_assessments) AS assessment,
        (SELECT max(start_date)::text FROM activities) AS activity_start,
        (SELECT max(greatest(start_date, end_date))::text FROM enrolments) AS enrolment,
        (SELECT max(from_date)::text FROM contact_person_assignments) AS contact_person,
        (SELECT max(end_date)::text FROM activities) AS activity_end`.execute(database.db);
    const { activity_end: activityEnd, ...happened } = row.rows[0]!;
    for (const [what, date] of Object.entries(happened)) assert.ok(date !== null && date <= TODAY, `${what}: ${date}`);
    assert.ok(activityEnd! > TODAY, 'some activities are planned to end after today');
  });

  test('some demo adults got Danish education within a month of takeover and some did not', async () => {
    const rows = await sql<{ code: string; within: number; later: number; never: number }>`
      SELECT p.municipality_code AS code,
             count(*) FILTER (WHERE d.first <= p.takeover_date + 31)::int AS within,
             count(*) FILTER (WHERE d.first > p.takeover_date + 31)::int AS later,
             count(*) FILTER (WHERE d.first IS NULL)::int AS never
        FROM persons p
        LEFT JOIN (SELECT municipality_code, person_id, min(start_date) AS first FROM activities
                    WHERE kind = 'danish_education' GROUP BY 1, 2) d
               ON d.municipality_code = p.municipality_code AND d.person_id = p.id
       WHERE p.program IS NOT NULL AND p.takeover_date <= ${TODAY}::date - 60
       GROUP BY 1 ORDER BY 1`.execute(database.db);
    assert.equal(rows.rows.length, 5);
    for (const r of rows.rows) {
      console.log(`  ${r.code}: Danish education within a month ${r.within}, later ${r.later}, none ${r.never}`);
      assert.ok(r.within > r.later, `${r.code}: most on time`);
      assert.ok(r.later > 0 && r.never > 0, `${r.code}: some late, some without`);
    }
  });

  test('some integration contracts were signed within a month of takeover, some late, and some adults have none', async () => {
    const rows = await sql<{ code: string; on_time: number; late: number; unsigned: number; none: number }>`
      SELECT p.municipality_code AS code,
             count(*) FILTER (WHERE c.signed_on <= p.takeover_date + 30)::int AS on_time,
             count(*) FILTER (WHERE c.signed_on > p.takeover_date + 30)::int AS late,
             count(*) FILTER (WHERE c.person_id IS NOT NULL AND c.signed_on IS NULL)::int AS unsigned,
             count(*) FILTER (WHERE c.person_id IS NULL)::int AS none
        FROM persons p
        LEFT JOIN contracts c ON c.municipality_code = p.municipality_code AND c.person_id = p.id
       WHERE p.program IS NOT NULL
       GROUP BY 1`.execute(database.db);
    assert.equal(rows.rows.length, 5);
    for (const r of rows.rows) {
      assert.ok(r.on_time > 0 && r.late > 0 && r.none > 0, JSON.stringify(r));
    }
    // Municipalities keep the deadline to different degrees: Aabenraa better than Faxe.
    const rate = (code: string) => {
      const r = rows.rows.find((x) => x.code === code)!;
      return r.on_time / (r.on_time + r.late);
    };
    assert.ok(rate('580') > rate('320'));
  });

  test('most follow-up conversations give repatriation guidance, not all, often with an interpreter', async () => {
    const row = await sql<{ guided: number; total: number; interpreted: number; own_language: number }>`
      SELECT count(*) FILTER (WHERE c.repatriation_guidance)::int AS guided, count(*)::int AS total,
             count(*) FILTER (WHERE c.interpreter_language IS NOT NULL)::int AS interpreted,
             count(*) FILTER (WHERE c.interpreter_language = ANY (p.languages))::int AS own_language
        FROM conversations c JOIN persons p ON p.municipality_code = c.municipality_code AND p.id = c.person_id
       WHERE c.kind = 'contract_follow_up'`.execute(database.db);
    const r = row.rows[0]!;
    assert.ok(r.guided / r.total > 0.65 && r.guided < r.total, JSON.stringify(r));
    assert.ok(r.interpreted > r.total * 0.2 && r.own_language === r.interpreted, JSON.stringify(r));
  });

  test('each demo person has at most one current contact person, always a caseworker', async () => {
    const row = await sql<{ persons: number; with_current: number; not_caseworker: number; overlapping: number }>`
      SELECT (SELECT count(*)::int FROM persons) AS persons,
             (SELECT count(DISTINCT (municipality_code, person_id))::int FROM contact_person_assignments WHERE to_date IS NULL) AS with_current,
             (SELECT count(*)::int FROM contact_person_assignments a JOIN users u ON u.municipality_code = a.municipality_code AND u.id = a.user_id WHERE u.role <> 'caseworker') AS not_caseworker,
             (SELECT count(*)::int FROM contact_person_assignments a JOIN contact_person_assignments b
                ON a.municipality_code = b.municipality_code AND a.person_id = b.person_id AND a.id <> b.id
               WHERE a.from_date <= coalesce(b.to_date, 'infinity') AND b.from_date <= coalesce(a.to_date, 'infinity')) AS overlapping`.execute(
      database.db,
    );
    const r = row.rows[0]!;
    assert.equal(r.not_caseworker, 0);
    assert.equal(r.overlapping, 0);
    assert.ok(r.with_current > r.persons * 0.85 && r.with_current < r.persons, 'most, not all, have a contact person');
  });

  test('children are enrolled at the right ages in institutions of the right kind, and assessed around age 3', async () => {
    const enrolments = await sql<{
      kind: string;
      institution_kind: string;
      reception: boolean;
      age: number;
      person_relation: string;
    }>`
      SELECT e.kind, i.kind AS institution_kind, i.has_reception_class AS reception,
             extract(year FROM age(e.start_date, p.birth_date))::int AS age, p.household_relation AS person_relation
        FROM enrolments e
        JOIN institutions i ON i.municipality_code = e.municipality_code AND i.id = e.institution_id
        JOIN persons p ON p.municipality_code = e.municipality_code AND p.id = e.person_id`.execute(database.db);
    const kinds = new Set(enrolments.rows.map((e) => e.kind));
    assert.deepEqual([...kinds].sort(), ['daycare', 'reception_class', 'school', 'sfo']);
    for (const e of enrolments.rows) {
      assert.equal(e.person_relation, 'child');
      if (e.kind === 'daycare') {
        assert.equal(e.institution_kind, 'daycare');
        assert.ok(e.age >= 0 && e.age <= 6, `daycare at ${e.age}`);
      } else {
        assert.equal(e.institution_kind, 'school');
        assert.ok(e.age >= 5 && e.age <= 17, `${e.kind} at ${e.age}`);
        if (e.kind === 'reception_class') assert.ok(e.reception);
        if (e.kind === 'sfo') assert.ok(e.age <= 10);
      }
    }
    const assessments = await sql<{ age: number }>`
      SELECT extract(year FROM age(a.assessed_on, p.birth_date))::int AS age
        FROM language_assessments a JOIN persons p ON p.municipality_code = a.municipality_code AND p.id = a.person_id`.execute(
      database.db,
    );
    assert.ok(assessments.rows.length > 50);
    assert.ok(assessments.rows.every((a) => a.age >= 2 && a.age <= 6));
    assert.ok(assessments.rows.filter((a) => a.age === 3).length > assessments.rows.length / 2, 'mostly at age 3');
  });

  test('the placement loaders find agents and options in every demo municipality', async () => {
    await eachMunicipality((code) =>
      inTenant(database.db, code, async (tx) => {
        const towns = await loadTowns(tx);
        const units = await loadHousingUnits(tx, TODAY);
        const households = await loadHouseholdsNeedingHousing(tx, TODAY);
        const daycares = await loadInstitutions(tx, 'daycare');
        const schools = await loadInstitutions(tx, 'school');
        // The repository loads every child without a seat; the policy's figures decide who needs one.
        const figures = placementFigures(placementParameters(shippedPolicies(), code, TODAY)).eligibility;
        const daycareChildren = childrenNeedingSeat(
          'daycare',
          await loadChildrenNeedingSeat(tx, 'daycare', TODAY),
          TODAY,
          figures,
        );
        const schoolChildren = childrenNeedingSeat(
          'school',
          await loadChildrenNeedingSeat(tx, 'school', TODAY),
          TODAY,
          figures,
        );
        const positions = await loadPositions(tx, TODAY);
        const adults = await loadAdultsNeedingInternship(tx, TODAY);
        const mentors = await loadMentors(tx, TODAY);
        const mentees = await loadMentees(tx, TODAY);
        console.log(
          `  ${code}: ${units.length} units free within 30 days in ${new Set(units.map((u) => u.townId)).size} towns, ${households.length} households needing housing, ` +
            `${daycareChildren.length}/${schoolChildren.length} children needing a daycare/school seat, ${positions.length} positions with ${positions.reduce((a, p) => a + p.seats, 0)} free seats, ` +
            `${adults.length} adults without a company-based offer, ${mentors.length} mentors with room for ${mentors.reduce((a, x) => a + x.capacity, 0)}, ${mentees.length} households without a mentor`,
        );
        assert.ok(towns.every((t) => Number.isFinite(t.latitude) && Number.isFinite(t.longitude)));
        assert.ok(towns.reduce((a, t) => a + t.placedHouseholds, 0) > 0);
        assert.ok(new Set(units.map((u) => u.townId)).size >= 3, `${code}: units in at least 3 towns`);
        assert.ok(households.length >= 5 && households.every((h) => h.currentHousing !== 'permanent'));
        assert.ok(units.length >= households.length, `${code}: enough units for the households`);
        assert.ok(
          daycares.length > 0 && schools.length > 0 && daycares.every((d) => d.bilingualEnrolled <= d.enrolled),
        );
        assert.ok(positions.length > 0 && adults.length > 0 && mentors.length > 0 && mentees.length > 0);
        for (const c of nonEmpty([...daycareChildren, ...schoolChildren], `${code}: children needing a seat`))
          assert.ok(c.age >= 0 && c.age <= 16);
      }),
    );
  });
});
