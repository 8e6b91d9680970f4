-- Removes items of one collection; resets the TTL of what remains, or deletes the collection
-- when nothing remains. KEYS as in vector_upsert.lua; ARGV the ids. Returns how many existed.
local removed = 0
for i = 1, #ARGV do
  removed = removed + redis.call('HDEL', KEYS[1], ARGV[i])
  redis.call('HDEL', KEYS[2], ARGV[i])
  redis.call('ZREM', KEYS[3], ARGV[i])
end
if removed == 0 then
  return 0
end
if redis.call('HLEN', KEYS[1]) == 0 then
  redis.call('DEL', KEYS[1], KEYS[2], KEYS[3], KEYS[4])
  return removed
end
redis.call('HINCRBY', KEYS[4], 'rev', 1)
local ttl = redis.call('HGET', KEYS[4], 'ttl')
if ttl then
  for i = 1, 4 do
    redis.call('PEXPIRE', KEYS[i], ttl)
  end
end
return removed
