-- Pushes values onto the head of a list, trims it and resets its TTL, in one step: the
-- conversation window and the findings of a task.
-- KEYS[1] the list
-- ARGV[1] length to keep, ARGV[2] ttl ms, ARGV[3..] values (the last one ends up at the head)
-- Returns the length of the list before the trim.
-- LPUSH takes the values in slices: Lua's unpack() has a limit of a few thousand values.
local length = 0
for i = 3, #ARGV, 1000 do
  length = redis.call('LPUSH', KEYS[1], unpack(ARGV, i, math.min(i + 999, #ARGV)))
end
redis.call('LTRIM', KEYS[1], 0, tonumber(ARGV[1]) - 1)
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return length
