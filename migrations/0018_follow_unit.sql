-- Residents may follow a responsible unit as well as a process or an
-- action: a subscription names exactly one of the three.
ALTER TABLE subscription ADD COLUMN unit_id bigint REFERENCES unit (id)
    ON DELETE CASCADE;
ALTER TABLE subscription DROP CONSTRAINT subscription_check;
ALTER TABLE subscription ADD CONSTRAINT subscription_one_target
    CHECK (num_nonnulls(process_id, action_id, unit_id) = 1);
ALTER TABLE subscription
    DROP CONSTRAINT subscription_subscriber_id_process_id_action_id_key;
ALTER TABLE subscription ADD CONSTRAINT subscription_target_key
    UNIQUE NULLS NOT DISTINCT (subscriber_id, process_id, action_id, unit_id);
CREATE INDEX subscription_unit ON subscription (unit_id);

-- follow_add gained the unit (sql/functions/follow.sql).
DROP FUNCTION IF EXISTS follow_add(text, text, bigint, bigint, text);
