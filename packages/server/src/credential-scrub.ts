// userinfo in a URL (redis://user:secret@host, https://token@host) is the usual way a credential
// slips into an error message.
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@]+@/gi;
const BEARER = /\b(bearer\s+)[A-Za-z0-9._~+/-]+=*/gi;
const KEY_VALUE = /\b(password|passwd|token|secret|api[_-]?key)(["']?\s*[=:]\s*["']?)[^\s"'&,;]+/gi;

/**
 * Removes credentials from text the server sends out (errors, status): URL userinfo, bearer
 * tokens, `password=…`-style pairs, and any exact secret it is given (its own access token).
 */
export function scrubCredentials(text: string, secrets: readonly string[] = []): string {
  let out = text.replace(URL_USERINFO, '$1***@').replace(BEARER, '$1***').replace(KEY_VALUE, '$1$2***');
  for (const secret of secrets) if (secret.length >= 8) out = out.split(secret).join('***');
  return out;
}

/** scrubCredentials over every string inside a JSON-like value. */
export function scrubDeep<T>(value: T, secrets: readonly string[] = []): T {
  if (typeof value === 'string') return scrubCredentials(value, secrets) as T;
  if (Array.isArray(value)) return value.map((item) => scrubDeep(item, secrets)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = scrubDeep(item, secrets);
    return out as T;
  }
  return value;
}
