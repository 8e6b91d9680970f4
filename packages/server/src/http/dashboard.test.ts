import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMemory, type Memory, silentLogger } from 'agent-memory';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempGitRepo } from '../../test/git-repo.js';
import { TokenStore } from '../auth/token-store.js';
import { createHttpServer, type HttpServer } from './http-server.js';

// A real browser (Debian's chromium, driven by playwright-core) against a real server on loopback.
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const OUTPUT = fileURLToPath(new URL('../../test-output/', import.meta.url));

let memory: Memory;
let server: HttpServer;
let browser: Browser;
let page: Page;
let repo: Awaited<ReturnType<typeof tempGitRepo>>;
const requests: string[] = [];
const consoleErrors: string[] = [];

beforeAll(async () => {
  repo = await tempGitRepo('dashboard');
  memory = await createMemory(
    { namespace: 'dashboard', patterns: { repo: repo.dir } },
    { logger: silentLogger },
  );
  server = await createHttpServer(memory, { port: 0, token: 'dashboard-test-token-0123456789' });
  // A pattern with two versions, for search and history.
  const first = await memory.patterns!.save({
    kind: 'bug-fix',
    title: 'Retry the payment webhook',
    summary: 'webhooks time out under load',
    body: 'Retry with exponential backoff.',
    tags: ['payments'],
    author: 'alice',
  });
  await memory.patterns!.save(
    { ...first, body: 'Retry with exponential backoff and jitter.' },
    { message: 'add jitter' },
  );
  await fetch(`${server.url}/api/sessions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ userId: 'alice', project: 'shop', context: { goal: 'review auth' } }),
  });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  page = await browser.newPage({ viewport: { width: 1400, height: 1200 } });
  page.on('request', (request) => requests.push(request.url()));
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.setDefaultTimeout(10_000);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await memory?.close();
  await repo?.remove();
});

describe('dashboard', () => {
  it('shows claims, findings and conflicts as they happen', async () => {
    await page.goto(server.dashboardUrl);
    await page.getByTestId('connection').filter({ hasText: 'live' }).waitFor();
    // The token moved to sessionStorage and out of the address bar.
    expect(page.url()).toBe(`${server.url}/`);
    const stored = await page.evaluate(() => {
      const web = globalThis as unknown as { sessionStorage: { getItem(key: string): string | null } };
      return web.sessionStorage.getItem('agent-memory-token');
    });
    expect(stored).toBe(server.token);
    await page.getByTestId('sessions').getByText('alice').waitFor();

    // A short agent workload: two agents, one claim, two disagreeing findings.
    const alice = memory.agent('alice', { role: 'contributor' });
    const bob = memory.agent('bob', { role: 'contributor' });
    await alice.join();
    await bob.join();
    const claim = await alice.claim('review-auth', { leaseMs: 120_000 });
    expect(claim).not.toBeNull();

    const claimRow = page.getByTestId('claims').locator('tr', { hasText: 'review-auth' });
    await claimRow.waitFor();
    expect(await claimRow.textContent()).toContain('alice');
    await page.getByTestId('agents').locator('tr', { hasText: 'bob' }).waitFor();

    await alice.share('review-auth', {
      subject: 'src/auth.ts',
      verdict: 'sql-injection',
      confidence: 0.9,
      summary: 'login() concatenates the user id into the query',
    });
    await page.getByTestId('finding').filter({ hasText: 'sql-injection' }).waitFor();

    await bob.share('review-auth', {
      subject: 'src/auth.ts',
      verdict: 'ok',
      confidence: 0.6,
      summary: 'the id is validated upstream',
    });
    const conflict = page.getByTestId('conflict').filter({ hasText: 'src/auth.ts' });
    await conflict.waitFor();
    expect(await conflict.textContent()).toMatch(/alice says sql-injection.*bob says ok/);
    await page.getByTestId('events').locator('li[data-event="conflict_detected"]').waitFor();
    expect(await page.getByTestId('events').locator('li').count()).toBeGreaterThanOrEqual(5);

    // Pattern search, then a pattern's history.
    await page.getByLabel('Search patterns').fill('webhook');
    await page.getByRole('button', { name: 'Search' }).click();
    await page
      .getByTestId('patterns')
      .getByRole('button', { name: /Retry the payment webhook/ })
      .click();
    await page.getByTestId('pattern-history').locator('li').nth(1).waitFor();
    expect(await page.getByTestId('pattern-history').locator('li').count()).toBe(2);
    expect(await page.getByTestId('pattern-detail').textContent()).toContain('jitter');

    await mkdir(OUTPUT, { recursive: true });
    await page.screenshot({ path: `${OUTPUT}dashboard.png`, fullPage: true });

    // Nothing was fetched from anywhere but this server.
    expect(requests.filter((url) => !url.startsWith(server.url))).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await claim?.release();
  });

  it('shows only the namespaces the credential may use', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'am-dashboard-tenants-'));
    const tenant = await createHttpServer(memory, {
      port: 0,
      dataDir,
      namespaces: ['dashboard-tenant-b', 'dashboard-tenant-c'],
      openNamespace: (namespace) => createMemory({ namespace, patterns: false }, { logger: silentLogger }),
      print: () => undefined,
    });
    const store = TokenStore.inDataDir(dataDir);
    const { token } = await store.create({
      agentId: 'bea',
      namespaces: ['dashboard-tenant-b', 'dashboard-tenant-c'],
    });
    const fresh = await browser.newPage();
    try {
      await fresh.goto(`${tenant.url}/?token=${token}`);
      await fresh.getByTestId('connection').filter({ hasText: 'live' }).waitFor();
      const select = fresh.getByTestId('namespace-select');
      expect(await select.locator('option').allTextContents()).toEqual([
        'dashboard-tenant-b',
        'dashboard-tenant-c',
      ]);
      await fresh.locator('#namespace').filter({ hasText: 'namespace dashboard-tenant-b' }).waitFor();
      await select.selectOption('dashboard-tenant-c');
      await fresh.locator('#namespace').filter({ hasText: 'namespace dashboard-tenant-c' }).waitFor();
      expect(fresh.url()).toBe(`${tenant.url}/?namespace=dashboard-tenant-c`);
      // The default namespace is not offered: asked for by URL, the page falls back to one it may use.
      await fresh.goto(`${tenant.url}/?namespace=dashboard`);
      await fresh.locator('#namespace').filter({ hasText: 'namespace dashboard-tenant-b' }).waitFor();
    } finally {
      await fresh.close();
      await tenant.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('says what to do when opened without a token', async () => {
    const fresh = await browser.newPage();
    try {
      await fresh.goto(`${server.url}/`);
      await fresh.locator('#no-token').waitFor({ state: 'visible' });
      expect(await fresh.locator('#no-token').textContent()).toContain('agent-memory serve');
    } finally {
      await fresh.close();
    }
  });
});
