import { type Pattern, PatternSchema } from '@agent-memory/core';
import { describe, expect, it } from 'vitest';
import { parsePatternFile, serializePattern } from './pattern-file.js';

const base: Pattern = PatternSchema.parse({
  id: '01jdx0d7m4k2v9q8r6t5y3w1z0',
  kind: 'bug-fix',
  title: 'Pool exhaustion: "max" too low',
  summary: 'Queue requests instead of failing.',
  body: '# Fix\n\nRelease clients in `finally`.',
  tags: ['db', 'postgres'],
  files: ['src/db/pool.ts'],
  confidence: 0.8,
  author: 'agent-a',
  created: '2025-12-01T10:00:00.000Z',
  updated: '2025-12-02T10:00:00.000Z',
  supersedes: [],
  links: ['https://example.com/issue/1'],
});

describe('pattern file format', () => {
  it('writes readable front matter in a fixed key order, then the body', () => {
    const text = serializePattern(base);
    expect(text).toBe(
      [
        '---',
        'id: 01jdx0d7m4k2v9q8r6t5y3w1z0',
        'kind: bug-fix',
        'title: \'Pool exhaustion: "max" too low\'',
        'summary: Queue requests instead of failing.',
        'tags:',
        '  - db',
        '  - postgres',
        'files:',
        '  - src/db/pool.ts',
        'confidence: 0.8',
        'author: agent-a',
        'created: 2025-12-01T10:00:00.000Z',
        'updated: 2025-12-02T10:00:00.000Z',
        'supersedes: []',
        'links:',
        '  - https://example.com/issue/1',
        '---',
        '',
        '# Fix',
        '',
        'Release clients in `finally`.',
        '',
      ].join('\n'),
    );
  });

  it.each([
    ['empty body', ''],
    ['trailing newline', 'text\n'],
    ['leading newline', '\ntext'],
    ['front-matter-like line', 'before\n---\nafter'],
    ['only newlines', '\n\n'],
    ['CR and unicode', 'ä ✓ 日本\r\nline'],
  ])('round-trips the body exactly: %s', (_label, body) => {
    const pattern = { ...base, body };
    expect(parsePatternFile(serializePattern(pattern), 'x.md')).toEqual(pattern);
  });

  it('round-trips values YAML would otherwise reinterpret', () => {
    const tricky = {
      ...base,
      id: '123',
      title: 'yes',
      summary: 'null',
      tags: ['on', '0x1F', '1e3'],
      links: ['#1'],
    };
    expect(parsePatternFile(serializePattern(tricky), 'x.md')).toEqual(tricky);
  });

  it('reads hand-written files with CRLF line endings', () => {
    const text = serializePattern(base).replace(/\n/g, '\r\n');
    expect(parsePatternFile(text, 'x.md')).toEqual({ ...base });
  });

  it.each([
    ['no front matter', '# just markdown\n'],
    ['unterminated front matter', '---\nid: a\n'],
    ['front matter not a mapping', '---\n- a\n---\n'],
    ['invalid YAML', '---\nid: [a\n---\n'],
    ['schema violation', serializePattern(base).replace('confidence: 0.8', 'confidence: 7')],
  ])('refuses a malformed file with CORRUPT_DATA: %s', (_label, text) => {
    expect(() => parsePatternFile(text, 'bad.md')).toThrow(expect.objectContaining({ code: 'CORRUPT_DATA' }));
  });

  it('refuses to serialize something that is not a valid pattern (INVALID_INPUT)', () => {
    expect(() => serializePattern({ ...base, id: '../x' })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
    expect(() => parsePatternFile(undefined as never, 'x.md')).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
  });
});
