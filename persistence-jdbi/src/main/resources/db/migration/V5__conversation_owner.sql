-- Conversations belong to a caller: a pin is kept per (owner, conversation id), so two callers using the same id
-- have two conversations. owner is the user's id, or '' for a caller without one (the embedded CLI, a library).
CREATE TABLE conversation_pin (
  owner           VARCHAR(256) NOT NULL,
  conversation_id VARCHAR(256) NOT NULL,
  model_id        VARCHAR(330) NOT NULL,
  PRIMARY KEY (owner, conversation_id)
);
CREATE INDEX conversation_pin_model ON conversation_pin (model_id);

-- Pins kept by id alone go to the user whose call came first in that conversation (the one whose call pinned it);
-- a pin no recorded call explains stays with ''. Nobody else inherits another's pin.
INSERT INTO conversation_pin (owner, conversation_id, model_id)
SELECT COALESCE((SELECT u.principal FROM usage_record u
                 WHERE u.conversation_id = s.subject AND u.principal IS NOT NULL
                 ORDER BY u.at_ms, u.id LIMIT 1), ''),
       s.subject, s.model_id
FROM model_setting s
WHERE s.scope = 'conversation';

DELETE FROM model_setting WHERE scope = 'conversation';
