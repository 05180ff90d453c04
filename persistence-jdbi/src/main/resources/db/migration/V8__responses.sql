-- The Responses API's kept replies (store: true): the response as its owner received it and the conversation it
-- ends, as JSON text, readable by the owner alone until expires_at (epoch milliseconds).
CREATE TABLE stored_response (
  id          VARCHAR(64)  NOT NULL PRIMARY KEY,
  owner       VARCHAR(256) NOT NULL,
  created_at  BIGINT       NOT NULL,
  expires_at  BIGINT       NOT NULL,
  body        TEXT         NOT NULL,
  history     TEXT         NOT NULL
);
CREATE INDEX stored_response_expires ON stored_response (expires_at);
