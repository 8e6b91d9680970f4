export { freePort } from './free-port.js';
export { findExecutable, requireRedisCliBinary, requireRedisServerBinary } from './redis-binary.js';
export { type RedisCluster, type RedisClusterOptions, startRedisCluster } from './redis-cluster.js';
export {
  pingOnce,
  type RedisServer,
  type RedisServerOptions,
  startRedisServer,
  waitForPing,
} from './redis-server.js';
