import { regexRule } from '../secret-rule.js';

/** Incoming-webhook URLs are bearer credentials: whoever has the URL can post to the channel. */
export const slackWebhook = regexRule(
  'slack-webhook',
  'secret',
  /https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9_/-]{20,}/,
);
