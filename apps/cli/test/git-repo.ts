import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A git repository with an identity and one commit per `commits` entry (a subject and a file it touches). */
export function makeGitRepo(dir: string, commits: { subject: string; file: string }[] = []): string {
  mkdirSync(dir, { recursive: true });
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' });
  git('init', '-q', '-b', 'main');
  git('config', 'user.name', 'CLI Test');
  git('config', 'user.email', 'cli-test@example.com');
  git('config', 'commit.gpgsign', 'false');
  git('commit', '-q', '--allow-empty', '-m', 'initial commit');
  for (const [i, commit] of commits.entries()) {
    const path = join(dir, commit.file);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, `change ${i}\n`);
    git('add', commit.file);
    git('commit', '-q', '-m', commit.subject);
  }
  return dir;
}

export function gitOutput(dir: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: dir, encoding: 'utf8' });
}
