import { isPlaceholder, regexRule } from '../secret-rule.js';

/** Literal bearer tokens in Authorization headers, curl commands and logs. */
export const bearerToken = regexRule(
  'bearer-token',
  'secret',
  /\bBearer\s+(?<secret>[A-Za-z0-9._~+/-]{20,}=*)/,
  { accept: (value) => !isPlaceholder(value) && /\d/.test(value) && /[A-Za-z]/.test(value) },
);
