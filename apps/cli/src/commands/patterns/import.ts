import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { MemoryError, type PatternInput, toMemoryError } from 'agent-memory';
import type { Command } from 'commander';
import { action, type Cli, type CommandRuntime } from '../../command-runtime.js';
import { resolveUser } from '../../default-user.js';
import { requirePatterns } from '../../memory-opener.js';
import { saveInBatches } from '../../pattern-batches.js';

export function registerPatternsImport(patterns: Command, cli: Cli): void {
  patterns
    .command('import <file>')
    .description('bulk-save patterns from a JSON array or JSON lines file (- for stdin)')
    .option('--message <text>', 'note added to the commit message')
    .addHelpText(
      'after',
      `
Each entry is a pattern as \`patterns show --json\` prints it (kind, title, summary, body, tags,
files, …); entries without an author get yours. Entries with an id update that pattern.

Examples:
  $ agent-memory patterns import team-decisions.json
  $ agent-memory patterns list --json --patterns-repo ../old | agent-memory patterns import -`,
    )
    .action(
      action(cli, async (rt, file: string, options: { message?: string }) => {
        const entries = parseEntries(await readSource(rt, file), file);
        const author = resolveUser(undefined, rt.io.env);
        const inputs = entries.map((entry) => ({ author, ...entry }) as PatternInput);
        const memory = await rt.memory({ patterns: true, shortTerm: false });
        const saved = await saveInBatches(
          requirePatterns(memory),
          inputs,
          { message: options.message ?? `import ${inputs.length} patterns` },
          rt.out,
          'importing',
        );
        rt.out.result({ saved: saved.map((p) => p.id) }, (r) => `imported ${r.saved.length} patterns`);
      }),
    );
}

async function readSource(rt: CommandRuntime, file: string): Promise<string> {
  if (file === '-') return rt.io.readStdin();
  try {
    return await readFile(resolve(rt.io.cwd, file), 'utf8');
  } catch (error) {
    throw toMemoryError(error, 'INVALID_INPUT', `cannot read ${file}`);
  }
}

/** A JSON array, `{ "patterns": [...] }`, one pattern object, or one JSON object per line. */
function parseEntries(text: string, file: string): Record<string, unknown>[] {
  if (text.trim() === '') return [];
  const values = wholeDocument(text) ?? jsonLines(text, file);
  values.forEach((value, index) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new MemoryError('INVALID_INPUT', `${file}: entry ${index + 1} is not a JSON object`);
    }
  });
  return values as Record<string, unknown>[];
}

function wholeDocument(text: string): unknown[] | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (Array.isArray(doc)) return doc;
  const wrapped = (doc as { patterns?: unknown } | null)?.patterns;
  return Array.isArray(wrapped) ? wrapped : [doc];
}

function jsonLines(text: string, file: string): unknown[] {
  return text
    .split('\n')
    .map((line, index) => ({ line: line.trim(), number: index + 1 }))
    .filter(({ line }) => line !== '')
    .map(({ line, number }) => {
      try {
        return JSON.parse(line) as unknown;
      } catch (error) {
        throw toMemoryError(error, 'INVALID_INPUT', `${file} line ${number} is not JSON`);
      }
    });
}
