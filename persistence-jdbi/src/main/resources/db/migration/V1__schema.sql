-- Modelgate's schema. One file for H2, SQLite and PostgreSQL: ${money} is an exact decimal (TEXT on SQLite, whose
-- DECIMAL is a binary float) and ${id_column} an auto-generated BIGINT key. Every instant is epoch milliseconds.

CREATE TABLE catalog_entry (
  instance           VARCHAR(64)   NOT NULL,
  model              VARCHAR(256)  NOT NULL,
  category           VARCHAR(16)   NOT NULL,
  provider_kind      VARCHAR(32)   NOT NULL,
  display_name       VARCHAR(1000) NOT NULL,
  description        TEXT,
  context_window     INTEGER,
  max_output_tokens  INTEGER,
  capabilities       VARCHAR(200)  NOT NULL,
  price_input        ${money},
  price_output       ${money},
  price_cached_input ${money},
  price_request      ${money},
  status             VARCHAR(16)   NOT NULL,
  source             VARCHAR(16)   NOT NULL,
  discovered_at      BIGINT        NOT NULL,
  enabled_at         BIGINT,
  deprecated_at      BIGINT,
  last_seen_at       BIGINT,
  raw_metadata       TEXT,
  admin_notes        TEXT,
  successor          VARCHAR(330),
  PRIMARY KEY (instance, model, category)
);
CREATE INDEX catalog_entry_instance_category ON catalog_entry (instance, category);
CREATE INDEX catalog_entry_status ON catalog_entry (status);

CREATE TABLE provider_instance (
  id                    VARCHAR(64)   NOT NULL PRIMARY KEY,
  kind                  VARCHAR(32)   NOT NULL,
  display_name          VARCHAR(1000) NOT NULL,
  base_url              VARCHAR(2000),
  credential_ref        VARCHAR(1000),
  owner_id              VARCHAR(256),
  visibility            VARCHAR(16)   NOT NULL,
  approval_policy       VARCHAR(16)   NOT NULL,
  default_models        TEXT          NOT NULL,
  discovery_interval_ms BIGINT        NOT NULL,
  enabled               INTEGER       NOT NULL,
  options_json          TEXT          NOT NULL
);

CREATE TABLE provider_discovery (
  instance      VARCHAR(64) NOT NULL,
  category      VARCHAR(16) NOT NULL,
  discovered_at BIGINT      NOT NULL,
  PRIMARY KEY (instance, category)
);

-- scope: global (subject ''), user, org, or conversation (category '' for a pin)
CREATE TABLE model_setting (
  scope    VARCHAR(16)  NOT NULL,
  subject  VARCHAR(256) NOT NULL,
  category VARCHAR(16)  NOT NULL,
  model_id VARCHAR(330) NOT NULL,
  PRIMARY KEY (scope, subject, category)
);
CREATE INDEX model_setting_model ON model_setting (model_id);

CREATE TABLE model_migration (
  from_model VARCHAR(330) NOT NULL PRIMARY KEY,
  to_model   VARCHAR(330) NOT NULL,
  reason     VARCHAR(16)  NOT NULL,
  automatic  INTEGER      NOT NULL,
  created_at BIGINT       NOT NULL
);

CREATE TABLE model_alias (
  name          VARCHAR(64) NOT NULL PRIMARY KEY,
  models        TEXT        NOT NULL,
  defaults_json TEXT        NOT NULL
);

-- ciphertext: base64 of Tink AES-256-GCM output; associated data binds owner, instance and key_id
CREATE TABLE credential (
  owner_id     VARCHAR(256) NOT NULL,
  instance     VARCHAR(256) NOT NULL,
  key_id       BIGINT       NOT NULL,
  ciphertext   TEXT         NOT NULL,
  masked       VARCHAR(64)  NOT NULL,
  created_at   BIGINT       NOT NULL,
  last_used_at BIGINT,
  PRIMARY KEY (owner_id, instance)
);

CREATE TABLE quota_counter (
  subject_kind VARCHAR(8)   NOT NULL,
  subject_id   VARCHAR(256) NOT NULL,
  window_kind  VARCHAR(8)   NOT NULL,
  period_key   VARCHAR(32)  NOT NULL,
  requests     BIGINT       NOT NULL,
  tokens       BIGINT       NOT NULL,
  usd          ${money}     NOT NULL,
  PRIMARY KEY (subject_kind, subject_id, window_kind, period_key)
);

CREATE TABLE usage_record (
  id                 ${id_column},
  at_ms              BIGINT        NOT NULL,
  usage_day          VARCHAR(10)   NOT NULL,
  request_id         VARCHAR(256)  NOT NULL,
  operation          VARCHAR(64)   NOT NULL,
  principal          VARCHAR(256),
  org_id             VARCHAR(256),
  gateway_key        VARCHAR(256),
  conversation_id    VARCHAR(256),
  requested_model    VARCHAR(400),
  served_model       VARCHAR(400),
  provider           VARCHAR(64),
  route              VARCHAR(2000) NOT NULL,
  prompt_tokens      BIGINT        NOT NULL,
  completion_tokens  BIGINT        NOT NULL,
  cached_tokens      BIGINT        NOT NULL,
  reasoning_tokens   BIGINT        NOT NULL,
  billed_cost_usd    ${money},
  price_input        ${money},
  price_output       ${money},
  price_cached_input ${money},
  price_request      ${money},
  cost_usd           ${money}      NOT NULL,
  latency_ns         BIGINT        NOT NULL,
  ttft_ns            BIGINT,
  outcome            VARCHAR(16)   NOT NULL,
  error_class        VARCHAR(256)
);
CREATE INDEX usage_record_at ON usage_record (at_ms);

CREATE TABLE user_account (
  id         VARCHAR(256)  NOT NULL PRIMARY KEY,
  name       VARCHAR(1000) NOT NULL,
  role_name  VARCHAR(16)   NOT NULL,
  org_id     VARCHAR(256),
  created_at BIGINT        NOT NULL
);

CREATE TABLE org (
  id             VARCHAR(256)  NOT NULL PRIMARY KEY,
  name           VARCHAR(1000) NOT NULL,
  allowed_models TEXT          NOT NULL,
  created_at     BIGINT        NOT NULL
);

-- key_hash: a hash of the whole key, made by the service that issues keys; the key itself is never stored
CREATE TABLE gateway_key (
  key_prefix   VARCHAR(64)   NOT NULL PRIMARY KEY,
  key_hash     VARCHAR(256)  NOT NULL,
  user_id      VARCHAR(256)  NOT NULL,
  name         VARCHAR(1000),
  created_at   BIGINT        NOT NULL,
  last_used_at BIGINT,
  revoked_at   BIGINT
);
CREATE INDEX gateway_key_user ON gateway_key (user_id);

CREATE TABLE audit_event (
  id           ${id_column},
  at_ms        BIGINT        NOT NULL,
  actor        VARCHAR(256)  NOT NULL,
  action       VARCHAR(256)  NOT NULL,
  target       VARCHAR(1000) NOT NULL,
  before_state TEXT,
  after_state  TEXT
);
