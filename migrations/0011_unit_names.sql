-- A unit's name in Swedish and English, as the public pages show it to
-- readers of those languages ('' when not translated: they see the
-- Finnish name, marked as Finnish). The published table and its
-- downloads keep the Finnish name.
ALTER TABLE unit
    ADD COLUMN name_sv text NOT NULL DEFAULT ''
	CHECK (length(name_sv) <= 200 AND name_sv = btrim(name_sv)
	    AND strpos(name_sv, ';') = 0),
    ADD COLUMN name_en text NOT NULL DEFAULT ''
	CHECK (length(name_en) <= 200 AND name_en = btrim(name_en)
	    AND strpos(name_en, ';') = 0);

-- unit_save() takes the translations now (sql/functions/backend.sql
-- defines it again after the migrations).
DROP FUNCTION IF EXISTS unit_save(bigint, bigint, text, bigint, text[],
    text);
