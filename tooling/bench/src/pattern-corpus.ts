import type { PatternInput, PatternKind } from '@agent-memory/core';

const KINDS: PatternKind[] = [
  'bug-fix',
  'security-decision',
  'tech-debt',
  'architecture-decision',
  'team-decision',
  'convention',
];

// A vocabulary of the words such patterns are made of; searches draw their terms from it.
const WORDS = `
auth token expiry session cookie refresh login logout password hash salt bcrypt argon jwt oauth
scope claim role permission csrf cors header cache redis postgres mysql sqlite index query
migration schema transaction deadlock lock mutex lease retry backoff timeout latency throughput
queue stream consumer producer kafka webhook callback promise async await race condition
memory leak buffer overflow pointer null undefined exception error handler logging metrics
tracing span alert dashboard deploy rollback canary feature flag config secret vault env
docker kubernetes pod container image build pipeline test flaky mock fixture snapshot coverage
lint format typescript javascript python rust golang java module import export bundle webpack
vite esm commonjs dependency upgrade version semver changelog release branch merge rebase
conflict review approval owner team decision architecture service boundary api endpoint route
controller middleware validation parse serialize json yaml xml csv upload download file path
encoding unicode utf timezone date clock drift skew cron scheduler job worker thread pool
connection socket tls certificate dns proxy load balancer gateway rate limit quota throttle
pagination cursor offset sort filter search full text ranking relevance embedding vector
`
  .split(/\s+/)
  .filter(Boolean);

/** Deterministic PRNG (mulberry32): every run builds and queries the same corpus. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function words(random: () => number, n: number): string {
  return Array.from({ length: n }, () => WORDS[Math.floor(random() * WORDS.length)]!).join(' ');
}

/** Pattern number `n` of the synthetic corpus: ~120 words across title, summary, body and tags. */
export function syntheticPattern(n: number): PatternInput {
  const random = seededRandom(n + 1);
  const title = words(random, 5);
  return {
    id: `p-${String(n).padStart(6, '0')}`,
    kind: KINDS[n % KINDS.length]!,
    title: `${title[0]!.toUpperCase()}${title.slice(1)}`,
    summary: words(random, 15),
    body: `## Context\n\n${words(random, 40)}\n\n## Fix\n\n${words(random, 40)}\n`,
    tags: [words(random, 1), words(random, 1)],
    files: [`src/${words(random, 1)}/${words(random, 1)}.ts`],
    confidence: Math.round(random() * 100) / 100,
    author: `agent-${n % 7}`,
  };
}

/** Search queries of one to three vocabulary words. */
export function searchQueries(count: number, seed = 42): string[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => words(random, 1 + Math.floor(random() * 3)));
}
