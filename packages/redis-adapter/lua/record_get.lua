-- One record with its expiry from the server's clock.
-- KEYS[1] record hash. Returns {value JSON, version, expiresAt ms, pttl} or nil.

-- Absolute expiry in epoch ms as Redis stored it (PEXPIRETIME, Redis 7+); older servers get
-- TIME + PTTL, both from the server's clock.
local function expiry(key)
  local at = redis.pcall('PEXPIRETIME', key)
  if type(at) == 'number' then
    return at
  end
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) + redis.call('PTTL', key)
end

local v = redis.call('HMGET', KEYS[1], 'value', 'version')
if not v[1] then
  return false
end
return {v[1], v[2] or '', expiry(KEYS[1]), redis.call('PTTL', KEYS[1])}
