// The presenters (src/services/presenters/): one function per resource turns a record into the
// view a response shows. What a user would notice: each role receives exactly the fields of a
// person the role × fields matrix allows (no CPR number or case record for the placers, a child's
// records only for the institution, the full CPR number only for the case workers who ask), a
// citizen's access log names no staff member, and every person a view shows is registered on the
// response's Disclosure exactly once (one access-log row each). Presenters are pure: they import
// the data layer for its types only and never await anything.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import ts from 'typescript';
import { ROLES, type Actor, type Role } from '../src/domain/authorization.js';
import type { Obligation } from '../src/domain/obligations.js';
import type { PersonRow } from '../src/repositories/persons.js';
import { Disclosure } from '../src/services/disclosure.js';
import { presentAccessLog, type AccessLogRecord } from '../src/services/presenters/access-log.js';
import { presentActivity } from '../src/services/presenters/activity.js';
import type { CaseFile } from '../src/services/presenters/case-file.js';
import { presentContactPerson } from '../src/services/presenters/contact-person.js';
import { presentEnrolment } from '../src/services/presenters/enrolment.js';
import { presentRegisteredHousehold } from '../src/services/presenters/household.js';
import { presentObligation, presentWorklistItem } from '../src/services/presenters/obligation.js';
import { presentPerson, presentPersonCase, presentSearchHit } from '../src/services/presenters/person.js';
import { aFamily, auth, forEachEngine, openTestApp, type TestApp } from './helpers.js';

const PRESENTERS = join(import.meta.dirname, '..', 'src', 'services', 'presenters');

/** The fields every role that reads persons sees (the CPR field is there, null where the role sees no number). */
const IDENTITY = [
  'id',
  'municipalityCode',
  'householdId',
  'relation',
  'givenName',
  'familyName',
  'birthDate',
  'sex',
  'cpr',
  'cprKind',
  'residenceBasis',
  'program',
  'countryOfOrigin',
  'languages',
  'arrivalDate',
  'takeoverDate',
  'synthetic',
  'version',
  'household',
];
const CHILD_SECTIONS = ['enrolments', 'languageAssessments'];
const CASE_SECTIONS = [
  'visitation',
  'contract',
  'contactPerson',
  'contactPersonHistory',
  'activities',
  'conversations',
  ...CHILD_SECTIONS,
  'followUps',
  'receptionSteps',
];

/** The matrix as a user meets it, written out (not derived from PERSON_FIELDS, so a change to either is caught). */
const SEES: Record<Role, { fields: string[]; cpr: 'masked' | null } | 'nobody'> = {
  team_lead: { fields: [...IDENTITY, ...CASE_SECTIONS], cpr: 'masked' },
  caseworker: { fields: [...IDENTITY, ...CASE_SECTIONS], cpr: 'masked' },
  citizen: { fields: [...IDENTITY, ...CASE_SECTIONS], cpr: 'masked' },
  institution: { fields: [...IDENTITY, ...CHILD_SECTIONS], cpr: null },
  housing: { fields: IDENTITY, cpr: null },
  volunteer_coordinator: { fields: IDENTITY, cpr: null },
  company_consultant: { fields: IDENTITY, cpr: null },
  admin: 'nobody',
  analyst: 'nobody',
  secretariat: 'nobody',
};

const PERSON = '00000000-0000-4000-8000-000000000001';
const SPOUSE = '00000000-0000-4000-8000-000000000002';
const CHILD = '00000000-0000-4000-8000-000000000003';
const MASKED = '010190-xxxx';
const FULL = '010190-1234';
const STAFF_NAME = 'Birgitte Sagsbehandler';
const CONVERSATION_NOTE = 'Samtale om hjemrejse, fortrolig';

