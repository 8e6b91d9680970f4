import { type RoleName, RoleNameSchema, type TokenInfo, TokenStore } from '@agent-memory/server';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { action, type Cli, type CommandRuntime } from '../command-runtime.js';
import { dataHome } from '../data-home.js';
import { table } from '../format/table.js';
import { parseDuration } from '../option-parsers.js';
import type { Colors } from '../output.js';

interface CreateOptions {
  agent: string;
  role: RoleName;
  namespaces?: string[];
  expires?: number;
  label?: string;
}

/** `a,b` or `*`: the namespaces a token may use. */
function parseNamespaces(value: string): string[] {
  const list = value
    .split(/[\s,]+/)
    .map((ns) => ns.trim())
    .filter(Boolean);
  if (list.length === 0) throw new InvalidArgumentError('must name at least one namespace, or * for all');
  return list;
}

/** The store `agent-memory serve` reads: tokens.json in the data home. */
function storeOf(rt: CommandRuntime): TokenStore {
  return TokenStore.inDataDir(dataHome(rt.io.env));
}

export function configure(tokens: Command, cli: Cli): void {
  tokens.addHelpText(
    'after',
    `
Tokens are kept hashed in ~/.agent-memory/tokens.json ($XDG_DATA_HOME/agent-memory), mode 0600,
beside the server token. A running serve re-reads the file on change: a revoked token is refused
at its next request. The token is printed once, at creation; store it like a password.

Examples:
  $ agent-memory tokens create --agent alice --role validator --label "alice laptop"
  $ agent-memory tokens create --agent ci --namespaces proj-a,proj-b --expires 30d
  $ agent-memory tokens list
  $ agent-memory tokens revoke 4kq2mz7hx3ab`,
  );

  tokens
    .command('create')
    .description('issue a token for one agent; printed once, stored hashed')
    .requiredOption('--agent <id>', 'the agent the token acts as (the server refuses any other agentId)')
    .addOption(
      new Option('--role <role>', 'what it may do').choices(RoleNameSchema.options).default('contributor'),
    )
    .option(
      '--namespaces <list>',
      'namespaces it may use, comma-separated, or * for all (default: the configured namespace)',
      parseNamespaces,
    )
    .option(
      '--expires <duration>',
      'refuse it after this long, e.g. 12h or 30d (default: never)',
      parseDuration,
    )
    .option('--label <text>', 'a note for the list, e.g. whose laptop')
    .addHelpText(
      'after',
      `
Examples:
  $ agent-memory tokens create --agent alice --role validator --label "alice laptop"
  $ agent-memory tokens create --agent ci --namespaces proj-a,proj-b --expires 30d --json`,
    )
    .action(
      action(cli, async (rt, options: CreateOptions) => {
        const namespaces = options.namespaces ?? [(await rt.config()).namespace];
        const { token, info } = await storeOf(rt).create({
          agentId: options.agent,
          role: options.role,
          namespaces,
          ...(options.label === undefined ? {} : { label: options.label }),
          ...(options.expires === undefined ? {} : { expiresAt: Date.now() + options.expires }),
        });
        rt.out.result({ token, ...info }, (_, c) => [
          `issued token ${c.bold(info.id)} for agent ${info.agentId} (${info.role}) in ${info.namespaces.join(', ')}` +
            (info.expiresAt ? `, expires ${info.expiresAt}` : ''),
          token,
          c.dim('shown once: it is stored hashed. Send it as "Authorization: Bearer <token>".'),
        ]);
      }),
    );

  tokens
    .command('list')
    .description('every issued token (never the token itself): id, agent, role, namespaces, state')
    .addHelpText(
      'after',
      `
Examples:
  $ agent-memory tokens list
  $ agent-memory tokens list --json`,
    )
    .action(
      action(cli, async (rt) => {
        const list = await storeOf(rt).list();
        rt.out.result(list, (infos, c) => renderList(infos, c));
      }),
    );

  tokens
    .command('revoke')
    .description('revoke a token by id; a running server refuses it at its next request')
    .argument('<id>', 'the token id (see tokens list)')
    .addHelpText(
      'after',
      `
Examples:
  $ agent-memory tokens revoke 4kq2mz7hx3ab`,
    )
    .action(
      action(cli, async (rt, id: string) => {
        const info = await storeOf(rt).revoke(id);
        rt.out.result(
          info,
          (revoked) => `revoked token ${revoked.id} (agent ${revoked.agentId}) at ${revoked.revokedAt}`,
        );
      }),
    );
}

function stateOf(info: TokenInfo, now = Date.now()): string {
  if (info.revokedAt) return 'revoked';
  if (info.expiresAt && Date.parse(info.expiresAt) <= now) return 'expired';
  return 'active';
}

function renderList(infos: TokenInfo[], c: Colors): string[] {
  if (infos.length === 0) return [c.dim('no tokens issued: agent-memory tokens create --agent <id>')];
  return table(
    ['id', 'agent', 'role', 'namespaces', 'state', 'expires', 'label'],
    infos.map((info) => [
      info.id,
      info.agentId,
      info.role,
      info.namespaces.join(','),
      stateOf(info),
      info.expiresAt ?? '-',
      info.label ?? '',
    ]),
  );
}
