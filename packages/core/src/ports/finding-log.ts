import type { Finding, FindingInput } from '../schemas/finding.js';

/**
 * Findings shared per task, bounded to the configured count per task (oldest dropped first).
 * The task's findings expire together; every append resets that expiry.
 */
export interface FindingLog {
  /** Validates and appends a finding (id and createdAt filled in when omitted); returns it as stored. */
  append(taskId: string, finding: FindingInput): Promise<Finding>;
  /** Every finding of the task in the order they were shared (oldest first). */
  list(taskId: string): Promise<Finding[]>;
  count(taskId: string): Promise<number>;
  clear(taskId: string): Promise<void>;
}
