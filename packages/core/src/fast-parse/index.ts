// Hand-written checks that decide exactly as the core zod schemas do, for the adapters' hot paths:
// a zod parse per call was most of the client CPU of a Redis round trip. zod still decides (and
// explains) whenever a fast check says no.
export {
  isEvidence,
  isText,
  isTimestamp,
  isUnitInterval,
  MESSAGE_ROLES,
  onlyKeys,
} from './field-checks.js';
export {
  type ParsedFindingInput,
  type ParsedMessageInput,
  parseCount,
  parseDurationMs,
  parseFindingInput,
  parseJsonObject,
  parseMessageInput,
  parsePayload,
  vouchFindingInput,
  vouchMessageInput,
} from './input-parsers.js';
export { copyPlainJson, isPlainJson, isPlainJsonObject, isPlainRecord } from './json-check.js';
