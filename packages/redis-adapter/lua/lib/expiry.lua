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
