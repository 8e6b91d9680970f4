import { type Command, Help } from 'commander';
import type { Cli } from './command-runtime.js';

/** What a command's module exports: it gives its command arguments, options, help text and action. */
export interface CommandModule {
  configure(command: Command, cli: Cli): void;
}

/** One command of a lazily loaded group: what the group's help lists, and where its code is. */
export interface LazyCommandSpec {
  /** As the parent's help lists it: the name, `[options]` when it has any, then its arguments. */
  term: string;
  description: string;
  load: () => Promise<CommandModule>;
}

interface Pending {
  term: string;
  load: () => Promise<void>;
}

const pending = new WeakMap<Command, Pending>();

/**
 * Adds commands whose code is imported only when one of them runs or shows its own help, so a call
 * pays for its command alone (`--version` for none). The parent's help lists every command from its
 * spec; `help <command>` loads the command first.
 */
export function addLazyCommands(parent: Command, cli: Cli, specs: readonly LazyCommandSpec[]): void {
  for (const spec of specs) {
    const [name = ''] = spec.term.split(' ');
    const command = parent.command(name).description(spec.description);
    let loading: Promise<void> | undefined;
    pending.set(command, {
      term: spec.term,
      load: () => {
        loading ??= spec.load().then((module) => {
          module.configure(command, cli);
          pending.delete(command);
        });
        return loading;
      },
    });
  }
  parent.hook('preSubcommand', (_parent, command) => loadCommand(command));
  parent.configureHelp({
    subcommandTerm(this: Help, command: Command): string {
      return pending.get(command)?.term ?? Help.prototype.subcommandTerm.call(this, command);
    },
  });
  // Commander's own `help <command>` prints without dispatching, so it would show a bare stub.
  parent.helpCommand(false);
  parent
    .command('help [command]')
    .description('display help for command')
    .action(async (name: string | undefined) => {
      if (name === undefined) parent.help();
      const command = parent.commands.find((c) => c.name() === name || c.aliases().includes(name));
      if (!command || command.name() === 'help') parent.help({ error: true });
      await loadCommand(command);
      command.help();
    });
}

/** Imports and configures a lazily added command; nothing for a command that is already whole. */
export async function loadCommand(command: Command): Promise<void> {
  await pending.get(command)?.load();
}

/** Loads every lazy command under `root`, for callers that walk the whole tree (tests, docs). */
export async function loadAllCommands(root: Command): Promise<void> {
  for (const command of root.commands) {
    await loadCommand(command);
    await loadAllCommands(command);
  }
}
