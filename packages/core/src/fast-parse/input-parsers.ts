import { isId } from '../ids.js';
import { type ConversationMessageInput, ConversationMessageInputSchema } from '../schemas/conversation.js';
import { type FindingInput, FindingInputSchema } from '../schemas/finding.js';
import {
  DurationMsSchema,
  type JsonObject,
  JsonObjectSchema,
  type JsonValue,
  JsonValueSchema,
} from '../schemas/json.js';
import { CountSchema } from '../schemas/port-options.js';
import { parseInput } from '../validation.js';
import { isEvidence, isText, isTimestamp, isUnitInterval, MESSAGE_ROLES, onlyKeys } from './field-checks.js';
import { copyPlainJson, isPlainJson, isPlainJsonObject, isPlainRecord } from './json-check.js';

// The inputs of the hot paths, checked by hand exactly as the core schemas check them (a test
// holds each to its schema), with the same output: same keys in the same order, defaults filled
// in, containers copied. Anything the hand check does not vouch for goes to parseInput, which
// decides and, for a bad input, throws the usual INVALID_INPUT with zod's issues.

const YEAR_MS = 365 * 24 * 3600 * 1000;

/** DurationMsSchema: a whole number of ms, positive, at most a year. */
export function parseDurationMs(value: unknown, what: string): number {
  return Number.isSafeInteger(value) && (value as number) > 0 && (value as number) <= YEAR_MS
    ? (value as number)
    : parseInput(DurationMsSchema, value, what);
}

/** CountSchema: a positive whole number. */
export function parseCount(value: unknown, what: string): number {
  return Number.isSafeInteger(value) && (value as number) > 0
    ? (value as number)
    : parseInput(CountSchema, value, what);
}

/** JsonObjectSchema: a copy of the object, as zod would hand back. */
export function parseJsonObject(value: unknown, what: string): JsonObject {
  return isPlainJsonObject(value) ? copyPlainJson(value) : parseInput(JsonObjectSchema, value, what);
}

/** JsonValueSchema, for a value about to be serialised (so it is not copied). */
export function parsePayload(value: unknown, what: string): JsonValue {
  return isPlainJson(value) ? value : parseInput(JsonValueSchema, value, what);
}

export type ParsedFindingInput = ReturnType<typeof FindingInputSchema.parse>;

// Derived from the schemas, so a field added there can never be refused here.
const FINDING_INPUT_KEYS: ReadonlySet<string> = new Set(Object.keys(FindingInputSchema.shape));

/** FindingInputSchema (strict). */
export function parseFindingInput(input: FindingInput): ParsedFindingInput {
  return vouchFindingInput(input) ?? parseInput(FindingInputSchema, input, 'finding');
}

/** What FindingInputSchema would output, or undefined when only zod can tell. */
export function vouchFindingInput(input: FindingInput): ParsedFindingInput | undefined {
  if (isPlainRecord(input) && onlyKeys(input, FINDING_INPUT_KEYS)) {
    const { id, agentId, subject, verdict, confidence, summary, evidence, createdAt, data } = input;
    if (
      (id === undefined || isId(id)) &&
      isId(agentId) &&
      isText(subject, 1, 512) &&
      isText(verdict, 1, 128) &&
      isUnitInterval(confidence) &&
      (summary === undefined || isText(summary, 0, 4096)) &&
      (evidence === undefined || isEvidence(evidence)) &&
      (createdAt === undefined || isTimestamp(createdAt)) &&
      (data === undefined || isPlainJsonObject(data))
    ) {
      const out = {} as ParsedFindingInput;
      if ('id' in input) out.id = id;
      out.agentId = agentId;
      out.subject = subject;
      out.verdict = verdict;
      out.confidence = confidence;
      out.summary = summary ?? '';
      out.evidence = evidence === undefined ? [] : evidence.slice();
      if ('createdAt' in input) out.createdAt = createdAt;
      if ('data' in input) out.data = data === undefined ? undefined : copyPlainJson(data);
      return out;
    }
  }
  return undefined;
}

export type ParsedMessageInput = ReturnType<typeof ConversationMessageInputSchema.parse>;

const MESSAGE_INPUT_KEYS: ReadonlySet<string> = new Set(Object.keys(ConversationMessageInputSchema.shape));

/** ConversationMessageInputSchema (strict); `what` names the message in the error. */
export function parseMessageInput(input: ConversationMessageInput, what: string): ParsedMessageInput {
  return vouchMessageInput(input) ?? parseInput(ConversationMessageInputSchema, input, what);
}

/** What ConversationMessageInputSchema would output, or undefined when only zod can tell. */
export function vouchMessageInput(input: ConversationMessageInput): ParsedMessageInput | undefined {
  if (isPlainRecord(input) && onlyKeys(input, MESSAGE_INPUT_KEYS)) {
    const { role, content, ts, sessionId, agentId, meta } = input;
    if (
      MESSAGE_ROLES.has(role) &&
      typeof content === 'string' &&
      (ts === undefined || isTimestamp(ts)) &&
      (sessionId === undefined || isId(sessionId)) &&
      (agentId === undefined || isId(agentId)) &&
      (meta === undefined || isPlainJsonObject(meta))
    ) {
      const out = { role, content } as ParsedMessageInput;
      if ('ts' in input) out.ts = ts;
      if ('sessionId' in input) out.sessionId = sessionId;
      if ('agentId' in input) out.agentId = agentId;
      if ('meta' in input) out.meta = meta === undefined ? undefined : copyPlainJson(meta);
      return out;
    }
  }
  return undefined;
}