const person: PersonRow = {
  municipality_code: '580',
  id: PERSON,
  household_id: 'h1',
  household_relation: 'head',
  given_name: 'Amal',
  family_name: 'Haddad',
  birth_date: '1990-01-01',
  sex: 'female',
  cpr_cipher: new Uint8Array([1]),
  cpr_hash: new Uint8Array([2]),
  cpr_masked: MASKED,
  cpr_kind: 'cpr',
  residence_basis: 'spontaneous_refugee',
  program: 'introduction',
  country_of_origin: 'SY',
  languages: ['ar'],
  arrival_date: '2025-02-20',
  takeover_date: '2025-03-01',
  synthetic: false,
  version: 3,
  created_at: new Date(),
  updated_at: new Date(),
  sectors: [],
  left_on: null,
  decision_date: null,
  takeover_by_consent: false,
};
const household = { id: 'h1', arrival_date: '2025-02-20', takeover_date: '2025-03-01' };
const members = [
  { id: PERSON, given_name: 'Amal', family_name: 'Haddad', birth_date: '1990-01-01', household_relation: 'head' },
  { id: SPOUSE, given_name: 'Karim', family_name: 'Haddad', birth_date: '1988-06-15', household_relation: 'spouse' },
  { id: CHILD, given_name: 'Lina', family_name: 'Haddad', birth_date: '2018-09-30', household_relation: 'child' },
];
const owner = {
  municipality_code: '580',
  person_id: PERSON,
  created_at: new Date(),
  created_by: 'u1',
  version: 1,
  updated_at: null,
  updated_by: null,
};
const caseFile: CaseFile = {
  visitation: {
    municipality_code: '580',
    person_id: PERSON,
    held_on: '2025-03-10',
    resources: 'r',
    qualifications: 'q',
    wishes: 'w',
    challenges: 'c',
    version: 1,
    updated_at: new Date(),
    updated_by: 'u1',
  },
  contract: {
    municipality_code: '580',
    person_id: PERSON,
    goal: 'Job',
    goal_kind: 'employment',
    signed_on: '2025-04-01',
    version: 2,
    updated_at: new Date(),
    updated_by: 'u1',
  },
  contactPersons: [{ id: 'a1', user_id: 'u1', user_name: STAFF_NAME, from_date: '2025-03-01', to_date: null }],
  activities: [
    {
      ...owner,
      id: 'ac1',
      kind: 'danish_education',
      start_date: '2025-04-01',
      end_date: null,
      hours_per_week: 15,
      provider: 'Sprogcenter',
      position_id: null,
    },
  ],
  conversations: [
    {
      ...owner,
      id: 'c1',
      held_on: '2025-05-01',
      kind: 'contract_follow_up',
      repatriation_guidance: true,
      repatriation_note: null,
      interpreter_language: 'ar',
      note: CONVERSATION_NOTE,
    },
  ],
  enrolments: [
    {
      id: 'e1',
      kind: 'daycare',
      institution_id: 'i1',
      institution_name: 'Børnehuset',
      start_date: '2025-06-01',
      end_date: null,
      version: 1,
    },
  ],
  languageAssessments: [{ ...owner, id: 'l1', assessed_on: '2025-06-15', result: 'focused', note: null }],
  followUps: [{ ...owner, id: 'f1', held_on: '2025-09-01', kind: 'contract', note: null }],
  receptionSteps: [{ id: 'r1', kind: 'rights_and_duties_information', taken_on: '2025-03-05', note: null }],
};

function actor(role: Role): Actor {
  return {
    municipalityCode: '580',
    userId: `user-${role}`,
    userName: `${role} test`,
    role,
    personId: role === 'citizen' ? PERSON : null,
  };
}

const records = { person, household, members, caseFile };

