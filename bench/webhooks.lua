-- wrk script for bench/webhooks.sh: posts the signed events of a file (lines `signature<TAB>body`, written by
-- bench/webhook_events.py) in turn, each thread its own share, so no event is posted twice until the file runs out.
--   wrk -t2 -c50 -d15s -s bench/webhooks.lua URL -- PATH FILE
-- At the end it prints one line: `acknowledged N new M duplicate D refused R wrapped W` (refused: any answer but 200;
-- wrapped: requests made after a thread ran out of events and started again from its first).
local threads = {}
local counter = 1

function setup(thread)
  thread:set("index", #threads)
  table.insert(threads, thread)
end

function init(args)
  path = args[1]
  events = {}
  for line in io.lines(args[2]) do
    local signature, body = line:match("^([^\t]*)\t(.*)$")
    events[#events + 1] = { signature, body }
  end
  -- Threads take every other event: thread 0 the 1st, 3rd, …; thread 1 the 2nd, 4th, …
  stride = tonumber(args[3])
  counter = index + 1
  acknowledged, new, duplicate, refused, wrapped = 0, 0, 0, 0, 0
  cycled = false
end

function request()
  if counter > #events then
    counter = index + 1
    cycled = true
  end
  if cycled then
    wrapped = wrapped + 1
  end
  local event = events[counter]
  counter = counter + stride
  return wrk.format("POST", path, { ["Content-Type"] = "application/json", ["Stripe-Signature"] = event[1] }, event[2])
end

function response(status, headers, body)
  if status == 200 then
    acknowledged = acknowledged + 1
    if body:find('"duplicate":false', 1, true) then
      new = new + 1
    else
      duplicate = duplicate + 1
    end
  else
    refused = refused + 1
  end
end

function done(summary, latency, requests)
  local totals = { acknowledged = 0, new = 0, duplicate = 0, refused = 0, wrapped = 0 }
  for _, thread in ipairs(threads) do
    for key, _ in pairs(totals) do
      totals[key] = totals[key] + thread:get(key)
    end
  end
  io.write(string.format("acknowledged %d new %d duplicate %d refused %d wrapped %d\n",
    totals.acknowledged, totals.new, totals.duplicate, totals.refused, totals.wrapped))
end
