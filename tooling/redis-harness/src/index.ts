export {
  findExecutable,
  freePort,
  type RedisCluster,
  type RedisClusterOptions,
  type RedisServer,
  type RedisServerOptions,
  requireRedisCliBinary,
  requireRedisServerBinary,
  startRedisCluster,
  startRedisServer,
} from '@agent-memory/redis-server';
export { deleteNamespace, type TestRedis, useTestRedis } from './test-redis.js';
