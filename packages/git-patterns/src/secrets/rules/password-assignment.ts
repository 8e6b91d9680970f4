import { regexRule } from '../secret-rule.js';
import { assignmentRegexes, looksLikeCredential } from './assignment.js';

/** `password = "…"`, `DB_PASSWORD=…`, `password: …` with a literal value. */
export const passwordAssignment = regexRule(
  'password-assignment',
  'secret',
  assignmentRegexes('password|passwd|pwd|passphrase'),
  { accept: (value) => looksLikeCredential(value, 6) },
);
