import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { toMemoryError } from 'agent-memory';
import type { ZodApp } from './zod-app.js';

/** The dashboard: three static files, no build step, nothing fetched from anywhere but this server. */
const FILES = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/index.html': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/dashboard.js': { file: 'dashboard.js', type: 'text/javascript; charset=utf-8' },
  '/dashboard.css': { file: 'dashboard.css', type: 'text/css; charset=utf-8' },
} as const;

// src/http and dist/http both sit two levels below the package root, where static/ lives.
const STATIC_DIR = new URL('../../static/', import.meta.url);

const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; " +
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  // The first request carries the token in its URL; it must never travel on as a Referer.
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
};

export async function registerDashboardRoutes(app: ZodApp): Promise<void> {
  const contents = new Map<string, Buffer>();
  for (const { file } of Object.values(FILES)) {
    if (contents.has(file)) continue;
    try {
      contents.set(file, await readFile(fileURLToPath(new URL(file, STATIC_DIR))));
    } catch (error) {
      throw toMemoryError(error, 'INTERNAL', `reading the dashboard file ${file}`);
    }
  }
  for (const [path, { file, type }] of Object.entries(FILES)) {
    app.get(path, { schema: { hide: true } }, async (_request, reply) =>
      reply.headers(SECURITY_HEADERS).type(type).send(contents.get(file)),
    );
  }
}
