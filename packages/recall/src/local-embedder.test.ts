import { expectMemoryError } from '@agent-memory/core/testing';
import { shippedTableInfo } from '@agent-memory/word-vectors';
import { describe, expect, it } from 'vitest';
import { createLocalEmbedder } from './local-embedder.js';
import { stem } from './stemmer.js';
import { contentWords, words } from './text-tokens.js';

const cosine = (a: Float32Array, b: Float32Array) => a.reduce((sum, x, i) => sum + x * b[i]!, 0);

describe('local embedder', () => {
  const embedder = createLocalEmbedder({ wordVectors: null });
  const withWords = createLocalEmbedder();

  it('is deterministic, normalised, of its dimension, and says it is lexical', async () => {
    const [a, b] = await embedder.embed(['Retry the payment with backoff', 'Retry the payment with backoff']);
    expect([...a!]).toEqual([...b!]);
    expect(a).toHaveLength(512);
    expect(Math.hypot(...a!)).toBeCloseTo(1, 5);
    expect(embedder).toMatchObject({ id: 'local-hash-v1:512', dimensions: 512, semantic: false });
    const small = createLocalEmbedder({ dimensions: 128, wordVectors: null });
    expect(small.id).toBe('local-hash-v1:128');
    expect((await small.embed(['x y z']))[0]).toHaveLength(128);
    expect(createLocalEmbedder({ synonyms: [['a', 'b']], wordVectors: null }).id).not.toBe(embedder.id);
  });

  it('adds a SIF word-vector part by default, and names it in its id', async () => {
    const table = shippedTableInfo();
    expect(withWords.dimensions).toBe(512 + table.dimensions);
    expect(withWords.semantic).toBe(true);
    expect(withWords.id).toBe(`local-v2+${table.id}@0.5:${512 + table.dimensions}`);
    expect(createLocalEmbedder({ wordVectorWeight: 0.3 }).id).not.toBe(withWords.id);
    expect(createLocalEmbedder({ sifSmoothing: 1e-3 }).id).not.toBe(withWords.id);
    const [a, b] = await withWords.embed(['the pool ran dry', 'the pool ran dry']);
    expect([...a!]).toEqual([...b!]);
    expect(Math.hypot(...a!)).toBeCloseTo(1, 5);
    // one weight: the lexical part only (zeros after it), or the word vectors only (zeros before)
    const [lexical] = await createLocalEmbedder({ wordVectorWeight: 0 }).embed(['slow checkout']);
    const [meaning] = await createLocalEmbedder({ wordVectorWeight: 1 }).embed(['slow checkout']);
    expect(lexical!.subarray(512).every((v) => v === 0)).toBe(true);
    expect(meaning!.subarray(0, 512).every((v) => v === 0)).toBe(true);
    expect(Math.hypot(...meaning!)).toBeCloseTo(1, 5);
  });

  it('brings texts with related but different words closer with word vectors than without', async () => {
    const pairs: [string, string, string][] = [
      ['customers cannot pay', 'buyers unable to purchase', 'rename the variable'],
      ['phones overheat', 'the battery drains on mobile handsets', 'rotate the database password'],
      ['the site is down', 'outage of the web server', 'rename the variable'],
    ];
    for (const [text, related, unrelated] of pairs) {
      const [t, r, u] = await withWords.embed([text, related, unrelated]);
      expect(cosine(t!, r!), `${text} ~ ${related}`).toBeGreaterThan(cosine(t!, u!) + 0.1);
      const [lt, lr] = await embedder.embed([text, related]);
      expect(cosine(t!, r!)).toBeGreaterThan(cosine(lt!, lr!));
    }
  });

  it('puts paraphrases that share synonyms or word pieces closer than unrelated texts', async () => {
    const cases: [string, string, string][] = [
      ['sign-in is sluggish', 'login latency is high', 'the invoice PDF has the wrong font'],
      ['flaky test in CI', 'intermittent failure in the pipeline', 'database migration for billing'],
      ['caching user profiles', 'we cached the profile of each user', 'kafka topic retention'],
      ['getUserById returns null', 'user lookup by id gives undefined', 'rotate the TLS certificate'],
    ];
    for (const [text, paraphrase, unrelated] of cases) {
      const [t, p, u] = await embedder.embed([text, paraphrase, unrelated]);
      expect(cosine(t!, p!), `${text} ~ ${paraphrase}`).toBeGreaterThan(cosine(t!, u!) + 0.15);
    }
  });

  it('tolerates a typo through character trigrams', async () => {
    const [typo, right, other] = await embedder.embed([
      'idempotnecy key',
      'idempotency key',
      'cursor pagination',
    ]);
    expect(cosine(typo!, right!)).toBeGreaterThan(cosine(typo!, other!) + 0.2);
  });

  it('embeds a text without words as the zero vector', async () => {
    const [empty, punctuation] = await embedder.embed(['', '  ?! ']);
    expect(empty!.every((v) => v === 0)).toBe(true);
    expect(punctuation!.every((v) => v === 0)).toBe(true);
  });

  it('validates its options and input', async () => {
    for (const dimensions of [0, 63, 4097, 1.5]) {
      expect(() => createLocalEmbedder({ dimensions })).toThrow(
        expect.objectContaining({ code: 'INVALID_INPUT' }),
      );
    }
    for (const bad of [{ wordVectorWeight: -0.1 }, { wordVectorWeight: 1.5 }, { sifSmoothing: 0 }]) {
      expect(() => createLocalEmbedder(bad)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    }
    await expectMemoryError('not an array', () => embedder.embed('x' as never), 'INVALID_INPUT');
    await expectMemoryError('too long', () => embedder.embed(['x'.repeat(100_001)]), 'INVALID_INPUT');
    await expectMemoryError(
      'bad purpose',
      () => embedder.embed(['x'], { purpose: 'nope' as never }),
      'INVALID_INPUT',
    );
  });
});

describe('text features', () => {
  it('splits identifiers and keeps them whole, folds accents and case', () => {
    expect(words('getUserById in rate_limit.ts')).toEqual(
      expect.arrayContaining(['get', 'user', 'by', 'id', 'getuserbyid', 'rate', 'limit', 'ratelimit', 'ts']),
    );
    expect(words('Café HTTPServer')).toEqual(
      expect.arrayContaining(['cafe', 'http', 'server', 'httpserver']),
    );
    expect(contentWords('the cache is in the way')).toEqual(['cache', 'way']);
  });

  it('stems inflections and common derivations to one key', () => {
    const same = (...forms: string[]) => expect(new Set(forms.map(stem)).size, forms.join(' ')).toBe(1);
    same('cache', 'caching', 'cached', 'caches');
    same('validate', 'validation', 'validating', 'validated');
    same('query', 'queries');
    same('retry', 'retried', 'retries');
    same('deploy', 'deployment', 'deployments', 'deployed');
    same('connect', 'connection', 'connections');
    expect(stem('process')).toBe('process');
    expect(stem('http2')).toBe('http2');
  });
});
