import type { KeyKind } from '../key-census.js';
import type { ConversationWindow } from './conversation-window.js';
import type { EventBus } from './event-bus.js';
import type { EventLog } from './event-log.js';
import type { FindingLog } from './finding-log.js';
import type { LeaseStore } from './lease-store.js';
import type { RecordStore } from './record-store.js';
import type { SessionStore } from './session-store.js';

/** Everything a short-term backend provides; what createMemory wires from one adapter. */
export interface ShortTermAdapter {
  /** 'redis', 'local', or a contributed backend's name. */
  readonly kind: string;
  readonly namespace: string;
  readonly sessions: SessionStore;
  readonly conversation: ConversationWindow;
  readonly leases: LeaseStore;
  readonly findings: FindingLog;
  readonly events: EventBus;
  readonly log: EventLog;
  readonly records: RecordStore;
  /** Live keys per kind in this namespace (what `agent-memory status` shows). */
  countKeys(): Promise<Record<KeyKind, number>>;
  /** Releases connections and timers; further calls fail with CLOSED. Idempotent. */
  close(): Promise<void>;
}
