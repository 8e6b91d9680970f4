import { isPlaceholder, regexRule } from '../secret-rule.js';

/** npm access tokens, and registry auth tokens written into `.npmrc`. */
export const npmToken = regexRule(
  'npm-token',
  'secret',
  [/\bnpm_[A-Za-z0-9]{36}\b/, /_authToken\s*=\s*(?<secret>[^\s"']{8,})/],
  { accept: (value) => !isPlaceholder(value) },
);
