export interface ReceivedEvent {
  id?: string;
  event: string;
  data: unknown;
}

/**
 * A minimal Server-Sent Events reader over fetch, for tests: parses frames into a queue that
 * `next()` waits on, and `close()` drops the connection the way a network failure would.
 */
export class SseClient {
  readonly received: ReceivedEvent[] = [];
  readonly #waiters: (() => void)[] = [];
  readonly #abort = new AbortController();
  #read = 0;
  status = 0;

  static async connect(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
    const client = new SseClient();
    const response = await fetch(url, { headers, signal: client.#abort.signal });
    client.status = response.status;
    if (!response.ok || !response.body) {
      client.received.push({ event: 'http-error', data: await response.text() });
      return client;
    }
    void client.#pump(response.body);
    return client;
  }

  /** The next event not returned yet, waiting up to `timeoutMs`. */
  async next(timeoutMs = 5000): Promise<ReceivedEvent> {
    const deadline = Date.now() + timeoutMs;
    while (this.#read >= this.received.length) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no SSE event within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.received[this.#read++]!;
  }

  /** Waits for the next `count` default (message) events, skipping ready/error frames. */
  async messages(count: number, timeoutMs = 5000): Promise<ReceivedEvent[]> {
    const out: ReceivedEvent[] = [];
    while (out.length < count) {
      const event = await this.next(timeoutMs);
      if (event.event === 'message') out.push(event);
    }
    return out;
  }

  close(): void {
    this.#abort.abort();
  }

  async #pump(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of body) {
        buffer += decoder.decode(chunk, { stream: true });
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          this.#frame(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf('\n\n');
        }
      }
    } catch {
      // aborted by close(): the test decided to disconnect
    }
  }

  #frame(frame: string): void {
    let id: string | undefined;
    let event = 'message';
    const data: string[] = [];
    for (const line of frame.split('\n')) {
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'id') id = value;
      else if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
    if (data.length === 0) return;
    this.received.push({ ...(id === undefined ? {} : { id }), event, data: JSON.parse(data.join('\n')) });
    for (const wake of this.#waiters.splice(0)) wake();
  }
}
