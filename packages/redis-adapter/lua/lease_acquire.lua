-- Claims a task: SET NX PX on the owner key and a fencing token from INCR on the fence key.
-- KEYS[1] task owner, KEYS[2] task fence (same {task} hash slot)
-- ARGV[1] owner id, ARGV[2] lease ttl ms, ARGV[3] fence ttl ms, ARGV[4] default lease ttl ms
-- Returns {token, expiresAt ms} or nil when someone holds the task. Time is the server's.
-- expiry(key) comes from lib/expiry.lua, prepended when the script is loaded.

local ttl = tonumber(ARGV[2])
if not redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ttl) then
  -- An owner key written without PX by another client would block the task forever.
  if redis.call('PTTL', KEYS[1]) == -1 then
    redis.call('PEXPIRE', KEYS[1], ARGV[4])
  end
  return false
end
-- INCR fails on a fence another client overwrote; the claim just made is then taken back, so
-- the script has no effect (and the common path needs no GET of the fence first).
local token = redis.pcall('INCR', KEYS[2])
if type(token) ~= 'number' then
  redis.call('DEL', KEYS[1])
  return redis.error_reply('CORRUPT_DATA fence counter is not an integer: ' .. KEYS[2])
end
redis.call('PEXPIRE', KEYS[2], math.max(tonumber(ARGV[3]), ttl))
return {token, expiry(KEYS[1])}
