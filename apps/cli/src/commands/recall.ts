import type { Command } from 'commander';
import { action, type Cli } from '../command-runtime.js';
import { resolveUser } from '../default-user.js';
import { renderMessage } from '../format/message-view.js';
import { parsePositiveInt } from '../option-parsers.js';

export function registerRecall(program: Command, cli: Cli): void {
  program
    .command('recall')
    .description("print the newest messages of a user's conversation window, newest first")
    .option('--user <id>', 'whose window (default: AGENT_MEMORY_USER or your login name)')
    .option('-n, --limit <n>', 'how many messages', parsePositiveInt, 10)
    .option('--clear', 'forget the whole window instead')
    .addHelpText(
      'after',
      `
Examples:
  $ agent-memory recall --user alice
  $ agent-memory recall --user alice -n 3 --json | jq -r '.messages[].content'
  $ agent-memory recall --user alice --clear`,
    )
    .action(
      action(cli, async (rt, options: { user?: string; limit: number; clear?: boolean }) => {
        const userId = resolveUser(options.user, rt.io.env);
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
