-- A moderator changes TARGET's role to EXTRA: 'listener' (move to audience), 'moderator' (make),
-- 'speaker' (unmake moderator). Answers {'OK', seq, previousRole} or {'SAME'}.
local problem = not_live()
if problem then return fail(problem) end
local role = role_of(TARGET)
problem = moderator_may_act_on(role)
if problem then return fail(problem) end
if EXTRA == 'speaker' and role ~= 'moderator' then return fail('not-moderator-target') end
if EXTRA == 'listener' and role == 'listener' then return {'SAME'} end
if EXTRA == 'moderator' and role == 'moderator' then return {'SAME'} end
if on_stage(EXTRA) and not on_stage(role)
    and stage_count() >= tonumber(redis.call('HGET', META, 'speakerLimit')) then
  return fail('stage-full')
end
set_role(TARGET, role, EXTRA)
return {'OK', next_seq(), role}
