// Statistical disclosure control of the indicators (issue 11, item 3). Pure: no I/O.
//
// An indicator is shown as aggregates only: a total cell and breakdown cells (by sex, age band,
// residence basis, program, cohort; an "unknown" group is a cell like any other), each a count
// of persons in the numerator and the denominator (n). This module decides which cells may be
// shown; a suppressed cell carries `suppressed: true` and no value, numerator or denominator.
//
// Sources:
// - shared/indicators/national-indicators.md, "Small numbers": "a figure about fewer than 5
//   persons is never shown". Hence DISCLOSURE_THRESHOLD = 5, for every count we show.
// - Statistics Denmark (Danmarks Statistik): its discretion rules (diskretionsregler) blank
//   cells with fewer than 5 units in output from its registers, on the principle that no one
//   may gain further knowledge about an individual from a published figure.
// - Hundepool et al., Handbook on Statistical Disclosure Control (Eurostat / CoE on SDC, 2nd
//   ed. 2024), chapter on frequency tables: the threshold rule; "group (attribute)
//   disclosure", when all or almost all of a group share the sensitive category; secondary
//   suppression so that a suppressed cell cannot be recalculated from the table's margins,
//   and a protection interval: the range an intruder can derive for a suppressed cell, from
//   the table relations and a priori bounds, must be wide enough.
//
// The rules:
// 1. Primary suppression (isSensitive). A cell is sensitive when its denominator is below the
//    threshold, or its numerator is, or the complement (denominator − numerator) is. The
//    complement counts because a share states something about both groups: "97 of 100 are
//    employed" says of 3 named-by-elimination persons that they are not, and "20 of 20" (a
//    complement of 0) says it of everyone in the group: the handbook's group disclosure, and
//    a count of fewer than 5 persons all the same. So a shown share always has numerator ≥ 5,
//    complement ≥ 5 and n ≥ 10. A median (days late) has no numerator: only its n counts.
// 2. Complementary suppression (one breakdown, the total shown). The breakdown is a partition
//    of the total's population, so total − Σ shown cells = Σ suppressed cells, for the
//    numerator, the denominator and the complement alike. The intruder also knows a priori
//    that counts are ≥ 0, numerator ≤ denominator, and (we assume, conservatively) that a
//    listed group is not empty. The suppressed set S is safe when either it is empty, or
//      - it holds at least 2 non-empty cells (one alone equals total − shown), and
//      - Σ_S denominator − (non-empty cells in S) ≥ threshold, and, for a share,
//        Σ_S numerator ≥ threshold and Σ_S complement ≥ threshold.
//    Then every suppressed cell's denominator, numerator and complement can be anything in a
//    range at least `threshold` wide as far as the shown figures go (for cell i the
//    denominator lies in [1, Σ_S den − (|S| − 1)], the numerator in [0, min(Σ_S num, that)]),
//    in particular none can be recovered exactly, and the suppressed cells together are not
//    a small group either (their sums are at least the threshold). While S is not safe, the
//    shown cell with the smallest denominator (ties: the smaller key, by code unit order) is
//    suppressed too. This terminates: with every cell suppressed, S's sums are the total's,
//    which passed rule 1; only the condition on non-empty cells can still fail (a total of
//    n with k listed groups and n − k < threshold, e.g. 12 persons in 9 cohorts), and then the
//    indicator is suppressed entirely (rule 4).
//    The intruder model is the table's linear relations and these bounds (as in the
//    handbook's audit of a suppression pattern), not knowledge of which cells were chosen
//    second: the output never says why a cell is suppressed.
// 3. Several breakdowns of one indicator share only the total. With the total shown, the
//    constraints of breakdown A (Σ_A = total) and of breakdown B (Σ_B = total) have no
//    unknown in common, and any values consistent with A and any consistent with B are
//    jointly possible (two margins with the same sum always admit a non-negative integer
//    cross table, for the numerator and the complement separately). So what the intruder can
//    derive about a cell of A is exactly what A alone gives: each breakdown protected on its
//    own against the shown total is enough, and combining the rows of several breakdowns
//    recovers nothing more (the attacker test tries it by elimination over all of them).
// 4. If the total is sensitive, or a breakdown cannot be made safe, the whole indicator (the
//    total and every breakdown) is suppressed: a total hidden in one breakdown and shown with
//    another would be recovered by the other's sum.
// 5. Comparison across municipalities (protectComparison). Each municipality's row is its
//    own total, sensitive by rule 1 or already hidden in its own table. The national row is
//    the sum over every municipality. The protection pattern is decided over all
//    municipalities, never over the ones a user chose, so two queries with different choices
//    cannot be combined ("all but A" and then "A" would otherwise undo it). A municipality's
//    own total is also shown in its own reports, so suppressing a second municipality in the
//    comparison would protect nothing: that figure is public elsewhere. The complementary cell
//    is therefore the national row: it is shown only when the hidden municipalities (with
//    any part of the nation outside the rows given) are safe as a set by rule 2's condition;
//    otherwise the national row is suppressed.
// 6. Shares always come with their n: a shown cell always has its denominator.
//
// Not covered here: the same population's denominators shown by two indicators whose
// suppression patterns differ (the service should keep breakdowns of one population
// consistent), and differencing between years or overlapping populations.

