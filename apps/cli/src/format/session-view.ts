import type { Session } from 'agent-memory';
import type { Colors } from '../output.js';
import { formatDuration, formatTime } from './time.js';

export function renderSession(session: Session, ttlMs: number | null, c: Colors): string[] {
  const label = (text: string) => c.bold(text.padEnd(9));
  const lines = [
    `${label('session')}${session.id}`,
    `${label('user')}${session.userId}`,
    `${label('project')}${session.project || c.dim('(none)')}`,
    `${label('started')}${formatTime(session.startedAt)}`,
    `${label('expires')}${ttlMs === null ? c.dim('unknown') : `in ${formatDuration(ttlMs)}`}`,
  ];
  const context = JSON.stringify(session.context, null, 2);
  lines.push(
    `${label('context')}${context === '{}' ? c.dim('{}') : context.replace(/\n/g, `\n${' '.repeat(9)}`)}`,
  );
  for (const [key, value] of Object.entries(session.fields)) lines.push(`${label(key)}${value}`);
  return lines;
}
