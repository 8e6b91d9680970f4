import { MemoryError, type Pattern } from '@agent-memory/core';
import { writeFileAtomic } from './atomic-file.js';
import type { GitRunner } from './git-runner.js';
import { parsePatternFile, serializePattern } from './pattern-file.js';
import type { PatternPaths } from './pattern-paths.js';

/** How one conflicting pattern file was settled. Nothing is dropped: each side survives somewhere. */
export interface SyncConflict {
  /** The pattern both sides changed. It keeps the remote version. */
  id: string;
  file: string;
  /**
   * `kept-both`: the local edit was saved as a new pattern (`localCopyId`) that supersedes `id`
   * and is tagged `sync-conflict`. `kept-remote`: the local side had deleted it; the remote edit stays.
   * `kept-local`: the remote side had deleted it; the local edit stays.
   */
  resolution: 'kept-both' | 'kept-remote' | 'kept-local';
  localCopyId: string | null;
}

export interface SyncResult {
  remote: string;
  branch: string;
  /** Commits received from the remote. */
  pulled: number;
  /** Commits sent to the remote. */
  pushed: number;
  conflicts: SyncConflict[];
  head: string | null;
}

export interface SyncDeps {
  git: GitRunner;
  paths: PatternPaths;
  remote: string;
  branch: string | undefined;
  now: () => Date;
  newId: (title: string) => string;
}

export const CONFLICT_TAG = 'sync-conflict';
const PUSH_ATTEMPTS = 5;
const MAX_REBASE_STEPS = 10_000;

/**
 * Fetch, rebase local commits onto the remote branch (fast-forward when there are none), push.
 * A rebase stop on a pattern file is settled without losing either side (see SyncConflict); a stop
 * on any other file aborts the rebase and fails with CONFLICT, leaving the repository as it was.
 * A push rejected because someone pushed meanwhile starts over from the fetch.
 */
export async function syncWithRemote(deps: SyncDeps): Promise<SyncResult> {
  const { git, remote } = deps;
  const remoteUrl = await git.run(['remote', 'get-url', remote], { okExitCodes: [2, 128] });
  if (remoteUrl.exitCode !== 0) {
    throw new MemoryError('NOT_FOUND', `no git remote named ${JSON.stringify(remote)}`, {
      details: { remote },
    });
  }
  const branch = deps.branch ?? (await currentBranch(git));
  const tracking = `refs/remotes/${remote}/${branch}`;
  const conflicts: SyncConflict[] = [];
  let pulled = 0;
  for (let attempt = 1; ; attempt++) {
    const fetched = await git.run(
      ['fetch', '--quiet', '--no-tags', remote, `+refs/heads/${branch}:${tracking}`],
      {
        network: true,
        okExitCodes: [128],
      },
    );
    const remoteExists = fetched.exitCode === 0;
    if (!remoteExists && !/couldn't find remote ref/i.test(fetched.stdout)) {
      throw new MemoryError('BACKEND_UNAVAILABLE', `git fetch ${remote} failed: ${fetched.stdout.trim()}`, {
        details: { remote, branch },
      });
    }
    const head = await revParse(git, 'HEAD');
    if (remoteExists) {
      const upstream = (await revParse(git, tracking)) as string;
      if (head === null) {
        await git.run(['merge', '--ff-only', '--quiet', upstream]);
        pulled += await countCommits(git, upstream);
      } else {
        const incoming = await countCommits(git, `HEAD..${upstream}`);
        pulled += incoming;
        const outgoing = await countCommits(git, `${upstream}..HEAD`);
        if (incoming > 0 && outgoing === 0) {
          await fastForward(git, upstream);
        } else if (incoming > 0) {
          await rebaseKeepingBoth(deps, upstream, conflicts);
        }
      }
    }
    const newHead = await revParse(git, 'HEAD');
    if (newHead === null) return { remote, branch, pulled, pushed: 0, conflicts, head: null };
    const pushed = remoteExists
      ? await countCommits(git, `${tracking}..HEAD`)
      : await countCommits(git, 'HEAD');
    if (pushed === 0) return { remote, branch, pulled, pushed, conflicts, head: newHead };
    const push = await git.run(['push', '--quiet', '--porcelain', remote, `HEAD:refs/heads/${branch}`], {
      network: true,
      okExitCodes: [1, 128],
    });
    if (push.exitCode === 0) {
      await git.run(['update-ref', tracking, newHead]);
      return { remote, branch, pulled, pushed, conflicts, head: newHead };
    }
    const rejected = /rejected|fetch first|non-fast-forward/i.test(push.stdout);
    if (!rejected || attempt >= PUSH_ATTEMPTS) {
      throw new MemoryError(
        rejected ? 'CONFLICT' : 'BACKEND_UNAVAILABLE',
        `git push ${remote} failed: ${push.stdout.trim()}`,
        {
          details: { remote, branch, attempts: attempt },
        },
      );
    }
  }
}

async function fastForward(git: GitRunner, upstream: string): Promise<void> {
  const merged = await git.run(['merge', '--ff-only', '--quiet', upstream], { okExitCodes: [1, 128] });
  if (merged.exitCode !== 0) {
    throw new MemoryError('CONFLICT', `cannot fast-forward: ${merged.stdout.trim()}`, {
      details: { upstream },
    });
  }
}

