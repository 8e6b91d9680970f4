-- Deletes a record (only at the expected version, when given) and its index entry.
-- KEYS[1] record hash, KEYS[2] collection index; ARGV[1] id, ARGV[2] expected version or ''
-- Returns 1 when deleted, 0 otherwise.
local version = redis.call('HGET', KEYS[1], 'version')
if redis.call('EXISTS', KEYS[1]) == 0 then
  redis.call('ZREM', KEYS[2], ARGV[1])
  return 0
end
if ARGV[2] ~= '' and (not version or tonumber(version) ~= tonumber(ARGV[2])) then
  return 0
end
redis.call('DEL', KEYS[1])
redis.call('ZREM', KEYS[2], ARGV[1])
return 1
