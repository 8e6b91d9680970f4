import { rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { MemoryError } from '@agent-memory/core';
import { lock } from 'proper-lockfile';
import { sleep } from './git-runner.js';

export interface WriteLockOptions {
  /** Give up waiting for another writer after this long. */
  timeoutMs: number;
  /** A lock not refreshed for this long belongs to a dead process and is taken over (min 2000). */
  staleMs: number;
}

/** Handed to the critical section so it can check, just before committing, that it still owns the lock. */
export interface LockGuard {
  assertHeld(): void;
}

/**
 * Serialises writers to one repository: an in-process queue first (so one process does not spin
 * against itself), then a proper-lockfile lock in the git directory shared by every process.
 * proper-lockfile refreshes the lock's mtime while held, so a crashed holder's lock goes stale and
 * is recovered; a holder that was paused past the stale time learns it lost the lock before committing.
 */
export class WriteLock {
  private tail: Promise<void> = Promise.resolve();
  private readonly target: string;

  constructor(
    gitDir: string,
    private readonly options: WriteLockOptions,
  ) {
    this.target = path.join(gitDir, 'agent-memory');
  }

  get lockPath(): string {
    return `${this.target}.lock`;
  }

  async run<T>(critical: (guard: LockGuard) => Promise<T>): Promise<T> {
    const previous = this.tail;
    let finished!: () => void;
    this.tail = new Promise<void>((resolve) => {
      finished = resolve;
    });
    await previous;
    try {
      let lost: Error | null = null;
      const release = await this.acquire((error) => {
        lost = error;
      });
      await this.clearStaleIndexLock();
      const guard: LockGuard = {
        assertHeld() {
          if (lost) {
            throw new MemoryError(
              'CONFLICT',
              'the pattern store write lock was lost (process paused too long)',
              {
                cause: lost,
              },
            );
          }
        },
      };
      try {
        return await critical(guard);
      } finally {
        await release().catch(() => undefined);
      }
    } finally {
      finished();
    }
  }

  /**
   * git's own `index.lock`, left behind when a git command was killed mid-save, blocks every later
   * save. We hold the store's write lock, so no save of ours is running: a lock older than the stale
   * time belongs to a dead process (a live git refreshes nothing, but never runs that long here).
   */
  private async clearStaleIndexLock(): Promise<void> {
    const indexLock = path.join(path.dirname(this.target), 'index.lock');
    try {
      const { mtimeMs } = await stat(indexLock);
      if (Date.now() - mtimeMs > this.options.staleMs) await rm(indexLock, { force: true });
    } catch {
      // no index.lock: nothing to recover
    }
  }

  private async acquire(onCompromised: (error: Error) => void): Promise<() => Promise<void>> {
    const deadline = Date.now() + this.options.timeoutMs;
    for (;;) {
      try {
        return await lock(this.target, {
          lockfilePath: this.lockPath,
          realpath: false,
          stale: this.options.staleMs,
          retries: 0,
          onCompromised,
        });
      } catch (error) {
        const failure = error as NodeJS.ErrnoException;
        if (failure.code !== 'ELOCKED') {
          // Say why (EROFS, ENOSPC, EACCES…) and where: that is what the person has to fix.
          throw new MemoryError(
            'BACKEND_UNAVAILABLE',
            `cannot take the pattern store write lock ${this.lockPath}: ${failure.code ?? failure.message}`,
            {
              cause: error,
              details: { lock: this.lockPath, ...(failure.code ? { errno: failure.code } : {}) },
            },
          );
        }
        if (Date.now() >= deadline) {
          throw new MemoryError('BACKEND_UNAVAILABLE', 'timed out waiting for the pattern store write lock', {
            cause: error,
            details: { lock: this.lockPath, timeoutMs: this.options.timeoutMs },
          });
        }
        await sleep(2 + Math.random() * 10);
      }
    }
  }
}
