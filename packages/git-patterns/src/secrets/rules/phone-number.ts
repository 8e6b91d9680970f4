import { regexRule } from '../secret-rule.js';

/**
 * Phone numbers written as phone numbers: international `+<country> …` (8-15 digits, E.164) or
 * North American `(415) 555-0134` / `415-555-0134` / `415.555.0134`. Bare digit runs are left
 * alone: in code they are far more often ids, timestamps or sizes.
 */
export const phoneNumber = regexRule(
  'phone-number',
  'pii',
  [
    /(?<![\w+])\+[1-9][\d\s().-]{6,20}\d(?![\w])/,
    /(?<![\w.-])(?:\(\d{3}\)\s?|\d{3}[.-])\d{3}[.-]\d{4}(?![\w-]|\.\d)/,
  ],
  {
    accept: (value) => {
      const digits = value.replace(/\D/g, '');
      if (value.startsWith('+')) return digits.length >= 8 && digits.length <= 15 && !/\s{2,}/.test(value);
      // NANP area codes and exchanges never start with 0 or 1.
      return /^[2-9]\d{2}[2-9]/.test(digits);
    },
  },
);
