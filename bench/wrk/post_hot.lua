-- POST every message into one hot conversation.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.path = "/v1/conversations/bench-hot/messages"
wrk.body = '{"senderId":"alice","body":"The quick brown fox jumps over the lazy dog while the sequencer keeps every message in order."}'
