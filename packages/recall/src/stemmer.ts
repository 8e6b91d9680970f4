// A light English stemmer: enough for "caching" / "cached" / "cache", "validation" / "validate",
// "queries" / "query" to meet, without Porter's full rule set. Stems are feature keys, never shown.

const MIN_STEM = 3;
const VOWEL = /[aeiouy]/;

/** Suffixes tried longest first; each maps to its replacement. */
const DERIVATIONAL: readonly [string, string][] = [
  ['izations', 'ize'],
  ['ization', 'ize'],
  ['ational', 'ate'],
  ['ations', ''],
  ['ation', ''],
  ['ate', ''],
  ['ments', ''],
  ['ment', ''],
  ['ness', ''],
  ['ities', ''],
  ['ity', ''],
  ['ions', ''],
  ['ion', ''],
  ['ly', ''],
];

function strip(word: string, suffix: string, replacement: string): string | undefined {
  if (!word.endsWith(suffix)) return undefined;
  const base = word.slice(0, word.length - suffix.length);
  if (base.length < MIN_STEM || !VOWEL.test(base)) return undefined;
  return base + replacement;
}

function inflectional(word: string): string {
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith('ied') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith('sses')) return word.slice(0, -2);
  for (const ending of ['xes', 'ches', 'shes']) {
    if (word.endsWith(ending)) return word.slice(0, -2);
  }
  // "validated" / "validating" → "validate", so the derivational step treats them like "validate"
  for (const [suffix, replacement] of [
    ['ated', 'ate'],
    ['ating', 'ate'],
    ['ized', 'ize'],
    ['izing', 'ize'],
  ] as const) {
    const base = strip(word, suffix, replacement);
    if (base !== undefined) return base;
  }
  for (const suffix of ['ing', 'ed']) {
    const base = strip(word, suffix, '');
    if (base !== undefined) return undouble(base);
  }
  if (word.endsWith('s') && !/(ss|us|is)$/.test(word) && word.length > MIN_STEM) return word.slice(0, -1);
  return word;
}

// "running" → "runn" → "run"; but "install" / "process" / "buzz" keep their double letter.
function undouble(base: string): string {
  const last = base.at(-1)!;
  return base.length > MIN_STEM && last === base.at(-2) && !'lsz'.includes(last) ? base.slice(0, -1) : base;
}

export function stem(word: string): string {
  if (word.length <= MIN_STEM || /\d/.test(word)) return word;
  let result = inflectional(word);
  for (const [suffix, replacement] of DERIVATIONAL) {
    const stripped = strip(result, suffix, replacement);
    if (stripped !== undefined) {
      result = stripped;
      break;
    }
  }
  if (result.length > 4 && result.endsWith('e')) result = result.slice(0, -1);
  return result;
}
