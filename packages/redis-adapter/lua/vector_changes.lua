-- What a process-local mirror of a collection needs to catch up. KEYS as in vector_upsert.lua;
-- ARGV[1] the mirror's generation, ARGV[2] its revision.
-- Returns {gen, rev, dim} when nothing changed (or the collection is gone: gen ''), else
-- {gen, rev, dim, {id, rev, id, rev, ...}}: every id with the revision that last wrote it.
local meta = redis.call('HMGET', KEYS[4], 'gen', 'rev', 'dim')
if not meta[1] then
  return {'', 0, 0}
end
if meta[1] == ARGV[1] and meta[2] == ARGV[2] then
  return {meta[1], tonumber(meta[2]), tonumber(meta[3])}
end
return {meta[1], tonumber(meta[2]), tonumber(meta[3]), redis.call('ZRANGE', KEYS[3], 0, -1, 'WITHSCORES')}
