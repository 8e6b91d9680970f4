-- The live lease: owner, token (the fence value) and expiry computed from the server's clock.
-- KEYS[1] task owner, KEYS[2] task fence; ARGV[1] fence ttl ms, ARGV[2] default lease ttl ms
-- Returns {owner, token, expiresAt ms} or nil.
-- expiry(key) comes from lib/expiry.lua, prepended when the script is loaded.

local owner = redis.call('GET', KEYS[1])
if not owner then
  return false
end
local fence = redis.call('GET', KEYS[2])
if fence and not tonumber(fence) then
  return redis.error_reply('CORRUPT_DATA fence counter is not an integer: ' .. KEYS[2])
end
local pttl = redis.call('PTTL', KEYS[1])
if pttl == -1 then
  -- Written without PX by another client: give it the default lease time instead of forever.
  pttl = tonumber(ARGV[2])
  redis.call('PEXPIRE', KEYS[1], pttl)
end
if not fence then
  fence = redis.call('INCR', KEYS[2])
  redis.call('PEXPIRE', KEYS[2], math.max(tonumber(ARGV[1]), pttl))
end
return {owner, tonumber(fence), expiry(KEYS[1])}
