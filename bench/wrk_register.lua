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
  redirected, failed, idle = 0, 0, 0
end

request = function()
  local c = creds[index]
  if c == nil then
    -- Every delegate of this thread has registered: ask for something harmless (a 404) until wrk stops.
    wrk.thread:stop()
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
end

done = function(summary, latency, requests)
  local good, bad = 0, 0
  for _, t in ipairs(threads) do
    good = good + (t:get("redirected") or 0)
    bad = bad + (t:get("failed") or 0)
  end
  io.write(string.format(
    '{"requests": %d, "seconds": %.3f, "accepted": %d, "refused": %d, "p50_ms": %.2f, "p95_ms": %.2f, "p99_ms": %.2f, "max_ms": %.2f, "socket_errors": %d}\n',
    summary.requests, summary.duration / 1e6, good, bad, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
