import { AsyncLocalStorage } from 'node:async_hooks';
import type { AgentEventInput } from '@agent-memory/core';

/**
 * Who a coordination step was done for, as a server authenticated it: the credential's agent id and
 * the id of the credential (a token id, or a JWT subject). It is written into every event emitted
 * while it is in scope, as `meta.credential`, so the audit trail says who acted, not only as whom.
 */
export interface AuditIdentity {
  /** The credential's agent; omitted for a credential that may act as any agent (a server's admin token). */
  agentId?: string;
  /** `token`: an issued token; `jwt`: a JWT from an identity provider; `admin`: the server token. */
  kind: 'token' | 'jwt' | 'admin';
  /** The token id, the JWT subject, or `admin`. */
  credentialId: string;
}

// Per call chain, not per agent handle: two credentials may act as one agent id at the same time.
const scope = new AsyncLocalStorage<AuditIdentity>();

/** Runs `fn` so that every event it emits (directly or from timers it starts) records `identity`. */
export function withAuditIdentity<T>(identity: AuditIdentity, fn: () => T): T {
  return scope.run(identity, fn);
}

/** The event with the identity in scope stamped into `meta.credential`; unchanged outside one. */
export function stampAuditIdentity(event: AgentEventInput): AgentEventInput {
  const identity = scope.getStore();
  if (identity === undefined) return event;
  const credential = {
    kind: identity.kind,
    id: identity.credentialId,
    ...(identity.agentId === undefined ? {} : { agent_id: identity.agentId }),
  };
  // Last, so a caller-supplied meta.credential can never impersonate the authenticated one.
  return { ...event, meta: { ...(event.meta ?? {}), credential } } as AgentEventInput;
}

/** The credential id an audited event carries (`meta.credential.id`), if any. */
export function credentialOf(event: { meta?: Record<string, unknown> | undefined }): string | undefined {
  const credential = event.meta?.credential;
  if (typeof credential !== 'object' || credential === null) return undefined;
  const id = (credential as Record<string, unknown>).id;
  return typeof id === 'string' ? id : undefined;
}
