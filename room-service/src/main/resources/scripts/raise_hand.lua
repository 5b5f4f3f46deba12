-- Answers {'OK', seq} or {'SAME'} when the hand is already up.
local problem = not_live()
if problem then return fail(problem) end
local role = role_of(ACTOR)
if not role then return fail('not-member') end
if role ~= 'listener' then return fail('already-on-stage') end
if redis.call('ZSCORE', HANDS, ACTOR) then return {'SAME'} end
redis.call('ZADD', HANDS, NOW, ACTOR)
return {'OK', next_seq()}
