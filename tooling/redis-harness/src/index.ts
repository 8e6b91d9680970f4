export { freePort } from './free-port.js';
export { findExecutable, requireRedisCliBinary, requireRedisServerBinary } from './redis-binary.js';
export { type RedisCluster, type RedisClusterOptions, startRedisCluster } from './redis-cluster.js';
export { type RedisServer, type RedisServerOptions, startRedisServer } from './redis-server.js';
export { deleteNamespace, type TestRedis, useTestRedis } from './test-redis.js';
