-- wrk script for bench/checkout.sh's "cold own page" step; run it with one thread (-t1), in one of two modes:
--   open FILE N   posts the offer's first change to its link (a shopper's first post, which opens their checkout
--                 session) until N sessions are open, writing `path<TAB>cookie` per session to FILE;
--   view FILE     GETs each line's session page once, with the session's cookie as the shopper's browser sends it;
--   email FILE    posts an email of its own to each line's session (as a shopper typing it does), so that no two of
--                 those sessions' pages are the same: bench/own-page.sh's worst case (BENCH_DISTINCT=1).
-- Either mode ends wrk once its work is done (wrk would otherwise wait out -d and count the idle time), so requests/s is
-- over the work itself. In view mode every request is a cache miss, but for the few a connection may send while wrk
-- stops; they are counted (`repeated N`).

function setup(thread)
  the_thread = thread
end

function init(args)
  mode, file = args[1], args[2]
  done_count = 0
  if mode == "open" then
    wanted = tonumber(args[3])
    out = io.open(file, "w")
  else
    sessions = {}
    for line in io.lines(file) do sessions[#sessions + 1] = line end
    next_session, repeated, failed = 1, 0, 0
  end
end

-- wrk's main thread sleeps for -d unless a SIGINT interrupts it, so the run ends by signalling wrk (the parent of
-- popen's shell) until it is gone: a signal may land on this thread instead, which is stopping, and then the next one
-- lands on the main thread. Not os.execute: its system() ignores SIGINT in wrk while it runs.
local function finish()
  if out then out:close() end
  wrk.thread:stop()
  io.popen("(while kill -INT $PPID 2>/dev/null; do sleep 0.1; done) >/dev/null 2>&1 &"):close()
end

function request()
  if mode == "open" then
    return wrk.format("POST", nil, { ["Content-Type"] = "application/x-www-form-urlencoded" }, "_handler=checkout&Input.Action=update")
  end
  if next_session > #sessions then repeated = repeated + 1 end
  local n = math.min(next_session, #sessions)
  local path, cookie = sessions[n]:match("^([^\t]*)\t(.*)$")
  next_session = next_session + 1
  if mode == "email" then
    return wrk.format("POST", path, { ["Cookie"] = cookie, ["Content-Type"] = "application/x-www-form-urlencoded" },
      "_handler=checkout&Input.Action=update&Input.Email=shopper" .. n .. "%40example.com")
  end
  return wrk.format("GET", path, { ["Cookie"] = cookie })
end

function response(status, headers, body)
  if finished then return end
  if mode == "open" then
    local path, cookie = headers["Content-Location"], headers["Set-Cookie"]
    if status == 200 and path and cookie then
      out:write(path, "\t", cookie:match("^[^;]*"), "\n")
      done_count = done_count + 1
    end
    if done_count >= wanted then finished = true; finish() end
  else
    if status ~= 200 then failed = failed + 1 end
    done_count = done_count + 1
    if done_count >= #sessions then finished = true; finish() end
  end
end

function done(summary, latency, requests)
  io.write("repeated ", the_thread:get("repeated") or 0, ", not 200 ", the_thread:get("failed") or 0, "\n")
end
