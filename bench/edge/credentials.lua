-- wrk script: GET PREFIX..ID for IDs read from the file named by env IDS, in random order, with the
-- credentials of env KEY (X-API-Key) or AUTH (the Authorization header's value).
local ids = {}
local prefix = os.getenv("PREFIX") or "/customer/"
for line in io.lines(os.getenv("IDS")) do ids[#ids + 1] = line end
local key = os.getenv("KEY")
local auth = os.getenv("AUTH")
math.randomseed(os.time())
request = function()
  local headers = {}
  if key then headers["X-API-Key"] = key end
  if auth then headers["Authorization"] = auth end
  return wrk.format("GET", prefix .. ids[math.random(#ids)], headers)
end
