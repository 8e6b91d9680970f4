-- Every live record of a collection, pruning expired ids from the index on the way.
-- KEYS[1] collection index ZSET; record keys are KEYS[1] .. ':' .. id (same hash slot, so the
-- script may read them on a cluster node).
-- Returns {{id, value JSON, version, expiresAt ms, pttl}, ...} in index order.
-- expiry(key) comes from lib/expiry.lua, prepended when the script is loaded.

local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local ids = redis.call('ZRANGE', KEYS[1], 0, -1)
local out = {}
for _, id in ipairs(ids) do
  local key = KEYS[1] .. ':' .. id
  local v = redis.call('HMGET', key, 'value', 'version')
  if v[1] then
    out[#out + 1] = {id, v[1], v[2] or '', expiry(key), redis.call('PTTL', key)}
  else
    redis.call('ZREM', KEYS[1], id)
  end
end
return out
