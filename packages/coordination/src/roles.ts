import { MemoryError } from '@agent-memory/core';
import { z } from 'zod';

/**
 * What an agent may do. Each role includes everything the roles before it may do, so a validator
 * can still claim and share (reviewers work too) and a steward can do everything.
 */
export const RoleSchema = z.enum(['observer', 'contributor', 'validator', 'steward']);
export type Role = z.infer<typeof RoleSchema>;

export type Action =
  | 'read'
  | 'claim'
  | 'share'
  | 'stage'
  | 'publish'
  | 'promote'
  | 'reject'
  | 'resolve'
  | 'purge';

// The lowest role allowed to take each action.
const MINIMUM_ROLE: Record<Action, Role> = {
  read: 'observer',
  claim: 'contributor',
  share: 'contributor',
  stage: 'contributor',
  publish: 'contributor',
  promote: 'validator',
  reject: 'validator',
  resolve: 'validator',
  purge: 'steward',
};

const RANK: Record<Role, number> = { observer: 0, contributor: 1, validator: 2, steward: 3 };

export function can(role: Role, action: Action): boolean {
  return RANK[role] >= RANK[MINIMUM_ROLE[action]];
}

/** Throws FORBIDDEN unless `role` may take `action`. */
export function authorize(agentId: string, role: Role, action: Action): void {
  if (can(role, action)) return;
  const needed = MINIMUM_ROLE[action];
  throw new MemoryError(
    'FORBIDDEN',
    `agent "${agentId}" (${role}) may not ${action}: needs ${needed} or above`,
    {
      details: { agentId, role, action, needed },
    },
  );
}
