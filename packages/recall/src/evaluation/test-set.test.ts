import { describe, expect, it } from 'vitest';
import { DEV_FIXTURE, loadEvalFixture, mergeCorpora, TEST_FIXTURE } from './eval-fixture.js';
import { checkSharedWords, contentStems } from './shared-words.js';

// The held-out test set keeps its promise: its paraphrase questions share no content word with
// what answers them, so they can only be answered by meaning.
describe('the held-out test set', () => {
  const dev = loadEvalFixture(DEV_FIXTURE);
  const test = loadEvalFixture(TEST_FIXTURE);

  it('has at least 60 questions sharing no content word with their answers, all of them paraphrases', () => {
    const checks = checkSharedWords(test);
    const paraphrases = checks.filter((c) => c.type === 'paraphrase');
    expect(paraphrases.filter((c) => c.shared.length > 0)).toEqual([]);
    expect(paraphrases.length).toBeGreaterThanOrEqual(60);
    // keyword and mixed questions do share words: they are there to show nothing was lost
    expect(checks.filter((c) => c.type === 'keyword').every((c) => c.shared.length > 0)).toBe(true);
  });

  it('is asked of one corpus with the development items, which share no id with it', () => {
    const corpus = mergeCorpora([dev, test]);
    expect(corpus.patterns.length).toBe(dev.patterns.length + test.patterns.length);
    expect(Object.keys(corpus.conversations).sort()).toEqual(
      [...Object.keys(dev.conversations), ...Object.keys(test.conversations)].sort(),
    );
    expect(() => mergeCorpora([dev, dev])).toThrow(/appears twice/);
  });

  it('compares stems without stop words', () => {
    expect([...contentStems('Why is the caching slow?')].sort()).toEqual(['cach', 'slow']);
    expect(
      checkSharedWords({ ...test, queries: [{ ...test.queries[0]!, query: 'the of and' }] })[0]!.shared,
    ).toEqual([]);
  });
});
