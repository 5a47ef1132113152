-- wrk: counts responses that are not a complete page (a torn write would end early).
local bad = 0
local statuses = {}
response = function(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if status ~= 200 or not string.find(body, "</html>%s*$") then
    bad = bad + 1
  end
end
done = function(summary, latency, requests)
  io.write(string.format("incomplete or failed responses: %d\n", bad))
end
