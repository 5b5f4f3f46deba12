-- Ends a live room with nobody in it. Answers {'OK', seq}, or {'SAME'} when the room is not live
-- (scheduled, ended, gone) or somebody is in it.
if not_live() then return {'SAME'} end
if redis.call('HLEN', MEMBERS) > 0 then return {'SAME'} end
local result = {'OK'}
for _, v in ipairs(end_room()) do result[#result + 1] = v end
return result
