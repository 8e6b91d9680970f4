import { regexRule } from '../secret-rule.js';

/** AWS access key ids: a four-letter prefix naming the key type, then 16 upper-case base32 characters. */
export const awsAccessKeyId = regexRule(
  'aws-access-key-id',
  'secret',
  /\b(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|APKA)[A-Z2-7]{16}\b/,
);
