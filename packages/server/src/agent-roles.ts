import { IdSchema, MemoryError, parseInput } from '@agent-memory/core';
import { z } from 'zod';

/** The coordination roles, lowest first (kept in step with @agent-memory/coordination). */
export const RoleNameSchema = z.enum(['observer', 'contributor', 'validator', 'steward']);
export type RoleName = z.infer<typeof RoleNameSchema>;

/**
 * Which role each agent acting through the server gets. Agents name themselves in every call, so
 * the role is the server's decision, not the caller's: by default everyone is a contributor (claim,
 * share, stage) and only agents listed here may promote, reject or resolve.
 */
export const AgentRolesSchema = z
  .object({
    defaultRole: RoleNameSchema.default('contributor'),
    roles: z.record(IdSchema, RoleNameSchema).default({}),
  })
  .strict();
export type AgentRolesInput = z.input<typeof AgentRolesSchema>;
export type AgentRoles = z.output<typeof AgentRolesSchema>;

export function parseAgentRoles(input: unknown): AgentRoles {
  return parseInput(AgentRolesSchema, input ?? {}, 'agent roles');
}

/**
 * Parses `AGENT_MEMORY_ROLES`-style text: `lead=validator,ops=steward` (comma or whitespace
 * separated). Empty or undefined gives no entries.
 */
export function parseRolesList(text: string | undefined): Record<string, RoleName> {
  const out: Record<string, RoleName> = {};
  for (const item of (text ?? '').split(/[\s,]+/).filter(Boolean)) {
    const [agentId, role, ...rest] = item.split('=');
    const parsedRole = RoleNameSchema.safeParse(role);
    if (!agentId || !parsedRole.success || rest.length > 0) {
      throw new MemoryError(
        'INVALID_INPUT',
        `invalid role entry "${item}": expected <agent id>=<observer|contributor|validator|steward>`,
        { details: { field: 'roles' } },
      );
    }
    out[parseInput(IdSchema, agentId, 'agent id in roles')] = parsedRole.data;
  }
  return out;
}
