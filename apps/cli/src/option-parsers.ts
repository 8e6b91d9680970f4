import { InvalidArgumentError } from 'commander';

// Commander calls these while parsing; an InvalidArgumentError becomes a usage error naming the option.

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `500ms`, `30s`, `5m`, `2h`, `7d`, or a plain number of milliseconds. */
export function parseDuration(value: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(value.trim());
  const ms = match ? Math.round(Number(match[1]) * UNITS[match[2] ?? 'ms']!) : Number.NaN;
  if (!Number.isSafeInteger(ms) || ms <= 0) {
    throw new InvalidArgumentError('must be a duration like 500ms, 30s, 5m, 2h or 7d');
  }
  return ms;
}

export function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n <= 0) {
    throw new InvalidArgumentError('must be a positive whole number');
  }
  return n;
}

export function parseConfidence(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) {
    throw new InvalidArgumentError('must be a number from 0 to 1');
  }
  return n;
}

/** A JSON object given on the command line, e.g. `--context '{"goal":"fix login"}'`. */
export function parseJsonObject(value: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch (error) {
    throw new InvalidArgumentError(`must be JSON (${(error as Error).message})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new InvalidArgumentError('must be a JSON object, e.g. {"key":"value"}');
  }
  return parsed as Record<string, unknown>;
}

/** Any JSON value; a bare word that is not JSON is taken as a string. */
export function parseJsonValue(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** Repeatable `key=value`, collected into one object. */
export function collectKeyValue(
  value: string,
  previous: Record<string, string> = {},
): Record<string, string> {
  const at = value.indexOf('=');
  if (at <= 0) throw new InvalidArgumentError('must be key=value');
  return { ...previous, [value.slice(0, at)]: value.slice(at + 1) };
}

/** Repeatable option, collected into a list. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/**
 * A point in time: an ISO timestamp, epoch milliseconds, or a duration meaning "that long ago"
 * (`--since 1h`).
 */
export function parseInstant(value: string, now: () => number = Date.now): string {
  const trimmed = value.trim();
  if (/^\d{12,}$/.test(trimmed)) return new Date(Number(trimmed)).toISOString();
  if (/^\d+(?:\.\d+)?(ms|s|m|h|d)$/.test(trimmed))
    return new Date(now() - parseDuration(trimmed)).toISOString();
  const ms = Date.parse(trimmed);
  if (Number.isNaN(ms) || !/^\d{4}-\d{2}-\d{2}/.test(trimmed)) {
    throw new InvalidArgumentError(
      'must be an ISO time (2025-12-01T10:00:00Z), epoch ms, or an age like 30m or 2d',
    );
  }
  return new Date(ms).toISOString();
}

/** A TCP port; 0 asks the kernel for a free one. */
export function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || !Number.isInteger(port) || port > 65_535) {
    throw new InvalidArgumentError('must be a port number from 0 to 65535');
  }
  return port;
}
