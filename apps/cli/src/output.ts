import type { Writable } from 'node:stream';
import pc from 'picocolors';

export type Colors = ReturnType<typeof pc.createColors>;

export interface OutputStreams {
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
}

/**
 * Everything a command prints goes through here: results on stdout (JSON with --json), warnings and
 * notes on stderr so stdout stays parseable. Colours only on a terminal, never with NO_COLOR.
 */
export class Output {
  readonly colors: Colors;
  readonly errColors: Colors;

  constructor(
    readonly json: boolean,
    readonly verbose: boolean,
    private readonly streams: OutputStreams,
  ) {
    const allowed = pc.isColorSupported && !streams.env.NO_COLOR;
    this.colors = pc.createColors(allowed && streams.stdout.isTTY === true);
    this.errColors = pc.createColors(allowed && streams.stderr.isTTY === true);
  }

  /** True when progress bars may draw (a terminal on stderr, and not --json). */
  get interactive(): boolean {
    return !this.json && this.streams.stderr.isTTY === true;
  }

  get stderr(): Writable {
    return this.streams.stderr;
  }

  /** Prints a result: as JSON with --json, otherwise as the lines `render` makes of it. */
  result<T>(value: T, render: (value: T, colors: Colors) => string | string[]): void {
    if (this.json) {
      this.writeJson(value);
      return;
    }
    const text = render(value, this.colors);
    for (const line of Array.isArray(text) ? text : [text]) this.line(line);
  }

  /** One JSON document per line (NDJSON), what --json output is made of. */
  writeJson(value: unknown): void {
    this.streams.stdout.write(`${JSON.stringify(value)}\n`);
  }

  line(text = ''): void {
    this.streams.stdout.write(`${text}\n`);
  }

  /** A note for a person (stderr); silent with --json unless it is a warning. */
  note(text: string): void {
    if (!this.json) this.streams.stderr.write(`${this.errColors.dim(text)}\n`);
  }

  /** A note that tells a script something too (e.g. "now following"): stderr, even with --json. */
  info(text: string): void {
    this.streams.stderr.write(`${this.errColors.dim(text)}\n`);
  }

  warn(text: string): void {
    this.streams.stderr.write(`${this.errColors.yellow('warning')}: ${text}\n`);
  }

  debug(text: string): void {
    if (this.verbose) this.streams.stderr.write(`${this.errColors.dim(`debug: ${text}`)}\n`);
  }

  error(text: string): void {
    this.streams.stderr.write(`${text}\n`);
  }
}

/** For text that ends up in error messages and JSON: never colour escapes. */
export const plainColors: Colors = pc.createColors(false);
