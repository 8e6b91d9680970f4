-- Appends one entry to a log stream, trimmed with MAXLEN ~, and re-arms the stream's TTL, in one
-- step. KEYS[1] stream; ARGV[1] max length, ARGV[2] ttl ms, ARGV[3] field name, ARGV[4] JSON
-- Returns the new entry's id.
local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', ARGV[3], ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return id
