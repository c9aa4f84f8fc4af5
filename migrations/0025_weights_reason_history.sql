-- Progress weights: how much an action counts towards the progress of
-- a recommendation it answers. The weight is the link's, as one action
-- can answer several recommendations and matter more to one of them.
-- Every link counts 1 until an admin sets another weight, so the
-- progress of a recommendation is the plain mean of its actions' until
-- weights are set. The limits are those of src/domain/define_form.h
-- (tests/limits.c holds them against this CHECK).
ALTER TABLE recommendation_action ADD COLUMN weight smallint NOT NULL
    DEFAULT 1 CHECK (weight BETWEEN 1 AND 100);

-- A change of the reason category of an action (why it will not be
-- done) is a public change of its own: see 0035.

-- action_public_history() takes the reader's language, for the labels
-- of the reason categories (reports.sql).
DROP FUNCTION IF EXISTS action_public_history(bigint, text);
-- action_public_changes() reads the labels of the reason categories:
-- it is stable now, no longer immutable (reports.sql).
