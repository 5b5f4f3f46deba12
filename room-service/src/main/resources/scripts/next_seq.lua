-- A member's change that lives outside Redis (a chat message, an edit): checks that ACTOR may make it
-- and takes the room's next seq. EXTRA 'member' or 'moderator' says who may. Answers {'OK', seq}.
local problem = not_live()
if problem then return fail(problem) end
local role = role_of(ACTOR)
if EXTRA == 'moderator' then
  if not moderates(role) then return fail('not-moderator') end
elseif not role then
  return fail('not-member')
end
return {'OK', next_seq()}
