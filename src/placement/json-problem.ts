// The generic JSON problem that `medborger solve --format json` reads: agents, options, scores
// (or costs), capacities per option and group caps over options, in named dimensions. Checked
// with zod; every error names the place in the file. Pure.
//
//   {
//     "sense": "max",                      // or "min" (default "min")
//     "agents": 3, "options": 2,           // counts, or label lists: ["Familien Ali", …]
//     "pairs": [[0, 1, 7.5], [1, 0, 3, { "persons": 4 }], …],   // agent, option, value, use per dimension
//     "capacities": [{ "name": "Rødekro", "options": [0, 1], "cap": 2, "dimension": "count" }, …],
//     "unplaced": 0                         // value of leaving an agent unplaced; omit: all must be placed
//   }
//
// Every pair uses 1 of the dimension "count" unless it says otherwise. The older assignment form
// { "agents": n, "pairs": [[agent, option, cost], …] } (n × n, each option once, minimise) is read
// as that problem.
import { z } from 'zod';
import { PlacementInputError, ProblemBuilder, type PlacementProblem } from './model.js';

const Count = z.union([z.number().int().min(0).max(10_000_000), z.array(z.string().min(1)).max(10_000_000)]);

const JsonProblem = z.object({
  sense: z.enum(['min', 'max']).optional(),
  agents: Count,
  options: Count.optional(),
  pairs: z.array(
    z
      .tuple([z.number().int().min(0), z.number().int().min(0), z.number()])
      .rest(z.record(z.string(), z.number().min(0))),
  ),
  capacities: z
    .array(
      z.object({
        name: z.string().min(1).optional(),
        options: z.array(z.number().int().min(0)).min(1),
        cap: z.number().min(0),
        dimension: z.string().min(1).optional(),
      }),
    )
    .optional(),
  unplaced: z.union([z.number(), z.array(z.number().nullable())]).optional(),
});

export function parseJsonProblem(text: string): PlacementProblem {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new PlacementInputError(`The file is not JSON: ${(err as Error).message}`);
  }
  const parsed = JsonProblem.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new PlacementInputError(`The problem file is not valid at /${issue.path.join('/')}: ${issue.message}`);
  }
  const j = parsed.data;
  const agentLabels = Array.isArray(j.agents) ? j.agents : Array.from({ length: j.agents }, (_, i) => `agent ${i}`);
  const legacyAssignment = j.options === undefined && j.capacities === undefined && j.sense === undefined;
  const optionCount =
    j.options === undefined ? agentLabels.length : Array.isArray(j.options) ? j.options.length : j.options;
  const optionLabels = Array.isArray(j.options)
    ? j.options
    : Array.from({ length: optionCount }, (_, o) => `option ${o}`);
  const b = new ProblemBuilder(j.sense ?? 'min');
  agentLabels.forEach((a) => b.agent(a));
  optionLabels.forEach((o) => b.option(o));
  j.pairs.forEach(([a, o, value, use], at) => {
    if (a >= agentLabels.length)
      throw new PlacementInputError(`pairs/${at}: agent ${a} does not exist (there are ${agentLabels.length})`);
    if (o >= optionLabels.length)
      throw new PlacementInputError(`pairs/${at}: option ${o} does not exist (there are ${optionLabels.length})`);
    b.pair(agentLabels[a]!, optionLabels[o]!, value, { count: 1, ...(use ?? {}) });
  });
  const capacities = legacyAssignment
    ? optionLabels.map((_, o) => ({ name: optionLabels[o], options: [o], cap: 1, dimension: 'count' }))
    : (j.capacities ?? []);
  capacities.forEach((c, at) => {
    for (const o of c.options)
      if (o >= optionLabels.length) throw new PlacementInputError(`capacities/${at}: option ${o} does not exist`);
    b.capacity(
      c.name ?? `capacity ${at}`,
      c.options.length === 1 ? 'option' : 'group',
      c.dimension ?? 'count',
      c.options.map((o) => optionLabels[o]!),
      c.cap,
    );
  });
  if (j.unplaced !== undefined) {
    agentLabels.forEach((a, i) => {
      const v = Array.isArray(j.unplaced) ? j.unplaced[i] : j.unplaced;
      if (v !== null && v !== undefined) b.mayStayUnplaced(a, v);
    });
  }
  return b.build();
}
