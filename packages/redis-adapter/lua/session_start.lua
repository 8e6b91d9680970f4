-- Creates a session hash only if no live one exists, with its TTL, in one step.
-- KEYS[1] session hash
-- ARGV[1] ttl ms; ARGV[2..] field, value, field, value, ...
if redis.call('EXISTS', KEYS[1]) == 1 then
  return 0
end
for i = 2, #ARGV, 2 do
  redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
end
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return 1
