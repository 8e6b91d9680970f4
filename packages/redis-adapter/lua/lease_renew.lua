-- Compare-and-extend: only the owner (and the token, when given) may extend its lease.
-- KEYS[1] task owner, KEYS[2] task fence
-- ARGV[1] owner id, ARGV[2] ttl ms, ARGV[3] token or '', ARGV[4] fence ttl ms
-- Returns {1, token, expiresAt ms} or {0, current owner or ''}.
-- expiry(key) comes from lib/expiry.lua, prepended when the script is loaded.

local current = redis.call('GET', KEYS[1])
if current ~= ARGV[1] then
  return {0, current or ''}
end
local fence = redis.call('GET', KEYS[2])
if fence and not tonumber(fence) then
  return redis.error_reply('CORRUPT_DATA fence counter is not an integer: ' .. KEYS[2])
end
if ARGV[3] ~= '' and (not fence or tonumber(fence) ~= tonumber(ARGV[3])) then
  return {0, current}
end
local ttl = tonumber(ARGV[2])
if not fence then
  -- Claimed by a client that did not INCR the fence: it gets a token now.
  fence = redis.call('INCR', KEYS[2])
end
redis.call('PEXPIRE', KEYS[1], ttl)
redis.call('PEXPIRE', KEYS[2], math.max(tonumber(ARGV[4]), ttl))
return {1, tonumber(fence), expiry(KEYS[1])}
