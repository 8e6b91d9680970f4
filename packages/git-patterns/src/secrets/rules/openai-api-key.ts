import { regexRule } from '../secret-rule.js';

/** OpenAI keys (`sk-…`, `sk-proj-…`, `sk-svcacct-…`); `sk-ant-` belongs to Anthropic. */
export const openaiApiKey = regexRule(
  'openai-api-key',
  'secret',
  /\bsk-(?!ant-)(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}/,
  // Random keys mix digits and capitals; kebab-case names like `sk-some-long-css-class` do not.
  { accept: (value) => /\d/.test(value) && /[A-Z]/.test(value) },
);