/** A count below this (of persons, in a numerator, denominator or complement) is never shown. */
export const DISCLOSURE_THRESHOLD = 5;

export interface DisclosureOptions {
  /** Default DISCLOSURE_THRESHOLD. */
  threshold?: number | undefined;
}

/**
 * The counts of one figure. A share has a numerator (value = numerator / denominator); a
 * median (e.g. days late) has none and carries its value, over `denominator` units.
 */
export interface Counts {
  numerator?: number | undefined;
  denominator: number;
  /** Only read for a figure without a numerator (a median); a share's value is recomputed. */
  value?: number | null | undefined;
}

/** A cell of a table: a breakdown group (or a municipality), with its counts. */
export interface CountCell extends Counts {
  key: string;
}

export interface ShownFigure {
  suppressed: false;
  value: number | null;
  /** Present for a share. */
  numerator?: number;
  /** Always present: a share comes with its n. */
  denominator: number;
}
export interface SuppressedFigure {
  suppressed: true;
}
export type ProtectedFigure = ShownFigure | SuppressedFigure;

export type ShownCell = ShownFigure & { key: string };
export type SuppressedCell = SuppressedFigure & { key: string };
export type ProtectedCell = ShownCell | SuppressedCell;

export interface ProtectedTable {
  total: ProtectedFigure;
  cells: ProtectedCell[];
}

// ---- Rules -----------------------------------------------------------------------------------

function thresholdOf(options: DisclosureOptions | undefined): number {
  const t = options?.threshold ?? DISCLOSURE_THRESHOLD;
  if (!Number.isInteger(t) || t < 1) throw new RangeError(`disclosure threshold must be a positive integer, not ${t}`);
  return t;
}

/** Rule 1: the cell reveals something about fewer than `threshold` persons. */
export function isSensitive(cell: Counts, threshold: number = DISCLOSURE_THRESHOLD): boolean {
  if (cell.denominator < threshold) return true;
  if (cell.numerator === undefined) return false;
  return cell.numerator < threshold || cell.denominator - cell.numerator < threshold;
}

/**
 * Rule 2: whether a set of suppressed cells of a partition is safe when the partition's total is
 * shown (the intruder knows their sums). The empty set is safe.
 */
export function isSafeSuppressedSet(cells: readonly Counts[], threshold: number = DISCLOSURE_THRESHOLD): boolean {
  if (cells.length === 0) return true;
  let den = 0;
  let num = 0;
  let nonEmpty = 0;
  let share = true;
  for (const c of cells) {
    den += c.denominator;
    if (c.denominator > 0) nonEmpty++;
    if (c.numerator === undefined) share = false;
    else num += c.numerator;
  }
  if (nonEmpty < 2) return false;
  if (den - nonEmpty < threshold) return false;
  return !share || (num >= threshold && den - num >= threshold);
}

function show(c: Counts): ShownFigure {
  if (c.numerator === undefined) return { suppressed: false, value: c.value ?? null, denominator: c.denominator };
  return { suppressed: false, value: c.numerator / c.denominator, numerator: c.numerator, denominator: c.denominator };
}

const SUPPRESSED: SuppressedFigure = Object.freeze({ suppressed: true });

