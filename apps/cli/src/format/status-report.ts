import type { MemoryStatus } from 'agent-memory';
import type { Colors } from '../output.js';
import { formatBytes, formatTime } from './time.js';

/** Whether `status` should fail: Redis was configured but is not what answers, or nothing answers. */
export function backendIsDown(status: MemoryStatus): boolean {
  return status.degraded || !status.healthy;
}

export function renderStatus(status: MemoryStatus, c: Colors, redisUrl?: string): string[] {
  const label = (text: string) => c.bold(text.padEnd(10));
  const lines: string[] = [];
  const where = redisUrl && status.backend === 'redis' ? ` ${redisUrl}` : '';
  let backend = `${status.backend}${where}`;
  if (status.store) backend += c.dim(` (${status.store.summary})`);
  lines.push(`${label('backend')}${backend}`);
  const details = Object.entries(status.store?.details ?? {}).map(([k, v]) => `${k} ${formatDetail(k, v)}`);
  if (details.length > 0) lines.push(`${label('store')}${details.join(', ')}`);
  lines.push(`${label('namespace')}${status.namespace}`);
  const health = !status.healthy
    ? c.red(`DOWN: ${status.error ?? 'the backend does not answer'}`)
    : status.degraded
      ? c.yellow(`DEGRADED: ${status.degradedReason ?? 'Redis is configured but not reachable'}`)
      : c.green('ok');
  lines.push(`${label('health')}${health}`);
  const counts = Object.entries(status.keys)
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => `${kind} ${n}`);
  lines.push(`${label('keys')}${counts.length > 0 ? counts.join(', ') : c.dim('none')}`);
  lines.push(`${label('sessions')}${status.sessions} live`);
  lines.push(`${label('claims')}${status.activeClaims} active`);
  const agents = status.agents.map(
    (a) => `${a.id} (${a.role})${a.holds.length > 0 ? ` holds ${a.holds.join(', ')}` : ''}`,
  );
  lines.push(
    `${label('agents')}${status.agents.length} alive${agents.length > 0 ? `: ${agents.join('; ')}` : ''}`,
  );
  lines.push(`${label('patterns')}${renderPatterns(status.patterns, c)}`);
  return lines;
}

// Units come from the name: `usedMemoryBytes`, `roundTripMs`.
function formatDetail(key: string, value: string | number | boolean | null): string {
  if (value === null) return '-';
  if (typeof value === 'number' && key.endsWith('Bytes')) return formatBytes(value);
  if (typeof value === 'number' && key.endsWith('Ms')) return `${value.toFixed(2)} ms`;
  return String(value);
}

function renderPatterns(patterns: MemoryStatus['patterns'], c: Colors): string {
  if (!patterns.enabled) return c.dim(`off${patterns.reason ? `: ${patterns.reason}` : ''}`);
  const last = patterns.lastCommit
    ? `last commit ${patterns.lastCommit.commit.slice(0, 8)} ${formatTime(patterns.lastCommit.date)} "${patterns.lastCommit.message}"`
    : 'no commits yet';
  return `${patterns.count} in ${patterns.dir}, ${last}`;
}
