-- XGROUP CREATE … MKSTREAM, idempotent (BUSYGROUP ignored). MKSTREAM may create the stream, so
-- give it the log TTL when it has none.
-- KEYS[1] stream; ARGV[1] group, ARGV[2] start id, ARGV[3] ttl ms
local created = redis.pcall('XGROUP', 'CREATE', KEYS[1], ARGV[1], ARGV[2], 'MKSTREAM')
if type(created) == 'table' and created.err and string.sub(created.err, 1, 9) ~= 'BUSYGROUP' then
  return created
end
if redis.call('PTTL', KEYS[1]) == -1 then
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
end
return 1
