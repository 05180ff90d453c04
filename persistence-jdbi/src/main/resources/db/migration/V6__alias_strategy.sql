-- How an alias spreads calls over the nodes serving one of its models: round-robin, least-busy, latency, weighted
-- or ordered; null for the default (least-busy).
ALTER TABLE model_alias ADD COLUMN strategy VARCHAR(16);
