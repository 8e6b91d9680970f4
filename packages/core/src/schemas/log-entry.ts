import { z } from 'zod';
import type { JsonObject } from './json.js';

/**
 * Event-log ids, as every adapter emits them: `<number>-<number>`, ordered by compareStreamIds. Opaque
 * to callers (see EventLog); the shape is what lets backends and other-language readers compare them.
 */
export const StreamIdSchema = z.string().regex(/^\d+-\d+$/, 'must be a stream id like 1700000000000-0');

export interface LogEntry {
  id: string;
  data: JsonObject;
}

export interface PendingEntry {
  id: string;
  consumer: string;
  idleMs: number;
  deliveries: number;
}

/** Compares two stream ids numerically (ms, then sequence). */
export function compareStreamIds(a: string, b: string): number {
  const [am = '0', as = '0'] = a.split('-');
  const [bm = '0', bs = '0'] = b.split('-');
  const ms = BigInt(am) - BigInt(bm);
  if (ms !== 0n) return ms < 0n ? -1 : 1;
  const seq = BigInt(as) - BigInt(bs);
  return seq === 0n ? 0 : seq < 0n ? -1 : 1;
}
