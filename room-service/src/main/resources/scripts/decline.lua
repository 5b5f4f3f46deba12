local problem = not_live()
if problem then return fail(problem) end
if not role_of(ACTOR) then return fail('not-member') end
if redis.call('SREM', INVITED, ACTOR) == 0 then return fail('no-invitation') end
return {'OK', next_seq()}
