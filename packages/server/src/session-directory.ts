import type { Memory, Session } from 'agent-memory';

const MAX_TRACKED = 1000;

export interface LiveSession extends Session {
  /** Milliseconds before the session expires unless touched. */
  ttlMs: number | null;
}

/**
 * Sessions this server has seen (started, read or updated through it). The SessionStore port has no
 * listing (on Redis that would be a SCAN per page view), so the dashboard shows these, next to the
 * namespace-wide count from `status`.
 */
export class SessionDirectory {
  readonly #ids = new Set<string>();

  constructor(private readonly memory: Memory) {}

  remember(id: string): void {
    this.#ids.delete(id);
    this.#ids.add(id);
    // Oldest first in insertion order: drop from the front.
    for (const old of this.#ids) {
      if (this.#ids.size <= MAX_TRACKED) break;
      this.#ids.delete(old);
    }
  }

  forget(id: string): void {
    this.#ids.delete(id);
  }

  /** The tracked sessions still alive, newest started first; expired ones are forgotten. */
  async live(): Promise<LiveSession[]> {
    const ids = [...this.#ids];
    const found = await Promise.all(
      ids.map(async (id) => {
        const [session, ttlMs] = await Promise.all([
          this.memory.sessions.get(id),
          this.memory.sessions.ttl(id),
        ]);
        return session ? { ...session, ttlMs } : null;
      }),
    );
    const out: LiveSession[] = [];
    found.forEach((session, i) => {
      if (session) out.push(session);
      else this.#ids.delete(ids[i]!);
    });
    return out.sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  }
}
