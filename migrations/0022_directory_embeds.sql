-- The sites whose pages may show toteuma's tables in a frame (/embed/...):
-- origins that an admin allows, each https, a host and perhaps a port,
-- nothing else (no path, no wildcard); none at first, so no site may.
ALTER TABLE site ADD COLUMN embed_origins text[] NOT NULL DEFAULT '{}'
    CHECK (cardinality(embed_origins) <= 20 AND
	array_to_string(embed_origins, ' ') ~
	'^(https://[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?(:[0-9]{1,5})?( |$))*$');

-- The directory of every published process's actions (/actions) lists
-- each action once, at its first row of the public table (an action
-- that answers several recommendations has a row under each): marked
-- when process_rows_rebuild() writes the rows, so that a page of the
-- directory reads its rows in order from one index and stops there.
ALTER TABLE process_row
    ADD COLUMN first_of_action boolean NOT NULL DEFAULT false;
UPDATE process_row pr SET first_of_action = true
WHERE action_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM process_row o
    WHERE o.process_id = pr.process_id AND o.action_id = pr.action_id
    AND o.position < pr.position);
CREATE INDEX process_row_directory ON process_row (process_id, position)
    WHERE first_of_action;
