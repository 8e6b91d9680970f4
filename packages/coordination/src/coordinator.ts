import {
  assertId,
  type Clock,
  MemoryError,
  type PatternStore,
  parseInput,
  type ShortTermAdapter,
  systemClock,
} from '@agent-memory/core';
import { z } from 'zod';
import { Agent } from './agent.js';
import { AgentEventBus } from './agent-event-bus.js';
import { AuditTrail } from './audit.js';
import { ClaimService } from './claims.js';
import { ConflictService } from './conflicts.js';
import { CoordinationContext } from './context.js';
import { FindingService } from './findings.js';
import { PresenceService } from './presence.js';
import { type Role, RoleSchema } from './roles.js';
import {
  type CoordinatorSettings,
  type CoordinatorSettingsInput,
  CoordinatorSettingsSchema,
} from './settings.js';
import { StagingService } from './staging.js';

export interface CoordinatorOptions extends CoordinatorSettingsInput {
  /** The short-term backend (Redis or local); the coordinator uses its ports and never closes it. */
  adapter: ShortTermAdapter;
  /** Long-term store that promoted candidates are saved to; promote() needs it. */
  patterns?: PatternStore;
  /** Where timestamps come from; pass the local adapter's ManualClock in tests. */
  clock?: Clock;
  /** Told about failures that are not the caller's (an event not published, a heartbeat that missed). */
  onError?: (error: MemoryError) => void;
}

const hasMethods = (value: unknown, names: string[]) =>
  typeof value === 'object' &&
  value !== null &&
  names.every((n) => typeof (value as Record<string, unknown>)[n] === 'function');

const isAdapter = (value: unknown): value is ShortTermAdapter =>
  typeof value === 'object' &&
  value !== null &&
  (['leases', 'findings', 'events', 'log', 'records'] as const).every((port) =>
    hasMethods((value as Record<string, unknown>)[port], []),
  );

const CoordinatorOptionsSchema = CoordinatorSettingsSchema.extend({
  adapter: z.custom<ShortTermAdapter>(isAdapter, 'must be a ShortTermAdapter'),
  patterns: z
    .custom<PatternStore>((v) => hasMethods(v, ['save', 'get']), 'must be a PatternStore')
    .optional(),
  clock: z.custom<Clock>((v) => hasMethods(v, ['now']), 'must be a Clock').optional(),
  onError: z.custom<(error: MemoryError) => void>((v) => typeof v === 'function').optional(),
});

export const AgentOptionsSchema = z.object({ role: RoleSchema }).strict();
export type AgentOptions = z.input<typeof AgentOptionsSchema>;

export interface Coordinator {
  readonly settings: CoordinatorSettings;
  /** The typed `agent:events` bus, without role checks (for wiring; agents use their handle). */
  readonly bus: AgentEventBus;
  /**
   * The handle through which agent `agentId` acts with `role`. One handle per agent id: asking
   * again returns the same one, and asking with another role is CONFLICT.
   */
  agent(agentId: string, options: AgentOptions): Agent;
  /**
   * Stops every heartbeat (claims and presence) without releasing anything, so leases and presence
   * lapse as after a crash; call `agent.leave()` first to hand tasks back at once. Idempotent.
   */
  close(): Promise<void>;
}

/** Multi-agent coordination over any ShortTermAdapter: claims, findings, conflicts, presence, audit, promotion. */
export function createCoordinator(options: CoordinatorOptions): Coordinator {
  const { adapter, patterns, clock, onError, ...settingsInput } = parseInput(
    CoordinatorOptionsSchema,
    options,
    'coordinator options',
  );
  const settings = CoordinatorSettingsSchema.parse(settingsInput);
  const report =
    onError ?? ((error: MemoryError) => console.warn(`[agent-memory/coordination] ${error.message}`));
  const bus = new AgentEventBus(adapter.events, {
    channel: settings.channel,
    onError: (error) => report(error),
  });
  const audit = new AuditTrail(adapter.log, settings.logStream, report);
  const ctx = new CoordinationContext(adapter, patterns, clock ?? systemClock, settings, bus, audit, report);
  const conflicts = new ConflictService(ctx);
  const services = {
    claims: new ClaimService(ctx),
    findings: new FindingService(ctx, conflicts),
    conflicts,
    presence: new PresenceService(ctx),
    staging: new StagingService(ctx, conflicts),
  };
  const agents = new Map<string, Agent>();

  return {
    settings,
    bus,
    agent(agentId: string, agentOptions: AgentOptions): Agent {
      const id = assertId(agentId, 'agent id');
      const { role } = parseInput(AgentOptionsSchema, agentOptions, 'agent options');
      ctx.assertOpen();
      const existing = agents.get(id);
      if (existing) {
        if (existing.role !== role) {
          throw new MemoryError(
            'CONFLICT',
            `agent "${id}" already acts as ${existing.role} here, not ${role}`,
            {
              details: { agentId: id, role: existing.role },
            },
          );
        }
        return existing;
      }
      const agent = new Agent(id, role as Role, ctx, services);
      agents.set(id, agent);
      return agent;
    },
    async close() {
      ctx.close();
    },
  };
}
