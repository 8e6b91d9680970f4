// The adapter's tests reach the shared Redis harness only through here, so `src/` imports nothing
// of ours but core (the harness is a test-only dev dependency).
export {
  freePort,
  type RedisCluster,
  type RedisServer,
  requireRedisCliBinary,
  requireRedisServerBinary,
  startRedisCluster,
  startRedisServer,
  type TestRedis,
  useTestRedis,
} from '@agent-memory/redis-harness';