describe('presenting a person to each role', () => {
  for (const role of ROLES) {
    const sees = SEES[role];
    if (sees === 'nobody') {
      test(`${role}: sees no person; presenting one to the role is refused`, () => {
        assert.throws(() => presentPersonCase(records, actor(role), new Disclosure()));
        assert.throws(() => presentPerson(person, actor(role), new Disclosure()));
        assert.throws(() => presentSearchHit({ ...person, cpr_masked: MASKED }, role, new Disclosure()));
      });
      continue;
    }
    const sections = sees.fields.length - IDENTITY.length;
    test(`${role}: exactly the identity fields${sections ? ` and ${sections} case sections` : ''}, CPR ${sees.cpr ?? 'never'}`, () => {
      const view = presentPersonCase(records, actor(role), new Disclosure());
      assert.deepEqual(Object.keys(view).sort(), [...sees.fields].sort());
      assert.equal(view.cpr, sees.cpr === 'masked' ? MASKED : null);
      const text = JSON.stringify(view);
      if (sees.cpr === null) assert.ok(!text.includes('010190'), 'no part of the CPR number anywhere in the view');
      if (!sees.fields.includes('conversations')) {
        assert.ok(!text.includes(CONVERSATION_NOTE), 'no conversation note');
        assert.ok(!text.includes(STAFF_NAME), 'no contact person');
      }
      // The search hit follows the same CPR rule.
      assert.equal(
        presentSearchHit({ ...person, cpr_masked: MASKED }, role, new Disclosure()).cpr,
        sees.cpr === 'masked' ? MASKED : null,
      );
    });
  }

  test('the full CPR number is shown to the case workers who revealed it, never to another role, whatever the caller passes', () => {
    for (const role of ROLES) {
      if (SEES[role] === 'nobody') continue;
      const view = presentPersonCase(records, actor(role), new Disclosure(), { fullCpr: FULL });
      const expected = role === 'caseworker' || role === 'team_lead' ? FULL : role === 'citizen' ? MASKED : null;
      assert.equal(view.cpr, expected, role);
    }
    assert.equal(presentPerson(person, actor('caseworker'), new Disclosure()).cpr, MASKED, 'masked unless revealed');
  });

  test('a role whose view includes the case file is not presented without it (no silently empty case)', () => {
    assert.throws(() => presentPersonCase({ ...records, caseFile: null }, actor('caseworker'), new Disclosure()));
    assert.throws(() => presentPersonCase({ ...records, caseFile: null }, actor('institution'), new Disclosure()));
    assert.deepEqual(
      Object.keys(presentPersonCase({ ...records, caseFile: null }, actor('housing'), new Disclosure())).sort(),
      [...IDENTITY].sort(),
    );
  });
});

describe('the persons a view shows are registered on the Disclosure, once each', () => {
  test('a person read with their household: the person, then each other member under "household", nobody twice', () => {
    for (const role of ['caseworker', 'institution', 'housing', 'citizen'] as const) {
      const shown = new Disclosure();
      const view = presentPersonCase(records, actor(role), shown);
      assert.deepEqual(
        shown.entries(),
        [
          [PERSON, undefined],
          [SPOUSE, 'household'],
          [CHILD, 'household'],
        ],
        role,
      );
      assert.deepEqual(
        view.household.members.map((m) => m.personId),
        [PERSON, SPOUSE, CHILD],
      );
    }
  });

  test('presenting the same person again (a person, a record of theirs, a worklist row) adds no second entry', () => {
    const shown = new Disclosure();
    presentPerson(person, actor('caseworker'), shown);
    presentPerson(person, actor('caseworker'), shown);
    presentActivity(caseFile.activities[0]!, PERSON, shown);
    presentContactPerson(caseFile.contactPersons[0]!, 1, PERSON, shown);
    presentEnrolment(caseFile.enrolments[0]!, PERSON, shown);
    const obligation: Obligation = {
      ruleId: 'r1',
      title: 'Integrationskontrakt',
      kind: 'deadline',
      layer: 'national',
      dueDate: '2025-04-01',
      status: 'met',
      source: { document: 'Integrationsloven', quote: '…' },
      reason: undefined,
    };
    const row = presentWorklistItem(
      { personId: PERSON, givenName: 'Amal', familyName: 'Haddad', contactPerson: null },
      obligation,
      '2025-05-01',
      shown,
    );
    assert.equal(row.personId, PERSON);
    assert.deepEqual(shown.entries(), [[PERSON, undefined]]);
    assert.equal(
      'reason' in presentObligation(obligation),
      false,
      'an absent reason is left out, not sent as undefined',
    );
  });

  test('a case record shows its owner: presenting it registers that person', () => {
    const shown = new Disclosure();
    const view = presentActivity(caseFile.activities[0]!, CHILD, shown);
    assert.deepEqual(view, {
      id: 'ac1',
      kind: 'danish_education',
      startDate: '2025-04-01',
      endDate: null,
      hoursPerWeek: 15,
      provider: 'Sprogcenter',
      version: 1,
    });
    assert.deepEqual(shown.entries(), [[CHILD, undefined]]);
  });

  test('a household just registered: every member, once', () => {
    const shown = new Disclosure();
    const view = presentRegisteredHousehold('h1', members, shown);
    assert.deepEqual(
      view.members.map((m) => m.personId),
      [PERSON, SPOUSE, CHILD],
    );
    assert.deepEqual(
      shown.entries().map(([id]) => id),
      [PERSON, SPOUSE, CHILD],
    );
  });
});

