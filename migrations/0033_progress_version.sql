-- The data version at which a process's kept progress last changed
-- (progress_refresh in sql/functions/progress.sql): a server reads a
-- process's progress again only when it moves, not after every saved
-- note.
ALTER TABLE process_version
    ADD COLUMN progress_version bigint NOT NULL DEFAULT 0;