/** The rebase loop: each stop is settled, committed with the original message plus a note, and continued. */
async function rebaseKeepingBoth(deps: SyncDeps, upstream: string, conflicts: SyncConflict[]): Promise<void> {
  const { git } = deps;
  const copies = new Map<string, string>();
  let step = await git.run(['rebase', '--autostash', '--quiet', upstream], { okExitCodes: [1, 128] });
  for (let i = 0; step.exitCode !== 0; i++) {
    const unmerged = await unmergedFiles(git);
    const foreign = unmerged.filter((rel) => deps.paths.parseRel(rel) === null);
    if (unmerged.length === 0 || foreign.length > 0 || i > MAX_REBASE_STEPS) {
      await git.run(['rebase', '--abort'], { okExitCodes: [1, 128] });
      throw new MemoryError(
        'CONFLICT',
        `sync stopped on files the store does not own; resolve by hand: ${foreign.join(', ') || step.stdout.trim()}`,
        {
          details: { files: foreign },
        },
      );
    }
    const notes: string[] = [];
    for (const rel of unmerged) {
      const conflict = await settle(deps, rel, copies);
      conflicts.push(conflict);
      notes.push(
        `Sync-Conflict: ${conflict.id} ${conflict.resolution}${conflict.localCopyId ? ` ${conflict.localCopyId}` : ''}`,
      );
    }
    const staged = await git.run(['diff', '--cached', '--quiet'], { okExitCodes: [1] });
    if (staged.exitCode === 0) {
      step = await git.run(['rebase', '--skip'], { okExitCodes: [1, 128] });
      continue;
    }
    // The settled commit keeps the replayed commit's author, date and message (trailers included).
    const [name = '', email = '', date = '', ...message] = (
      await git.text(['log', '-1', '--format=%an%x00%ae%x00%aI%x00%B', 'REBASE_HEAD'])
    ).split('\0');
    await git.run([
      'commit',
      '--no-verify',
      `--author=${name} <${email}>`,
      `--date=${date}`,
      '-m',
      `${message.join('\0').trimEnd()}\n${notes.join('\n')}`,
    ]);
    step = await git.run(['rebase', '--continue'], { okExitCodes: [1, 128] });
  }
}

/**
 * During a rebase, stage 2 is the remote side (what we rebase onto) and stage 3 the local commit
 * being replayed. The remote version keeps the file; a local edit becomes a superseding copy.
 */
async function settle(deps: SyncDeps, rel: string, copies: Map<string, string>): Promise<SyncConflict> {
  const { git, paths } = deps;
  const location = paths.parseRel(rel);
  if (!location) throw new MemoryError('INTERNAL', `not a pattern file: ${rel}`);
  const stages = await stageBlobs(git, rel);
  const remoteText = stages.has(2) ? await git.text(['show', `:2:${rel}`]) : null;
  const localText = stages.has(3) ? await git.text(['show', `:3:${rel}`]) : null;
  const abs = paths.absFile(location.kind, location.id);
  if (remoteText !== null && localText === null) {
    await writeFileAtomic(abs, remoteText);
    await git.run(['add', '--force', '--', rel]);
    return { id: location.id, file: rel, resolution: 'kept-remote', localCopyId: null };
  }
  if (remoteText === null && localText !== null) {
    await writeFileAtomic(abs, localText);
    await git.run(['add', '--force', '--', rel]);
    return { id: location.id, file: rel, resolution: 'kept-local', localCopyId: null };
  }
  if (remoteText === null || localText === null) {
    await git.run(['rm', '--cached', '--quiet', '--ignore-unmatch', '--', rel]);
    return { id: location.id, file: rel, resolution: 'kept-remote', localCopyId: null };
  }
  const local = parsePatternFile(localText, `${rel} (local side)`);
  const copyId = copies.get(location.id) ?? deps.newId(local.title);
  copies.set(location.id, copyId);
  const copy: Pattern = {
    ...local,
    id: copyId,
    supersedes: unique([...local.supersedes.filter((id) => id !== copyId), location.id]),
    tags: unique([...local.tags, CONFLICT_TAG]),
    updated: deps.now().toISOString(),
  };
  await writeFileAtomic(abs, remoteText);
  await paths.ensureKindDir(copy.kind);
  await writeFileAtomic(paths.absFile(copy.kind, copyId), serializePattern(copy));
  await git.run(['add', '--force', '--', rel, paths.relFile(copy.kind, copyId)]);
  return { id: location.id, file: rel, resolution: 'kept-both', localCopyId: copyId };
}

async function unmergedFiles(git: GitRunner): Promise<string[]> {
  const out = await git.text(['diff', '--name-only', '-z', '--diff-filter=U']);
  return [...new Set(out.split('\0').filter(Boolean))];
}

async function stageBlobs(git: GitRunner, rel: string): Promise<Set<number>> {
  const out = await git.text(['ls-files', '--unmerged', '-z', '--', rel]);
  const stages = new Set<number>();
  for (const entry of out.split('\0').filter(Boolean)) {
    const stage = Number(entry.split('\t')[0]?.split(' ')[2]);
    if (stage) stages.add(stage);
  }
  return stages;
}

async function currentBranch(git: GitRunner): Promise<string> {
  const result = await git.run(['symbolic-ref', '--quiet', '--short', 'HEAD'], { okExitCodes: [1, 128] });
  const name = result.stdout.trim();
  if (result.exitCode !== 0 || !name) {
    throw new MemoryError('CONFLICT', 'HEAD is detached: pass the branch to sync with in the options');
  }
  return name;
}

async function revParse(git: GitRunner, ref: string): Promise<string | null> {
  const result = await git.run(['rev-parse', '--verify', '--quiet', ref], { okExitCodes: [1, 128] });
  const sha = result.stdout.trim();
  return result.exitCode === 0 && sha ? sha : null;
}

async function countCommits(git: GitRunner, range: string): Promise<number> {
  return Number((await git.text(['rev-list', '--count', range])).trim()) || 0;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
