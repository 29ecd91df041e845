-- wrk script for `make bench`: headers from the environment, status counts per class, and one
-- JSON line with the figures at the end (latencies in microseconds).
local cookie = os.getenv("BENCH_COOKIE") or ""
local method = os.getenv("BENCH_METHOD") or "GET"
local body = os.getenv("BENCH_BODY") or ""
local csrf = os.getenv("BENCH_CSRF") or ""
local origin = os.getenv("BENCH_ORIGIN") or ""

wrk.method = method
wrk.headers["X-Forwarded-Proto"] = "https"
wrk.headers["Accept-Encoding"] = "gzip"
if cookie ~= "" then wrk.headers["Cookie"] = cookie end
if method == "POST" then
  wrk.body = body
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  wrk.headers["X-CSRFToken"] = csrf
  wrk.headers["Origin"] = origin
  wrk.headers["Referer"] = origin .. "/"
end

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  s2, s3, s4, s5 = 0, 0, 0, 0
end

function response(status, headers, body)
  if status >= 500 then s5 = s5 + 1
  elseif status >= 400 then s4 = s4 + 1
  elseif status >= 300 then s3 = s3 + 1
  else s2 = s2 + 1 end
end

function done(summary, latency, requests)
  local t2, t3, t4, t5 = 0, 0, 0, 0
  for _, thread in ipairs(threads) do
    t2 = t2 + thread:get("s2"); t3 = t3 + thread:get("s3")
    t4 = t4 + thread:get("s4"); t5 = t5 + thread:get("s5")
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "duration_us": %d, "bytes": %d, "p50": %d, "p95": %d, "p99": %d, ' ..
    '"max": %d, "s2xx": %d, "s3xx": %d, "s4xx": %d, "s5xx": %d, "socket_errors": %d}\n',
    summary.requests, summary.duration, summary.bytes, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.max, t2, t3, t4, t5, e.connect + e.read + e.write + e.timeout))
end
