-- wrk script of make bench: GET the paths of the file BENCH_PATHS in turn (each thread from its own
-- offset), with the Cookie headers of the file BENCH_COOKIES in turn (logged-in sessions), and optional
-- extra headers BENCH_HEADERS ("Name: value|Name: value"). Prints one BENCH_JSON line that bench/run.py reads.

local paths = {}
for line in io.lines(os.getenv("BENCH_PATHS")) do
  if #line > 0 then paths[#paths + 1] = line end
end

local cookies = {}
local fichier = os.getenv("BENCH_COOKIES")
if fichier and #fichier > 0 then
  for line in io.lines(fichier) do
    if #line > 0 then cookies[#cookies + 1] = line end
  end
end

local headers = {}
local extra = os.getenv("BENCH_HEADERS")
if extra and #extra > 0 then
  for pair in string.gmatch(extra, "[^|]+") do
    local name, value = string.match(pair, "^%s*([^:]+):%s*(.-)%s*$")
    if name then headers[name] = value end
  end
end

local nthreads = 0
function setup(thread)
  thread:set("offset", nthreads * 7919)
  nthreads = nthreads + 1
end

function init(args)
  counter = offset or 0
end

function request()
  counter = counter + 1
  if #cookies > 0 then headers["Cookie"] = cookies[(counter % #cookies) + 1] end
  return wrk.format("GET", paths[(counter % #paths) + 1], headers)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "duration_us": %d, "bytes": %d, "p50_us": %d, "p90_us": %d, "p95_us": %d, ' ..
    '"p99_us": %d, "max_us": %d, "mean_us": %.1f, "errors_connect": %d, "errors_read": %d, "errors_write": %d, ' ..
    '"errors_status": %d, "errors_timeout": %d}\n',
    summary.requests, summary.duration, summary.bytes, latency:percentile(50), latency:percentile(90),
    latency:percentile(95), latency:percentile(99), latency.max, latency.mean, e.connect, e.read, e.write,
    e.status, e.timeout))
end
