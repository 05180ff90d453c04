-- wrk script: POSTs a chat completion (or GETs when WRK_METHOD=GET) with the headers given in the environment
-- (WRK_HEADERS: "Name: value" lines), and prints one JSON line of results at the end, latencies in microseconds.
local method = os.getenv("WRK_METHOD") or "POST"
wrk.method = method
if method == "POST" then
  wrk.body = os.getenv("WRK_BODY") or '{"model":"gpt-bench","messages":[{"role":"user","content":"Say hello"}]}'
  wrk.headers["Content-Type"] = "application/json"
end
for line in string.gmatch(os.getenv("WRK_HEADERS") or "", "[^\n]+") do
  local name, value = string.match(line, "^([^:]+):%s*(.*)$")
  if name then wrk.headers[name] = value end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '\nWRK_JSON {"requests":%d,"duration_us":%d,"bytes":%d,"p50":%d,"p90":%d,"p99":%d,"max":%d,"mean":%.1f,' ..
    '"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d}\n',
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean,
    e.connect, e.read, e.write, e.status, e.timeout))
end
