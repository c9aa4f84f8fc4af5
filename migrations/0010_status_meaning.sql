-- What each status means, for the public page that explains them, and
-- how far an action with it has got. progress is a percentage; NULL
-- means the status is not progress at all ("will not be done") and is
-- shown apart. A final status with progress counts as completed.
ALTER TABLE status ADD COLUMN progress smallint DEFAULT 0
	CHECK (progress BETWEEN 0 AND 100);
ALTER TABLE status ADD COLUMN meaning_fi text NOT NULL DEFAULT ''
	CHECK (length(meaning_fi) <= 400);
ALTER TABLE status ADD COLUMN meaning_sv text NOT NULL DEFAULT ''
	CHECK (length(meaning_sv) <= 400);
ALTER TABLE status ADD COLUMN meaning_en text NOT NULL DEFAULT ''
	CHECK (length(meaning_en) <= 400);

UPDATE status s SET progress = v.progress, meaning_fi = v.fi,
    meaning_sv = v.sv, meaning_en = v.en
FROM (VALUES
	('not_started', 0,
	 'Toimenpidettä ei ole vielä aloitettu.',
	 'Åtgärden har inte påbörjats ännu.',
	 'Work on the action has not begun.'),
	('planned', 10,
	 'Toimenpide on suunnitteilla: sitä valmistellaan, mutta toteutus ei ole alkanut.',
	 'Åtgärden planeras: den bereds, men genomförandet har inte börjat.',
	 'The action is being planned: it is being prepared, but carrying it out has not begun.'),
	('in_progress', 50,
	 'Toimenpidettä toteutetaan parhaillaan.',
	 'Åtgärden genomförs som bäst.',
	 'The action is being carried out.'),
	('processed', 50,
	 'Suositus on käsitelty vastuuyksikössä ja siitä on päätetty jatkotoimista. Käsitelty ei tarkoita, että toimenpide olisi valmis.',
	 'Rekommendationen har behandlats i den ansvariga enheten och fortsatta åtgärder har beslutats. Behandlad betyder inte att åtgärden är klar.',
	 'The responsible unit has considered the recommendation and decided what follows. Processed does not mean that the action is finished.'),
	('done', 100,
	 'Toimenpide on toteutettu.',
	 'Åtgärden har genomförts.',
	 'The action has been carried out.'),
	('established', 100,
	 'Toimenpide on toteutettu ja siitä on tullut pysyvä käytäntö.',
	 'Åtgärden har genomförts och blivit en bestående praxis.',
	 'The action has been carried out and has become established practice.'),
	('rejected', NULL,
	 'Toimenpidettä ei toteuteta. Syy kerrotaan toimenpiteen tilan lisätiedossa.',
	 'Åtgärden genomförs inte. Orsaken anges i tilläggsuppgiften om åtgärdens status.',
	 'The action will not be carried out. The reason is given in the note on its status.')
) AS v (code, progress, fi, sv, en)
WHERE s.code = v.code;