function checkCounts(c: Counts, what: string): void {
  const { numerator: n, denominator: d } = c;
  if (!Number.isInteger(d) || d < 0) throw new RangeError(`${what}: denominator must be a count, not ${d}`);
  if (n !== undefined && (!Number.isInteger(n) || n < 0 || n > d)) {
    throw new RangeError(`${what}: numerator must be a count at most the denominator (${d}), not ${n}`);
  }
}

/** The cells of one partition must be of the total's kind, uniquely keyed, and sum to it. */
function checkPartition(total: Counts, cells: readonly CountCell[], what: string): void {
  checkCounts(total, `${what}: total`);
  const keys = new Set<string>();
  let den = 0;
  let num = 0;
  for (const c of cells) {
    checkCounts(c, `${what}: cell ${c.key}`);
    if (keys.has(c.key)) throw new RangeError(`${what}: the key ${c.key} is listed twice`);
    keys.add(c.key);
    if ((c.numerator === undefined) !== (total.numerator === undefined)) {
      throw new RangeError(`${what}: cell ${c.key} is not of the total's kind (share or median)`);
    }
    den += c.denominator;
    num += c.numerator ?? 0;
  }
  if (cells.length === 0) return;
  if (den !== total.denominator || num !== (total.numerator ?? 0)) {
    const sum = `${total.numerator ?? 0}/${total.denominator}`;
    throw new RangeError(`${what}: the cells (${num}/${den}) do not add up to the total (${sum})`);
  }
}

const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Rule 2 on one partition whose total is shown: the indices of the cells to suppress, primary
 * ones first, then the smallest shown cells until the set is safe; null when even suppressing
 * every cell leaves it unsafe.
 */
function suppressionPattern(cells: readonly CountCell[], threshold: number): Set<number> | null {
  const suppressed = new Set<number>();
  cells.forEach((c, i) => {
    if (isSensitive(c, threshold)) suppressed.add(i);
  });
  const candidates = cells
    .map((c, i) => ({ c, i }))
    .filter(({ i }) => !suppressed.has(i))
    .sort((a, b) => a.c.denominator - b.c.denominator || byKey(a.c.key, b.c.key));
  const set = () => cells.filter((_, i) => suppressed.has(i));
  for (const { i } of candidates) {
    if (suppressed.size === 0 || isSafeSuppressedSet(set(), threshold)) return suppressed;
    suppressed.add(i);
  }
  return suppressed.size === 0 || isSafeSuppressedSet(set(), threshold) ? suppressed : null;
}

// ---- Tables ----------------------------------------------------------------------------------

/**
 * One breakdown (a partition of the total's population) and its total, protected by rules 1, 2
 * and 4. The cells keep their order. Throws RangeError when the cells do not add up to the total.
 */
export function protectTable(total: Counts, cells: readonly CountCell[], options?: DisclosureOptions): ProtectedTable {
  const t = thresholdOf(options);
  checkPartition(total, cells, 'table');
  const pattern = isSensitive(total, t) ? null : suppressionPattern(cells, t);
  if (pattern === null) return { total: SUPPRESSED, cells: cells.map((c) => ({ key: c.key, suppressed: true })) };
  return {
    total: show(total),
    cells: cells.map((c, i) => (pattern.has(i) ? { key: c.key, suppressed: true } : { key: c.key, ...show(c) })),
  };
}

/** A breakdown row of an indicator, as src/domain/indicators.ts gives it (IndicatorGroupFigure). */
export interface BreakdownCounts extends Counts {
  dimension: string;
  group: string;
}
/** An indicator's counts: its total and its breakdown rows, every dimension's in one list. */
export interface IndicatorCountsInput extends Counts {
  breakdown: readonly BreakdownCounts[];
}
export type ProtectedBreakdownRow = ProtectedFigure & { dimension: string; group: string };
export interface ProtectedIndicator {
  total: ProtectedFigure;
  breakdown: ProtectedBreakdownRow[];
}

/**
 * An indicator with breakdowns by several dimensions sharing its total (rules 1–4). Each
 * dimension's rows must be a partition of the total. Rows keep their order.
 */
