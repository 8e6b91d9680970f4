import type { ConversationMessageInput, MessageRole } from 'agent-memory';
import { type Command, Option } from 'commander';
import { action, type Cli } from '../command-runtime.js';
import { resolveUser } from '../default-user.js';
import { renderMessage } from '../format/message-view.js';

interface RememberOptions {
  user?: string;
  role: MessageRole;
  session?: string;
  agent?: string;
}

export function configure(command: Command, cli: Cli): void {
  command
    .argument('<text...>')
    .option('--user <id>', 'whose window (default: AGENT_MEMORY_USER or your login name)')
    .addOption(
      new Option('--role <role>', 'who said it')
        .choices(['user', 'assistant', 'system', 'tool'])
        .default('user'),
    )
    .option('--session <id>', 'session the message belongs to')
    .option('--agent <id>', 'agent that wrote the message')
    .addHelpText(
      'after',
      `
Pass - as the text to read it from stdin.

Examples:
  $ agent-memory remember --user alice "the login bug is in src/auth.ts"
  $ agent-memory remember --user alice --role assistant --agent reviewer-1 "confirmed: == after trim"
  $ git log -1 --format=%B | agent-memory remember --user alice -`,
    )
    .action(
      action(cli, async (rt, words: string[], options: RememberOptions) => {
        const content =
          words.length === 1 && words[0] === '-' ? (await rt.io.readStdin()).trimEnd() : words.join(' ');
        const userId = resolveUser(options.user, rt.io.env);
        const message: ConversationMessageInput = {
          role: options.role,
          content,
          ...(options.session !== undefined ? { sessionId: options.session } : {}),
          ...(options.agent !== undefined ? { agentId: options.agent } : {}),
        };
        const memory = await rt.memory();
        const conversation = memory.conversation(userId);
        const stored = await conversation.append(message);
        const length = await conversation.length();
        rt.out.result({ userId, message: stored, length }, (_, c) => [
          `remembered for ${userId} (${length} in window)`,
          renderMessage(stored, c),
        ]);
      }),
    );
}
