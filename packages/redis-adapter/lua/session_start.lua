-- Creates a session hash only if no live one exists, with its TTL, in one step.
-- KEYS[1] session hash
-- ARGV[1] ttl ms; ARGV[2..] field, value, field, value, ...
if redis.call('EXISTS', KEYS[1]) == 1 then
  return 0
end
-- HSET takes the pairs in slices: Lua's unpack() has a limit of a few thousand values.
for i = 2, #ARGV, 1000 do
  redis.call('HSET', KEYS[1], unpack(ARGV, i, math.min(i + 999, #ARGV)))
end
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return 1
