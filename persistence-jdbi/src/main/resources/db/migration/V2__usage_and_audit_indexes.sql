-- The usage reports filter by principal, org or conversation over a time range, and the audit view reads the
-- newest events first.
CREATE INDEX usage_record_principal_at ON usage_record (principal, at_ms);
CREATE INDEX usage_record_org_at ON usage_record (org_id, at_ms);
CREATE INDEX usage_record_conversation_at ON usage_record (conversation_id, at_ms);
CREATE INDEX audit_event_at ON audit_event (at_ms);
