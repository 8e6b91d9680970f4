import { issuePath, MemoryError, type Pattern, PatternSchema, parseInput } from '@agent-memory/core';
import { parse, stringify } from 'yaml';

const FENCE = '---';

/** Front matter keys in the order they are written, so diffs between versions stay small. */
const FRONT_MATTER_KEYS = [
  'id',
  'kind',
  'title',
  'summary',
  'tags',
  'files',
  'confidence',
  'author',
  'created',
  'updated',
  'supersedes',
  'links',
] as const satisfies readonly (keyof Pattern)[];

/**
 * One pattern as a Markdown file: YAML front matter, a blank line, the body, a final newline.
 * The body round-trips exactly: one separating newline and one final newline are added on write
 * and removed on read.
 */
export function serializePattern(pattern: Pattern): string {
  const valid = parseInput(PatternSchema, pattern, 'pattern');
  const front: Record<string, unknown> = {};
  for (const key of FRONT_MATTER_KEYS) front[key] = valid[key];
  // lineWidth 0: never fold long lines, so a one-word edit is a one-line diff.
  const yaml = stringify(front, { lineWidth: 0, minContentWidth: 0 });
  const head = `${FENCE}\n${yaml}${FENCE}\n`;
  return valid.body === '' ? head : `${head}\n${valid.body}\n`;
}

/** Parses and validates a pattern file; anything malformed is CORRUPT_DATA naming the file. */
export function parsePatternFile(text: string, where: string): Pattern {
  if (typeof text !== 'string') throw new MemoryError('INVALID_INPUT', 'pattern file text must be a string');
  // A file whose fence line ends in CRLF went through a CRLF conversion (an editor, autocrlf):
  // undo it. Files this module writes use LF, so a body's own CR characters survive.
  const normalized = text.startsWith(`${FENCE}\r\n`) ? text.replace(/\r\n/g, '\n') : text;
  if (!normalized.startsWith(`${FENCE}\n`)) {
    throw corrupt(where, 'missing front matter');
  }
  const end = normalized.indexOf(`\n${FENCE}\n`, FENCE.length);
  const endAtEof = normalized.endsWith(`\n${FENCE}`) ? normalized.length - FENCE.length - 1 : -1;
  const close = end >= 0 ? end : endAtEof;
  if (close < 0) throw corrupt(where, 'unterminated front matter');
  const yamlText = normalized.slice(FENCE.length + 1, close + 1);
  const rest = normalized.slice(close + FENCE.length + 2);
  let front: unknown;
  try {
    front = parse(yamlText);
  } catch (error) {
    throw corrupt(where, 'front matter is not valid YAML', error);
  }
  if (front === null || typeof front !== 'object' || Array.isArray(front)) {
    throw corrupt(where, 'front matter is not a mapping');
  }
  const result = PatternSchema.safeParse({ ...front, body: readBody(rest) });
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue ? issuePath(issue.path) : '';
    throw corrupt(where, `invalid ${field || 'pattern'}: ${issue?.message ?? 'invalid'}`, result.error);
  }
  return result.data;
}

function readBody(rest: string): string {
  if (rest === '') return '';
  const withoutLead = rest.startsWith('\n') ? rest.slice(1) : rest;
  return withoutLead.endsWith('\n') ? withoutLead.slice(0, -1) : withoutLead;
}

function corrupt(where: string, why: string, cause?: unknown): MemoryError {
  return new MemoryError('CORRUPT_DATA', `pattern file ${where}: ${why}`, {
    cause,
    details: { file: where },
  });
}
