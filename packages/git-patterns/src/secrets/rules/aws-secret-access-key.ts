import { regexRule } from '../secret-rule.js';

/** AWS secret keys are 40 base64 characters with no prefix, so only the key name gives them away. */
export const awsSecretAccessKey = regexRule(
  'aws-secret-access-key',
  'secret',
  /aws[_.-]?secret(?:[_.-]?access)?[_.-]?key["']?\s*[:=]\s*["']?(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])/i,
);
