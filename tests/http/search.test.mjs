// Search in every language: Swedish and English word forms through their
// stems, and words written with inner punctuation (Pol.is, e-palvelu)
// found joined and as written. Each query runs on a Swedish and a
// Finnish page, through the worker's in-memory index and through the
// database (since= makes the database search).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { get, importCsv, psql, lit, HEADER, rowCount, resultCount, RUN }
    from './lib.mjs';

const SLUG = 'haku-' + RUN;
const P = '/p/' + SLUG;

// One recommendation per row, one action each: the action's text says
// which row it is (the recommendations' texts match no query).
const ROWS = [
	'Kokeillaan Pol.is kyselyissä',
	'Kysely Polis -palvelussa',
	'Uusi digi-palvelu asukkaille',
	'Uusi digipalvelu kouluille',
	'Laajennetaan e-palvelu kirjastoon',
	'Laajennetaan epalvelu uimahalliin',
	'Nuorisotalo avataan',
	'Kirjasto remontoidaan',
	'Tavallinen toimenpide ilman käännöstä',
];
importCsv(SLUG, HEADER + ROWS.map((body, i) =>
    `${i + 1}. Suositus,,${body},Jatkuvaa,Suunnitteilla,` +
    'Tietohallinto,\r\n').join(''), 'Hakutesti');

const pid = psql(`SELECT id FROM process WHERE slug = ${lit(SLUG)}`);
function translate(fiBody, sv, en) {
	psql(`UPDATE action SET body_sv = ${lit(sv)}, body_en = ${lit(en)} ` +
	    `WHERE process_id = ${pid} AND body = ${lit(fiBody)}; ` +
	    `SELECT process_rows_rebuild(${pid})`);
}
translate('Nuorisotalo avataan', 'Fler tjänster för ungdomar',
    'More services for the community');
translate('Kirjasto remontoidaan', 'Ungdomarnas e-tjänsterna förnyas',
    'Libraries are renovated');
// Workers notice a change within a second (see catalog.c).
await new Promise((r) => setTimeout(r, 1200));

// The action texts of the rows a search finds, on a page of lang,
// through the index (since = '') or the database.
async function found(q, lang, since) {
	const r = await get(P + '?per=all&lang=' + lang + '&q=' +
	    encodeURIComponent(q) + (since ? '&since=2000-01-01' : ''));
	assert.equal(r.status, 200, `"${q}": ${r.status}`);
	const bodies = ROWS.filter((b) =>
	    r.text.includes(b) ||
	    (b === 'Nuorisotalo avataan' && r.text.includes('ungdomar<')) ||
	    (b === 'Kirjasto remontoidaan' && r.text.includes('förnyas')));
	assert.equal(bodies.length, rowCount(r.text),
	    `"${q}": every row found is one of the test's (${resultCount(r.text)})`);
	return bodies.sort();
}

const CASES = [
	// Swedish: an inflected query finds the other forms of its stem.
	['tjänsterna', ['Nuorisotalo avataan', 'Kirjasto remontoidaan']],
	['ungdomarnas', ['Nuorisotalo avataan', 'Kirjasto remontoidaan']],
	['tjänst', ['Nuorisotalo avataan', 'Kirjasto remontoidaan']],
	['ungdomar', ['Nuorisotalo avataan', 'Kirjasto remontoidaan']],
	['e-tjänster', ['Kirjasto remontoidaan']],
	// English the same way.
	['communities', ['Nuorisotalo avataan']],
	['library', ['Kirjasto remontoidaan']],
	// Inner punctuation: joined and as written find each other.
	['polis', ['Kokeillaan Pol.is kyselyissä', 'Kysely Polis -palvelussa']],
	['Pol.is', ['Kokeillaan Pol.is kyselyissä', 'Kysely Polis -palvelussa']],
	['digi-palvelu', ['Uusi digi-palvelu asukkaille',
	    'Uusi digipalvelu kouluille']],
	['digipalvelu', ['Uusi digi-palvelu asukkaille',
	    'Uusi digipalvelu kouluille']],
	['e-palvelu', ['Laajennetaan e-palvelu kirjastoon',
	    'Laajennetaan epalvelu uimahalliin']],
	['epalvelu', ['Laajennetaan e-palvelu kirjastoon',
	    'Laajennetaan epalvelu uimahalliin']],
	['e‐palvelu', ['Laajennetaan e-palvelu kirjastoon',
	    'Laajennetaan epalvelu uimahalliin']],
	// A part of a word with joiners, as people type.
	['digipalv', ['Uusi digi-palvelu asukkaille',
	    'Uusi digipalvelu kouluille']],
];

for (const [q, want] of CASES) {
	test(`search "${q}" finds ${want.length} rows on Swedish and ` +
	    'Finnish pages, from the index and the database', async () => {
		for (const lang of ['sv', 'fi'])
			for (const since of [false, true])
				assert.deepEqual(await found(q, lang, since),
				    [...want].sort(), `"${q}", lang=${lang}` +
				    (since ? ', in the database' : ', in the index'));
	});
}

test('punctuation alone or around a word neither fails nor widens a search',
    async () => {
	for (const since of [false, true]) {
		assert.deepEqual(await found('-pol.is.', 'fi', since),
		    ['Kokeillaan Pol.is kyselyissä',
		    'Kysely Polis -palvelussa'], 'joiners at the ends');
		assert.deepEqual(await found("'e-palvelu'", 'fi', since),
		    ['Laajennetaan e-palvelu kirjastoon',
		    'Laajennetaan epalvelu uimahalliin'], 'in quotes');
		assert.deepEqual(await found('pol.is palvelussa', 'fi', since),
		    ['Kysely Polis -palvelussa'], 'every word must match');
		assert.deepEqual(await found('x.y-z', 'fi', since), [],
		    'an unknown joined word finds nothing');
	}
});
