export { createRedisAdapter, type RedisAdapter } from './redis-adapter.js';
export { type RedisAdapterOptions, RedisAdapterOptionsSchema } from './redis-adapter-options.js';
export type { RedisMode } from './redis-connection.js';
export type { ServerInfo } from './server-status.js';
