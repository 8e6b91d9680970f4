import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { MemoryError } from '@agent-memory/core';
import { type MemoryConfig, type MemoryConfigInput, parseMemoryConfig } from './config.js';

export const CONFIG_FILES = ['agent-memory.config.ts', 'agent-memory.config.mjs', 'agent-memory.config.json'];

export interface LoadConfigOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** An explicit config file; otherwise the first of CONFIG_FILES found in cwd. */
  file?: string;
  /** Highest precedence: what the caller passes in code or on the command line. */
  overrides?: MemoryConfigInput;
}

/**
 * Config precedence, lowest first: defaults, config file, environment, overrides.
 * Errors name the bad field and where it came from.
 */
export async function loadConfig(options: LoadConfigOptions = {}): Promise<MemoryConfig> {
  const cwd = options.cwd ?? process.cwd();
  const fromFile = await readConfigFile(cwd, options.file);
  const fromEnv = configFromEnv(options.env ?? process.env);
  const merged = deepMerge(
    deepMerge(fromFile, fromEnv),
    (options.overrides ?? {}) as Record<string, unknown>,
  );
  const config = parseMemoryConfig(merged);
  if (config.patterns !== false) config.patterns.repo = resolve(cwd, config.patterns.repo);
  return config;
}

/** AGENT_MEMORY_* variables; REDIS_URL is honoured too as the common convention. */
export function configFromEnv(env: NodeJS.ProcessEnv): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const redis = env.AGENT_MEMORY_REDIS_URL ?? env.REDIS_URL;
  if (redis) out.redis = redis;
  if (env.AGENT_MEMORY_NAMESPACE) out.namespace = env.AGENT_MEMORY_NAMESPACE;
  if (env.AGENT_MEMORY_BACKEND) out.backend = env.AGENT_MEMORY_BACKEND;
  if (env.AGENT_MEMORY_ADAPTERS) {
    out.adapterModules = env.AGENT_MEMORY_ADAPTERS.split(',')
      .map((m) => m.trim())
      .filter(Boolean);
  }
  if (env.AGENT_MEMORY_LOCAL === '1' || env.AGENT_MEMORY_LOCAL === 'true') out.forceLocal = true;
  const patterns: Record<string, unknown> = {};
  if (env.AGENT_MEMORY_PATTERNS_REPO) patterns.repo = env.AGENT_MEMORY_PATTERNS_REPO;
  if (env.AGENT_MEMORY_PATTERNS_DIR) patterns.dir = env.AGENT_MEMORY_PATTERNS_DIR;
  if (env.AGENT_MEMORY_PATTERNS_REMOTE) patterns.remote = env.AGENT_MEMORY_PATTERNS_REMOTE;
  if (env.AGENT_MEMORY_PATTERNS === 'off') out.patterns = false;
  else if (Object.keys(patterns).length > 0) out.patterns = patterns;
  if (env.AGENT_MEMORY_SESSION_TTL_MS)
    out.ttl = { sessionMs: toInt(env.AGENT_MEMORY_SESSION_TTL_MS, 'AGENT_MEMORY_SESSION_TTL_MS') };
  if (env.AGENT_MEMORY_SNAPSHOT) out.local = { snapshotPath: env.AGENT_MEMORY_SNAPSHOT };
  return out;
}

function toInt(value: string, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) {
    throw new MemoryError(
      'INVALID_INPUT',
      `invalid ${name}: must be a positive whole number, got "${value}"`,
      {
        details: { field: name },
      },
    );
  }
  return n;
}

async function readConfigFile(cwd: string, explicit?: string): Promise<Record<string, unknown>> {
  const file = explicit
    ? resolve(cwd, explicit)
    : CONFIG_FILES.map((f) => join(cwd, f)).find((f) => existsSync(f));
  if (!file) return {};
  if (!existsSync(file)) {
    throw new MemoryError('NOT_FOUND', `config file not found: ${file}`, { details: { file } });
  }
  try {
    // jiti loads .ts/.mjs/.json config files alike on Node 20, without a build step; imported only
    // when there is a file, so a call configured by environment alone does not load it.
    const { createJiti } = await import('jiti');
    const jiti = createJiti(import.meta.url, { moduleCache: false });
    const loaded = await jiti.import<unknown>(file, { default: true });
    if (typeof loaded !== 'object' || loaded === null) {
      throw new Error('the file must export an object');
    }
    return loaded as Record<string, unknown>;
  } catch (error) {
    throw new MemoryError('INVALID_INPUT', `cannot read config file ${file}: ${(error as Error).message}`, {
      cause: error,
      details: { file },
    });
  }
}

function deepMerge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
    const current = out[key];
    out[key] =
      isPlainObject(current) && isPlainObject(value)
        ? deepMerge(current, value)
        : value === undefined
          ? current
          : value;
  }
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
