import type { Profile, Section } from './bench-options.js';
import type { LatencyStats } from './latency-stats.js';

/** Who performed an operation: our package, the same commands on raw ioredis, or a peer library. */
export type Implementation = 'ours' | 'raw' | 'peer' | 'coordination';

export interface ContenderResult {
  impl: Implementation;
  label: string;
  /** One caller awaiting each operation (µs). */
  latency: LatencyStats;
  /** Median over rounds of operations per second with `profile.concurrency` callers. */
  opsPerSec: number;
  /** Operations per second of each round, in round order. */
  opsPerSecRounds: number[];
  /** CPU time of the benchmark process per operation under load (µs, median round): client cost. */
  cpuUsPerOp: number;
  /** Latency each of the concurrent callers saw (µs), queueing included. */
  loadLatency: LatencyStats;
  /** Redis commands executed per operation (INFO commandstats); null on a shared server. */
  commandsPerOp: number | null;
}

/** The design notes' published figures, shown beside ours as a reference. */
export interface ReferenceFigure {
  p50Ms: number;
  opsPerSec: number;
}

export interface OperationResult {
  id: string;
  title: string;
  /** What each contender does, in Redis commands. */
  what: string;
  reference: ReferenceFigure | null;
  contenders: ContenderResult[];
  /**
   * ours / raw: p50 latency (lower is better); throughput (higher is better) as the median of the
   * per-round ratios, with the lowest and highest round; client CPU per operation.
   */
  ratios: {
    p50: number;
    throughput: number;
    throughputMin: number;
    throughputMax: number;
    cpu: number;
  } | null;
  /** Whether p50 is within 1.2x of raw and throughput at least 0.8x raw. */
  targets: { latencyMet: boolean; throughputMet: boolean } | null;
}

/** One operation of an in-process section (the local adapter, the SQLite adapter). */
export interface LocalOpResult {
  id: string;
  title: string;
  /**
   * Per-op latency (µs): means of timed batches; for the cross-process message, each message's
   * own publish → receive time.
   */
  latency: LatencyStats;
  /** One caller awaiting each operation: 1e6 / mean latency. */
  opsPerSec: number;
  /** The p50 target in µs, when the operation has one. */
  targetUs: number | null;
  /** p50 at or under the target; null without one. */
  targetMet: boolean | null;
}

export interface CurvePoint {
  x: number;
  p50Us: number;
  p95Us: number;
  opsPerSec: number;
}

export interface CurveSeries {
  op: string;
  impl: Implementation;
  label: string;
  points: CurvePoint[];
}

export interface PatternSizeResult {
  corpus: number;
  /** Time to grow the corpus to this size with saveMany (chunks of ≤1000), ms, and patterns/s. */
  buildMs: number;
  buildPatternsPerSec: number;
  search: LatencyStats;
  /** `reindex()`: every pattern file read and indexed again, ms. */
  reindexMs: number;
  /** A new store with no index snapshot, through its first search, ms. */
  coldOpenMs: number;
  /** A new store starting from the snapshot another process left, through its first search, ms. */
  warmOpenMs: number;
  history: LatencyStats;
  saveSingle: LatencyStats;
  saveBatch100: LatencyStats;
}

/** Median of a few whole-process runs, with the lowest and highest. */
export interface Spread {
  median: number;
  min: number;
  max: number;
}

export interface StartupTarget {
  maxWallMs: number;
  /** Wall time ÷ a bare `node -e 0` of the same pair. */
  maxRatio?: number;
  maxPeakRssMiB?: number;
}

/** One CLI command timed as a whole process, paired run by run with `node -e 0`. */
export interface StartupResult {
  id: string;
  title: string;
  /** Short-term store the command used: Redis, the CLI's store without Redis, or none. */
  backend: 'none' | 'redis' | 'embedded';
  runs: number;
  /** Spawn to exit (for `mcp`: spawn to the answer to `initialize`). */
  wallMs: Spread;
  cpuMs: Spread;
  peakRssMiB: Spread;
  /** The bare `node -e 0` run just before each. */
  nodeWallMs: Spread;
  /** wallMs ÷ nodeWallMs, pair by pair. */
  ratio: Spread;
  target: StartupTarget;
  /** Every limit of the target holds for the medians. */
  targetMet: boolean;
}

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  redisVersion: string;
  /** 1-minute load average at the start and end of the run: other work on the machine. */
  loadAverageStart: number;
  loadAverageEnd: number;
}

export interface BenchReport {
  schemaVersion: 3;
  generatedAt: string;
  mode: 'quick' | 'full';
  durationSec: number;
  sections: Section[];
  profile: Profile;
  machine: MachineInfo;
  /** 'private': a redis-server started for this run; 'external': `--redis URL`. */
  redis: 'private' | 'external';
  operations: OperationResult[];
  local: LocalOpResult[];
  /** The SQLite adapter on a temporary file: the local operations plus a message to another process. */
  sqlite: LocalOpResult[];
  scale: { concurrency: CurveSeries[]; window: CurveSeries[] };
  patterns: PatternSizeResult[];
  /** Start-up of the CLI, whole processes (section `startup`). */
  startup: StartupResult[];
  /** Chart files written beside the report. */
  charts: string[];
  notes: string[];
}
