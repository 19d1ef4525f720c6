-- wrk script: POST /oauth2/token (client_credentials) with the client of env BASIC (base64 id:secret).
local basic = os.getenv("BASIC")
request = function()
  return wrk.format("POST", "/oauth2/token", {
    ["Authorization"] = "Basic " .. basic,
    ["Content-Type"] = "application/x-www-form-urlencoded"
  }, "grant_type=client_credentials")
end
