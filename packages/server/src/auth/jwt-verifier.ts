import { readFile } from 'node:fs/promises';
import { IdSchema, NamespaceSchema, parseInput, toMemoryError } from 'agent-memory';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors,
  type JSONWebKeySet,
  type JWTPayload,
  type JWTVerifyGetKey,
  jwtVerify,
} from 'jose';
import { z } from 'zod';
import { type RoleName, RoleNameSchema } from '../agent-roles.js';

/** Where JWTs come from and how their claims map to an agent id, a role and namespaces. */
export const JwtOptionsSchema = z
  .object({
    /** Shared secret for HS256 (at least 32 characters). */
    secret: z.string().min(32).optional(),
    /** A JWKS file path or an https:// URL (asymmetric keys: RS*, PS*, ES*, EdDSA). */
    jwks: z.string().min(1).optional(),
    /** Required `iss`, when set. */
    issuer: z.string().min(1).optional(),
    /** Required `aud`, when set. */
    audience: z.string().min(1).optional(),
    /** Claim names. The subject (`sub`) is always what the audit trail records. */
    claims: z
      .object({
        agentId: z.string().min(1).default('sub'),
        role: z.string().min(1).default('role'),
        namespaces: z.string().min(1).default('namespaces'),
      })
      .strict()
      .default({ agentId: 'sub', role: 'role', namespaces: 'namespaces' }),
    /** The role of a JWT without a role claim: least privilege by default. */
    defaultRole: RoleNameSchema.default('observer'),
  })
  .strict()
  .refine((o) => (o.secret === undefined) !== (o.jwks === undefined), {
    message: 'give exactly one of secret (HS256) or jwks (a JWKS file or URL)',
  });
export type JwtOptions = z.input<typeof JwtOptionsSchema>;

/** What a verified JWT says about its holder. */
export interface JwtIdentity {
  subject: string;
  agentId: string;
  role: RoleName;
  /** Undefined when the token has no namespaces claim (the server's default namespace then). */
  namespaces: string[] | undefined;
}

export type JwtCheck =
  | { status: 'ok'; identity: JwtIdentity }
  | { status: 'malformed' | 'invalid' | 'expired'; message: string };

const ASYMMETRIC = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

/** Verifies JWTs with `jose`: the signature, `exp`/`nbf`, and `iss`/`aud` when configured. */
export class JwtVerifier {
  private constructor(
    private readonly key: Uint8Array | JWTVerifyGetKey,
    private readonly options: z.output<typeof JwtOptionsSchema>,
  ) {}

  static async create(input: JwtOptions): Promise<JwtVerifier> {
    const options = parseInput(JwtOptionsSchema, input, 'JWT options');
    if (options.secret !== undefined)
      return new JwtVerifier(new TextEncoder().encode(options.secret), options);
    const where = options.jwks!;
    if (/^https?:\/\//i.test(where)) return new JwtVerifier(createRemoteJWKSet(new URL(where)), options);
    let jwks: JSONWebKeySet;
    try {
      jwks = JSON.parse(await readFile(where, 'utf8')) as JSONWebKeySet;
      return new JwtVerifier(createLocalJWKSet(jwks), options);
    } catch (error) {
      throw toMemoryError(error, 'INVALID_INPUT', `reading the JWKS file ${where} (expected {"keys":[…]})`);
    }
  }

  async check(token: string): Promise<JwtCheck> {
    const { options } = this;
    let payload: JWTPayload;
    try {
      const verifyOptions = {
        algorithms: options.secret !== undefined ? ['HS256'] : ASYMMETRIC,
        ...(options.issuer === undefined ? {} : { issuer: options.issuer }),
        ...(options.audience === undefined ? {} : { audience: options.audience }),
      };
      payload =
        typeof this.key === 'function'
          ? (await jwtVerify(token, this.key, verifyOptions)).payload
          : (await jwtVerify(token, this.key, verifyOptions)).payload;
    } catch (error) {
      return failure(error);
    }
    try {
      return { status: 'ok', identity: this.#identity(payload) };
    } catch (error) {
      return { status: 'invalid', message: `invalid JWT: ${toMemoryError(error).message}` };
    }
  }

  #identity(payload: JWTPayload): JwtIdentity {
    const { claims, defaultRole } = this.options;
    const subject = parseInput(IdSchema, payload.sub, 'claim "sub"');
    const agentId = parseInput(IdSchema, payload[claims.agentId], `claim "${claims.agentId}"`);
    const rawRole = payload[claims.role];
    const role =
      rawRole === undefined ? defaultRole : parseInput(RoleNameSchema, rawRole, `claim "${claims.role}"`);
    const rawNamespaces = payload[claims.namespaces];
    const list =
      typeof rawNamespaces === 'string' ? rawNamespaces.split(/[\s,]+/).filter(Boolean) : rawNamespaces;
    const namespaces =
      list === undefined
        ? undefined
        : parseInput(
            z.array(z.union([NamespaceSchema, z.literal('*')])).min(1),
            list,
            `claim "${claims.namespaces}"`,
          );
    return { subject, agentId, role, namespaces };
  }
}

function failure(error: unknown): JwtCheck {
  if (error instanceof errors.JWTExpired) {
    const exp =
      typeof error.payload.exp === 'number' ? new Date(error.payload.exp * 1000).toISOString() : '?';
    return {
      status: 'expired',
      message: `expired JWT: it expired at ${exp}; get a new one from your identity provider`,
    };
  }
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) {
    return {
      status: 'malformed',
      message: 'malformed JWT: it is not a signed compact JWT with a JSON claims set',
    };
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    return {
      status: 'invalid',
      message: `invalid JWT: claim "${error.claim}" ${error.reason === 'missing' ? 'is missing' : 'does not match'}`,
    };
  }
  if (error instanceof errors.JOSEError) {
    // A wrong signature, an unknown key, an algorithm not allowed: the token is not ours.
    return {
      status: 'invalid',
      message: 'invalid JWT: its signature does not verify with the configured key',
    };
  }
  // Not the token's fault (a JWKS URL that does not answer), but it cannot be accepted either.
  return {
    status: 'invalid',
    message: 'invalid JWT: the signing keys could not be read (is the JWKS URL reachable?)',
  };
}
