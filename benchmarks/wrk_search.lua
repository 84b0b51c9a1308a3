-- wrk script for the HTTP load figures in README: wrk -t1 -c8 -d15s -s benchmarks/wrk_search.lua http://127.0.0.1:8000/
local qs = {"integration", "hvad%20besluttede%20socialudvalget%20om%20integration", "fordrevne%20ukrainere", "lokaludvalg%20h%C3%B8ringssvar", "budget%202027", "cykelsti", "skolefrav%C3%A6r", "bolig"}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", "/search?q=" .. qs[(i % #qs) + 1])
end
