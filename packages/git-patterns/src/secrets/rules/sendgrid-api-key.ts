import { regexRule } from '../secret-rule.js';

/** SendGrid API keys: `SG.` + 22 + `.` + 43 base64url characters. */
export const sendgridApiKey = regexRule(
  'sendgrid-api-key',
  'secret',
  /\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/,
);
