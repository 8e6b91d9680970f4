import { regexRule } from '../secret-rule.js';

/** Twilio API key SIDs (`SK` + 32 hex) and auth tokens (32 hex, recognisable only by their name). */
export const twilioCredential = regexRule('twilio-credential', 'secret', [
  /\bSK[0-9a-fA-F]{32}\b/,
  /twilio[\w.-]*?(?:auth)?[_.-]?token["']?\s*[:=]\s*["']?(?<secret>[0-9a-fA-F]{32})\b/i,
]);
