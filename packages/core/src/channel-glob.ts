/**
 * Redis' glob matching (stringmatchlen in util.c) for PSUBSCRIBE patterns: `*`, `?`, `[abc]`,
 * `[^abc]`, `[a-z]` and `\` escapes, with Redis' edge cases (an unterminated `[` matches up to the
 * end of the pattern). Works on code points where Redis works on bytes; channel names are ids.
 */
export function globMatch(pattern: string, text: string): boolean {
  return matchFrom(Array.from(pattern), 0, Array.from(text), 0, { exhausted: false });
}

function matchFrom(
  pat: string[],
  p: number,
  str: string[],
  s: number,
  state: { exhausted: boolean },
): boolean {
  while (p < pat.length && s < str.length) {
    const c = pat[p];
    if (c === '*') {
      while (pat[p + 1] === '*') p++;
      if (p === pat.length - 1) return true;
      while (s < str.length) {
        if (matchFrom(pat, p + 1, str, s, state)) return true;
        // a deeper '*' already tried every suffix: trying longer prefixes here cannot help
        if (state.exhausted) return false;
        s++;
      }
      state.exhausted = true;
      return false;
    }
    if (c === '?') {
      s++;
    } else if (c === '[') {
      p++;
      const negate = pat[p] === '^';
      if (negate) p++;
      let matched = false;
      for (;;) {
        if (pat[p] === '\\' && pat.length - p >= 2) {
          p++;
          if (pat[p] === str[s]) matched = true;
        } else if (pat[p] === ']') {
          break;
        } else if (p >= pat.length) {
          p--;
          break;
        } else if (pat.length - p >= 3 && pat[p + 1] === '-') {
          let start = codePoint(pat[p]);
          let end = codePoint(pat[p + 2]);
          if (start > end) [start, end] = [end, start];
          const here = codePoint(str[s]);
          if (here >= start && here <= end) matched = true;
          p += 2;
        } else if (pat[p] === str[s]) {
          matched = true;
        }
        p++;
      }
      if (negate) matched = !matched;
      if (!matched) return false;
      s++;
    } else {
      if (c === '\\' && pat.length - p >= 2) p++;
      if (pat[p] !== str[s]) return false;
      s++;
    }
    p++;
    if (s === str.length) {
      while (pat[p] === '*') p++;
      break;
    }
  }
  return p === pat.length && s === str.length;
}

function codePoint(ch: string | undefined): number {
  return ch === undefined ? -1 : (ch.codePointAt(0) ?? -1);
}
