-- The sites whose pages may show toteuma's tables in a frame (/embed/...):
-- origins that an admin allows, each https, a host and perhaps a port,
-- nothing else (no path, no wildcard); none at first, so no site may.
ALTER TABLE site ADD COLUMN embed_origins text[] NOT NULL DEFAULT '{}'
    CHECK (cardinality(embed_origins) <= 20 AND
	array_to_string(embed_origins, ' ') ~
	'^(https://[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?(:[0-9]{1,5})?( |$))*$');
