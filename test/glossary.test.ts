// One Danish glossary (src/domain/glossary.ts): every enum value has its term, the pages, the
// obligations' explanations and the policy summaries use the same term for the same code, and no
// page or rule kind keeps a label map of its own.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { buildApp } from '../src/app.js';
import { inTenant } from '../src/db/tenant.js';
import { ROLES } from '../src/domain/authorization.js';
import * as glossary from '../src/domain/glossary.js';
import {
  ACTIVITY_KINDS,
  CONTRACT_GOAL_KINDS,
  CONVERSATION_KINDS,
  ENROLMENT_KINDS,
  FOLLOW_UP_KINDS,
  HOUSEHOLD_RELATIONS,
  LANGUAGE_ASSESSMENT_RESULTS,
  PROGRAMS,
  RESIDENCE_BASES,
  SEXES,
} from '../src/domain/model.js';
import { notApplicableReason, type CaseFacts } from '../src/domain/obligations.js';
import { ANCHORS, type AppliesTo, type RuleHead } from '../src/domain/rules.js';
import { ruleSummaryDa } from '../src/policy/kinds/index.js';
import { PolicyFile, type Rule } from '../src/policy/schema.js';
import type { AccessAction } from '../src/repositories/access-log.js';
import { createToken } from '../src/services/tokens.js';
import { SESSION_COOKIE } from '../src/web/session.js';
import { forEachEngine, openTestDb, TODAY, type TestDb } from './helpers.js';

// Compile-time: the access log's actions and the policy file's statuses are exactly the glossary's.
type PolicyStatusOfFile = PolicyFile['adopted']['status'];
const actionTerms: Record<AccessAction, string> = glossary.ACCESS_LOG_ACTION_DA;
const actionsOfLog: Record<glossary.AccessLogAction, string> = actionTerms;
const statusTerms: Record<PolicyStatusOfFile, string> = glossary.POLICY_STATUS_IN_SENTENCE_DA;
const _statusesOfFile: Record<glossary.PolicyStatus, string> = statusTerms;

const TERMS: [string, readonly string[], Readonly<Record<string, string>>][] = [
  ['sex', SEXES, glossary.SEX_DA],
  ['residence basis', RESIDENCE_BASES, glossary.RESIDENCE_BASIS_DA],
  ['residence basis (plural)', RESIDENCE_BASES, glossary.RESIDENCE_BASIS_PLURAL_DA],
  ['program', PROGRAMS, glossary.PROGRAM_DA],
  ['relation', HOUSEHOLD_RELATIONS, glossary.RELATION_DA],
  ['relation (in a sentence)', HOUSEHOLD_RELATIONS, glossary.RELATION_IN_SENTENCE_DA],
  ['offered language', glossary.OFFERED_LANGUAGES, glossary.LANGUAGE_DA],
  ['offered country', glossary.OFFERED_COUNTRIES, glossary.COUNTRY_DA],
  ['activity kind', ACTIVITY_KINDS, glossary.ACTIVITY_KIND_DA],
  ['activity kind (in a sentence)', ACTIVITY_KINDS, glossary.ACTIVITY_KIND_IN_SENTENCE_DA],
  ['conversation kind', CONVERSATION_KINDS, glossary.CONVERSATION_KIND_DA],
  ['conversation kind (plural)', CONVERSATION_KINDS, glossary.CONVERSATION_KIND_PLURAL_DA],
  ['enrolment kind', ENROLMENT_KINDS, glossary.ENROLMENT_KIND_DA],
  ['enrolment kind (in a sentence)', ENROLMENT_KINDS, glossary.ENROLMENT_KIND_IN_SENTENCE_DA],
  ['language assessment result', LANGUAGE_ASSESSMENT_RESULTS, glossary.LANGUAGE_ASSESSMENT_RESULT_DA],
  ['follow-up kind', FOLLOW_UP_KINDS, glossary.FOLLOW_UP_KIND_DA],
  ['contract goal kind', CONTRACT_GOAL_KINDS, glossary.CONTRACT_GOAL_KIND_DA],
  ['case record', glossary.CASE_RECORDS, glossary.CASE_RECORD_DA],
  ['case record (in a sentence)', glossary.CASE_RECORDS, glossary.CASE_RECORD_IN_SENTENCE_DA],
  ['obligation status', glossary.OBLIGATION_STATUSES, glossary.OBLIGATION_STATUS_DA],
  ['obligation status (in a sentence)', glossary.OBLIGATION_STATUSES, glossary.OBLIGATION_STATUS_IN_SENTENCE_DA],
  ['anchor (definite)', ANCHORS, glossary.ANCHOR_DEFINITE_DA],
  ['policy status', PolicyFile.shape.adopted.shape.status.options, glossary.POLICY_STATUS_IN_SENTENCE_DA],
  ['role', ROLES, glossary.ROLE_DA],
  ['access-log action', glossary.ACCESS_LOG_ACTIONS, actionsOfLog],
  ['access-log resource', glossary.ACCESS_LOG_RESOURCES, glossary.ACCESS_LOG_RESOURCE_DA],
];

