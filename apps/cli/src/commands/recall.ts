import type { RecallOptions } from 'agent-memory';
import { type Command, Option } from 'commander';
import { action, type Cli } from '../command-runtime.js';
import { resolveUser } from '../default-user.js';
import { renderMessage } from '../format/message-view.js';
import { renderRecallHit } from '../format/recall-view.js';
import { collect, parsePositiveInt } from '../option-parsers.js';

interface RecallCliOptions {
  user?: string;
  limit: number;
  clear?: boolean;
  semantic?: boolean;
  scope: 'all' | 'patterns' | 'conversation';
  kind?: string[];
  tag?: string[];
}

export function configure(command: Command, cli: Cli): void {
  command
    .argument('[query...]', 'what to look for (with --semantic)')
    .option('--user <id>', 'whose window (default: AGENT_MEMORY_USER or your login name)')
    .option('-n, --limit <n>', 'how many messages (or hits)', parsePositiveInt, 10)
    .option('--clear', 'forget the whole window instead')
    .option('--semantic', 'search patterns and the conversation for the query, even when the words differ')
    .addOption(
      new Option('--scope <scope>', 'with --semantic: where to look')
        .choices(['all', 'patterns', 'conversation'])
        .default('all'),
    )
    .option('--kind <kind>', 'with --semantic: only patterns of this kind (repeatable)', collect)
    .option('--tag <tag>', 'with --semantic: only hits carrying this tag (repeatable)', collect)
    .addHelpText(
      'after',
      `
Examples:
  $ agent-memory recall --user alice
  $ agent-memory recall --user alice -n 3 --json | jq -r '.messages[].content'
  $ agent-memory recall --user alice --clear
  $ agent-memory recall --semantic "why do logins time out"
  $ agent-memory recall --semantic --scope conversation --user alice "the port we agreed on"

--semantic embeds with the built-in lexical embedder, or with an OpenAI-compatible endpoint when
AGENT_MEMORY_EMBEDDINGS_URL (+ _MODEL, _DIMENSIONS, _API_KEY) is set (OpenAI, Ollama, vLLM, LM Studio).`,
    )
    .action(
      action(cli, async (rt, words: string[], options: RecallCliOptions) => {
        const userId = resolveUser(options.user, rt.io.env);
        if (options.semantic || words.length > 0) {
          const query = words.join(' ');
          const memory = await rt.memory({ patterns: options.scope !== 'conversation' });
          const recallOptions: RecallOptions = {
            scope: options.scope,
            k: options.limit,
            filters: {
              ...(options.kind
                ? { kind: options.kind as NonNullable<RecallOptions['filters']>['kind'] }
                : {}),
              ...(options.tag ? { tags: options.tag } : {}),
            },
            ...(options.scope !== 'patterns' ? { userId } : {}),
          };
          const hits = await memory.recall(query, recallOptions);
          rt.out.result({ query, hits }, (_, c) =>
            hits.length > 0
              ? hits.map((hit) => renderRecallHit(hit, c))
              : c.dim(`nothing recalled for "${query}"`),
          );
          return;
        }
        const memory = await rt.memory();
        const conversation = memory.conversation(userId);
        if (options.clear) {
          await conversation.clear();
          rt.out.result({ userId, cleared: true }, () => `forgot the conversation window of ${userId}`);
          return;
        }
        const messages = await conversation.recent(options.limit);
        rt.out.result({ userId, messages }, (_, c) =>
          messages.length > 0 ? messages.map((m) => renderMessage(m, c)) : c.dim(`no messages for ${userId}`),
        );
      }),
    );
}
