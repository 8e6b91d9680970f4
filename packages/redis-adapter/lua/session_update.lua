-- Patches a live session; never resurrects an expired one (EXISTS first).
-- KEYS[1] session hash
-- ARGV[1] new ttl ms, or '' to leave the TTL alone
-- ARGV[2] default ttl ms, given to a hash some other client left without TTL
-- ARGV[3..] field, value, ...
-- Returns the hash as HGETALL does, or nil when the session is gone.
if redis.call('EXISTS', KEYS[1]) == 0 then
  return false
end
-- HSET takes the pairs in slices: Lua's unpack() has a limit of a few thousand values.
for i = 3, #ARGV, 1000 do
  redis.call('HSET', KEYS[1], unpack(ARGV, i, math.min(i + 999, #ARGV)))
end
if ARGV[1] ~= '' then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
elseif redis.call('PTTL', KEYS[1]) == -1 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return redis.call('HGETALL', KEYS[1])
