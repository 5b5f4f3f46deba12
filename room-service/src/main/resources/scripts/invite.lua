-- A moderator invites a listener to speak. Answers {'OK', seq, handWasUp}.
local problem = not_live()
if problem then return fail(problem) end
if not moderates(role_of(ACTOR)) then return fail('not-moderator') end
local role = role_of(TARGET)
if not role then return fail('not-member') end
if role ~= 'listener' then return fail('already-on-stage') end
if redis.call('SISMEMBER', INVITED, TARGET) == 1 then return fail('already-invited') end
if stage_count() >= tonumber(redis.call('HGET', META, 'speakerLimit')) then return fail('stage-full') end
redis.call('SADD', INVITED, TARGET)
local hand_was_up = redis.call('ZREM', HANDS, TARGET)
return {'OK', next_seq(), tostring(hand_was_up)}
