// Words of a text as the local embedder and the message full-text index see them: lower case,
// accents folded, identifiers split (`getUserById` → get user by id, `rate_limit` → rate limit)
// with the whole identifier kept too, so exact code names still match exactly.

const STOPWORDS = new Set(
  (
    'a an and are as at be been but by can could did do does doing for from had has have how i if in into ' +
    "is it its it's just me my no not of on or our so than that the their them then there these they this " +
    'to too us was we were what when where which while who why will with would you your yours should ' +
    'about after again all also am any because before being both each few further here more most other ' +
    'own same some such only over under up down out off once very s t now get got let lets'
  ).split(' '),
);

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;

export function isStopword(token: string): boolean {
  return STOPWORDS.has(token);
}

/** Raw words in order (stopwords included), identifiers split into parts. */
export function words(text: string): string[] {
  const out: string[] = [];
  const folded = text.normalize('NFKD').replace(/\p{M}/gu, '');
  for (const identifier of folded.split(/[^\p{L}\p{N}_'’-]+/u)) {
    if (identifier === '') continue;
    const parts = identifier
      .replace(/([\p{Ll}\p{N}])(\p{Lu})/gu, '$1 $2')
      .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1 $2')
      .toLowerCase()
      .match(WORD);
    if (!parts) continue;
    const whole = identifier.toLowerCase().replace(/['’]/g, '');
    out.push(...parts.map((p) => p.replace(/['’].*$/, '')));
    // snake_case, kebab-case and camelCase identifiers also count as one word
    if (parts.length > 1 && /^[\p{L}\p{N}_-]+$/u.test(whole)) out.push(whole.replace(/[-_]/g, ''));
  }
  return out.filter((w) => w.length > 0);
}

/** Words without stopwords and one-letter noise: what carries meaning. */
export function contentWords(text: string): string[] {
  return words(text).filter((w) => (w.length > 1 || /\d/.test(w)) && !isStopword(w));
}
