import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { can, type Actor } from '../src/domain/authorization.js';
import { ageOn, isIsoDate, todayIso } from '../src/domain/dates.js';
import { checkNewHousehold, isBilingual, programFor } from '../src/domain/model.js';
import { MUNICIPALITIES } from '../src/domain/municipalities.js';

describe('dates', () => {
  test('ages count whole years, a leap-day child turns a year older on 1 March', () => {
    assert.equal(ageOn('2020-02-29', '2021-02-28'), 0);
    assert.equal(ageOn('2020-02-29', '2021-03-01'), 1);
    assert.equal(ageOn('1990-06-15', '2025-06-15'), 35);
  });
  test('only real calendar dates are ISO dates', () => {
    assert.ok(isIsoDate('2024-02-29'));
    assert.equal(isIsoDate('2025-02-29'), false);
    assert.equal(isIsoDate('2025-2-1'), false);
  });
  test('today is the date in Denmark, not UTC', () => {
    assert.equal(todayIso(new Date('2025-12-31T23:30:00Z')), '2026-01-01');
    assert.equal(todayIso(new Date('2025-06-30T21:59:00Z')), '2025-06-30');
  });
});

describe('programs and households', () => {
  test('adult refugees and their reunified family follow the self-support and return program; children none', () => {
    assert.equal(programFor('spontaneous_refugee', '1990-01-01', '2025-03-01'), 'self_support_and_return');
    assert.equal(programFor('family_reunified', '1990-01-01', '2025-03-01'), 'self_support_and_return');
    assert.equal(programFor('other', '1990-01-01', '2025-03-01'), 'introduction');
    assert.equal(programFor('accompanying_child', '2015-01-01', '2025-03-01'), null);
    assert.equal(
      programFor('spontaneous_refugee', '2007-03-02', '2025-03-01'),
      null,
      'turns 18 the day after takeover',
    );
  });
  test('a household needs exactly one head and CPR numbers that agree with birth dates', () => {
    const member = {
      givenName: 'A',
      familyName: 'B',
      birthDate: '1990-01-01',
      sex: 'female' as const,
      residenceBasis: 'quota_refugee' as const,
      relation: 'spouse' as const,
    };
    const problems = checkNewHousehold(
      { takeoverDate: '2025-03-01', members: [member, { ...member, cpr: '020190-1234' }] },
      '2026-01-01',
    );
    assert.ok(problems.some((p) => p.pointer === '/members'));
    assert.ok(problems.some((p) => p.pointer === '/members/1/cpr'));
  });
});

describe('authorization and reference data', () => {
  const actor = (role: Actor['role'], personId: string | null = null): Actor => ({
    municipalityCode: '580',
    userId: 'u',
    userName: 'n',
    role,
    personId,
  });
  test('an analyst may read no person; a citizen only their own', () => {
    assert.equal(can(actor('analyst'), 'person.read', 'p1'), false);
    assert.equal(can(actor('citizen', 'p1'), 'person.read', 'p1'), true);
    assert.equal(can(actor('citizen', 'p1'), 'person.read', 'p2'), false);
    assert.equal(can(actor('citizen', 'p1'), 'person.search'), false);
    assert.equal(can(actor('caseworker'), 'token.create'), false);
    assert.equal(can(actor('admin'), 'token.create'), true);
  });
  test('all 98 municipalities are known, with the five policy municipalities marked', () => {
    assert.equal(MUNICIPALITIES.length, 98);
    assert.equal(new Set(MUNICIPALITIES.map((m) => m.code)).size, 98);
    assert.deepEqual(
      MUNICIPALITIES.filter((m) => m.hasPolicy)
        .map((m) => m.name)
        .sort(),
      ['Aabenraa', 'Faxe', 'Frederikshavn', 'Hjørring', 'Tønder'],
    );
  });
});

test('a newly arrived child whose languages are not recorded counts as bilingual, as does one with any language besides Danish; a Danish-only child does not', () => {
  assert.equal(isBilingual([]), true);
  assert.equal(isBilingual(['ar']), true);
  assert.equal(isBilingual(['da', 'ar']), true);
  assert.equal(isBilingual(['da']), false);
});
