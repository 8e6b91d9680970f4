-- Milliseconds left on a session (-2 when gone). A hash another client left without TTL gets
-- the default one here, so nothing in the short-term layer lives forever.
-- KEYS[1] session hash; ARGV[1] default ttl ms
local ttl = redis.call('PTTL', KEYS[1])
if ttl == -1 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  return tonumber(ARGV[1])
end
return ttl
