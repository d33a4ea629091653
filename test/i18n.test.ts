// The citizen pages' message catalogues (issue 14): the keys each language lacks are listed (and
// shown in Danish); Danish and English lack none; every message of every catalogue formats
// (ICU syntax) with the values the pages give; only the Danish catalogue is marked reviewed; and
// the Danish texts written for citizens are plain: LIX 35 or below.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { da } from '../src/i18n/da.js';
import {
  CATALOGUES,
  dateValue,
  fromAcceptLanguage,
  LANGS,
  MESSAGE_KEYS,
  missingKeys,
  translate,
} from '../src/i18n/index.js';
import { CITIZEN_STEP_KINDS } from '../src/domain/citizen-plan.js';

const VALUES = {
  name: 'Amal',
  phone: '73 76 76 76',
  email: 'a@example.dk',
  source: 'integrationsloven § 19',
  dated: 'yes',
  date: dateValue('2026-03-28'),
  start: new Date('2026-12-14T09:00:00Z'),
  minutes: 45,
  hours: 2,
  from: dateValue('2026-01-05'),
  to: dateValue('2026-06-30'),
  age: 5,
  result: 'x',
  language: 'arabisk',
  place: 'x',
  count: 12,
  mentors: 3,
};

test('the missing keys are listed per language; Danish and English lack none', () => {
  const report = LANGS.map(
    (l) => `${l}: ${missingKeys(l).length} missing${missingKeys(l).length ? ` (${missingKeys(l).join(', ')})` : ''}`,
  );
  console.log(`missing keys per language (shown in Danish):\n  ${report.join('\n  ')}`);
  assert.deepEqual(missingKeys('da'), []);
  assert.deepEqual(missingKeys('en'), []);
  for (const l of ['ar', 'uk', 'fa-AF'] as const) assert.deepEqual(missingKeys(l), [], l);
});

test('every message of every catalogue formats with the values the pages give, and a missing one falls back to Danish', () => {
  for (const l of LANGS)
    for (const k of MESSAGE_KEYS) {
      const s = translate(l, k, VALUES);
      assert.ok(s.length > 0 && !s.includes('{'), `${l} ${k}: ${s}`);
    }
  const missing = missingKeys('ti')[0];
  assert.ok(missing, 'Tigrinya lacks some keys');
  assert.equal(translate('ti', missing, VALUES), translate('da', missing, VALUES));
});

test('a step reads "Du skal begynde på danskuddannelse senest 28. marts." and every step kind has a message', () => {
  assert.equal(translate('da', 'step.danishStart', VALUES), 'Du skal begynde på danskuddannelse senest 28. marts.');
  assert.equal(translate('da', 'step.danishStart', { ...VALUES, dated: 'no' }), 'Du skal begynde på danskuddannelse.');
  for (const kind of CITIZEN_STEP_KINDS) assert.ok(`step.${kind}` in da, kind);
});

test('only the Danish catalogue is marked reviewed; Arabic and Dari are right to left', () => {
  for (const l of LANGS) assert.equal(CATALOGUES[l].reviewed, l === 'da', l);
  assert.deepEqual(
    LANGS.filter((l) => CATALOGUES[l].dir === 'rtl'),
    ['ar', 'fa-AF'],
  );
});

test('Accept-Language picks the best of the seven languages by its q-values, Dari from prs or fa', () => {
  assert.equal(fromAcceptLanguage('de-DE, ar;q=0.8, en;q=0.9'), 'en');
  assert.equal(fromAcceptLanguage('prs'), 'fa-AF');
  assert.equal(fromAcceptLanguage('fa-IR'), 'fa-AF');
  assert.equal(fromAcceptLanguage('uk-UA'), 'uk');
  assert.equal(fromAcceptLanguage('de'), null);
});

/** LIX: words per sentence + the share of long words (more than 6 letters) in per cent. */
function lix(text: string): number {
  const words = text.match(/[\p{L}\d]+/gu) ?? [];
  const sentences = Math.max(1, (text.match(/[.!?:]+(\s|$)/g) ?? []).length);
  const long = words.filter((w) => w.length > 6).length;
  return words.length / sentences + (100 * long) / words.length;
}

test('the Danish texts for citizens are plain: LIX 35 or below', () => {
  const texts = MESSAGE_KEYS.filter((k) => k.includes('.') && !k.startsWith('nav.') && !k.startsWith('activity.'))
    .map((k) => translate('da', k, VALUES))
    // A sentence: ends with a full stop (labels and headings are not prose).
    .filter((s) => /[.!?]$/.test(s));
  const whole = texts.join(' ');
  const score = lix(whole);
  console.log(`LIX of the Danish citizen texts (${texts.length} sentences): ${score.toFixed(1)}`);
  assert.ok(score <= 35, `LIX ${score.toFixed(1)}`);
});
