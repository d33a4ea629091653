// The OpenAPI document at /api/v1/openapi.json: a valid OpenAPI 3.1 document that describes
// every route the app serves (and nothing it does not), with the bearer security scheme on every
// route that needs a token.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Validator } from '@seriousme/openapi-schema-validator';
import { buildApp } from '../src/app.js';
import { auth, forEachEngine, openTestApp, TODAY, type TestApp } from './helpers.js';

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
const OPENAPI_ROUTE = 'GET /api/v1/openapi.json';
/** Routes on personal data or administration: these must require the bearer token. */
const PERSONAL_OR_ADMIN = /\/(persons|households|worklist|tokens)(\/|$)/;
/** Reference data and health, public by design. */
const KNOWN_PUBLIC = ['GET /health', 'GET /api/v1/municipalities'];

interface Operation {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: { name: string; in: string; required?: boolean }[];
  security?: Record<string, string[]>[];
  responses?: Record<string, { content?: Record<string, unknown> }>;
  requestBody?: unknown;
}
interface Doc {
  openapi: string;
  info: { title: string; version: string; description?: string };
  tags?: { name: string; description?: string }[];
  servers?: { url: string }[];
  paths: Record<string, Partial<Record<(typeof HTTP_METHODS)[number], Operation>>>;
  components?: { securitySchemes?: Record<string, { type: string; scheme?: string }> };
  security?: unknown;
}

/**
 * The operationId of every operation. Client generators name their methods after these: an id
 * changes only with a new API version.
 */
