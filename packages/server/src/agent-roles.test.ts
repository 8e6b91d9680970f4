import { describe, expect, it } from 'vitest';
import { parseAgentRoles, parseRolesList } from './agent-roles.js';

describe('agent roles', () => {
  it('parses AGENT_MEMORY_ROLES-style lists', () => {
    expect(parseRolesList('lead=validator, ops=steward  bot=observer')).toEqual({
      lead: 'validator',
      ops: 'steward',
      bot: 'observer',
    });
    expect(parseRolesList(undefined)).toEqual({});
  });

  it('refuses malformed entries with INVALID_INPUT', () => {
    expect(() => parseRolesList('lead=admin')).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => parseRolesList('lead')).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => parseRolesList('a*b=validator')).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });

  it('defaults everyone to contributor', () => {
    expect(parseAgentRoles(undefined)).toEqual({ defaultRole: 'contributor', roles: {} });
    expect(() => parseAgentRoles({ defaultRole: 'root' })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
  });
});
