import { stem } from '../stemmer.js';
import { contentWords } from '../text-tokens.js';
import type { EvalFixture, EvalQuery } from './eval-fixture.js';

/** How one query overlaps the items it is labelled with. */
export interface SharedWordCheck {
  queryId: string;
  type: EvalQuery['type'];
  /** Stems of content words the query has in common with any of its relevant items. */
  shared: string[];
}

/**
 * Content-word stems, as recall's full-text side sees them: the stop-word list of `text-tokens.ts`
 * removed, then stemmed, so "caching" and "cache" count as one shared word.
 */
export function contentStems(text: string): Set<string> {
  return new Set(contentWords(text).map(stem));
}

/** The text of a fixture item (`pattern:<id>` or `message:<id>`) that recall indexes: title, summary and tags; content and tags. */
export function referencedText(fixture: EvalFixture, reference: string): string {
  const [source, id] = [
    reference.slice(0, reference.indexOf(':')),
    reference.slice(reference.indexOf(':') + 1),
  ];
  if (source === 'pattern') {
    const pattern = fixture.patterns.find((p) => p.id === id);
    if (pattern) return [pattern.title, pattern.summary, pattern.tags.join(' ')].join('\n');
  } else if (source === 'message') {
    for (const messages of Object.values(fixture.conversations)) {
      const message = messages.find((m) => m.id === id);
      if (message) return [message.content, (message.tags ?? []).join(' ')].join('\n');
    }
  }
  throw new Error(`query label ${reference} names no item of the fixture`);
}

/**
 * For every query: the content words it shares with its relevant items. A `paraphrase` query of the
 * held-out test set must share none (the test set's promise: it is answered by meaning, not words).
 */
export function checkSharedWords(fixture: EvalFixture): SharedWordCheck[] {
  return fixture.queries.map((q) => {
    const words = contentStems(q.query);
    const shared = new Set<string>();
    for (const reference of q.relevant) {
      for (const s of contentStems(referencedText(fixture, reference))) if (words.has(s)) shared.add(s);
    }
    return { queryId: q.id, type: q.type, shared: [...shared].sort() };
  });
}
