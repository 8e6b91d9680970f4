import { passesLuhn } from '../luhn.js';
import { regexRule } from '../secret-rule.js';

// Issuer prefixes: Visa, Mastercard, Amex, Discover, Diners, JCB, UnionPay, Maestro.
const ISSUER =
  /^(?:4|5[1-5]|2(?:2[2-9]|[3-6]\d|7[01]|720)|3[47]|6(?:011|5|4[4-9]|2)|3(?:0[0-5]|[68])|35|50|5[6-8])/;

/** Card numbers: 13-19 digits (spaces or dashes allowed), a known issuer prefix and a valid Luhn check. */
export const paymentCardNumber = regexRule(
  'credit-card',
  'pii',
  /(?<![\d.-])\d(?:[ -]?\d){12,18}(?![\d-]|\.\d)/,
  {
    accept: (value) => {
      const digits = value.replace(/\D/g, '');
      return digits.length >= 13 && digits.length <= 19 && ISSUER.test(digits) && passesLuhn(digits);
    },
  },
);
