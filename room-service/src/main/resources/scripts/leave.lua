-- Leave, or lose presence. Answers remove_member's result plus the listener count and visibility last,
-- or {'SAME'} when the user is not in the room (a second click, a repeated command).
if not redis.call('HGET', META, 'status') then return fail('room-not-found') end
if not role_of(ACTOR) then return {'SAME'} end
local result = remove_member(ACTOR)
result[#result + 1] = listener_count()
result[#result + 1] = visibility()
return result
