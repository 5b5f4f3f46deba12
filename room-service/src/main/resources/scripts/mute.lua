-- EXTRA '1' mutes, '0' unmutes. Anyone on stage mutes themselves; a moderator mutes others (not the
-- host unless they are the host); only the speaker unmutes themselves. Answers {'OK', seq, role} or {'SAME', role}.
local problem = not_live()
if problem then return fail(problem) end
local role = role_of(TARGET)
if not role then return fail('not-member') end
if not on_stage(role) then return fail('not-on-stage') end
local mute = EXTRA == '1'
if ACTOR ~= TARGET then
  if not mute then return fail('only-self-unmute') end
  local actor_role = role_of(ACTOR)
  if not moderates(actor_role) then return fail('not-moderator') end
  if role == 'host' then return fail('target-is-host') end
end
local changed = mute and redis.call('SADD', MUTED, TARGET) or redis.call('SREM', MUTED, TARGET)
if changed == 0 then return {'SAME', role} end
return {'OK', next_seq(), role}
