-- Users' own provider configs, one row per (user, provider instance); updated_at is epoch milliseconds.
CREATE TABLE user_provider_config (
  user_id       VARCHAR(256)     NOT NULL,
  provider      VARCHAR(64)      NOT NULL,
  default_model VARCHAR(330),
  temperature   DOUBLE PRECISION,
  max_tokens    INTEGER,
  updated_at    BIGINT           NOT NULL,
  PRIMARY KEY (user_id, provider)
);

-- The config a user marked default. Its key is the user, so no user can ever have two defaults, even when two
-- replicas switch it at once: the second writer updates the same row (or retries after a duplicate insert).
CREATE TABLE user_provider_default (
  user_id  VARCHAR(256) NOT NULL PRIMARY KEY,
  provider VARCHAR(64)  NOT NULL
);
