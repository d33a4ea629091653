import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { centuryOf, maskCpr, parseCpr } from '../src/domain/cpr.js';

describe('CPR numbers', () => {
  test('the 7th digit and the year give the century, per the CPR office table', () => {
    const cases: [string, string][] = [
      ['010190-1234', '1990-01-01'], // 0-3: 1900s
      ['010136-4000', '2036-01-01'], // 4, year ≤ 36: 2000s
      ['010137-4000', '1937-01-01'], // 4, year ≥ 37: 1900s
      ['010157-5000', '2057-01-01'], // 5-8, year ≤ 57: 2000s
      ['010158-8000', '1858-01-01'], // 5-8, year ≥ 58: 1800s
      ['010120-9000', '2020-01-01'], // 9, year ≤ 36: 2000s
      ['010170-9000', '1970-01-01'], // 9, year ≥ 37: 1900s
    ];
    for (const [cpr, birth] of cases) {
      const parsed = parseCpr(cpr);
      assert.ok(parsed.ok, cpr);
      assert.equal(parsed.value.birthDate, birth, cpr);
    }
    assert.equal(centuryOf(3, 99), 1900);
  });

  test('a number failing the modulus-11 check is accepted (not guaranteed since 2007)', () => {
    const parsed = parseCpr('010190-1111');
    assert.ok(parsed.ok);
    assert.equal(parsed.value.modulus11, false);
    const valid = parseCpr('070761-4285'); // a well-known example that passes modulus 11
    assert.ok(valid.ok);
    assert.equal(valid.value.modulus11, true);
  });

  test('an impossible date is rejected with a reason', () => {
    for (const bad of ['310290-1234', '000190-1234', '011390-1234', '290201-4000']) {
      const parsed = parseCpr(bad);
      assert.equal(parsed.ok, false, bad);
    }
    const leap = parseCpr('290200-4000'); // 29 Feb 2000: a leap day
    assert.ok(leap.ok);
    assert.equal(leap.value.birthDate, '2000-02-29');
  });

  test('replacement numbers are accepted: day + 60, or letters in the serial part', () => {
    const plus60 = parseCpr('610190-1235');
    assert.ok(plus60.ok);
    assert.equal(plus60.value.kind, 'replacement');
    assert.equal(plus60.value.birthDate, '1990-01-01');
    const letters = parseCpr('010190-AB12');
    assert.ok(letters.ok);
    assert.equal(letters.value.kind, 'replacement');
  });

  test('the separator is optional, and garbage is rejected', () => {
    assert.ok(parseCpr('0101901234').ok);
    assert.ok(parseCpr(' 010190-1234 ').ok);
    for (const bad of ['', '01019-1234', '010190-12345', 'abcdef-1234', '010190_1234'])
      assert.equal(parseCpr(bad).ok, false, bad);
  });

  test('the masked form shows the date part only', () => {
    assert.equal(maskCpr('0101901234'), '010190-xxxx');
  });
});
