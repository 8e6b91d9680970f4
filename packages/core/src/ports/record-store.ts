import type { JsonObject } from '../schemas/json.js';

export interface StoredRecord {
  id: string;
  value: JsonObject;
  /** Starts at 1 and goes up by one on every successful put: the handle for compare-and-set. */
  version: number;
  /** Epoch milliseconds at which the record expires. */
  expiresAt: number;
}

export interface RecordPutOptions {
  ttlMs: number;
  /** Write only if no live record has this id (claim-once, e.g. "task completed"). */
  ifAbsent?: boolean;
  /** Write only if the live record is at exactly this version (compare-and-set). */
  ifVersion?: number;
}

/**
 * Small JSON records with a TTL, grouped in named collections, with compare-and-set.
 * What coordination keeps beside leases and findings: agents alive, conflicts, staged candidates,
 * task completions.
 */
export interface RecordStore {
  /**
   * Writes a record and resets its TTL. Returns it as stored, or null when `ifAbsent` / `ifVersion`
   * did not hold (nothing is written then).
   */
  put(
    collection: string,
    id: string,
    value: JsonObject,
    options: RecordPutOptions,
  ): Promise<StoredRecord | null>;
  /** The live record, or null when absent or expired. */
  get(collection: string, id: string): Promise<StoredRecord | null>;
  /** Every live record of the collection, ordered by id. */
  list(collection: string): Promise<StoredRecord[]>;
  /** Deletes the record (only at `ifVersion`, when given); false when nothing was deleted. */
  delete(collection: string, id: string, options?: { ifVersion?: number }): Promise<boolean>;
}
