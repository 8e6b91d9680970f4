-- Compare-and-delete: only the owner (and the token, when given) may release. The fence key
-- stays so the next claim still gets a larger token.
-- KEYS[1] task owner, KEYS[2] task fence; ARGV[1] owner id, ARGV[2] token or ''
if redis.call('GET', KEYS[1]) ~= ARGV[1] then
  return 0
end
if ARGV[2] ~= '' then
  local fence = redis.call('GET', KEYS[2])
  if not fence or tonumber(fence) ~= tonumber(ARGV[2]) then
    return 0
  end
end
redis.call('DEL', KEYS[1])
return 1
