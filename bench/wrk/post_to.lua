-- POST every message into the conversation named by the CONVERSATION environment variable, as SENDER (alice).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.path = "/v1/conversations/" .. os.getenv("CONVERSATION") .. "/messages"
wrk.body = '{"senderId":"' .. (os.getenv("SENDER") or "alice") .. '","body":"The quick brown fox jumps over the lazy dog while the sequencer keeps every message in order."}'
