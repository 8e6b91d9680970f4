import type { Pattern, PatternHit } from 'agent-memory';
import type { Colors } from '../output.js';
import { table } from './table.js';
import { formatTime } from './time.js';

export function renderPatternTable(patterns: Pattern[], c: Colors): string[] {
  if (patterns.length === 0) return [c.dim('no patterns')];
  return table(
    ['ID', 'KIND', 'TITLE'].map((h) => c.bold(h)),
    patterns.map((p) => [p.id, p.kind, p.title + tags(p, c)]),
  );
}

export function renderHits(hits: PatternHit[], c: Colors): string[] {
  if (hits.length === 0) return [c.dim('no matching patterns')];
  return table(
    ['SCORE', 'ID', 'KIND', 'TITLE'].map((h) => c.bold(h)),
    hits.map((h) => [h.score.toFixed(2), h.pattern.id, h.pattern.kind, h.pattern.title + tags(h.pattern, c)]),
  );
}

export function renderPattern(p: Pattern, c: Colors): string[] {
  const label = (text: string) => c.bold(text.padEnd(11));
  const list = (items: string[]) => (items.length > 0 ? items.join(', ') : c.dim('none'));
  const lines = [
    c.bold(p.title),
    '',
    `${label('id')}${p.id}`,
    `${label('kind')}${p.kind}`,
    `${label('confidence')}${p.confidence}`,
    `${label('author')}${p.author}`,
    `${label('created')}${formatTime(p.created)}`,
    `${label('updated')}${formatTime(p.updated)}`,
    `${label('tags')}${list(p.tags)}`,
    `${label('files')}${list(p.files)}`,
  ];
  if (p.supersedes.length > 0) lines.push(`${label('supersedes')}${p.supersedes.join(', ')}`);
  if (p.links.length > 0) lines.push(`${label('links')}${p.links.join(', ')}`);
  if (p.summary) lines.push('', p.summary);
  if (p.body) lines.push('', p.body.trimEnd());
  return lines;
}

function tags(p: Pattern, c: Colors): string {
  return p.tags.length > 0 ? c.dim(` [${p.tags.join(', ')}]`) : '';
}
