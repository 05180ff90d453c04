-- One version per part of the shared admin state (accounts, catalog, settings, ...), raised after each change to
-- that part commits. Every replica keeps the admin state in memory and polls this small table to know when to reload.
CREATE TABLE change_version (
  part     VARCHAR(40) NOT NULL PRIMARY KEY,
  version  BIGINT      NOT NULL
);
