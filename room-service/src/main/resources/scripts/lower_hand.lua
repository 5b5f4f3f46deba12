local problem = not_live()
if problem then return fail(problem) end
if not role_of(ACTOR) then return fail('not-member') end
if redis.call('ZREM', HANDS, ACTOR) == 0 then return {'SAME'} end
return {'OK', next_seq()}
