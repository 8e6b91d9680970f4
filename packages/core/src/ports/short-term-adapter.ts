import type { KeyKind } from '../key-census.js';
import type { ConversationWindow } from './conversation-window.js';
import type { EventBus } from './event-bus.js';
import type { EventLog } from './event-log.js';
import type { FindingLog } from './finding-log.js';
import type { LeaseStore } from './lease-store.js';
import type { RecordStore } from './record-store.js';
import type { SessionStore } from './session-store.js';
import type { VectorIndex } from './vector-index.js';

/**
 * How far one backend's memory reaches: `network` (every process that can reach the server),
 * `machine` (every process on this machine, through a file), `process` (this process only).
 */
export type AdapterScope = 'network' | 'machine' | 'process';

/** What `agent-memory status` shows about the backend beside the per-kind counts. */
export interface AdapterDescription {
  /** One line for people: "Redis 7.2.4 (standalone) at redis://127.0.0.1:6379". */
  summary: string;
  /** Flat facts, shown as `key: value` (`file`, `sizeBytes`, `wal`, `version`, `roundTripMs`…). */
  details: Record<string, string | number | boolean | null>;
}

/** Everything a short-term backend provides; what createMemory wires from one adapter. */
export interface ShortTermAdapter {
  /** The backend's registered kind: 'redis', 'sqlite', 'memory', or a contributed backend's name. */
  readonly kind: string;
  readonly namespace: string;
  /** Who shares this memory; drives the degradation warning and `status`. */
  readonly scope: AdapterScope;
  readonly sessions: SessionStore;
  readonly conversation: ConversationWindow;
  readonly leases: LeaseStore;
  readonly findings: FindingLog;
  readonly events: EventBus;
  readonly log: EventLog;
  readonly records: RecordStore;
  /** Vectors for recall, stored beside the rest with the same expiry rules. */
  readonly vectors: VectorIndex;
  /** Live items per kind in this namespace, counted by the backend itself (what `status` shows). */
  countKeys(): Promise<Record<KeyKind, number>>;
  /** Where memory lives and how the backend is doing; rejects when the backend does not answer. */
  describe(): Promise<AdapterDescription>;
  /** Releases connections and timers; further calls fail with CLOSED. Idempotent. */
  close(): Promise<void>;
}
