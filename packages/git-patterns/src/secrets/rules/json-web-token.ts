import { regexRule } from '../secret-rule.js';

/** JWTs: three base64url parts, the first two JSON objects (so both start `eyJ`). */
export const jsonWebToken = regexRule(
  'jwt',
  'secret',
  /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/,
);
