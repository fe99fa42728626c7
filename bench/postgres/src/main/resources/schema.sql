CREATE TABLE IF NOT EXISTS conversations (
    id       text PRIMARY KEY,
    last_seq bigint NOT NULL
);
CREATE TABLE IF NOT EXISTS messages (
    conversation_id   text        NOT NULL,
    seq               bigint      NOT NULL,
    sender_id         text        NOT NULL,
    body              text        NOT NULL,
    client_message_id text,
    sent_at           timestamptz NOT NULL,
    PRIMARY KEY (conversation_id, seq)
);
