import { createHash, timingSafeEqual } from 'node:crypto';
import { ADMIN_CALLER, type Caller } from './caller.js';
import type { JwtVerifier } from './jwt-verifier.js';
import { ISSUED_TOKEN, isIssuedTokenShape, type TokenStore } from './token-store.js';

/** Why a request was refused with 401; each has its own message. */
export type RefusalReason = 'missing' | 'malformed' | 'invalid' | 'expired' | 'revoked';

export type Authentication =
  | { ok: true; caller: Caller }
  | { ok: false; reason: RefusalReason; message: string };

const COMPACT_JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
// Printable ASCII without spaces: anything else cannot be a token of any kind.
const TOKEN_CHARACTERS = /^[\x21-\x7e]{1,8192}$/;

export const REFUSALS: Record<Exclude<RefusalReason, 'expired' | 'revoked'>, string> = {
  missing: 'missing access token: send the header "Authorization: Bearer <token>"',
  malformed:
    'malformed access token: expected "Authorization: Bearer <token>" with the server token, an issued token (amt_…) or a JWT',
  invalid: 'invalid access token: it matches no credential of this server (check for a copy-paste error)',
};

export interface AuthenticatorOptions {
  /** The server's own token: an admin credential. */
  adminToken: string;
  tokens?: TokenStore;
  jwt?: JwtVerifier;
  /** Namespaces of a JWT that has no namespaces claim. */
  defaultNamespace: string;
}

/** Turns a bearer token into the caller it proves, or the reason it proves nothing. */
export class Authenticator {
  readonly #admin: Buffer;

  constructor(private readonly options: AuthenticatorOptions) {
    this.#admin = digest(options.adminToken);
  }

  async authenticate(bearer: string | undefined): Promise<Authentication> {
    if (bearer === undefined || bearer === '') return refuse('missing');
    if (!TOKEN_CHARACTERS.test(bearer)) return refuse('malformed');
    // Constant-time over digests, so neither the content nor the length of the admin token leaks.
    if (timingSafeEqual(this.#admin, digest(bearer))) return { ok: true, caller: ADMIN_CALLER };
    if (isIssuedTokenShape(bearer)) return this.#issued(bearer);
    if (COMPACT_JWT.test(bearer)) return this.#jwt(bearer);
    return refuse('invalid');
  }

  async #issued(bearer: string): Promise<Authentication> {
    if (!ISSUED_TOKEN.test(bearer)) {
      return {
        ok: false,
        reason: 'malformed',
        message: 'malformed access token: an issued token is amt_<12-character id>_<43-character secret>',
      };
    }
    if (!this.options.tokens) return refuse('invalid');
    const check = await this.options.tokens.check(bearer);
    if (check.status === 'invalid') return refuse('invalid');
    const { record } = check;
    if (check.status === 'revoked') {
      return {
        ok: false,
        reason: 'revoked',
        message: `revoked access token: token ${record.id} was revoked at ${record.revokedAt}`,
      };
    }
    if (check.status === 'expired') {
      return {
        ok: false,
        reason: 'expired',
        message: `expired access token: token ${record.id} expired at ${record.expiresAt}; issue a new one`,
      };
    }
    return {
      ok: true,
      caller: {
        kind: 'token',
        credentialId: record.id,
        agentId: record.agentId,
        role: record.role,
        namespaces: record.namespaces.includes('*') ? 'all' : record.namespaces,
      },
    };
  }

  async #jwt(bearer: string): Promise<Authentication> {
    if (!this.options.jwt) return refuse('invalid');
    const check = await this.options.jwt.check(bearer);
    if (check.status !== 'ok') return { ok: false, reason: check.status, message: check.message };
    const { identity } = check;
    const namespaces = identity.namespaces ?? [this.options.defaultNamespace];
    return {
      ok: true,
      caller: {
        kind: 'jwt',
        credentialId: identity.subject,
        agentId: identity.agentId,
        role: identity.role,
        namespaces: namespaces.includes('*') ? 'all' : namespaces,
      },
    };
  }
}

function refuse(reason: keyof typeof REFUSALS): Authentication {
  return { ok: false, reason, message: REFUSALS[reason] };
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
