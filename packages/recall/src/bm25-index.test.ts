import { describe, expect, it } from 'vitest';
import { Bm25Index } from './bm25-index.js';

describe('BM25 index', () => {
  const make = (docs: Record<string, string>) => {
    const index = new Bm25Index();
    for (const [id, text] of Object.entries(docs)) index.add(id, text);
    return index;
  };

  it('ranks documents sharing rare terms above those sharing common ones, with stemming', () => {
    const index = make({
      a: 'the cache of the order service',
      b: 'the order service and the order page',
      c: 'caching invoices in the order service',
      d: 'kafka retention',
    });
    expect(index.search('cached invoices', 10).map((m) => m.id)).toEqual(['c', 'a']);
    expect(index.search('order', 10).map((m) => m.id)).toEqual(['b', 'a', 'c']);
    expect(index.search('the and of', 10)).toEqual([]);
    expect(index.search('unknown words', 10)).toEqual([]);
  });

  it('normalises by length: a short document with the term beats a long one', () => {
    const index = make({
      long: `deadlock ${'filler words here '.repeat(20)}`,
      short: 'deadlock in transfers',
    });
    expect(index.search('deadlock', 10).map((m) => m.id)).toEqual(['short', 'long']);
  });

  it('removes and replaces documents, reuses their slots, and keeps scores clean between queries', () => {
    const index = make({ a: 'redis failover', b: 'redis timeout', c: 'postgres failover' });
    expect(index.remove('a')).toBe(true);
    expect(index.remove('a')).toBe(false);
    expect(index.size).toBe(2);
    expect(index.search('failover', 10).map((m) => m.id)).toEqual(['c']);
    index.add('d', 'redis failover again');
    index.add('b', 'now about kafka');
    expect(index.search('redis', 10).map((m) => m.id)).toEqual(['d']);
    const first = index.search('failover redis', 10);
    expect(index.search('failover redis', 10)).toEqual(first);
  });

  it('applies the filter before the limit, orders ties by id, and cuts at the limit', () => {
    const index = make({ b: 'alert rule', a: 'alert rule', c: 'alert rule', x: 'alert rule' });
    expect(index.search('alert', 2).map((m) => m.id)).toEqual(['a', 'b']);
    expect(index.search('alert', 10, (id) => id !== 'a').map((m) => m.id)).toEqual(['b', 'c', 'x']);
    expect(index.search('alert', 1, (id) => id === 'x').map((m) => m.id)).toEqual(['x']);
    expect(new Bm25Index().search('alert', 5)).toEqual([]);
  });
});
