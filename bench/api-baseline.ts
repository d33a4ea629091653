// The raw baseline of `npm run bench:api`: Fastify + pg, no framework of Medborger's, doing the
// same durable work as Medborger's routes — read the person (or search, or append a
// conversation), append the access-log row, commit, in one transaction — with the same pool size.
// It connects as the database's owner, so row-level security costs it nothing: what it does is
// the least any implementation of the same work must do.
//
// Run by bench/api.ts: BASELINE_DATABASE_URL=… BASELINE_USER_ID=… PORT=… node --import tsx bench/api-baseline.ts
import Fastify from 'fastify';
import pg from 'pg';

const pool = new pg.Pool({
  connectionString: process.env.BASELINE_DATABASE_URL,
  max: Number(process.env.BASELINE_POOL ?? 10),
});
const userId = process.env.BASELINE_USER_ID ?? '00000000-0000-0000-0000-000000000000';
const code = process.env.BASELINE_MUNICIPALITY ?? '580';
const app = Fastify({ logger: false });

const LOG = `INSERT INTO access_log (municipality_code, user_id, user_name, role, person_id, action, purpose, criterion, resource)
             SELECT $1, $2, 'bench', 'caseworker', p, $3, 'Sagsbehandling', $4, $5 FROM unnest($6::uuid[]) AS p`;

async function inTransaction<T>(work: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    const r = await work(c);
    await c.query('COMMIT');
    return r;
  } catch (err) {
    await c.query('ROLLBACK');
    throw err;
  } finally {
    c.release();
  }
}

app.get<{ Params: { id: string } }>('/persons/:id', async (request, reply) => {
  const person = await inTransaction(async (c) => {
    const { rows } = await c.query(
      'SELECT id, given_name, family_name, birth_date, sex, cpr_masked, household_id, residence_basis, program, takeover_date, version FROM persons WHERE municipality_code = $1 AND id = $2',
      [code, request.params.id],
    );
    if (rows[0]) await c.query(LOG, [code, userId, 'read', null, 'person', [request.params.id]]);
    return rows[0] as unknown;
  });
  if (!person) return reply.status(404).send({ title: 'Not found' });
  return person;
});

app.get<{ Params: { id: string } }>('/bare/persons/:id', async (request) => {
  const { rows } = await pool.query(
    'SELECT id, given_name, family_name FROM persons WHERE municipality_code = $1 AND id = $2',
    [code, request.params.id],
  );
  return rows[0] as unknown;
});

app.get<{ Querystring: { query: string } }>('/persons', async (request) => {
  return inTransaction(async (c) => {
    const { rows } = await c.query<{ id: string }>(
      `SELECT id, given_name, family_name, birth_date, cpr_masked, household_id FROM persons
        WHERE municipality_code = $1 AND (lower(given_name) LIKE $2 OR lower(family_name) LIKE $2
               OR lower(family_name) LIKE '% ' || $2 OR lower(given_name) LIKE '% ' || $2)
        ORDER BY family_name, given_name, id LIMIT 50`,
      [code, `${request.query.query.toLowerCase()}%`],
    );
    await c.query(LOG, [code, userId, 'search', request.query.query, 'person', rows.map((r) => r.id)]);
    return rows;
  });
});

app.post<{
  Params: { id: string };
  Body: { date: string; kind: string; repatriationGuidance: boolean; note?: string };
}>('/persons/:id/conversations', async (request, reply) => {
  const b = request.body;
  const row = await inTransaction(async (c) => {
    const { rows } = await c.query(
      `INSERT INTO conversations (municipality_code, person_id, held_on, kind, repatriation_guidance, note, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id, held_on, kind, repatriation_guidance, note, version`,
      [code, request.params.id, b.date, b.kind, b.repatriationGuidance, b.note ?? null, userId],
    );
    await c.query(LOG, [code, userId, 'create', null, 'conversation', [request.params.id]]);
    return rows[0] as unknown;
  });
  return reply.status(201).send(row);
});

app.get('/health', () => Promise.resolve({ status: 'ok' }));

await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
console.log(`baseline listening on ${(app.server.address() as { port: number }).port}`);
