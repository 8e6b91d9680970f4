import { MemoryError } from 'agent-memory';

/** What one MCP connection remembers between calls: the session it started or last opened. */
export class ConnectionState {
  currentSessionId: string | undefined;
  currentUserId: string | undefined;

  sessionId(given: string | undefined): string {
    const id = given ?? this.currentSessionId;
    if (id === undefined) {
      throw new MemoryError('INVALID_INPUT', 'no sessionId given and no session started on this connection', {
        details: { field: 'sessionId' },
      });
    }
    return id;
  }

  userId(given: string | undefined): string {
    const id = given ?? this.currentUserId;
    if (id === undefined) {
      throw new MemoryError('INVALID_INPUT', 'no userId given and no session started on this connection', {
        details: { field: 'userId' },
      });
    }
    return id;
  }
}
