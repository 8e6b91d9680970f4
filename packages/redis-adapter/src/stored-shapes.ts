import {
  type ConversationMessage,
  ConversationMessageSchema,
  type Finding,
  FindingSchema,
  isEvidence,
  isId,
  isPlainJsonObject,
  isPlainRecord,
  isText,
  isTimestamp,
  isUnitInterval,
  MESSAGE_ROLES,
  onlyKeys,
} from '@agent-memory/core';

// Hand-written checks of what reads bring back, mirroring the core schemas (a test holds them to
// zod). Each answers "valid as is": true hands the value on untouched, false sends it to zod,
// which either repairs it (defaults, stripped keys) or explains CORRUPT_DATA.

// Derived from the schemas, so a field added there is never read back as corrupt.
const MESSAGE_KEYS: ReadonlySet<string> = new Set(Object.keys(ConversationMessageSchema.shape));

/** ConversationMessageSchema, with no keys it would strip. */
export function isStoredMessage(value: unknown): value is ConversationMessage {
  if (!isPlainRecord(value) || !onlyKeys(value, MESSAGE_KEYS)) return false;
  const { role, content, ts, sessionId, agentId, meta } = value;
  return (
    MESSAGE_ROLES.has(role) &&
    typeof content === 'string' &&
    isTimestamp(ts) &&
    (sessionId === undefined || isId(sessionId)) &&
    (agentId === undefined || isId(agentId)) &&
    (meta === undefined || isPlainJsonObject(meta))
  );
}

const FINDING_KEYS: ReadonlySet<string> = new Set(Object.keys(FindingSchema.shape));

/** FindingSchema, with every defaulted field present and no keys it would strip. */
export function isStoredFinding(value: unknown): value is Finding {
  if (!isPlainRecord(value) || !onlyKeys(value, FINDING_KEYS)) return false;
  const { id, taskId, agentId, subject, verdict, confidence, summary, evidence, createdAt, data } = value;
  return (
    isId(id) &&
    isId(taskId) &&
    isId(agentId) &&
    isText(subject, 1, 512) &&
    isText(verdict, 1, 128) &&
    isUnitInterval(confidence) &&
    isText(summary, 0, 4096) &&
    isEvidence(evidence) &&
    isTimestamp(createdAt) &&
    (data === undefined || isPlainJsonObject(data))
  );
}
