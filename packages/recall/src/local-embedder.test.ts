import { expectMemoryError } from '@agent-memory/core/testing';
import { describe, expect, it } from 'vitest';
import { createLocalEmbedder } from './local-embedder.js';
import { stem } from './stemmer.js';
import { contentWords, words } from './text-tokens.js';

const cosine = (a: Float32Array, b: Float32Array) => a.reduce((sum, x, i) => sum + x * b[i]!, 0);

describe('local embedder', () => {
  const embedder = createLocalEmbedder();

  it('is deterministic, normalised, of its dimension, and says it is lexical', async () => {
    const [a, b] = await embedder.embed(['Retry the payment with backoff', 'Retry the payment with backoff']);
    expect([...a!]).toEqual([...b!]);
    expect(a).toHaveLength(512);
    expect(Math.hypot(...a!)).toBeCloseTo(1, 5);
    expect(embedder).toMatchObject({ id: 'local-hash-v1:512', dimensions: 512, semantic: false });
    const small = createLocalEmbedder({ dimensions: 128 });
    expect(small.id).toBe('local-hash-v1:128');
    expect((await small.embed(['x y z']))[0]).toHaveLength(128);
    expect(createLocalEmbedder({ synonyms: [['a', 'b']] }).id).not.toBe(embedder.id);
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
