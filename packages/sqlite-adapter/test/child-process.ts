import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { realpathSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { transpileSources } from './transpile-sources.js';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const coreDir = realpathSync(path.join(packageDir, 'node_modules/@agent-memory/core'));

/**
 * Real OS processes running this package's TypeScript sources: the sources (this package's and
 * core's) are transpiled once into a JSON map that test/workers/ts-hooks.mjs serves to each child,
 * so the tests need no build and work from a fresh clone (Node 20 cannot strip types).
 */
export class Workers {
  private sourcesFile: string | undefined;
  private readonly children = new Set<ChildProcessWithoutNullStreams>();

  constructor(private readonly dir: string) {}

  /** Starts `test/workers/<worker>.ts` with `args` (as user `uid` when given); stdout and stderr are pipes. */
  start(worker: string, args: string[], uid?: number): ChildProcessWithoutNullStreams {
    this.sourcesFile ??= this.transpile();
    const child = spawn(
      process.execPath,
      [
        '--conditions=@agent-memory/source',
        '--import',
        path.join(packageDir, 'test/workers/register-ts-hooks.mjs'),
        path.join(packageDir, `test/workers/${worker}.ts`),
        ...args,
      ],
      {
        env: { ...process.env, SQLITE_ADAPTER_TS_SOURCES: this.sourcesFile },
        ...(uid === undefined ? {} : { uid, gid: uid }),
      },
    );
    this.children.add(child);
    child.on('exit', () => this.children.delete(child));
    return child;
  }

  /** Runs a worker to its end; resolves with its stdout, rejects on a non-zero exit. */
  run(worker: string, args: string[], uid?: number): Promise<string> {
    const child = this.start(worker, args, uid);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    return new Promise((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code, signal) => {
        if (code === 0) resolve(stdout);
        else reject(new Error(`${worker} ${args.join(' ')} exited with ${code ?? signal}: ${stderr}`));
      });
    });
  }

  /** Kills every child still running (afterAll). */
  killAll(): void {
    for (const child of this.children) child.kill('SIGKILL');
  }

  private transpile(): string {
    const file = path.join(this.dir, 'sources.json');
    const sources = transpileSources([
      path.join(packageDir, 'src'),
      path.join(packageDir, 'test/workers'),
      path.join(coreDir, 'src'),
    ]);
    writeFileSync(file, JSON.stringify(sources));
    return file;
  }
}

/** Resolves with the first line of `child`'s stdout that satisfies `match`. */
export function lineMatching(
  child: ChildProcessWithoutNullStreams,
  match: (line: string) => boolean,
): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    let stderr = '';
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      const found = lines.find(match);
      if (found !== undefined) {
        child.stdout.off('data', onData);
        resolve(found);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('exit', (code) => reject(new Error(`child exited (${code}) before the line: ${stderr}`)));
  });
}
