/** A plain-text table; numbers (and anything marked right-aligned) line up on the right. */
export function renderTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  rightAligned: readonly number[] = [],
): string[] {
  const widths = header.map((h, i) =>
    Math.max(visibleLength(h), ...rows.map((r) => visibleLength(r[i] ?? ''))),
  );
  const format = (cells: readonly string[]) =>
    cells
      .map((cell, i) => {
        const pad = ' '.repeat(Math.max(0, widths[i]! - visibleLength(cell)));
        return rightAligned.includes(i) ? pad + cell : cell + pad;
      })
      .join('  ')
      .trimEnd();
  return [format(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(format)];
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI colour codes are what we skip
const ANSI = /\u001b\[[0-9;]*m/g;

function visibleLength(text: string): number {
  return text.replace(ANSI, '').length;
}