describe('the access log as each role sees it', () => {
  const rows: AccessLogRecord[] = [
    {
      at: new Date('2026-11-20T09:15:00Z'),
      action: 'read',
      purpose: 'Sagsbehandling efter integrationsloven',
      user_name: STAFF_NAME,
      role: 'caseworker',
      resource: 'person',
      criterion: null,
    },
    {
      at: '2026-11-19T08:00:00Z',
      action: 'search',
      purpose: 'Boligplacering',
      user_name: 'Henrik Bolig',
      role: 'housing',
      resource: 'person-search',
      criterion: 'navn "Amal"',
    },
  ];

  test('a citizen sees the day, the kind of use and the purpose, never who (no staff name, role or criterion)', () => {
    const shown = new Disclosure();
    const view = presentAccessLog(person, rows, false, 'citizen', shown);
    for (const e of view.entries) assert.deepEqual(Object.keys(e).sort(), ['action', 'date', 'purpose']);
    assert.deepEqual(
      view.entries.map((e) => e.date),
      ['2026-11-20', '2026-11-19'],
    );
    const text = JSON.stringify(view);
    for (const secret of [STAFF_NAME, 'Henrik Bolig', '"caseworker"', '"housing"', 'navn'])
      assert.ok(!text.includes(secret), secret);
    assert.deepEqual(shown.entries(), [[PERSON, undefined]], "reading the log is a use of the person's data");
  });

  test('the case workers see who used the data, in which role, what and why', () => {
    const view = presentAccessLog(person, rows, true, 'caseworker', new Disclosure());
    assert.deepEqual(
      view.entries.map((e) => e.user),
      [STAFF_NAME, 'Henrik Bolig'],
    );
    assert.deepEqual(
      view.entries.map((e) => e.role),
      ['caseworker', 'housing'],
    );
    assert.equal(view.entries[0]!.at, '2026-11-20T09:15:00.000Z');
    assert.equal(view.truncated, true);
  });
});

/** The data-layer and Disclosure imports of a module that are not type-only, and any await or async, as "file: what". */
function impurities(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const from = node.moduleSpecifier.text;
      const clause = node.importClause;
      const typeOnly =
        clause !== undefined &&
        (clause.phaseModifier === ts.SyntaxKind.TypeKeyword ||
          (clause.name === undefined &&
            clause.namedBindings !== undefined &&
            ts.isNamedImports(clause.namedBindings) &&
            clause.namedBindings.elements.every((e) => e.isTypeOnly)));
      if (/\/(repositories|db)\/|\/disclosure\.js$|\/context\.js$|^kysely$/.test(from) && !typeOnly)
        found.push(`${file}: imports ${from}`);
    }
    if (node.kind === ts.SyntaxKind.AwaitExpression || node.kind === ts.SyntaxKind.AsyncKeyword)
      found.push(`${file}: ${node.getText(source).slice(0, 40)}`);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

test('presenters are pure: one module per resource, the data layer imported for its types only, nothing awaited', () => {
  const files = readdirSync(PRESENTERS).filter((f) => f.endsWith('.ts'));
  for (const resource of [
    'person',
    'household',
    'visitation',
    'contract',
    'contact-person',
    'activity',
    'conversation',
    'enrolment',
    'language-assessment',
    'follow-up',
    'obligation',
    'access-log',
    'token',
    'audit-event',
    'municipality',
    'staff',
  ]) {
    assert.ok(files.includes(`${resource}.ts`), `a presenter module for ${resource}`);
  }
  assert.deepEqual(
    files.flatMap((f) => impurities(f, readFileSync(join(PRESENTERS, f), 'utf8'))),
    [],
  );
});

test('the purity check reports a value import of a repository or of the Disclosure, and an await; not a type-only import', () => {
  const probe = [
    "import { findPerson } from '../../repositories/persons.js';",
    "import { Disclosure } from '../disclosure.js';",
    "import type { Tx } from '../../db/tenant.js';",
    "import { type PersonRow } from '../../repositories/persons.js';",
    "export async function f(tx: Tx) { return await findPerson(tx, 'x'); }",
  ].join('\n');
  const found = impurities('probe.ts', probe);
  assert.deepEqual(
    found.filter((f) => f.includes('imports')),
    ['probe.ts: imports ../../repositories/persons.js', 'probe.ts: imports ../disclosure.js'],
  );
  assert.ok(found.some((f) => f.startsWith('probe.ts: await')));
});

// ---- Through the API: what each role receives, and the rows the read writes ---------------------

const M = '/api/v1/municipalities/580';

