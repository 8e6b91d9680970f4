-- Writes vectors of one collection and resets the TTL of all its keys (same {collection} slot).
-- KEYS[1] vectors HASH, KEYS[2] attributes HASH, KEYS[3] revisions ZSET, KEYS[4] meta HASH
-- ARGV[1] ttl ms, ARGV[2] dimension, then id, float32 bytes, attributes JSON for each item.
-- Returns {gen, rev}, or {-1, dim} when the collection holds another dimension (nothing written).
local dim = redis.call('HGET', KEYS[4], 'dim')
if not dim then
  -- A new collection (or one whose meta expired first): start clean, under a new generation so
  -- a mirror of an older incarnation never mistakes it for its own.
  redis.call('DEL', KEYS[1], KEYS[2], KEYS[3])
  local t = redis.call('TIME')
  redis.call('HSET', KEYS[4], 'gen', t[1] .. string.format('%06d', tonumber(t[2])), 'rev', 0, 'dim', ARGV[2])
elseif dim ~= ARGV[2] then
  return {-1, tonumber(dim)}
end
local rev = redis.call('HINCRBY', KEYS[4], 'rev', 1)
for i = 3, #ARGV, 3 do
  redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
  redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 2])
  redis.call('ZADD', KEYS[3], rev, ARGV[i])
end
redis.call('HSET', KEYS[4], 'ttl', ARGV[1])
for i = 1, 4 do
  redis.call('PEXPIRE', KEYS[i], ARGV[1])
end
return {redis.call('HGET', KEYS[4], 'gen'), rev}
