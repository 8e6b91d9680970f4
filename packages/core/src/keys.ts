import { MemoryError } from './errors.js';
import { assertId, MAX_ID_LENGTH, NamespaceSchema } from './ids.js';
import { parseInput } from './validation.js';

export const DEFAULT_NAMESPACE = 'agent-memory';
export const DEFAULT_EVENTS_CHANNEL = 'agent:events';

/**
 * Every key and channel of the wire protocol (docs/protocol.md), built in one place.
 * Task keys wrap the id in a `{…}` hash tag so the owner, fence and findings of one task live in
 * one Redis Cluster slot and a Lua script may touch them together.
 */
export interface Keyspace {
  readonly namespace: string;
  /** HASH: user_id, project, started_at, context (JSON), extra fields. */
  session(sessionId: string): string;
  /** LIST of JSON messages, newest first. */
  messages(userId: string): string;
  /** STRING: the agent id holding the task's lease. */
  taskOwner(taskId: string): string;
  /** STRING counter: the task's last fencing token. */
  taskFence(taskId: string): string;
  /** LIST of JSON findings, newest first. */
  taskFindings(taskId: string): string;
  /** STREAM: a durable event log. */
  stream(name: string): string;
  /** HASH `value` (JSON), `version`: one record of a RecordStore collection. */
  record(collection: string, id: string): string;
  /** ZSET of record ids scored by expiry (epoch ms): the collection's index. */
  recordIndex(collection: string): string;
  /** Pub/sub channel, namespaced; `agent:events` is the default one. */
  channel(name: string): string;
  /** Pattern for PSUBSCRIBE, namespaced; the caller's glob characters are kept. */
  channelPattern(pattern: string): string;
  /** Strips the namespace prefix from a channel name received from Redis. */
  localChannel(channel: string): string;
  /** The SCAN pattern matching every key of this namespace. */
  readonly everything: string;
}

// Channel names may contain ':' segments (agent:events) but otherwise follow id rules.
export function createKeyspace(namespace: string = DEFAULT_NAMESPACE): Keyspace {
  const ns = parseInput(NamespaceSchema, namespace, 'namespace');
  const prefix = `${ns}:`;
  return {
    namespace: ns,
    session: (id) => `${prefix}session:${assertId(id, 'session id')}`,
    messages: (userId) => `${prefix}memory:${assertId(userId, 'user id')}:messages`,
    taskOwner: (taskId) => `${prefix}task:{${assertId(taskId, 'task id')}}:owner`,
    taskFence: (taskId) => `${prefix}task:{${assertId(taskId, 'task id')}}:fence`,
    taskFindings: (taskId) => `${prefix}task:{${assertId(taskId, 'task id')}}:findings`,
    stream: (name) => `${prefix}stream:{${assertId(name, 'stream name')}}`,
    record: (collection, id) =>
      `${prefix}rec:{${assertId(collection, 'collection')}}:${assertId(id, 'record id')}`,
    recordIndex: (collection) => `${prefix}rec:{${assertId(collection, 'collection')}}`,
    channel: (name) => `${prefix}${assertId(name, 'channel')}`,
    channelPattern: (pattern) => `${prefix}${assertChannelPattern(pattern)}`,
    localChannel: (channel) => (channel.startsWith(prefix) ? channel.slice(prefix.length) : channel),
    everything: `${prefix}*`,
  };
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are rejected
const PATTERN_FORBIDDEN = /[{}\s\u0000-\u001f\u007f]/u;

/** A channel pattern may use * ? [ ] (that is its point) but nothing that breaks the protocol. */
export function assertChannelPattern(pattern: unknown): string {
  if (
    typeof pattern !== 'string' ||
    pattern.length === 0 ||
    pattern.length > MAX_ID_LENGTH ||
    PATTERN_FORBIDDEN.test(pattern)
  ) {
    throw new MemoryError(
      'INVALID_INPUT',
      `invalid channel pattern: must be 1-${MAX_ID_LENGTH} characters without { }, whitespace or control characters`,
      { details: { field: 'channel pattern' } },
    );
  }
  return pattern;
}

/**
 * Redis protocol helper: the keys of one vector collection, all in the `{<collection>}` hash slot so one script may touch them
 * together on Redis Cluster, and all expiring together:
 * - `vectors`    HASH  id → float32 little-endian bytes
 * - `attributes` HASH  id → attributes as JSON
 * - `revisions`  ZSET  id → the collection revision that last wrote it (what mirrors sync on)
 * - `meta`       HASH  `rev` (bumped by every write), `dim`
 */
export interface VectorKeys {
  readonly vectors: string;
  readonly attributes: string;
  readonly revisions: string;
  readonly meta: string;
}

export function vectorKeys(keys: Keyspace, collection: string): VectorKeys {
  const base = `${keys.namespace}:vec:{${assertId(collection, 'collection')}}`;
  return {
    vectors: base,
    attributes: `${base}:attrs`,
    revisions: `${base}:revs`,
    meta: `${base}:meta`,
  };
}
