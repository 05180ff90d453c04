-- Users keep several named keys per provider (seed 003): each stored key gets its own id (credential_id, a
-- positive number below 2^53) and an optional friendly name; a user's provider config may name the key it uses.
-- key_id stays the Tink key that sealed the row. SQLite cannot change a primary key, so the table is rebuilt.
CREATE TABLE credential_v9 (
  credential_id BIGINT       NOT NULL PRIMARY KEY,
  owner_id      VARCHAR(256) NOT NULL,
  instance      VARCHAR(256) NOT NULL,
  key_name      VARCHAR(100),
  key_id        BIGINT       NOT NULL,
  ciphertext    TEXT         NOT NULL,
  masked        VARCHAR(64)  NOT NULL,
  created_at    BIGINT       NOT NULL,
  last_used_at  BIGINT
);
INSERT INTO credential_v9 (credential_id, owner_id, instance, key_name, key_id, ciphertext, masked, created_at,
    last_used_at)
  SELECT ROW_NUMBER() OVER (ORDER BY owner_id, instance), owner_id, instance, NULL, key_id, ciphertext, masked,
      created_at, last_used_at
  FROM credential;
DROP TABLE credential;
ALTER TABLE credential_v9 RENAME TO credential;
CREATE INDEX credential_owner ON credential (owner_id, instance);

ALTER TABLE user_provider_config ADD COLUMN api_key_id BIGINT;
