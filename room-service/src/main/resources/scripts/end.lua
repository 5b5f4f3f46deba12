-- The host or a moderator ends the room. Answers {'OK', seq, remaining...}.
local problem = not_live()
if problem == 'room-not-started' and redis.call('HGET', META, 'hostId') == ACTOR then problem = nil end
if problem then return fail(problem) end
local status = redis.call('HGET', META, 'status')
if status == 'live' and not moderates(role_of(ACTOR)) then return fail('not-moderator') end
local result = {'OK'}
for _, v in ipairs(end_room()) do result[#result + 1] = v end
return result
