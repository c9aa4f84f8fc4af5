// What residents, unit editors, admins and council members met on the
// way: dates as people write them, and the other fixes of those walks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { get, importCsv, HEADER, RUN, psql, lit, eventually }
    from './lib.mjs';

const SLUG = 'matkat-' + RUN;

importCsv(SLUG, HEADER +
    '1. Nuorten äänen vahvistaminen,,Nuorisovaltuuston kuuleminen,' +
    '1/2025 – 6/2026,Käynnissä,Nuorisopalvelut,\n' +
    ',,Kyselyn toteutus,,,Nuorisopalvelut,\n');
const actions = psql('SELECT a.id FROM action a JOIN process p ON ' +
    `p.id = a.process_id WHERE p.slug = ${lit(SLUG)} ORDER BY a.id`)
    .split('\n').map(Number);

test('dates are written as each language writes them; downloads keep ISO',
    async () => {
	psql(`UPDATE action SET updated_at = '2025-03-05 12:00+02' ` +
	    `WHERE id = ${actions[0]}`);
	const url = `/p/${SLUG}/a/${actions[0]}`;
	const fi = await eventually(async () => {
		const r = await get(url);
		assert.match(r.text, /5\.3\.2025/, 'expected 5.3.2025 in Finnish');
		return r;
	});
	assert.ok(!/2025-03-05/.test(fi.text.replace(/datetime="[^"]*"/g, '')),
	    'expected no ISO date on the Finnish page');
	const sv = await get(url + '?lang=sv');
	assert.match(sv.text, /5\.3\.2025/, 'expected 5.3.2025 in Swedish');
	const en = await get(url + '?lang=en');
	assert.match(en.text, /5 March 2025/, 'expected 5 March 2025 in English');
	const json = await get(`/api/v1/actions/${actions[0]}`);
	assert.match(json.text, /2025-03-05/, 'expected ISO in the API');
	// The report's period in words, its form fields in ISO.
	const rep = await get(`/p/${SLUG}/report?from=2025-01-01&to=2025-03-31`);
	assert.match(rep.text, /1\.1\.2025–31\.3\.2025/,
	    'expected the period as 1.1.2025–31.3.2025');
	assert.match(rep.text, /name="from" value="2025-01-01"/,
	    'expected the date field to keep ISO');
	const repEn = await get(`/p/${SLUG}/report?lang=en&from=2025-01-01` +
	    '&to=2025-03-31');
	assert.match(repEn.text, /1 January 2025 to 31 March 2025/,
	    'expected the English period in words');
});
