-- Writes one record of a collection and its index entry (same {collection} hash slot).
-- KEYS[1] record hash, KEYS[2] collection index ZSET (member id, score expiry ms)
-- ARGV[1] id, ARGV[2] value JSON, ARGV[3] ttl ms, ARGV[4] '' | 'absent' | 'version',
-- ARGV[5] expected version (mode 'version')
-- Returns {version, expiresAt ms} or nil when the condition did not hold.
-- expiry(key) comes from lib/expiry.lua, prepended when the script is loaded.

local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
local exists = redis.call('EXISTS', KEYS[1]) == 1
local current = redis.call('HGET', KEYS[1], 'version')
if current and not tonumber(current) then
  return redis.error_reply('CORRUPT_DATA record version is not an integer: ' .. KEYS[1])
end
if ARGV[4] == 'absent' and exists then
  return false
end
if ARGV[4] == 'version' and (not current or tonumber(current) ~= tonumber(ARGV[5])) then
  return false
end
local version = (tonumber(current) or 0) + 1
local ttl = tonumber(ARGV[3])
redis.call('HSET', KEYS[1], 'value', ARGV[2], 'version', version)
redis.call('PEXPIRE', KEYS[1], ttl)
local expires = expiry(KEYS[1])
redis.call('ZADD', KEYS[2], expires, ARGV[1])
-- The index lives as long as its longest-lived record.
local last = redis.call('ZRANGE', KEYS[2], -1, -1, 'WITHSCORES')
redis.call('PEXPIREAT', KEYS[2], last[2])
return {version, expires}
