-- Everything a client needs to draw the room, read at one instant with its seq.
local meta = redis.call('HGETALL', META)
if #meta == 0 then return fail('room-not-found') end
return {'OK', redis.call('GET', SEQ) or '0', meta, redis.call('HGETALL', MEMBERS), redis.call('HGETALL', NAMES),
  redis.call('SMEMBERS', MUTED), redis.call('ZRANGE', HANDS, 0, -1), redis.call('SMEMBERS', INVITED)}
