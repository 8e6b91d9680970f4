export { type Redaction, redactFreeText, redactPattern, type SensitivePolicy } from './pattern-redaction.js';
export { SENSITIVE_RULES } from './rules/index.js';
export type { SecretRule, SensitiveCategory, Span } from './secret-rule.js';
export { type Finding, findSensitive, redactText } from './secret-scanner.js';
