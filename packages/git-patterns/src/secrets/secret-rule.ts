/** Secrets are credentials; PII is personal data. Both are kept out of git, reported separately. */
export type SensitiveCategory = 'secret' | 'pii';

/** A half-open range `[start, end)` of sensitive text. */
export interface Span {
  start: number;
  end: number;
}

/** One kind of sensitive data and how to find it. One rule per file under `rules/`. */
export interface SecretRule {
  /** Stable name reported to callers (`aws-access-key-id`, `email`, …); never the matched text. */
  kind: string;
  category: SensitiveCategory;
  find(text: string): Span[];
}

export interface RegexRuleOptions {
  /**
   * Rejects a candidate: `value` is the text that would be redacted (the `secret` group when the
   * regex has one, else the whole match).
   */
  accept?: (value: string, match: RegExpExecArray) => boolean;
}

/**
 * A rule from one or more regexes. When a regex has a named group `secret`, only that group is
 * redacted (the key in `password = "…"` stays readable); otherwise the whole match is.
 */
export function regexRule(
  kind: string,
  category: SensitiveCategory,
  regexes: RegExp | RegExp[],
  options: RegexRuleOptions = {},
): SecretRule {
  const compiled = (Array.isArray(regexes) ? regexes : [regexes]).map(withIndices);
  return {
    kind,
    category,
    find(text) {
      const spans: Span[] = [];
      for (const regex of compiled) {
        regex.lastIndex = 0;
        for (let match = regex.exec(text); match !== null; match = regex.exec(text)) {
          if (match[0] === '') {
            regex.lastIndex++;
            continue;
          }
          const range = match.indices?.groups?.secret ?? match.indices?.[0];
          if (!range) continue;
          const value = text.slice(range[0], range[1]);
          if (options.accept && !options.accept(value, match)) continue;
          spans.push({ start: range[0], end: range[1] });
        }
      }
      return spans;
    },
  };
}

function withIndices(regex: RegExp): RegExp {
  const flags = new Set(regex.flags);
  flags.add('g');
  flags.add('d');
  return new RegExp(regex.source, [...flags].join(''));
}

/**
 * Values that name a secret rather than contain one: template placeholders, environment
 * references, masks, and text already redacted by this scanner (so a second save is a no-op).
 */
export function isPlaceholder(value: string): boolean {
  return (
    /^\\?(?:\$|\{|<|%|\[REDACTED)/.test(value) ||
    /^[x*.•_-]+$/i.test(value) ||
    /^(?:your|my|the)[-_ ]/i.test(value) ||
    /^(?:process\.env|os\.environ|env\.|System\.getenv)/.test(value)
  );
}