const OPERATION_IDS: Record<string, string> = {
  'GET /health': 'getHealth',
  'GET /api/v1/municipalities': 'listMunicipalities',
  'POST /api/v1/tokens': 'createToken',
  'GET /api/v1/tokens': 'listTokens',
  'POST /api/v1/tokens/{id}/revoke': 'revokeToken',
  'GET /api/v1/audit-events': 'listAuditEvents',
  'POST /api/v1/municipalities/{code}/households': 'registerHousehold',
  'GET /api/v1/municipalities/{code}/persons': 'searchPersons',
  'GET /api/v1/municipalities/{code}/persons/{id}': 'getPerson',
  'PATCH /api/v1/municipalities/{code}/persons/{id}': 'updatePerson',
  'GET /api/v1/municipalities/{code}/persons/{id}/access-log': 'getPersonAccessLog',
  'PUT /api/v1/municipalities/{code}/persons/{id}/visitation': 'putVisitation',
  'PUT /api/v1/municipalities/{code}/persons/{id}/contract': 'putContract',
  'PUT /api/v1/municipalities/{code}/persons/{id}/contact-person': 'putContactPerson',
  'POST /api/v1/municipalities/{code}/persons/{id}/activities': 'addActivity',
  'POST /api/v1/municipalities/{code}/persons/{id}/conversations': 'addConversation',
  'POST /api/v1/municipalities/{code}/persons/{id}/enrolments': 'addEnrolment',
  'POST /api/v1/municipalities/{code}/persons/{id}/language-assessments': 'addLanguageAssessment',
  'POST /api/v1/municipalities/{code}/persons/{id}/follow-ups': 'addFollowUp',
  'POST /api/v1/municipalities/{code}/persons/{id}/health-assessments': 'addHealthAssessment',
  'POST /api/v1/municipalities/{code}/persons/{id}/repatriation-notices': 'addRepatriationNotice',
  'POST /api/v1/municipalities/{code}/persons/{id}/reception-steps': 'addReceptionStep',
  'GET /api/v1/municipalities/{code}/persons/{id}/reception-steps': 'listReceptionSteps',
  'GET /api/v1/municipalities/{code}/persons/{id}/obligations': 'getPersonObligations',
  'GET /api/v1/municipalities/{code}/persons/{id}/outcomes': 'getOutcomes',
  'POST /api/v1/municipalities/{code}/persons/{id}/outcomes/labour-market-periods': 'addLabourMarketPeriod',
  'PATCH /api/v1/municipalities/{code}/persons/{id}/outcomes/labour-market-periods/{periodId}': 'endLabourMarketPeriod',
  'PATCH /api/v1/municipalities/{code}/persons/{id}/activities/{activityId}': 'changeActivity',
  'DELETE /api/v1/municipalities/{code}/persons/{id}/activities/{activityId}': 'deleteActivity',
  'GET /api/v1/municipalities/{code}/persons/{id}/activities/{activityId}/history': 'getActivityHistory',
  'PATCH /api/v1/municipalities/{code}/persons/{id}/enrolments/{enrolmentId}': 'changeEnrolment',
  'DELETE /api/v1/municipalities/{code}/persons/{id}/enrolments/{enrolmentId}': 'deleteEnrolment',
  'GET /api/v1/municipalities/{code}/persons/{id}/enrolments/{enrolmentId}/history': 'getEnrolmentHistory',
  'PATCH /api/v1/municipalities/{code}/persons/{id}/conversations/{conversationId}': 'changeConversation',
  'DELETE /api/v1/municipalities/{code}/persons/{id}/conversations/{conversationId}': 'deleteConversation',
  'GET /api/v1/municipalities/{code}/persons/{id}/conversations/{conversationId}/history': 'getConversationHistory',
  'PATCH /api/v1/municipalities/{code}/persons/{id}/follow-ups/{followUpId}': 'changeFollowUp',
  'DELETE /api/v1/municipalities/{code}/persons/{id}/follow-ups/{followUpId}': 'deleteFollowUp',
  'GET /api/v1/municipalities/{code}/persons/{id}/follow-ups/{followUpId}/history': 'getFollowUpHistory',
  'PATCH /api/v1/municipalities/{code}/persons/{id}/language-assessments/{assessmentId}': 'changeLanguageAssessment',
  'DELETE /api/v1/municipalities/{code}/persons/{id}/language-assessments/{assessmentId}': 'deleteLanguageAssessment',
  'GET /api/v1/municipalities/{code}/persons/{id}/language-assessments/{assessmentId}/history':
    'getLanguageAssessmentHistory',
  'POST /api/v1/municipalities/{code}/persons/{id}/closure': 'closeCase',
  'GET /api/v1/municipalities/{code}/persons/{id}/closure': 'getClosure',
  'DELETE /api/v1/municipalities/{code}/persons/{id}/closure': 'deleteClosure',
  'POST /api/v1/municipalities/{code}/persons/{id}/outcomes/educations': 'addEducationCompleted',
  'POST /api/v1/municipalities/{code}/persons/{id}/outcomes/danish-educations': 'addDanishEducation',
  'POST /api/v1/municipalities/{code}/persons/{id}/outcomes/danish-tests': 'addDanishTest',
  'POST /api/v1/municipalities/{code}/outcomes/import': 'importOutcomes',
  'POST /api/v1/municipalities/{code}/arrivals': 'importArrivals',
  'POST /api/v1/municipalities/{code}/households/{householdId}/members': 'addHouseholdMember',
  'GET /api/v1/municipalities/{code}/persons/{id}/appointments': 'listAppointments',
  'POST /api/v1/municipalities/{code}/persons/{id}/appointments': 'bookAppointment',
  'GET /api/v1/municipalities/{code}/persons/{id}/appointments/proposals': 'listAppointmentProposals',
  'PATCH /api/v1/municipalities/{code}/persons/{id}/appointments/{appointmentId}': 'changeAppointment',
  'DELETE /api/v1/municipalities/{code}/persons/{id}/appointments/{appointmentId}': 'cancelAppointment',
  'POST /api/v1/municipalities/{code}/persons/{id}/appointments/{appointmentId}/held': 'recordAppointmentHeld',
  'POST /api/v1/municipalities/{code}/persons/{id}/appointments/{appointmentId}/no-show': 'recordAppointmentNoShow',
  'GET /api/v1/municipalities/{code}/persons/{id}/appointments/{appointmentId}/letter.pdf': 'getSummonsLetter',
  'GET /api/v1/municipalities/{code}/calendar': 'getCalendar',
  'GET /api/v1/municipalities/{code}/persons/{id}/contract.pdf': 'getContractDocument',
  'POST /api/v1/municipalities/{code}/persons/{id}/attachments': 'addAttachment',
  'GET /api/v1/municipalities/{code}/persons/{id}/attachments': 'listAttachments',
  'GET /api/v1/municipalities/{code}/persons/{id}/attachments/{attachmentId}': 'downloadAttachment',
  'DELETE /api/v1/municipalities/{code}/persons/{id}/attachments/{attachmentId}': 'deleteAttachment',
  'GET /api/v1/municipalities/{code}/governance': 'getGovernanceObligations',
  'GET /api/v1/municipalities/{code}/indicators': 'getIndicators',
  'GET /api/v1/municipalities/{code}/reports/annual': 'getAnnualReport',
  'GET /api/v1/indicators/compare': 'compareIndicator',
  'GET /api/v1/municipalities/{code}/governance-events': 'listGovernanceRecords',
  'POST /api/v1/municipalities/{code}/governance-events': 'recordGovernanceEvent',
  'POST /api/v1/municipalities/{code}/governance-cases': 'registerGovernanceCase',
  'GET /api/v1/municipalities/{code}/worklist': 'getWorklist',
  'GET /api/v1/municipalities/{code}/policy': 'getMunicipalityPolicy',
  'GET /api/v1/policies/diff': 'diffPolicies',
  'GET /api/v1/municipalities/{code}/towns': 'listTowns',
  'POST /api/v1/municipalities/{code}/towns': 'createTown',
  'GET /api/v1/municipalities/{code}/towns/{id}': 'getTown',
  'PATCH /api/v1/municipalities/{code}/towns/{id}': 'changeTown',
  'DELETE /api/v1/municipalities/{code}/towns/{id}': 'deleteTown',
  'POST /api/v1/municipalities/{code}/towns/import': 'importTowns',
  'GET /api/v1/municipalities/{code}/housing-units': 'listHousingUnits',
  'POST /api/v1/municipalities/{code}/housing-units': 'createHousingUnit',
  'GET /api/v1/municipalities/{code}/housing-units/{id}': 'getHousingUnit',
  'PATCH /api/v1/municipalities/{code}/housing-units/{id}': 'changeHousingUnit',
  'DELETE /api/v1/municipalities/{code}/housing-units/{id}': 'deleteHousingUnit',
  'POST /api/v1/municipalities/{code}/housing-units/import': 'importHousingUnits',
  'GET /api/v1/municipalities/{code}/institutions': 'listInstitutions',
  'POST /api/v1/municipalities/{code}/institutions': 'createInstitution',
  'GET /api/v1/municipalities/{code}/institutions/{id}': 'getInstitution',
  'PATCH /api/v1/municipalities/{code}/institutions/{id}': 'changeInstitution',
  'DELETE /api/v1/municipalities/{code}/institutions/{id}': 'deleteInstitution',
  'POST /api/v1/municipalities/{code}/institutions/import': 'importInstitutions',
  'GET /api/v1/municipalities/{code}/companies': 'listCompanies',
  'POST /api/v1/municipalities/{code}/companies': 'createCompany',
  'GET /api/v1/municipalities/{code}/companies/{id}': 'getCompany',
  'PATCH /api/v1/municipalities/{code}/companies/{id}': 'changeCompany',
  'DELETE /api/v1/municipalities/{code}/companies/{id}': 'deleteCompany',
  'POST /api/v1/municipalities/{code}/companies/import': 'importCompanies',
  'GET /api/v1/municipalities/{code}/positions': 'listPositions',
  'POST /api/v1/municipalities/{code}/positions': 'createPosition',
  'GET /api/v1/municipalities/{code}/positions/{id}': 'getPosition',
  'PATCH /api/v1/municipalities/{code}/positions/{id}': 'changePosition',
  'DELETE /api/v1/municipalities/{code}/positions/{id}': 'deletePosition',
  'POST /api/v1/municipalities/{code}/positions/import': 'importPositions',
  'GET /api/v1/municipalities/{code}/volunteers': 'listVolunteers',
  'POST /api/v1/municipalities/{code}/volunteers': 'createVolunteer',
  'GET /api/v1/municipalities/{code}/volunteers/{id}': 'getVolunteer',
  'PATCH /api/v1/municipalities/{code}/volunteers/{id}': 'changeVolunteer',
  'DELETE /api/v1/municipalities/{code}/volunteers/{id}': 'deleteVolunteer',
  'POST /api/v1/municipalities/{code}/volunteers/import': 'importVolunteers',
  'GET /api/v1/municipalities/{code}/associations': 'listAssociations',
  'POST /api/v1/municipalities/{code}/associations': 'createAssociation',
  'GET /api/v1/municipalities/{code}/associations/{id}': 'getAssociation',
  'PATCH /api/v1/municipalities/{code}/associations/{id}': 'changeAssociation',
  'DELETE /api/v1/municipalities/{code}/associations/{id}': 'deleteAssociation',
  'POST /api/v1/municipalities/{code}/associations/import': 'importAssociations',
  'GET /api/v1/municipalities/{code}/households/{householdId}': 'getHouseholdFacts',
  'PATCH /api/v1/municipalities/{code}/households/{householdId}': 'changeHouseholdFacts',
  'POST /api/v1/municipalities/{code}/placement-plans': 'runPlacement',
  'GET /api/v1/municipalities/{code}/placement-plans': 'listPlacementPlans',
  'GET /api/v1/municipalities/{code}/placement-plans/{id}': 'getPlacementPlan',
  'POST /api/v1/municipalities/{code}/placement-plans/{id}/decisions': 'decidePlacementPlan',
  'GET /api/v1/me': 'getMyPlan',
};

