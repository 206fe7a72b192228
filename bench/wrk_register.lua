-- Each request registers a different delegate (sessions prepared by registration_setup.py).
local creds = {}
for line in io.lines(os.getenv("WRK_CREDS_FILE")) do
  local session, csrf = line:match("^(%S+) (%S+)")
  if session then creds[#creds + 1] = { session, csrf } end
end
local event_id = os.getenv("WRK_EVENT_ID")
local week = os.getenv("WRK_WEEK")
local arrival = os.getenv("WRK_ARRIVAL")
local departure = os.getenv("WRK_DEPARTURE")
local threads = {}
local thread_count = tonumber(os.getenv("WRK_THREADS") or "2")

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  index = id + 1  -- this thread uses creds id+1, id+1+n, id+1+2n, ...
  mine = 0
  for i = id + 1, #creds, thread_count do mine = mine + 1 end
  redirected, failed, idle = 0, 0, 0
  -- wrk calls the first thread's request() once after init to check the script, and never
  -- sends that request: it must not use up a delegate (one went unregistered in every run).
  checking = (id == 0)
  started, finished = nil, nil
end

-- wrk's own duration is always its -d (its main thread sleeps that long even when every thread
-- has stopped), so each thread notes the wall clock at its first request and its last answer.
local function now()
  local clock = io.popen("date +%s.%N")
  local value = tonumber(clock:read("*a"))
  clock:close()
  return value
end

request = function()
  if checking then
    checking = false
    return wrk.format("GET", "/api/v1/events/none-such")
  end
  local c = creds[index]
  if started == nil then started = now() end
  if c == nil then
    -- Every delegate of this thread has sent: while the last answers come, the free connections
    -- ask for something harmless (a 404, counted as idle); the thread stops at its last answer.
    return wrk.format("GET", "/api/v1/events/none-such")
  end
  index = index + thread_count
  local body = "csrfmiddlewaretoken=" .. c[2] .. "&events=" .. event_id .. "&role=delegate&arrival_date=" .. arrival
    .. "&departure_date=" .. departure .. "&consent=on"
  local headers = {
    ["Cookie"] = "sessionid=" .. c[1] .. "; csrftoken=" .. c[2],
    ["Content-Type"] = "application/x-www-form-urlencoded",
  }
  return wrk.format("POST", "/en/events/week/" .. week .. "/register/", headers, body)
end

response = function(status, headers, body)
  if status == 302 and headers["Location"] and headers["Location"]:find("/events/my/") then
    redirected = redirected + 1
  elseif status == 404 then
    idle = idle + 1
  else
    failed = failed + 1
  end
  if redirected + failed >= mine and finished == nil then
    -- Every answer is in: the client's whole run, ramp and tail included, ends here. The file
    -- tells bench/registration.py, which then interrupts wrk (it prints its summary at once).
    finished = now()
    local marker = io.open(os.getenv("WRK_DONE_DIR") .. "/thread-" .. id, "w")
    marker:write(string.format("%.6f %.6f\n", started, finished))
    marker:close()
    wrk.thread:stop()
  end
end

done = function(summary, latency, requests)
  local good, bad, idle_requests, first, last = 0, 0, 0, nil, nil
  for _, t in ipairs(threads) do
    good = good + (t:get("redirected") or 0)
    bad = bad + (t:get("failed") or 0)
    idle_requests = idle_requests + (t:get("idle") or 0)
    local s, f = t:get("started"), t:get("finished")
    if s and (first == nil or s < first) then first = s end
    if f and (last == nil or f > last) then last = f end
  end
  -- A thread that never got its last answer (cut short by -d) has no finish: wrk's duration then.
  local client_seconds = summary.duration / 1e6
  local finished_all = true
  for _, t in ipairs(threads) do
    if t:get("finished") == nil then finished_all = false end
  end
  if finished_all and first and last then client_seconds = last - first end
  io.write(string.format(
    '{"requests": %d, "seconds": %.3f, "accepted": %d, "refused": %d, "p50_ms": %.2f, "p95_ms": %.2f, "p99_ms": %.2f, "max_ms": %.2f, "socket_errors": %d, "idle_requests": %d, "client_seconds": %.3f, "every_answer_in": %s}\n',
    summary.requests, summary.duration / 1e6, good, bad, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout, idle_requests,
    client_seconds, finished_all and "true" or "false"))
end
