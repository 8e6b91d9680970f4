import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { type Command, Help } from 'commander';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIo } from './command-runtime.js';
import { loadAllCommands } from './lazy-command.js';
import { buildProgram } from './program.js';
import { runCli } from './run-cli.js';

const home = mkdtempSync(join(tmpdir(), 'agent-memory-cli-unit-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

function io(env: NodeJS.ProcessEnv = {}) {
  const stdout = new Capture();
  const stderr = new Capture();
  const value: CliIo = {
    stdout,
    stderr,
    env: { XDG_DATA_HOME: home, AGENT_MEMORY_USER: 'unit', AGENT_MEMORY_PATTERNS: 'off', ...env },
    cwd: home,
    readStdin: async () => '',
  };
  return { io: value, stdout, stderr };
}

const run = async (...args: string[]) => {
  const streams = io();
  const code = await runCli(['node', 'agent-memory', ...args], streams.io);
  return { code, stdout: streams.stdout.text, stderr: streams.stderr.text };
};

function commandPaths(command: Command, prefix: string[] = []): string[][] {
  return command.commands
    .filter((sub) => sub.name() !== 'help')
    .flatMap((sub) => [[...prefix, sub.name()], ...commandPaths(sub, [...prefix, sub.name()])]);
}

describe('runCli', () => {
  it('prints help with examples for the program and every command, exit 0', async () => {
    const top = await run('--help');
    expect(top.code).toBe(0);
    expect(top.stdout).toContain('Usage: agent-memory');
    expect(top.stdout).toContain('memory.db');
    const program = buildProgram({ io: io().io, exitCode: 0 });
    await loadAllCommands(program);
    const paths = commandPaths(program);
    expect(paths.map((p) => p.join(' '))).toEqual(
      expect.arrayContaining([
        'serve',
        'status',
        'session start',
        'tasks claim',
        'events tail',
        'patterns extract',
        'promote',
      ]),
    );
    for (const path of paths) {
      const help = await run(...path, '--help');
      expect(help.code, path.join(' ')).toBe(0);
      expect(help.stdout, path.join(' ')).toContain('Examples:\n  $ agent-memory ');
    }
  });

  it('lists every command in the overview as it is once loaded', async () => {
    const lazy = buildProgram({ io: io().io, exitCode: 0 });
    const listed = lazy.commands.map((command) => lazy.createHelp().subcommandTerm(command));
    const loaded = buildProgram({ io: io().io, exitCode: 0 });
    await loadAllCommands(loaded);
    expect(listed).toEqual(loaded.commands.map((command) => new Help().subcommandTerm(command)));
    // Loading a command is what running it does first: the stub had no options or arguments.
    expect(lazy.commands.find((c) => c.name() === 'remember')?.registeredArguments).toHaveLength(0);
    const remember = await run('help', 'remember');
    expect(remember.code).toBe(0);
    expect(remember.stdout).toContain('--role <role>');
  });

  it('turns usage mistakes into one INVALID_INPUT line and exit 2', async () => {
    const unknown = await run('status', '--nope');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe("error [INVALID_INPUT]: unknown option '--nope' (see --help)\n");
    const badNumber = await run('recall', '-n', 'many');
    expect(badNumber.code).toBe(2);
    expect(badNumber.stderr).toMatch(
      /^error \[INVALID_INPUT\]: option '-n, --limit <n>' argument 'many' is invalid\. must be a positive whole number/,
    );
    const badRole = await run('remember', '--role', 'robot', 'hi');
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toMatch(
      /^error \[INVALID_INPUT\]: option '--role <role>' argument 'robot' is invalid/,
    );
    const noToken = await run('tasks', 'complete', 'x', '--agent', 'a');
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toMatch(/^error \[INVALID_INPUT\]: required option '--token <n>' not specified/);
    const badJson = await run('session', 'start', '--context', '{nope');
    expect(badJson.code).toBe(2);
    expect(badJson.stderr).toMatch(
      /^error \[INVALID_INPUT\]: option '--context <json>' argument '\{nope' is invalid/,
    );
    expect(badJson.stderr.trim().split('\n')).toHaveLength(1);
    const badSince = await run('audit', '--since', 'yesterday');
    expect(badSince.code).toBe(2);
    const group = await run('session');
    expect(group.code).toBe(2);
    expect(group.stderr).toContain('Usage: agent-memory session');
  });

  it('exits 2 for input the domain refuses, with the stack only under --verbose', async () => {
    const badId = await run('session', 'show', 'not valid');
    expect(badId.code).toBe(2);
    expect(badId.stderr).toMatch(/^error \[INVALID_INPUT\]: invalid session id "not valid": .*\n$/);
    const verbose = await run('session', 'show', 'not valid', '--verbose');
    expect(verbose.code).toBe(2);
    expect(verbose.stderr.split('\n')[0]).toBe(badId.stderr.trim());
    expect(verbose.stderr).toContain('MemoryError: invalid session id');
    expect(verbose.stderr).toMatch(/\n\s+at /);
  });

  it('prints the version', async () => {
    const version = await run('--version');
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('runs a command in local mode and keeps its state for the next run', async () => {
    const started = await run('session', 'start', '--id', 'in-process', '--json');
    expect(started.code, started.stderr).toBe(0);
    expect(JSON.parse(started.stdout)).toMatchObject({ id: 'in-process', userId: 'unit', project: home });
    const shown = await run('session', 'show', 'in-process');
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toMatch(/^user\s+unit$/m);
    const config = await run('status', '--config', join(home, 'missing.json'));
    expect(config.code).toBe(1);
    expect(config.stderr).toMatch(/^error \[NOT_FOUND\]: config file not found: /);
  });
});
