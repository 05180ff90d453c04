-- Console sessions: the browser holds the token in an HttpOnly cookie; only its SHA-256 is stored here. Instants
-- are epoch milliseconds. A revoked session stays listed until it has expired and is purged.
CREATE TABLE console_session (
  id          VARCHAR(64)  NOT NULL PRIMARY KEY,
  token_hash  VARCHAR(64)  NOT NULL UNIQUE,
  user_id     VARCHAR(256) NOT NULL,
  key_prefix  VARCHAR(32)  NOT NULL,
  created_at  BIGINT       NOT NULL,
  expires_at  BIGINT       NOT NULL,
  revoked_at  BIGINT,
  user_agent  VARCHAR(256)
);

CREATE INDEX console_session_user ON console_session (user_id, created_at);
