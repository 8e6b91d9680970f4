import { regexRule } from '../secret-rule.js';

/** Anthropic API and admin keys (`sk-ant-api03-…`, `sk-ant-admin01-…`). */
export const anthropicApiKey = regexRule(
  'anthropic-api-key',
  'secret',
  /\bsk-ant-(?:api|admin|sid|oat)\d{2}-[A-Za-z0-9_-]{20,}/,
);
