-- The invited member goes on stage, if there is still room. Answers {'OK', seq}.
local problem = not_live()
if problem then return fail(problem) end
local role = role_of(ACTOR)
if not role then return fail('not-member') end
if redis.call('SISMEMBER', INVITED, ACTOR) == 0 then return fail('no-invitation') end
if stage_count() >= tonumber(redis.call('HGET', META, 'speakerLimit')) then return fail('stage-full') end
set_role(ACTOR, role, 'speaker')
return {'OK', next_seq()}
