-- A speaker or moderator goes back to the audience on their own. Answers {'OK', seq, previousRole}.
local problem = not_live()
if problem then return fail(problem) end
local role = role_of(ACTOR)
if not role then return fail('not-member') end
if role == 'host' then return fail('host-cannot-step-down') end
if role == 'listener' then return fail('not-on-stage') end
if role == 'moderator' and redis.call('ZCARD', MODS) <= 1 then return fail('last-moderator') end
set_role(ACTOR, role, 'listener')
return {'OK', next_seq(), role}
