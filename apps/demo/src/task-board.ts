import { IdSchema, parseInput, type RecordStore, toMemoryError } from '@agent-memory/core';
import { z } from 'zod';
import type { LatencyRecorder } from './latency-recorder.js';

/** A task the orchestrator posts: review one file, or give a second opinion on another task's file. */
export const BoardTaskSchema = z.object({
  id: IdSchema,
  kind: z.enum(['review', 'cross-check']),
  /** Codebase-relative path of the file to review. */
  file: z.string().min(1),
  profile: z.enum(['thorough', 'quick']),
  /** The task whose findings list this task's findings go to (itself, or the reviewed task). */
  findingsOn: IdSchema,
  /** The other task of a review/cross-check pair: one agent never does both. */
  pairedWith: IdSchema.optional(),
  order: z.number().int().nonnegative(),
});
export type BoardTask = z.infer<typeof BoardTaskSchema>;

const COLLECTION = 'demo-tasks';

/**
 * The orchestrator's task list, kept in short-term memory (RecordStore) so workers in other
 * processes see the same tasks. Every record has a TTL like everything else short-term.
 */
export class TaskBoard {
  constructor(
    private readonly records: RecordStore,
    private readonly ttlMs: number,
    private readonly recorder: LatencyRecorder,
  ) {}

  async post(tasks: readonly BoardTask[]): Promise<void> {
    for (const task of tasks) {
      const value = parseInput(BoardTaskSchema, task, 'board task');
      await this.recorder.time('board.post', () =>
        this.records.put(COLLECTION, value.id, { ...value }, { ttlMs: this.ttlMs }),
      );
    }
  }

  /** Every posted task, in posting order. */
  async list(): Promise<BoardTask[]> {
    const records = await this.recorder.time('board.list', () => this.records.list(COLLECTION));
    try {
      return records.map((r) => BoardTaskSchema.parse(r.value)).sort((a, b) => a.order - b.order);
    } catch (error) {
      throw toMemoryError(error, 'CORRUPT_DATA', 'reading the task board');
    }
  }

  async clear(): Promise<void> {
    for (const task of await this.list()) await this.records.delete(COLLECTION, task.id);
  }
}
