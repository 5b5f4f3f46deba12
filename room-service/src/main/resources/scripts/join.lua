-- EXTRA: display name. Answers {'OK'|'ALREADY', role, seq, listenerCount, visibility}.
local status = redis.call('HGET', META, 'status')
if not status then return fail('room-not-found') end
if status == 'ended' then return fail('room-ended') end
if redis.call('SISMEMBER', BANNED, ACTOR) == 1 then return fail('banned') end
local current = role_of(ACTOR)
if current then return {'ALREADY', current, redis.call('GET', SEQ) or '0', listener_count(), visibility()} end
local host = redis.call('HGET', META, 'hostId')
if status == 'scheduled' then
  if host ~= ACTOR then return fail('room-not-started') end
  redis.call('HSET', META, 'status', 'live')
end
if redis.call('HGET', META, 'visibility') == 'closed' and host ~= ACTOR
    and redis.call('SISMEMBER', ALLOWED, ACTOR) == 0 then
  return fail('not-invited')
end
local role = (host == ACTOR) and 'host' or 'listener'
set_role(ACTOR, nil, role)
redis.call('HSET', NAMES, ACTOR, EXTRA)
return {'OK', role, next_seq(), listener_count(), visibility()}