test('every value of every enum the pages, explanations and summaries show has exactly one Danish term', () => {
  for (const [what, values, terms] of TERMS) {
    for (const v of values)
      assert.ok(typeof terms[v] === 'string' && terms[v].trim() !== '', `${what} "${v}" has no Danish term`);
    assert.deepEqual(Object.keys(terms).sort(), [...values].sort(), `the ${what} terms name exactly the enum's values`);
  }
});

test("the policy summaries and the obligations' explanations word a code with the glossary's term", () => {
  const base = {
    id: 'r',
    title: 'R',
    appliesTo: { ageAt: 'takeover' },
    effective: { from: '2020-01-01' },
    source: { document: 'd', quote: 'q' },
  };
  const rule0 = {
    ...base,
    kind: 'every_conversation',
    conversationKinds: ['visitation'],
    requires: 'repatriation_guidance',
  };
  const summary = ruleSummaryDa(rule0 as unknown as Rule);
  assert.equal(summary, `vejledning om repatriering i ${glossary.CONVERSATION_KIND_PLURAL_DA.visitation}`);
  const appliesTo: AppliesTo = { ageAt: 'takeover', residenceBasis: ['quota_refugee', 'family_reunified'] };
  const rule = { ...base, appliesTo } as unknown as RuleHead;
  const facts = { birthDate: '1990-01-01', takeoverDate: '2025-03-01', residenceBasis: 'other' } as CaseFacts;
  assert.equal(
    notApplicableReason(rule, facts, '2025-04-01'),
    `Gælder for ${glossary.RESIDENCE_BASIS_PLURAL_DA.quota_refugee}, ${glossary.RESIDENCE_BASIS_PLURAL_DA.family_reunified}.`,
  );
});

test('no page, rule kind or explanation keeps a Danish label map of its own', () => {
  const root = path.resolve(import.meta.dirname, '..');
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((f) => {
      const p = path.join(dir, f);
      return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(f) ? [p] : [];
    });
  const scanned = [
    ...files(path.join(root, 'src/web')),
    ...files(path.join(root, 'src/policy/kinds')),
    path.join(root, 'src/domain/obligations.ts'),
  ];
  const local = scanned.flatMap((f) =>
    [...readFileSync(f, 'utf8').matchAll(/\bconst\s+([A-Z_]+_DA)\b/g)].map((m) => `${path.relative(root, f)}: ${m[1]}`),
  );
  assert.deepEqual(local, [], 'label maps belong in src/domain/glossary.ts');
});

