import type { AuditIdentity } from 'agent-memory';
import type { RoleName } from '../agent-roles.js';

/** How a request proved who it is. */
export type CredentialKind = AuditIdentity['kind'];

/**
 * Who is calling, as the credential says, never as the arguments say. An issued token or a JWT
 * carries an agent id, a role and the namespaces it may use; the server token (`admin`) names no
 * agent, so its callers name one and get the role the server's role settings give that agent.
 */
export interface Caller {
  readonly kind: CredentialKind;
  /** The token id, the JWT subject, or `admin`: what the audit trail records beside the agent id. */
  readonly credentialId: string;
  /** The agent this credential acts as; undefined for the admin token. */
  readonly agentId: string | undefined;
  /** The credential's role; undefined for the admin token (roles come from the server's settings). */
  readonly role: RoleName | undefined;
  /** The namespaces it may read and write, or `all` (the admin token, or a credential listing `*`). */
  readonly namespaces: readonly string[] | 'all';
}

/** The admin caller: the server's own token, for one user on one machine. */
export const ADMIN_CALLER: Caller = {
  kind: 'admin',
  credentialId: 'admin',
  agentId: undefined,
  role: undefined,
  namespaces: 'all',
};

/** Words for error messages: `token tok-1 (agent "alice")`. */
export function describeCaller(caller: Caller): string {
  const what =
    caller.kind === 'token'
      ? `token ${caller.credentialId}`
      : caller.kind === 'jwt'
        ? `JWT subject "${caller.credentialId}"`
        : 'the admin token';
  return caller.agentId === undefined ? what : `${what} (agent "${caller.agentId}")`;
}

export function mayUseNamespace(caller: Caller, namespace: string): boolean {
  return (
    caller.namespaces === 'all' || caller.namespaces.includes('*') || caller.namespaces.includes(namespace)
  );
}
