import type { RecallHit } from 'agent-memory';
import type { Colors } from '../output.js';
import { renderMessage } from './message-view.js';

/** One recall hit: the fused score, which rankings found it, and the pattern or message itself. */
export function renderRecallHit(hit: RecallHit, c: Colors): string {
  const found = [
    hit.ranks.text !== undefined ? `text #${hit.ranks.text}` : '',
    hit.ranks.vector !== undefined ? `vector #${hit.ranks.vector}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  const head = `${c.dim(hit.score.toFixed(4))} ${c.dim(`(${found})`)}`;
  if (hit.source === 'pattern') {
    const p = hit.pattern;
    return `${head} ${c.bold(p.title)} ${c.dim(`[${p.kind}] ${p.id}`)}${p.summary ? `\n    ${p.summary}` : ''}`;
  }
  return `${head} ${c.dim(hit.userId)} ${renderMessage(hit.message, c)}`;
}
