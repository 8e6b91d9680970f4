import { isPlaceholder, regexRule } from '../secret-rule.js';

/** Credentials in URLs (`postgres://user:password@host`); only the password is redacted. */
export const urlPassword = regexRule(
  'url-password',
  'secret',
  /\b[a-z][a-z0-9+.-]{1,20}:\/\/[^\s:/?#@'"]+:(?<secret>[^\s/?#@'"]+)@[^\s/?#@'"]/i,
  { accept: (value) => !isPlaceholder(value) },
);
