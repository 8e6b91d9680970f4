import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TokenStore } from './token-store.js';

let dir: string;
let store: TokenStore;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'am-token-store-'));
  store = TokenStore.inDataDir(dir);
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('TokenStore', () => {
  it('keeps only a hash, in an owner-only file, and shows the token once', async () => {
    const { token, info } = await store.create({
      agentId: 'alice',
      role: 'validator',
      namespaces: ['proj-a'],
      label: 'laptop',
    });
    expect(token).toMatch(/^amt_[a-z0-9]{12}_[A-Za-z0-9_-]{43}$/);
    expect(info).toMatchObject({
      agentId: 'alice',
      role: 'validator',
      namespaces: ['proj-a'],
      label: 'laptop',
    });
    const text = await readFile(store.file.path, 'utf8');
    expect(text).not.toContain(token.slice(17));
    expect(text).toContain(info.id);
    expect((await stat(store.file.path)).mode & 0o777).toBe(0o600);
    expect(await store.list()).toEqual([info]);
    expect(await store.check(token)).toMatchObject({ status: 'ok', record: { id: info.id } });
  });

  it('tells expired and revoked apart only to the holder of the whole token', async () => {
    const past = Date.now() - 3_600_000;
    const old = await store.create({ agentId: 'bob', namespaces: ['*'], expiresAt: past + 1000 }, past);
    expect((await store.check(old.token)).status).toBe('expired');
    const live = await store.create({ agentId: 'carol', namespaces: ['*'] });
    await store.revoke(live.info.id);
    expect((await store.check(live.token)).status).toBe('revoked');
    const guessed = `${live.token.slice(0, 17)}${'x'.repeat(43)}`;
    expect(await store.check(guessed)).toEqual({ status: 'invalid' });
    await expect(store.revoke('nosuchtoken1')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('sees changes another process made, and refuses a file that is not its own', async () => {
    const other = TokenStore.inDataDir(dir);
    const { token, info } = await other.create({ agentId: 'dan', namespaces: ['*'] });
    expect((await store.check(token)).status).toBe('ok');
    await other.revoke(info.id);
    expect((await store.check(token)).status).toBe('revoked');
    await writeFile(store.file.path, '{"tokens": "nope"}');
    await expect(store.list()).rejects.toMatchObject({ code: 'CORRUPT_DATA' });
    await expect(store.create({ agentId: 'x', namespaces: [] })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });
});
