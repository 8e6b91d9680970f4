import { MemoryError } from '../errors.js';
import type {
  VectorAttributes,
  VectorCondition,
  VectorEntry,
  VectorMatch,
  VectorRecord,
} from './vector-index.js';

// The in-process search every VectorIndex adapter shares, so filters and scores mean the same on
// every backend: exact cosine similarity, each row's inverse norm kept beside it. A sparse query
// (the local embedder's: tens of non-zero features out of hundreds) only touches its non-zero
// dimensions, which keeps 10 000 rows around a millisecond without an approximate index.

/** A copy of `vector` as a Float32Array. */
export function toFloat32(vector: Float32Array | readonly number[]): Float32Array {
  return Float32Array.from(vector);
}

export function vectorNorm(vector: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < vector.length; i++) sum += vector[i]! * vector[i]!;
  return Math.sqrt(sum);
}

/** Whether `attributes` satisfy every condition of `where` (see VectorCondition). */
export function matchesWhere(
  attributes: VectorAttributes,
  where: Record<string, VectorCondition> | undefined,
): boolean {
  if (!where) return true;
  for (const [name, condition] of Object.entries(where)) {
    const value = attributes[name];
    if (value === undefined || !matchesCondition(value, condition)) return false;
  }
  return true;
}

function matchesCondition(value: VectorAttributes[string], condition: VectorCondition): boolean {
  const values: readonly (string | number | boolean)[] = Array.isArray(value) ? value : [value];
  if (typeof condition !== 'object') return values.includes(condition);
  if ('anyOf' in condition) return condition.anyOf.some((wanted) => values.includes(wanted));
  if ('allOf' in condition) return condition.allOf.every((wanted) => values.includes(wanted));
  if (typeof value !== 'number') return false;
  return (
    (condition.gte === undefined || value >= condition.gte) &&
    (condition.lte === undefined || value <= condition.lte)
  );
}

export interface MatrixSearchOptions {
  k: number;
  where?: Record<string, VectorCondition> | undefined;
  minScore?: number | undefined;
}

/**
 * Rows of one dimension, addressable by id; what a collection's search runs over. Stored column by
 * column (`data[dim * capacity + row]`): a query adds each of its non-zero dimensions times one
 * contiguous column into the scores, so a sparse query streams a few columns instead of striding
 * through every row.
 */
export class VectorMatrix {
  private capacity: number;
  private data: Float32Array;
  private inverseNorms: Float64Array;
  private scores: Float64Array;
  private ids: string[] = [];
  private attrs: VectorAttributes[] = [];
  private readonly rows = new Map<string, number>();

  constructor(
    readonly dimensions: number,
    capacity = 16,
  ) {
    this.capacity = Math.max(1, capacity);
    this.data = new Float32Array(this.capacity * dimensions);
    this.inverseNorms = new Float64Array(this.capacity);
    this.scores = new Float64Array(this.capacity);
  }

  get size(): number {
    return this.ids.length;
  }

  has(id: string): boolean {
    return this.rows.has(id);
  }

  /** Inserts or replaces a row; the vector must have `dimensions` entries (the caller checks). */
  set(id: string, vector: ArrayLike<number>, attributes: VectorAttributes): void {
    let row = this.rows.get(id);
    if (row === undefined) {
      row = this.ids.length;
      this.grow(row + 1);
      this.ids.push(id);
      this.attrs.push(attributes);
      this.rows.set(id, row);
    } else {
      this.attrs[row] = attributes;
    }
    // Rows keep the exact values (get() returns them); the norm is taken from the stored float32s.
    let sum = 0;
    for (let j = 0; j < this.dimensions; j++) {
      const value = Math.fround(vector[j]!);
      this.data[j * this.capacity + row] = value;
      sum += value * value;
    }
    this.inverseNorms[row] = sum === 0 ? 0 : 1 / Math.sqrt(sum);
  }

  /** A copy of the stored vector. */
  vectorOf(id: string): Float32Array | undefined {
    const row = this.rows.get(id);
    if (row === undefined) return undefined;
    const vector = new Float32Array(this.dimensions);
    for (let j = 0; j < this.dimensions; j++) vector[j] = this.data[j * this.capacity + row]!;
    return vector;
  }

  /** Removes a row by moving the last row into its place; false when absent. */
  delete(id: string): boolean {
    const row = this.rows.get(id);
    if (row === undefined) return false;
    const last = this.ids.length - 1;
    if (row !== last) {
      const lastId = this.ids[last]!;
      for (let j = 0; j < this.dimensions; j++) {
        this.data[j * this.capacity + row] = this.data[j * this.capacity + last]!;
      }
      this.inverseNorms[row] = this.inverseNorms[last]!;
      this.ids[row] = lastId;
      this.attrs[row] = this.attrs[last]!;
      this.rows.set(lastId, row);
    }
    this.ids.pop();
    this.attrs.pop();
    this.rows.delete(id);
    return true;
  }

  attributesOf(id: string): VectorAttributes | undefined {
    const row = this.rows.get(id);
    return row === undefined ? undefined : this.attrs[row];
  }

  allIds(): string[] {
    return [...this.ids];
  }