export function protectIndicator(figure: IndicatorCountsInput, options?: DisclosureOptions): ProtectedIndicator {
  const t = thresholdOf(options);
  const dimensions = new Map<string, { i: number; row: BreakdownCounts }[]>();
  figure.breakdown.forEach((row, i) => {
    const list = dimensions.get(row.dimension);
    if (list) list.push({ i, row });
    else dimensions.set(row.dimension, [{ i, row }]);
  });
  const suppressedRows = new Set<number>();
  let whole = isSensitive(figure, t);
  for (const [dimension, members] of dimensions) {
    const cells = members.map(({ row }) => ({ ...row, key: row.group }));
    checkPartition(figure, cells, `breakdown by ${dimension}`);
    if (whole) continue;
    const pattern = suppressionPattern(cells, t);
    if (pattern === null) whole = true;
    else
      members.forEach(({ i }, k) => {
        if (pattern.has(k)) suppressedRows.add(i);
      });
  }
  const rowOf = (row: BreakdownCounts, hide: boolean): ProtectedBreakdownRow => {
    const id = { dimension: row.dimension, group: row.group };
    return hide ? { ...id, suppressed: true } : { ...id, ...show(row) };
  };
  return {
    total: whole ? SUPPRESSED : show(figure),
    breakdown: figure.breakdown.map((row, i) => rowOf(row, whole || suppressedRows.has(i))),
  };
}

// ---- Comparison across municipalities --------------------------------------------------------

/** A municipality's total for the indicator. */
export interface ComparisonRow extends CountCell {
  /** The municipality's own table suppresses its total (protectIndicator): never shown here either. */
  suppressed?: boolean | undefined;
}

export interface ProtectedComparison {
  nation: ProtectedFigure;
  rows: ProtectedCell[];
}

/**
 * The comparison of municipalities and the nation (rule 5). `rows` are every municipality whose
 * persons the national figure counts (all 98 for Medborger's own national sum), whichever the
 * user chose: the caller picks the chosen rows from the answer, so the pattern never depends on
 * the choice. Whatever of `nation` the rows do not account for (the rest) is revealed by
 * subtraction: it must not be sensitive, and with hidden rows it is one more hidden cell. Throws
 * RangeError when the rows add up to more than the nation.
 */
export function protectComparison(
  rows: readonly ComparisonRow[],
  nation: Counts,
  options?: DisclosureOptions,
): ProtectedComparison {
  const t = thresholdOf(options);
  checkCounts(nation, 'comparison: nation');
  let den = 0;
  let num = 0;
  const keys = new Set<string>();
  for (const r of rows) {
    checkCounts(r, `comparison: row ${r.key}`);
    if (keys.has(r.key)) throw new RangeError(`comparison: the key ${r.key} is listed twice`);
    keys.add(r.key);
    if ((r.numerator === undefined) !== (nation.numerator === undefined)) {
      throw new RangeError(`comparison: row ${r.key} is not of the nation's kind (share or median)`);
    }
    den += r.denominator;
    num += r.numerator ?? 0;
  }
  const rest: Counts =
    nation.numerator === undefined
      ? { denominator: nation.denominator - den }
      : { numerator: nation.numerator - num, denominator: nation.denominator - den };
  if (rest.denominator < 0 || (rest.numerator ?? 0) < 0 || (rest.numerator ?? 0) > rest.denominator) {
    const sum = `${nation.numerator ?? 0}/${nation.denominator}`;
    throw new RangeError(`comparison: the rows (${num}/${den}) add up to more than the nation (${sum})`);
  }
  // The rest is revealed by nation − Σ shown rows: harmless alone when it is not sensitive itself,
  // otherwise it is one more hidden cell of the partition.
  const hides = (r: ComparisonRow) => r.suppressed === true || isSensitive(r, t);
  const hidden: Counts[] = rows.filter(hides);
  if (rest.denominator > 0 && (hidden.length > 0 || isSensitive(rest, t))) hidden.push(rest);
  const nationShown = !isSensitive(nation, t) && (hidden.length === 0 || isSafeSuppressedSet(hidden, t));
  return {
    nation: nationShown ? show(nation) : SUPPRESSED,
    rows: rows.map((r) => (hides(r) ? { key: r.key, suppressed: true } : { key: r.key, ...show(r) })),
  };
}
