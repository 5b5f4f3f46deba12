-- A moderator removes TARGET, who is banned from the room from now on.
local problem = not_live() or moderator_may_act_on(role_of(TARGET))
if problem then return fail(problem) end
if TARGET == ACTOR then return fail('not-yourself') end
redis.call('SADD', BANNED, TARGET)
local result = remove_member(TARGET)
result[#result + 1] = listener_count()
result[#result + 1] = visibility()
return result
