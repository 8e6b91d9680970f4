import type { SecretRule } from '../secret-rule.js';
import { anthropicApiKey } from './anthropic-api-key.js';
import { awsAccessKeyId } from './aws-access-key-id.js';
import { awsSecretAccessKey } from './aws-secret-access-key.js';
import { bearerToken } from './bearer-token.js';
import { emailAddress } from './email-address.js';
import { githubToken } from './github-token.js';
import { gitlabToken } from './gitlab-token.js';
import { googleApiKey } from './google-api-key.js';
import { highEntropyString } from './high-entropy-string.js';
import { jsonWebToken } from './json-web-token.js';
import { npmToken } from './npm-token.js';
import { openaiApiKey } from './openai-api-key.js';
import { passwordAssignment } from './password-assignment.js';
import { paymentCardNumber } from './payment-card-number.js';
import { phoneNumber } from './phone-number.js';
import { privateKey } from './private-key.js';
import { secretAssignment } from './secret-assignment.js';
import { sendgridApiKey } from './sendgrid-api-key.js';
import { slackToken } from './slack-token.js';
import { slackWebhook } from './slack-webhook.js';
import { stripeKey } from './stripe-key.js';
import { twilioCredential } from './twilio-credential.js';
import { urlPassword } from './url-password.js';

/**
 * Every rule, most specific first: where two rules match overlapping text the earlier one wins,
 * so `GITHUB_TOKEN=ghp_…` is reported as a GitHub token, not a generic assignment.
 */
export const SENSITIVE_RULES: readonly SecretRule[] = [
  privateKey,
  jsonWebToken,
  anthropicApiKey,
  openaiApiKey,
  awsAccessKeyId,
  awsSecretAccessKey,
  githubToken,
  gitlabToken,
  slackWebhook,
  slackToken,
  stripeKey,
  googleApiKey,
  twilioCredential,
  sendgridApiKey,
  npmToken,
  urlPassword,
  bearerToken,
  passwordAssignment,
  secretAssignment,
  paymentCardNumber,
  emailAddress,
  phoneNumber,
  highEntropyString,
];
