import { regexRule } from '../secret-rule.js';

/** Stripe secret and restricted keys, and webhook signing secrets (publishable `pk_` keys are public). */
export const stripeKey = regexRule('stripe-key', 'secret', [
  /\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}\b/,
  /\bwhsec_[A-Za-z0-9]{24,}\b/,
]);
