-- The panel's verdict: the members of a process's panel rate, through
-- invitation links and without accounts, the county's response to each
-- recommendation and its progress on two five-point scales, with a
-- short comment. Links are kept only as the SHA-256 of their token;
-- the addresses they were mailed to are only in the outbox. Ratings
-- are taken while an admin has a verdict round of the process open;
-- the aggregate is public, never who rated what; a comment is public
-- once an admin has seen it, unless an admin hid it with a reason.

CREATE TABLE verdict_link (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	process_id	bigint NOT NULL REFERENCES process (id),
	-- The printed list's number: 1, 2, ... within the process.
	number		integer NOT NULL CHECK (number > 0),
	token_hash	bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
	created_by	bigint REFERENCES app_user (id) ON DELETE SET NULL,
	created_at	timestamptz NOT NULL DEFAULT now(),
	revoked_by	bigint REFERENCES app_user (id) ON DELETE SET NULL,
	revoked_at	timestamptz,
	UNIQUE (process_id, number)
);

-- A round in which the links of a process take ratings: open from
-- opened_at until closed_at, or to the end of closes_on (Finland's day).
CREATE TABLE verdict_round (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	process_id	bigint NOT NULL REFERENCES process (id),
	closes_on	date NOT NULL,
	opened_by	bigint REFERENCES app_user (id) ON DELETE SET NULL,
	opened_at	timestamptz NOT NULL DEFAULT now(),
	closed_by	bigint REFERENCES app_user (id) ON DELETE SET NULL,
	closed_at	timestamptz,
	CHECK (closed_at >= opened_at)
);
CREATE UNIQUE INDEX verdict_round_one_open ON verdict_round (process_id)
    WHERE closed_at IS NULL;

-- One link's rating of one recommendation: the latest save wins. A
-- changed comment waits for an admin again (seen_at, hidden_at reset).
CREATE TABLE verdict (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	link_id		bigint NOT NULL REFERENCES verdict_link (id),
	recommendation_id bigint NOT NULL REFERENCES recommendation (id),
	process_id	bigint NOT NULL REFERENCES process (id),
	response	smallint CHECK (response BETWEEN 1 AND 5),
	progress	smallint CHECK (progress BETWEEN 1 AND 5),
	comment		text NOT NULL DEFAULT ''
			CHECK (length(comment) <= 1000),
	updated_at	timestamptz NOT NULL DEFAULT now(),
	seen_by		bigint REFERENCES app_user (id) ON DELETE SET NULL,
	seen_at		timestamptz,
	hidden_by	bigint REFERENCES app_user (id) ON DELETE SET NULL,
	hidden_at	timestamptz,
	hidden_reason	text NOT NULL DEFAULT ''
			CHECK (length(hidden_reason) <= 1000),
	UNIQUE (link_id, recommendation_id),
	CHECK (response IS NOT NULL OR progress IS NOT NULL OR comment <> ''),
	CHECK (hidden_at IS NULL OR hidden_reason <> '')
);
CREATE INDEX verdict_recommendation ON verdict (recommendation_id);
CREATE INDEX verdict_unseen ON verdict (process_id)
    WHERE comment <> '' AND seen_at IS NULL;
