// The OpenAPI 3.1 document at /api/v1/openapi.json, for client generators: the swagger plugin's
// options (info, servers, tags, the bearer scheme, only the API's routes) and the finishing of
// the generated document (problem+json error responses, response descriptions, no unused
// component). Linted with Redocly's recommended rules and Spectral's `spectral:oas` in
// test/openapi-lint.test.ts; the operations' operationId, summary, description, tags and
// error responses are declared on each route (src/http/routes/).
import type { SwaggerOptions } from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { PROBLEM_CONTENT_TYPE } from './problem.js';

/** A route of the API (described in the document): /api/… and the monitoring probe /health. */
export function isApiRoute(url: string): boolean {
  return url.startsWith('/api/') || url === '/health';
}

const TAGS = [
  { name: 'system', description: 'The server itself: liveness and database reachability, for monitoring.' },
  { name: 'reference', description: 'Reference data: the 98 municipalities.' },
  {
    name: 'admin',
    description:
      'Administration of your municipality (admin role): API tokens, browser sessions and their audit trail.',
  },
  {
    name: 'persons',
    description:
      'Households and persons: registration, search, reading and changing a person, and the log of who used their data.',
  },
  {
    name: 'case',
    description:
      "The records of a person's case: visitation, integration contract, contact person, activities, conversations, enrolments, language assessments and follow-ups.",
  },
  {
    name: 'appointments',
    description:
      "Planned meetings with a person (booked, moved, cancelled, held as the conversation, missed), the proposals from the cadence rules, the caseworker's calendar, and the summons letter.",
  },
  {
    name: 'documents',
    description: "Documents of a person's case: the integration contract as a PDF, and the files attached to the case.",
  },
  {
    name: 'obligations',
    description:
      "What the law and the municipality's policy require for each person on a day, and the worklist of what is due.",
  },
  {
    name: 'policy',
    description: "The law and the municipalities' policies as rules with their source sentences (public).",
  },
  {
    name: 'indicators',
    description:
      'Indicators of the municipality: aggregates under disclosure control (no figure about fewer than 5 persons), never a person.',
  },
  {
    name: 'governance',
    description:
      "The municipality's governance cycle: hearings, meetings, statements, reports, campaigns and initiatives, and what the policy makes due (no personal data).",
  },
  {
    name: 'reports',
    description:
      'The annual report of a municipality (årsrapport) as HTML or PDF: the policy, every rule with its compliance, the indicators with their trend, governance and a comparison; aggregates only, never a person.',
  },
  {
    name: 'registries',
    description:
      "What the placements read: towns, housing units, institutions, companies and positions, volunteers and associations (CSV export and import), and a household's facts (income, needs, wishes).",
  },
  {
    name: 'placement',
    description:
      'Placement rounds (housing, daycare, school, internships, mentors): draft plans of explained proposals that a coordinator accepts or rejects.',
  },
  {
    name: 'citizen',
    description:
      "The citizen's own plan for a citizen token, in the citizen's language: next steps, appointments, activities, children, contact person.",
  },
];

export const swaggerOptions: SwaggerOptions = {
  openapi: {
    openapi: '3.1.0',
    info: {
      title: 'Medborger API',
      version: '1',
      description:
        "Carries out a Danish municipality's integration policy and shows whether it is kept. " +
        "Every use of personal data is logged with its purpose (the X-Purpose header, or the role's default). " +
        "A token gives access to its own municipality's records only; a URL naming another municipality is answered 404. " +
        'Errors are RFC 9457 problem details (application/problem+json).',
      contact: { name: 'The municipality that runs this Medborger server' },
      license: { name: 'UNLICENSED', identifier: 'LicenseRef-UNLICENSED' },
    },
    servers: [
      {
        url: '{origin}',
        description: 'The Medborger server (`medborger serve`)',
        variables: {
          origin: {
            default: 'http://localhost:3000',
            description: 'Scheme, host and port of the server (MEDBORGER_PUBLIC_URL; PORT defaults to 3000)',
          },
        },
      },
    ],
    tags: TAGS,
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'An API token from `medborger token create` or POST /api/v1/tokens',
        },
      },
    },
  },
  // Only the API is described: the web application's pages (/, /borgere/…, /politik, sign-in)
  // are HTML for browsers, not operations for a client generator.
  transform: (input) =>
    isApiRoute(input.url) ? jsonSchemaTransform(input) : { schema: { hide: true }, url: input.url },
  transformObject: jsonSchemaTransformObject,
};

/** What each status means, for the responses the generator leaves with a generic description. */
const RESPONSE_DESCRIPTIONS: Record<string, string> = {
  200: 'OK',
  201: 'Created',
  400: 'Bad request: the input is not valid (`errors` names the fields as JSON pointers)',
  401: 'Not authenticated: no bearer token, or one that is unknown, revoked or expired',
  403: "Forbidden: the token's role may not do this",
  404: "Not found, or in another municipality than the token's",
  409: 'Conflict with the current state or with a change made at the same moment; nothing was saved',
  412: 'Precondition failed: the record changed since the ETag sent in If-Match (the current one is in the ETag header)',
  422: 'Unprocessable content: well-formed input that the rules refuse',
  428: "Precondition required: send If-Match with the record's ETag",
  '4XX': 'A request the server could not read (a malformed URL, headers too large …)',
};
const GENERIC_DESCRIPTIONS = new Set(['Default Response', 'RFC 9457 problem details']);

type Doc = {
  paths?: Record<
    string,
    Record<string, { responses?: Record<string, { description?: string; content?: Record<string, unknown> }> }>
  >;
  components?: { schemas?: Record<string, unknown> };
};

/** The names of the component schemas referenced from `value`, directly. */
function schemaRefs(value: unknown, into: Set<string>): Set<string> {
  // JSON.stringify(undefined) is undefined, whatever its declared type says.
  const json = value === undefined ? '' : JSON.stringify(value);
  for (const [, name] of json.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)) {
    if (name !== undefined) into.add(decodeURIComponent(name.replace(/~1/g, '/').replace(/~0/g, '~')));
  }
  return into;
}

/**
 * The generated document, finished: error responses as application/problem+json (the content
 * type the API sends them with), a description per status, and only the component schemas an
 * operation uses (the zod provider also emits an input variant of every registered schema).
 */
export function finishDocument(generated: ReturnType<FastifyInstance['swagger']>): unknown {
  const doc = structuredClone(generated) as Doc;
  for (const operations of Object.values(doc.paths ?? {})) {
    for (const operation of Object.values(operations)) {
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        if (/^[45]/.test(status) && response.content?.['application/json']) {
          response.content = { [PROBLEM_CONTENT_TYPE]: response.content['application/json'] };
        }
        if (
          (response.description === undefined || GENERIC_DESCRIPTIONS.has(response.description)) &&
          RESPONSE_DESCRIPTIONS[status]
        ) {
          response.description = RESPONSE_DESCRIPTIONS[status];
        }
      }
    }
  }
  const components = doc.components;
  const schemas = components?.schemas;
  if (components && schemas) {
    const used = schemaRefs(doc.paths, new Set());
    for (let grew = true; grew;) {
      const before = used.size;
      for (const name of [...used]) schemaRefs(schemas[name], used);
      grew = used.size > before;
    }
    components.schemas = Object.fromEntries(Object.entries(schemas).filter(([name]) => used.has(name)));
  }
  return doc;
}
