import { describe, expect, it } from 'vitest';
import { loadWordVectors, shippedTableInfo } from './load-word-vectors.js';
import { decodeWordTable, TABLE_FORMAT_VERSION, TABLE_MAGIC } from './table-format.js';
import { WordVectors } from './word-vectors.js';

// A two-dimensional table of three words, laid out as scripts/derive-table.mjs writes it.
function tinyTable(wordList = 'cat\ndog\ncar'): Uint8Array {
  const words = new TextEncoder().encode(wordList);
  const padded = Math.ceil(words.length / 4) * 4;
  const count = 3;
  const bytes = new Uint8Array(24 + padded + 4 * count + 2 * count + 2 * count * 1 + count * 1);
  const view = new DataView(bytes.buffer);
  [TABLE_MAGIC, TABLE_FORMAT_VERSION, count, 2, 1, words.length].forEach((v, i) => {
    view.setUint32(i * 4, v, true);
  });
  bytes.set(words, 24);
  let at = 24 + padded;
  for (let i = 0; i < count; i++) view.setFloat32(at + 4 * i, 1 / 127, true);
  at += 4 * count;
  // cat (127, 0), dog (90, 90) ≈ 45°, car (0, 127)
  new Int8Array(bytes.buffer, at, 6).set([127, 0, 90, 90, 0, 127]);
  at += 6;
  [1, 0, 1].forEach((id, i) => {
    view.setUint16(at + 2 * i, id, true);
  });
  at += 6;
  bytes.set([180, 180, 180], at);
  return bytes;
}

describe('word-vector tables', () => {
  it('decodes words, vectors and neighbours', () => {
    const vectors = new WordVectors('tiny', decodeWordTable(tinyTable()));
    expect([vectors.size, vectors.dimensions, vectors.rank('dog'), vectors.rank('cow')]).toEqual([
      3, 2, 1, -1,
    ]);
    expect([...vectors.vector(0)]).toEqual([1, 0]);
    expect(vectors.similarity(0, 1)).toBeCloseTo(90 / 127, 5);
    expect(vectors.neighbours(0)).toEqual([{ word: 'dog', similarity: 180 / 255 }]);
    expect(vectors.neighbours(0, 0.8)).toEqual([]);
    const sum = new Float32Array(2);
    vectors.addTo(0, 2, sum);
    vectors.addTo(2, 1, sum);
    expect([...sum]).toEqual([2, 1]);
  });

  it('refuses bytes that are not a table, saying what to do', () => {
    const bad = tinyTable();
    bad[0] = 0;
    expect(() => decodeWordTable(bad, 'x.bin')).toThrow(
      expect.objectContaining({ code: 'CORRUPT_DATA', message: expect.stringContaining('x.bin') }),
    );
    expect(() => decodeWordTable(tinyTable().subarray(0, 40))).toThrow(
      expect.objectContaining({ code: 'CORRUPT_DATA' }),
    );
    expect(() => decodeWordTable(tinyTable('cat\ndog\nca\n'))).toThrow(
      expect.objectContaining({ code: 'CORRUPT_DATA' }),
    );
    expect(() => loadWordVectors('/nonexistent/table.bin')).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
  });
});

describe('the shipped table', () => {
  const vectors = loadWordVectors();

  it('is read once per process and names its bytes, as its manifest says without reading it', () => {
    expect(loadWordVectors()).toBe(vectors);
    expect(vectors.id).toMatch(/^glove6b-64k-\d+d-i8-[0-9a-f]{8}$/);
    expect(shippedTableInfo()).toEqual({ id: vectors.id, dimensions: vectors.dimensions });
    expect(vectors.size).toBe(65_536);
  });

  it('lists words by frequency, with unit vectors', () => {
    expect(vectors.rank('the')).toBe(0);
    expect(vectors.rank('slow')).toBeLessThan(vectors.rank('sluggish'));
    for (const word of ['the', 'database', 'sluggish']) {
      expect(Math.hypot(...vectors.vector(vectors.rank(word)))).toBeCloseTo(1, 2);
    }
  });

  it('puts related words close and ships their neighbours, nearest first', () => {
    const r = (w: string) => vectors.rank(w);
    expect(vectors.similarity(r('slow'), r('sluggish'))).toBeGreaterThan(
      vectors.similarity(r('slow'), r('banana')) + 0.3,
    );
    const neighbours = vectors.neighbours(r('outage'));
    expect(neighbours).toHaveLength(8);
    expect(neighbours.map((n) => n.word)).toContain('outages');
    const sims = neighbours.map((n) => n.similarity);
    expect([...sims].sort((a, b) => b - a)).toEqual(sims);
    expect(vectors.similarity(r('outage'), r(neighbours[0]!.word))).toBeCloseTo(sims[0]!, 1);
  });
});
