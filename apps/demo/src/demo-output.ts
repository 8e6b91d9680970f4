import pc from 'picocolors';

/** Where the demo writes: process.stdout by default, a string collector in tests. */
export interface DemoOutput {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

export type Colors = ReturnType<typeof pc.createColors>;

/** Colours only on a terminal, and never when NO_COLOR is set, unless the caller decides. */
export function colorsFor(
  output: DemoOutput,
  requested: boolean | undefined,
  env: Record<string, string | undefined>,
): Colors {
  const enabled = requested ?? (output.isTTY === true && env.NO_COLOR === undefined);
  return pc.createColors(enabled);
}

/** Writes whole lines. */
export function printer(output: DemoOutput): (line?: string) => void {
  return (line = '') => {
    output.write(`${line}\n`);
  };
}
