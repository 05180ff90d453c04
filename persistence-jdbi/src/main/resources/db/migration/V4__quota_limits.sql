-- The limits set per user, org or gateway key (subject_kind USER, ORG or KEY); a NULL part is unlimited. Day and
-- month limits count UTC calendar days and months, rpm and tpm UTC minutes, against the rows of quota_counter.
CREATE TABLE quota_limit (
  subject_kind       VARCHAR(8)   NOT NULL,
  subject_id         VARCHAR(256) NOT NULL,
  requests_per_day   BIGINT,
  requests_per_month BIGINT,
  tokens_per_month   BIGINT,
  usd_per_month      ${money},
  rpm                BIGINT,
  tpm                BIGINT,
  PRIMARY KEY (subject_kind, subject_id)
);
