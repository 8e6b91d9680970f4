import { regexRule } from '../secret-rule.js';
import { assignmentRegexes, looksLikeCredential } from './assignment.js';

const KEYWORDS = 'secret|token|api[_-]?key|access[_-]?key|private[_-]?key|auth[_-]?key|credentials?';

/** `client_secret = "…"`, `API_KEY=…`, `token: …`, `?api_key=…` with a literal value. */
export const secretAssignment = regexRule(
  'secret-assignment',
  'secret',
  [
    ...assignmentRegexes(KEYWORDS),
    /[?&](?:api[_-]?key|apikey|access_token|token|secret|client_secret|sig)=(?<secret>[^&#\s"'<>]{8,})/i,
  ],
  { accept: (value) => looksLikeCredential(value, 8) },
);