  /** The best `k` rows by cosine similarity to `query` (non-zero, `dimensions` long), best first, ties by id. */
  search(query: ArrayLike<number>, options: MatrixSearchOptions): VectorMatch[] {
    const n = this.ids.length;
    const { capacity, data } = this;
    const norm = vectorNorm(query);
    const scores = this.scores;
    scores.fill(0, 0, n);
    for (let j = 0; j < this.dimensions; j++) {
      const q = query[j]!;
      if (q === 0) continue;
      const weight = q / norm;
      const offset = j * capacity;
      for (let row = 0; row < n; row++) scores[row]! += data[offset + row]! * weight;
    }

    const top = new TopK(options.k);
    const minScore = options.minScore ?? Number.NEGATIVE_INFINITY;
    const { ids, attrs, inverseNorms } = this;
    const where = options.where;
    let floor = Number.NEGATIVE_INFINITY;
    for (let row = 0; row < n; row++) {
      const score = scores[row]! * inverseNorms[row]!;
      // Cheap rejections first: most rows score below the current k-th best and stop here.
      if (score < floor || score < minScore) continue;
      const id = ids[row]!;
      if (!top.admits(score, id)) continue;
      // Filters run only on rows that would enter the top k: most rows never pay for them.
      if (where && !matchesWhere(attrs[row]!, where)) continue;
      floor = top.add(score, row, id);
    }
    return top.sorted().map(({ score, row }) => ({
      id: ids[row]!,
      score: Math.max(-1, Math.min(1, score)),
      attributes: copyAttributes(attrs[row]!),
    }));
  }

  private grow(rows: number): void {
    if (rows <= this.capacity) return;
    const capacity = Math.max(rows, this.capacity * 2);
    const data = new Float32Array(capacity * this.dimensions);
    for (let j = 0; j < this.dimensions; j++) {
      data.set(this.data.subarray(j * this.capacity, j * this.capacity + this.ids.length), j * capacity);
    }
    const norms = new Float64Array(capacity);
    norms.set(this.inverseNorms);
    this.data = data;
    this.inverseNorms = norms;
    this.scores = new Float64Array(capacity);
    this.capacity = capacity;
  }
}

export function copyAttributes(attributes: VectorAttributes): VectorAttributes {
  const copy: VectorAttributes = {};
  for (const [name, value] of Object.entries(attributes))
    copy[name] = Array.isArray(value) ? [...value] : value;
  return copy;
}

interface Scored {
  score: number;
  row: number;
  id: string;
}

const better = (a: Scored, b: { score: number; id: string }) =>
  a.score > b.score || (a.score === b.score && a.id < b.id);

/** The best k entries seen so far, kept sorted best first (k is small next to the rows scanned). */
class TopK {
  private readonly items: Scored[] = [];

  constructor(private readonly k: number) {}

  admits(score: number, id: string): boolean {
    if (this.items.length < this.k) return true;
    const worst = this.items[this.items.length - 1]!;
    return score > worst.score || (score === worst.score && id < worst.id);
  }

  /** Adds an entry; returns the score a row must reach to be admitted from now on. */
  add(score: number, row: number, id: string): number {
    const entry = { score, row, id };
    let at = this.items.length;
    while (at > 0 && better(entry, this.items[at - 1]!)) at--;
    this.items.splice(at, 0, entry);
    if (this.items.length > this.k) this.items.pop();
    return this.items.length < this.k ? Number.NEGATIVE_INFINITY : this.items[this.items.length - 1]!.score;
  }

  sorted(): Scored[] {
    return this.items;
  }
}

/**
 * The one dimension of a batch of vectors, checked against the collection's (when it has one).
 * INVALID_INPUT names the first item that differs; nothing is written then.
 */
export function batchDimensions(
  items: readonly { id: string; vector: { length: number } }[],
  existing: number | undefined,
): number | undefined {
  let dim = existing;
  for (const item of items) {
    dim ??= item.vector.length;
    if (item.vector.length !== dim) {
      throw new MemoryError(
        'INVALID_INPUT',
        `vector of item ${JSON.stringify(item.id)} has ${item.vector.length} dimensions, the collection holds ${dim}`,
        { details: { field: 'vector', expected: dim, actual: item.vector.length } },
      );
    }
  }
  return dim;
}

/** A query must have a direction, and the collection's dimension when the collection exists. */
export function assertQueryVector(vector: ArrayLike<number>, dim: number | undefined): void {
  if (vectorNorm(vector) === 0) {
    throw new MemoryError('INVALID_INPUT', 'invalid query vector: it is all zeros, so it has no direction', {
      details: { field: 'vector' },
    });
  }
  if (dim !== undefined && vector.length !== dim) {
    throw new MemoryError(
      'INVALID_INPUT',
      `query vector has ${vector.length} dimensions, the collection holds ${dim}`,
      { details: { field: 'vector', expected: dim, actual: vector.length } },
    );
  }
}

/** One item of a matrix as VectorIndex.get returns it (copies, never the stored arrays), or null. */
export function matrixItem(matrix: VectorMatrix, id: string): VectorRecord | null {
  const attributes = matrix.attributesOf(id);
  if (!attributes) return null;
  return { id, vector: matrix.vectorOf(id)!, attributes: copyAttributes(attributes) };
}

/** Every item's id and attributes, ordered by id, as VectorIndex.list returns them. */
export function matrixListing(matrix: VectorMatrix): VectorEntry[] {
  return matrix
    .allIds()
    .sort()
    .map((id) => ({ id, attributes: copyAttributes(matrix.attributesOf(id)!) }));
}
