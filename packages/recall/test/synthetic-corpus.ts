import type { ConversationMessageInput } from '@agent-memory/core';
import type { EvalFixture } from '../src/evaluation/eval-fixture.js';

const SERVICES = [
  'cart-api',
  'billing',
  'search',
  'auth',
  'gateway',
  'worker',
  'web',
  'reports',
  'mobile',
  'infra',
];
const PEOPLE = ['dana', 'eli', 'femi', 'gus', 'hana', 'ivo', 'jun', 'kim'];

/** A deterministic pseudo-random generator (mulberry32), so generated corpora are the same every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `count` distinct conversation messages for latency runs: sentences of the fixture (messages and
 * pattern summaries) recombined two at a time with a ticket, a service and a person, so the
 * vocabulary and lengths are those of real team chatter.
 */
export function syntheticMessages(
  fixture: EvalFixture,
  count: number,
  startMs: number,
): ConversationMessageInput[] {
  const random = seededRandom(42);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const sentences = [
    ...Object.values(fixture.conversations).flatMap((ms) => ms.map((m) => m.content)),
    ...fixture.patterns.map((p) => p.summary),
  ];
  return Array.from({ length: count }, (_, i) => ({
    role: i % 2 === 0 ? 'user' : 'assistant',
    content: `${pick(sentences)} ${pick(sentences)} (ticket OPS-${1000 + i}, ${pick(SERVICES)}, ${pick(PEOPLE)})`,
    ts: new Date(startMs + i * 1000).toISOString(),
  }));
}
