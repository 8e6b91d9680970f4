import type { Operation } from './measure.js';
import type { Implementation, ReferenceFigure } from './report-model.js';

export interface Contender {
  impl: Implementation;
  label: string;
  op: Operation;
}

/** One user-facing operation and everyone who performs it. */
export interface OperationSpec {
  id: string;
  title: string;
  what: string;
  reference: ReferenceFigure | null;
  contenders: Contender[];
}

/** The original design notes' "Performance Results" table. */
export const DESIGN_FIGURES: Record<string, ReferenceFigure> = {
  'session-read': { p50Ms: 0.3, opsPerSec: 10_000 },
  'coordination-write': { p50Ms: 0.4, opsPerSec: 8_000 },
  pubsub: { p50Ms: 0.1, opsPerSec: 50_000 },
  'context-retrieval': { p50Ms: 0.5, opsPerSec: 6_000 },
};

/** Targets of issue 8: p50 within 1.2x of raw ioredis, throughput at least 0.8x. */
export const TARGETS = { maxP50Ratio: 1.2, minThroughputRatio: 0.8, localP50Us: 5 } as const;
