import type { ServerResponse } from 'node:http';

/** A client that lets this much pile up unread is dropped; it reconnects with Last-Event-ID. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

export interface SseMessage {
  id?: string;
  event?: string;
  data: unknown;
}

/** One Server-Sent Events response: framing, keep-alive comments, and a bound on buffering. */
export class SseStream {
  #closed = false;
  #heartbeat: ReturnType<typeof setInterval> | undefined;
  readonly #onClose: (() => void)[] = [];

  constructor(
    private readonly res: ServerResponse,
    options: { heartbeatMs: number; retryMs: number },
  ) {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write(`retry: ${options.retryMs}\n: agent-memory events\n\n`);
    res.on('close', () => this.close());
    this.#heartbeat = setInterval(() => this.#write(': ping\n\n'), options.heartbeatMs);
    this.#heartbeat.unref?.();
  }

  get closed(): boolean {
    return this.#closed;
  }

  send(message: SseMessage): void {
    const lines: string[] = [];
    if (message.event) lines.push(`event: ${message.event}`);
    if (message.id) lines.push(`id: ${message.id}`);
    // JSON.stringify never emits a raw newline, so the payload is always one data line.
    lines.push(`data: ${JSON.stringify(message.data)}`);
    this.#write(`${lines.join('\n')}\n\n`);
  }

  onClose(callback: () => void): void {
    if (this.#closed) callback();
    else this.#onClose.push(callback);
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#heartbeat !== undefined) clearInterval(this.#heartbeat);
    this.res.end();
    for (const callback of this.#onClose.splice(0)) callback();
  }

  #write(chunk: string): void {
    if (this.#closed) return;
    this.res.write(chunk);
    if (this.res.writableLength > MAX_BUFFERED_BYTES) this.close();
  }
}
