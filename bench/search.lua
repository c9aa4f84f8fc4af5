-- wrk script: varied searches, never the same query twice in a run.
--
--   wrk -t2 -c32 -d10s --latency -s bench/search.lua URL -- PATH QUERYFILE NTHREADS
--
-- PATH is the request path ("/p/bench-10000"); QUERYFILE holds one
-- URL-encoded query per line, all distinct (bench/gen.mjs queries);
-- NTHREADS is wrk's -t.  wrk runs one Lua state per thread (setup() and
-- then init() for each thread in turn, so the thread count must come as an
-- argument): thread k of n takes lines k, k+n, k+2n, ... so the threads
-- never share a query.  If a thread runs out of queries it starts over and
-- counts the repeats; done() reports them.

local threads = {}
local ncreated = 0

-- main state: number the threads
function setup(thread)
   thread:set("tid", ncreated)
   ncreated = ncreated + 1
   table.insert(threads, thread)
end

-- per-thread state
local path, queries, n, i = "/", {}, 0, 0
repeats, served = 0, 0

function init(args)
   path = args[1] or "/"
   local file = args[2]
   local nthreads = tonumber(args[3] or "1")
   local k = 0
   for line in io.lines(file) do
      if line ~= "" then
         if k % nthreads == tid then
            n = n + 1
            queries[n] = wrk.format("GET", path .. "?q=" .. line)
         end
         k = k + 1
      end
   end
   if n == 0 then
      error("no queries for thread " .. tostring(tid) .. " in " .. tostring(file))
   end
end

function request()
   i = i + 1
   if i > n then
      i = 1
   end
   served = served + 1
   if served > n then
      repeats = repeats + 1
   end
   return queries[i]
end

function done(summary, latency, requests)
   local total, rep = 0, 0
   for _, t in ipairs(threads) do
      rep = rep + (t:get("repeats") or 0)
      total = total + (t:get("served") or 0)
   end
   io.write(string.format("Distinct queries: %d sent, %d repeated\n", total - rep, rep))
end