forEachEngine(
  'each role receives its presented view of a person, and one access-log row per person shown',
  (engine) => {
    let t: TestApp;
    let ids: { head: string; spouse: string; child: string };
    const tokens: Partial<Record<Role, string>> = {};

    before(async () => {
      t = await openTestApp(engine);
      const cw = await t.token('580', 'caseworker');
      const family = aFamily({ takeoverDate: '2025-03-01', arrivalDate: '2025-02-20' });
      for (const m of family.members) m.familyName = 'Præsentationsen';
      const res = await t.app.inject({ method: 'POST', url: `${M}/households`, headers: auth(cw), payload: family });
      assert.equal(res.statusCode, 201, res.body);
      const [head, spouse, child] = res.json<{ members: { personId: string }[] }>().members.map((m) => m.personId);
      ids = { head: head!, spouse: spouse!, child: child! };
      const post = async (id: string, path: string, payload: object) => {
        const r = await t.app.inject({ method: 'POST', url: `${M}/persons/${id}/${path}`, headers: auth(cw), payload });
        assert.equal(r.statusCode, 201, r.body);
      };
      await post(ids.head, 'conversations', {
        date: '2025-05-01',
        kind: 'contract_follow_up',
        repatriationGuidance: false,
        note: CONVERSATION_NOTE,
      });
      await post(ids.child, 'language-assessments', { assessedOn: '2025-06-15', result: 'focused' });
      for (const role of ['caseworker', 'team_lead', 'housing', 'institution', 'volunteer_coordinator'] as const)
        tokens[role] = await t.token('580', role);
      tokens.citizen = await t.token('580', 'citizen', ids.head);
    });
    after(async () => {
      await t.close();
    });

    const lastId = async () =>
      (await sql<{ max: string }>`select coalesce(max(id), 0)::text as max from access_log`.execute(t.database.db))
        .rows[0]!.max;
    const rowsAfter = async (id: string) =>
      (
        await sql<{
          person_id: string;
          resource: string;
        }>`select person_id, resource from access_log where id > ${id} order by id`.execute(t.database.db)
      ).rows;

    for (const role of [
      'caseworker',
      'team_lead',
      'citizen',
      'institution',
      'housing',
      'volunteer_coordinator',
    ] as const) {
      test(`${role}: GET person answers exactly the presented fields and logs the person and each other member once`, async () => {
        const sees = SEES[role] as { fields: string[]; cpr: 'masked' | null };
        const who = role === 'institution' ? ids.child : ids.head;
        const before = await lastId();
        const res = await t.app.inject({ url: `${M}/persons/${who}`, headers: auth(tokens[role]!) });
        assert.equal(res.statusCode, 200, res.body);
        const body = res.json<Record<string, unknown>>();
        assert.deepEqual(Object.keys(body).sort(), [...sees.fields].sort());
        if (sees.cpr === null) assert.equal(body.cpr, null);
        else assert.match(String(body.cpr), /^\d{6}-xxxx$/);
        assert.equal(res.body.includes(CONVERSATION_NOTE), sees.fields.includes('conversations') && who === ids.head);
        const others = [ids.head, ids.spouse, ids.child].filter((id) => id !== who);
        assert.deepEqual(await rowsAfter(before), [
          { person_id: who, resource: 'person' },
          ...others.map((id) => ({ person_id: id, resource: 'household' })),
        ]);
      });
    }

    test("the citizen's own access log names no staff member; the caseworker's view of it does", async () => {
      const citizen = await t.app.inject({
        url: `${M}/persons/${ids.head}/access-log`,
        headers: auth(tokens.citizen!),
      });
      assert.equal(citizen.statusCode, 200, citizen.body);
      const entries = citizen.json<{ entries: Record<string, unknown>[] }>().entries;
      assert.ok(entries.length >= 3, 'the registration and the reads above are in the log');
      for (const e of entries) assert.deepEqual(Object.keys(e).sort(), ['action', 'date', 'purpose']);
      for (const staff of ['caseworker test', 'housing test', 'team_lead test', 'volunteer_coordinator test'])
        assert.ok(!citizen.body.includes(staff), staff);
      const staffView = await t.app.inject({
        url: `${M}/persons/${ids.head}/access-log`,
        headers: auth(tokens.caseworker!),
      });
      assert.equal(staffView.statusCode, 200, staffView.body);
      assert.ok(staffView.body.includes('housing test'), 'the case workers see who read the person');
    });
  },
);