forEachEngine('one Danish term per code on every page', (engine) => {
  let t: TestDb;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let session: string;
  before(async () => {
    t = await openTestDb(engine);
    const web = { db: t.database.db, vault: t.vault, auth: { rp: null, publicUrl: 'http://localhost:3000' } };
    app = await buildApp({ db: t.database.db, vault: t.vault, engine, today: () => TODAY, web });
    session = (
      await createToken(t.database.db, {
        municipalityCode: '580',
        role: 'caseworker',
        userName: 'Glossary Tester',
        days: 1,
        hours: 1,
      })
    ).token;
  });
  after(async () => {
    await app.close();
    await t.cleanup();
  });

  const get = (url: string) => app.inject({ url, cookies: { [SESSION_COOKIE]: session } });
  const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
  const post = (url: string, csrf: string, fields: Record<string, string>) =>
    app.inject({
      method: 'POST',
      url,
      cookies: { [SESSION_COOKIE]: session },
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
    });
  /** The text of the option with this value in the select with this id. */
  const optionText = (html: string, selectId: string, value: string) => {
    const select = new RegExp(`<select[^>]*id="${selectId}"[^>]*>([^]*?)</select>`).exec(html)?.[1] ?? '';
    return new RegExp(`<option value="${value}"[^>]*>([^<]*)</option>`).exec(select)?.[1];
  };
  const overview = (html: string, term: string) => new RegExp(`<dt>${term}</dt><dd>([^<]*)</dd>`).exec(html)?.[1];

  test('the household form and the person page show the same term for a spouse and for a residence basis', async () => {
    const form = await get('/husstande/ny');
    assert.equal(form.statusCode, 200);
    const csrf = csrfOf(form.body);
    const registered = await post('/husstande/ny', csrf, {
      action: 'register',
      takeoverDate: '2025-03-01',
      memberCount: '2',
      m0_givenName: 'Hana',
      m0_familyName: 'Darwish',
      m0_birthDate: '1990-03-03',
      m0_sex: 'female',
      m0_residenceBasis: 'quota_refugee',
      m0_relation: 'head',
      m1_givenName: 'Omar',
      m1_familyName: 'Darwish',
      m1_birthDate: '1989-04-04',
      m1_sex: 'male',
      m1_residenceBasis: 'family_reunified',
      m1_relation: 'spouse',
    });
    assert.equal(registered.statusCode, 303, registered.body.slice(0, 300));
    const head = await get(String(registered.headers.location).replace(/\?.*$/, ''));
    const spouseId = /<a href="\/borgere\/([0-9a-f-]{36})">Omar Darwish<\/a>/.exec(head.body)?.[1];
    assert.ok(spouseId, "the head's page links the spouse");
    const spouse = await get(`/borgere/${spouseId}`);
    assert.equal(spouse.statusCode, 200);

    const formSpouse = optionText(form.body, 'm0-relation', 'spouse');
    assert.equal(formSpouse, glossary.RELATION_DA.spouse, "the household form offers the glossary's term for a spouse");
    assert.equal(
      overview(spouse.body, 'Plads i husstanden'),
      formSpouse,
      "the person page names the spouse's place as the household form does",
    );
    assert.match(
      head.body,
      new RegExp(`Omar Darwish</a> – ${glossary.RELATION_IN_SENTENCE_DA.spouse}, født`),
      'the household section words it the same, in a sentence',
    );

    const formBasis = optionText(form.body, 'm0-residenceBasis', 'family_reunified');
    assert.equal(formBasis, glossary.RESIDENCE_BASIS_DA.family_reunified);
    assert.equal(
      overview(spouse.body, 'Opholdsgrundlag'),
      formBasis,
      'the person page names the residence basis as the household form does',
    );
  });

  test('the access log names every action and resource it recorded with a Danish term', async () => {
    const rows = await inTenant(t.database.db, '580', (tx) =>
      tx.selectFrom('access_log').select(['action', 'resource']).distinct().execute(),
    );
    assert.ok(rows.length > 0, 'the pages above were logged');
    for (const r of rows) {
      assert.ok(Object.hasOwn(glossary.ACCESS_LOG_ACTION_DA, r.action), `the action "${r.action}" has a Danish term`);
      assert.notEqual(
        glossary.accessLogResourceDa(r.resource),
        r.resource,
        `the resource "${r.resource}" has a Danish term`,
      );
    }
  });
});
