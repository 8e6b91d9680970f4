import { regexRule } from '../secret-rule.js';

// Reserved documentation domains (RFC 2606/6761) hold no one's address.
const RESERVED_DOMAIN = /(?:^|\.)(?:example\.(?:com|org|net)|example|test|invalid|localhost)$/i;
// `icon@2x.png` and friends: asset names, not addresses.
const FILE_EXTENSION_TLD =
  /\.(?:png|jpe?g|gif|svg|webp|avif|ico|js|mjs|cjs|ts|tsx|jsx|css|scss|json|md|html?)$/i;
// Role and bot addresses (`git@github.com`, `noreply@…`) identify no person.
const ROLE_LOCAL_PART = /^(?:git|noreply|no-reply|donotreply|do-not-reply)$/i;

export const emailAddress = regexRule(
  'email',
  'pii',
  /(?<![A-Za-z0-9._%+-])(?<local>[A-Za-z0-9][A-Za-z0-9._%+-]*)@(?<domain>[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,24})\b/,
  {
    accept: (_value, match) => {
      const local = match.groups?.local ?? '';
      const domain = match.groups?.domain ?? '';
      return (
        !RESERVED_DOMAIN.test(domain) &&
        !FILE_EXTENSION_TLD.test(domain) &&
        !ROLE_LOCAL_PART.test(local) &&
        !domain.endsWith('users.noreply.github.com')
      );
    },
  },
);