/** "METHOD /path/{param}" for every route in Fastify's route tree (app.printRoutes()). */
function routesFromTree(tree: string): Set<string> {
  const routes = new Set<string>();
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    const m = /^(.*?)[├└]── (.*?)(?: \(([^)]*)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    stack.length = depth;
    stack.push(m[2]!);
    const path = stack.join('').replace(/:(\w+)/g, '{$1}');
    for (const method of (m[3] ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean))
      routes.add(`${method} ${path}`);
  }
  return routes;
}

function operations(doc: Doc): [string, Operation][] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    HTTP_METHODS.filter((m) => item[m] !== undefined).map((m): [string, Operation] => [
      `${m.toUpperCase()} ${path}`,
      item[m]!,
    ]),
  );
}

forEachEngine('the OpenAPI document', (engine) => {
  let t: TestApp;
  let doc: Doc;

  before(async () => {
    t = await openTestApp(engine);
    const res = await t.app.inject({ url: '/api/v1/openapi.json' });
    assert.equal(res.statusCode, 200, res.body);
    assert.match(String(res.headers['content-type']), /^application\/json/);
    doc = res.json<Doc>();
  });
  after(async () => {
    await t.close();
  });

  test('GET /api/v1/openapi.json is a valid OpenAPI 3.1 document', async () => {
    assert.match(doc.openapi, /^3\.1\.\d+$/);
    const validator = new Validator();
    const result = await validator.validate(doc as unknown as Record<string, unknown>);
    assert.equal(result.valid, true, JSON.stringify(result.errors, null, 2));
    assert.equal(validator.version, '3.1');
    assert.doesNotThrow(() => validator.resolveRefs(), 'every $ref resolves');
    assert.equal(doc.info.title, 'Medborger API');
  });

  test('the document covers every route the app serves, and only those', () => {
    const served = routesFromTree(t.app.printRoutes({ commonPrefix: false }));
    const expected = [...served].filter((r) => !r.startsWith('HEAD ') && r !== OPENAPI_ROUTE).sort();
    assert.ok(
      expected.length >= 16,
      `the route tree was read (${expected.length} routes): ${t.app.printRoutes({ commonPrefix: false })}`,
    );
    const documented = operations(doc)
      .map(([key]) => key)
      .sort();
    assert.deepEqual(documented, expected);
    for (const [key] of operations(doc)) {
      const [method, path] = key.split(' ') as [string, string];
      assert.ok(t.app.hasRoute({ method: method, url: path.replace(/\{(\w+)\}/g, ':$1') }), `${key} is served`);
    }
  });

  test('with the web application, the document still holds the API only: every /api route and /health, no page', async () => {
    const web = await buildApp({
      db: t.appDb,
      vault: t.vault,
      engine,
      today: () => TODAY,
      web: { db: t.appDb, vault: t.vault, auth: { rp: null, publicUrl: 'http://localhost:3000' } },
    });
    try {
      const served = routesFromTree(web.printRoutes({ commonPrefix: false }));
      const pages = [...served].filter((r) => !r.split(' ')[1]!.startsWith('/api/') && r !== 'GET /health');
      assert.ok(
        pages.some((r) => r.startsWith('GET /borgere')) && pages.includes('GET /politik'),
        `the web app's pages are served: ${pages.join(', ')}`,
      );
      const webDoc = (await web.inject({ url: '/api/v1/openapi.json' })).json<Doc>();
      const documented = operations(webDoc)
        .map(([key]) => key)
        .sort();
      const api = [...served].filter((r) => !r.startsWith('HEAD ') && r !== OPENAPI_ROUTE && !pages.includes(r)).sort();
      assert.deepEqual(documented, api);
      assert.deepEqual(
        documented,
        operations(doc)
          .map(([key]) => key)
          .sort(),
        'the same operations as the API-only app',
      );
    } finally {
      await web.close();
    }
  });

  test('every operation has its stable operationId, a summary, a description, declared tags, security and a 4XX problem', () => {
    const tags = new Map((doc.tags ?? []).map((tag) => [tag.name, tag.description]));
    const ops = operations(doc);
    assert.deepEqual(Object.fromEntries(ops.map(([key, op]) => [key, op.operationId])), OPERATION_IDS);
    assert.equal(new Set(ops.map(([, op]) => op.operationId)).size, ops.length, 'operationIds are unique');
    for (const [key, op] of ops) {
      assert.match(op.operationId ?? '', /^[a-z][a-zA-Z]+$/, `${key}: operationId in camelCase`);
      assert.ok(op.summary && op.summary.length >= 10, `${key} has a summary`);
      assert.ok(op.description && op.description.length >= 20, `${key} has a description`);
      assert.ok(op.tags && op.tags.length > 0, `${key} has tags`);
      for (const tag of op.tags)
        assert.ok(tags.get(tag), `${key}: tag "${tag}" is declared at the top level with a description`);
      assert.ok(Array.isArray(op.security), `${key} declares its security (public: [])`);
      const clientErrors = Object.keys(op.responses ?? {}).filter((status) => /^4/.test(status));
      assert.ok(clientErrors.length > 0, `${key} documents a 4XX response`);
    }
    assert.ok(doc.info.description && doc.servers && doc.servers.length > 0, 'info.description and servers');
  });

  test('the routes the brief names are all there', () => {
    const documented = new Set(operations(doc).map(([key]) => key));
    const base = '/api/v1/municipalities/{code}/persons/{id}';
    for (const key of [
      'POST /api/v1/municipalities/{code}/households',
      'POST /api/v1/municipalities/{code}/arrivals',
      'POST /api/v1/municipalities/{code}/households/{householdId}/members',
      'GET /api/v1/municipalities/{code}/persons',
      `GET ${base}`,
      `PATCH ${base}`,
      `GET ${base}/access-log`,
      `PUT ${base}/visitation`,
      `PUT ${base}/contract`,
      `PUT ${base}/contact-person`,
      `POST ${base}/activities`,
      `POST ${base}/conversations`,
      `POST ${base}/enrolments`,
      `POST ${base}/language-assessments`,
      `POST ${base}/follow-ups`,
      'POST /api/v1/tokens',
      'GET /api/v1/municipalities',
      'GET /health',
    ])
      assert.ok(documented.has(key), `${key} is documented`);
  });

  test('every path parameter is declared as a required path parameter', () => {
    let checked = 0;
    for (const [key, op] of operations(doc)) {
      const names = [...key.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
      for (const name of names) {
        const param = op.parameters?.find((p) => p.in === 'path' && p.name === name);
        assert.ok(param, `${key} declares {${name}}`);
        assert.equal(param.required, true, `${key}: {${name}} is required`);
        checked++;
      }
    }
    assert.ok(checked > 0, 'the document has path parameters to check');
  });

  test('the bearer security scheme is declared and required by every route on personal data or administration', () => {
    assert.deepEqual(
      { type: doc.components?.securitySchemes?.bearer?.type, scheme: doc.components?.securitySchemes?.bearer?.scheme },
      { type: 'http', scheme: 'bearer' },
    );
    const schemes = new Set(Object.keys(doc.components?.securitySchemes ?? {}));
    const ops = operations(doc);
    for (const [key, op] of ops) {
      for (const requirement of op.security ?? []) {
        for (const name of Object.keys(requirement))
          assert.ok(schemes.has(name), `${key} names the declared scheme "${name}"`);
      }
      if (PERSONAL_OR_ADMIN.test(key.split(' ')[1]!))
        assert.deepEqual(op.security, [{ bearer: [] }], `${key} requires the bearer token`);
    }
    for (const key of KNOWN_PUBLIC) {
      const op = ops.find(([k]) => k === key)?.[1];
      assert.ok(op && (!op.security || op.security.length === 0), `${key} is public`);
    }
    assert.ok(ops.filter(([, op]) => op.security?.length).length >= 15, 'most routes are secured');
  });

  test('what the document says about tokens holds: secured reads answer 401 without a token, public ones do not', async () => {
    const token = await t.token('580', 'caseworker');
    const checked = { secured: 0, public: 0 };
    for (const [key, op] of operations(doc)) {
      const [method, path] = key.split(' ') as [string, string];
      if (method !== 'GET') continue;
      checked[op.security?.length ? 'secured' : 'public']++;
      const url =
        path.replace('{code}', '580').replace('{id}', '00000000-0000-4000-8000-000000000000') +
        (path.endsWith('/persons') ? '?query=haddad' : '');
      const without = await t.app.inject({ url });
      if (op.security?.length) {
        assert.equal(without.statusCode, 401, `${key} without a token`);
        const withToken = await t.app.inject({ url, headers: auth(token) });
        assert.notEqual(withToken.statusCode, 401, `${key} with a token`);
      } else {
        assert.notEqual(without.statusCode, 401, `${key} without a token`);
        assert.ok(without.statusCode < 500, `${key} without a token: ${without.statusCode}`);
      }
    }
    assert.ok(
      checked.secured > 0 && checked.public > 0,
      `secured and public reads were checked: ${JSON.stringify(checked)}`,
    );
  });

  test('error responses are documented as application/problem+json, the content type the API sends them with', async () => {
    const sent = await t.app.inject({ url: '/api/v1/municipalities/580/persons?query=a' });
    assert.equal(sent.headers['content-type'], 'application/problem+json');
    const wrong: string[] = [];
    let errorResponses = 0;
    for (const [key, op] of operations(doc)) {
      for (const [status, response] of Object.entries(op.responses ?? {})) {
        if (!/^[45]/.test(status)) continue;
        errorResponses++;
        const types = Object.keys(response.content ?? {});
        if (!types.includes('application/problem+json'))
          wrong.push(`${key} ${status}: ${types.join(', ') || '(no content)'}`);
      }
    }
    assert.ok(errorResponses > 0, 'the document has error responses to check');
    assert.equal(
      wrong.length,
      0,
      `${wrong.length} error responses are documented with another content type than application/problem+json, e.g. ${wrong.slice(0, 3).join('; ')}`,
    );
  });

  test('POST /api/v1/tokens documents the 400 and 422 problems it answers', async () => {
    const admin = auth(await t.token('580', 'admin'));
    const invalid = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: admin,
      payload: { role: 'wizard', user: 'x' },
    });
    assert.equal(invalid.statusCode, 400);
    const unprocessable = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: admin,
      payload: { role: 'caseworker', user: 'Ny sagsbehandler', personId: '00000000-0000-4000-8000-000000000000' },
    });
    assert.equal(unprocessable.statusCode, 422);
    const documented = Object.keys(doc.paths['/api/v1/tokens']?.post?.responses ?? {});
    assert.ok(documented.includes('400'), `400 is documented (documented: ${documented.join(', ')})`);
    assert.ok(documented.includes('422'), `422 is documented (documented: ${documented.join(', ')})`);
  });
});
