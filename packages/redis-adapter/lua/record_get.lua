-- One record with its expiry from the server's clock.
-- KEYS[1] record hash. Returns {value JSON, version, expiresAt ms, pttl} or nil.
-- expiry(key) comes from lib/expiry.lua, prepended when the script is loaded.

local v = redis.call('HMGET', KEYS[1], 'value', 'version')
if not v[1] then
  return false
end
return {v[1], v[2] or '', expiry(KEYS[1]), redis.call('PTTL', KEYS[1])}
