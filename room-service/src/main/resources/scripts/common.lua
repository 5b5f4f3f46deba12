-- Shared by every room script. KEYS are always, in this order, the keys of one room (one hash slot):
local META, MEMBERS, NAMES, MUTED, HANDS, INVITED, BANNED, ALLOWED, SEQ, MODS =
  KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6], KEYS[7], KEYS[8], KEYS[9], KEYS[10]
-- ARGV is always: now (ms), actor id, target id, extra.
local NOW, ACTOR, TARGET, EXTRA = ARGV[1], ARGV[2], ARGV[3], ARGV[4]

local function fail(code) return {'ERR', code} end
local function role_of(u) return redis.call('HGET', MEMBERS, u) end
local function next_seq() return tostring(redis.call('INCR', SEQ)) end
local function moderates(r) return r == 'host' or r == 'moderator' end
local function on_stage(r) return r == 'host' or r == 'moderator' or r == 'speaker' end
local function stage_count() return tonumber(redis.call('HGET', META, 'stageCount') or '0') end
local function listener_count() return tostring(redis.call('HGET', META, 'listenerCount') or '0') end
local function visibility() return redis.call('HGET', META, 'visibility') or 'closed' end

-- Nil when the room is live, else the error code to answer.
local function not_live()
  local status = redis.call('HGET', META, 'status')
  if not status then return 'room-not-found' end
  if status == 'ended' then return 'room-ended' end
  if status ~= 'live' then return 'room-not-started' end
  return nil
end

-- Moves a member from one role to another (nil = not a member), keeping every index in step.
local function set_role(u, old, new)
  if old then
    redis.call('HINCRBY', META, on_stage(old) and 'stageCount' or 'listenerCount', -1)
  end
  if new then
    redis.call('HSET', MEMBERS, u, new)
    redis.call('HINCRBY', META, on_stage(new) and 'stageCount' or 'listenerCount', 1)
  else
    redis.call('HDEL', MEMBERS, u)
    redis.call('HDEL', NAMES, u)
  end
  if moderates(new) and not moderates(old) then redis.call('ZADD', MODS, NOW, u) end
  if moderates(old) and not moderates(new) then redis.call('ZREM', MODS, u) end
  if not on_stage(new) then redis.call('SREM', MUTED, u) end
  if new ~= 'listener' then
    redis.call('ZREM', HANDS, u)
    redis.call('SREM', INVITED, u)
  end
end

-- Ends the room: everyone leaves. Answers the ended seq followed by who was still in.
local function end_room()
  redis.call('HSET', META, 'status', 'ended', 'stageCount', 0, 'listenerCount', 0)
  local remaining = redis.call('HKEYS', MEMBERS)
  redis.call('DEL', MEMBERS, NAMES, MUTED, HANDS, INVITED, MODS)
  local result = {next_seq()}
  for _, u in ipairs(remaining) do result[#result + 1] = u end
  return result
end

-- Removes a member (leave, removal, lost presence): hands the host role on or ends the room when
-- the last moderator goes. Answers {'OK', role, seq, outcome...} where outcome is
-- 'HOST', seq, newHostId, newHostPreviousRole | 'ENDED', seq, remaining... | nothing.
local function remove_member(u)
  local role = role_of(u)
  set_role(u, role, nil)
  local result = {'OK', role, next_seq()}
  if moderates(role) then
    local next_mod = redis.call('ZRANGE', MODS, 0, 0)[1]
    if not next_mod then
      result[#result + 1] = 'ENDED'
      for _, v in ipairs(end_room()) do result[#result + 1] = v end
    elseif role == 'host' then
      local previous = role_of(next_mod)
      redis.call('HSET', MEMBERS, next_mod, 'host')
      redis.call('HSET', META, 'hostId', next_mod)
      result[#result + 1] = 'HOST'
      result[#result + 1] = next_seq()
      result[#result + 1] = next_mod
      result[#result + 1] = previous
    end
  end
  return result
end

-- The checks every moderator action shares: room live, actor moderates, target a member who is
-- not the host (only the host may act on other moderators). Nil when allowed.
local function moderator_may_act_on(target_role)
  local actor_role = role_of(ACTOR)
  if not moderates(actor_role) then return 'not-moderator' end
  if not target_role then return 'not-member' end
  if target_role == 'host' then return 'target-is-host' end
  if target_role == 'moderator' and actor_role ~= 'host' then return 'host-only' end
  return nil
end
