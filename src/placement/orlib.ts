// Readers for OR-Library assignment files (J. E. Beasley): dense `assignN` (n, then the n×n
// cost matrix) and sparse `assignpN` (n, then `i j cost` per allowed pair, 1-based).
import { fromDense, fromTriples, type SparseCosts } from './assignment.js';

function numbers(text: string): number[] {
  return text.trim().split(/\s+/).map(Number);
}

export function parseDenseAssign(text: string): SparseCosts {
  const xs = numbers(text);
  const n = xs[0]!;
  if (!Number.isInteger(n) || n <= 0 || xs.length !== 1 + n * n) throw new RangeError(`expected n and n×n costs, got ${xs.length - 1} numbers for n = ${n}`);
  return fromDense(Array.from({ length: n }, (_, i) => xs.slice(1 + i * n, 1 + (i + 1) * n)));
}

export function parseSparseAssign(text: string): SparseCosts {
  const xs = numbers(text);
  const n = xs[0]!;
  if ((xs.length - 1) % 3 !== 0) throw new RangeError('expected triples "i j cost" after n');
  const triples: [number, number, number][] = [];
  for (let k = 1; k < xs.length; k += 3) triples.push([xs[k]! - 1, xs[k + 1]! - 1, xs[k + 2]!]);
  return fromTriples(n, triples);
}

/** Dense or sparse, by shape: a dense file has exactly n² costs after n. */
export function parseAssign(text: string): SparseCosts {
  const xs = numbers(text);
  return xs.length === 1 + xs[0]! * xs[0]! ? parseDenseAssign(text) : parseSparseAssign(text);
}
