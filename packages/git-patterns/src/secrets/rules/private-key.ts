import { regexRule } from '../secret-rule.js';

/** PEM / OpenSSH / PGP private key blocks, redacted whole (to the end of the text if the END line is missing). */
export const privateKey = regexRule(
  'private-key',
  'secret',
  /-----BEGIN[ A-Z0-9]*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END[ A-Z0-9]*PRIVATE KEY(?: BLOCK)?-----|$(?![\s\S]))/,
);
