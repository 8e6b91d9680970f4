import { shannonEntropy } from '../entropy.js';
import type { SecretRule, Span } from '../secret-rule.js';

const CANDIDATE = /[A-Za-z0-9+/_=-]{32,}/g;
const MIN_BITS_PER_CHAR = 4.3;

/**
 * The catch-all for credentials no other rule knows: long tokens that mix upper case, lower case
 * and digits with near-random character distribution. Pure hex (commit ids, checksums), paths,
 * identifiers made of words and integrity hashes (`sha512-…`) are not flagged.
 */
export const highEntropyString: SecretRule = {
  kind: 'high-entropy-string',
  category: 'secret',
  find(text) {
    const spans: Span[] = [];
    for (const match of text.matchAll(CANDIDATE)) {
      const token = match[0].replace(/=+$/, '');
      const start = match.index ?? 0;
      if (looksRandom(token, text, start)) spans.push({ start, end: start + match[0].length });
    }
    return spans;
  },
};

function looksRandom(token: string, text: string, start: number): boolean {
  if (token.length < 32) return false;
  if (/^[0-9a-f]+$/i.test(token)) return false;
  const before = text.slice(Math.max(0, start - 8), start);
  // Integrity hashes and data URIs are content digests and payloads, not credentials.
  if (/^sha(?:1|256|384|512)-/i.test(token) || /sha(?:1|256|384|512)-$|base64,$/i.test(before)) return false;
  if (token.includes('/') && token.split('/').every((part) => /^[a-z0-9_.-]*$/.test(part) || isWordy(part))) {
    return false;
  }
  const upper = token.match(/[A-Z]/g)?.length ?? 0;
  const lower = token.match(/[a-z]/g)?.length ?? 0;
  const digits = token.match(/\d/g)?.length ?? 0;
  if (upper < 2 || lower < 2 || digits < 2) return false;
  if (isWordy(token)) return false;
  return shannonEntropy(token) >= MIN_BITS_PER_CHAR;
}

/** camelCase / snake_case identifiers: mostly runs of 3+ lower-case letters after a capital or separator. */
function isWordy(token: string): boolean {
  const words = token.match(/[A-Z]?[a-z]{3,}/g) ?? [];
  const covered = words.reduce((sum, word) => sum + word.length, 0);
  return covered / token.length > 0.6;
}
