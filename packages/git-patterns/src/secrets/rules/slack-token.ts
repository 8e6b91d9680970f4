import { regexRule } from '../secret-rule.js';

/** Slack bot, user, app and refresh tokens. */
export const slackToken = regexRule('slack-token', 'secret', [
  /\bxox[abposre]-(?:\d+-)?[A-Za-z0-9-]{10,}/,
  /\bxapp-\d-[A-Z0-9]+-\d+-[a-z0-9]{20,}/,
]);
