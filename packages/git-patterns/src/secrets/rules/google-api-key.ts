import { regexRule } from '../secret-rule.js';

/** Google Cloud / Firebase API keys and OAuth client secrets. */
export const googleApiKey = regexRule('google-api-key', 'secret', [
  /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/,
  /\bGOCSPX-[A-Za-z0-9_-]{28}(?![A-Za-z0-9_-])/,
]);
