import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { type PatternInput, PatternKindSchema, toMemoryError } from 'agent-memory';
import { type Command, Option } from 'commander';
import { action, type Cli, type CommandRuntime } from '../../command-runtime.js';
import { resolveUser } from '../../default-user.js';
import { renderPattern } from '../../format/pattern-view.js';
import { requirePatterns } from '../../memory-opener.js';
import { collect, parseConfidence } from '../../option-parsers.js';

interface AddOptions {
  kind: PatternInput['kind'];
  title: string;
  summary?: string;
  body?: string;
  bodyFile?: string;
  tag?: string[];
  file?: string[];
  confidence?: number;
  author?: string;
  id?: string;
  supersedes?: string[];
  link?: string[];
  message?: string;
  agent?: string;
  session?: string;
}

export function registerPatternsAdd(patterns: Command, cli: Cli): void {
  patterns
    .command('add')
    .description('save a pattern (one commit); with --id of an existing pattern, update it')
    .addOption(
      new Option('--kind <kind>', 'what it is').choices(PatternKindSchema.options).makeOptionMandatory(),
    )
    .requiredOption('--title <title>', 'one-line title')
    .option('--summary <text>', 'short summary')
    .option('--body <markdown>', 'Markdown body')
    .option('--body-file <file>', 'read the body from a file (- for stdin)')
    .option('--tag <tag>', 'tag (repeatable)', collect)
    .option('--file <path>', 'repository path it is about (repeatable)', collect)
    .option('--confidence <0..1>', 'how sure (default 0.5)', parseConfidence)
    .option('--author <id>', 'author (default: AGENT_MEMORY_USER or your login name)')
    .option('--id <id>', 'pattern id (generated when omitted)')
    .option('--supersedes <id>', 'id of a pattern this one replaces (repeatable)', collect)
    .option('--link <url>', 'link, e.g. an issue or commit:<sha> (repeatable)', collect)
    .option('--message <text>', 'note added to the commit message')
    .option('--agent <id>', 'agent writing it (an Agent-Id trailer on the commit)')
    .option('--session <id>', 'session it came from (a Session-Id trailer)')
    .addHelpText(
      'after',
      `
Secrets found in the text are redacted before anything is written (patterns.secrets: redact|refuse).

Examples:
  $ agent-memory patterns add --kind bug-fix --title "Trim before comparing passwords" \\
      --summary "login() compared with == after trim" --file src/auth.ts --tag auth --confidence 0.9
  $ agent-memory patterns add --kind architecture-decision --title "Redis for short-term state" --body-file adr.md`,
    )
    .action(
      action(cli, async (rt, options: AddOptions) => {
        const body = options.bodyFile !== undefined ? await readBody(rt, options.bodyFile) : options.body;
        const input: PatternInput = {
          kind: options.kind,
          title: options.title,
          author: resolveUser(options.author, rt.io.env),
          ...(options.id !== undefined ? { id: options.id } : {}),
          ...(options.summary !== undefined ? { summary: options.summary } : {}),
          ...(body !== undefined ? { body } : {}),
          ...(options.tag !== undefined ? { tags: options.tag } : {}),
          ...(options.file !== undefined ? { files: options.file } : {}),
          ...(options.confidence !== undefined ? { confidence: options.confidence } : {}),
          ...(options.supersedes !== undefined ? { supersedes: options.supersedes } : {}),
          ...(options.link !== undefined ? { links: options.link } : {}),
        };
        const memory = await rt.memory({ patterns: true, shortTerm: false });
        const store = requirePatterns(memory);
        const saved = await store.save(input, {
          ...(options.message !== undefined ? { message: options.message } : {}),
          ...(options.agent !== undefined ? { agentId: options.agent } : {}),
          ...(options.session !== undefined ? { sessionId: options.session } : {}),
        });
        rt.out.result(saved, (p, c) => [`saved ${c.bold(p.id)}`, '', ...renderPattern(p, c)]);
      }),
    );
}

async function readBody(rt: CommandRuntime, file: string): Promise<string> {
  if (file === '-') return rt.io.readStdin();
  try {
    return await readFile(resolve(rt.io.cwd, file), 'utf8');
  } catch (error) {
    throw toMemoryError(error, 'INVALID_INPUT', `cannot read --body-file ${file}`);
  }
}
