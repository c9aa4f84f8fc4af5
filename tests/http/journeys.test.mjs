// What residents, unit editors, admins and council members met on the
// way: dates as people write them, and the other fixes of those walks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { get, importCsv, HEADER, RUN, psql, lit, eventually, addUser,
    signIn, PW } from './lib.mjs';

const SLUG = 'matkat-' + RUN;

importCsv(SLUG, HEADER +
    '1. Nuorten äänen vahvistaminen,,Nuorisovaltuuston kuuleminen,' +
    '1/2025 – 6/2026,Käynnissä,Nuorisopalvelut,\n' +
    ',,Kyselyn toteutus,,,Nuorisopalvelut,\n' +
    '2. Tiedon kulku,,Uutiskirje,Jatkuvaa,Toteutettu,Viestintä,\n' +
    ',,Oma sovellus,,Ei toteuteta Ei rahoitusta.,Viestintä,\n');
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
		return /5\.3\.2025/.test(r.text) ? r : null;
	});
	assert.ok(fi, 'expected 5.3.2025 in Finnish');
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

test('a page explains every status; the table, front page and reports link it',
    async () => {
	for (const [q, apart, processed] of [
	    ['', /Ei toteuteta<\/span><\/dt>\s*<dd><p>[^<]+<\/p>\s*<p class="status-counts">Päättävä: toimenpide on päättynyt toteutumatta\. Näytetään erikseen/,
		/Käsitelty ei tarkoita, että toimenpide olisi valmis/],
	    ['?lang=sv', /Genomförs inte<\/span><\/dt>\s*<dd><p>[^<]+<\/p>\s*<p class="status-counts">Slutlig: åtgärden har avslutats utan att genomföras/,
		/Behandlad betyder inte att åtgärden är klar/],
	    ['?lang=en', /Will not be done<\/span><\/dt>\s*<dd><p>[^<]+<\/p>\s*<p class="status-counts">Final: the action has ended without being carried out/,
		/Processed does not mean that the action is finished/]]) {
		const r = await get('/statuses' + q);
		assert.equal(r.status, 200, '/statuses' + q);
		assert.match(r.text, apart, `"will not be done" shown apart (${q})`);
		assert.match(r.text, processed, `"processed" explained (${q})`);
		assert.ok(r.headers.get('etag'), 'the page has an ETag');
	}
	const link = /href="\/statuses"/;
	assert.match((await get('/')).text, link, 'the front page links it');
	assert.match((await get(`/p/${SLUG}`)).text, link, 'the table links it');
	assert.match((await get(`/p/${SLUG}/report`)).text, link,
	    'the report links it');
	assert.match((await get('/report?lang=sv')).text,
	    /href="\/statuses\?lang=sv"/, 'the link keeps the language');
	assert.equal((await get('/statuses?lang=xx')).status, 400);
});

test('completed counts only final statuses that are progress; "will not ' +
    'be done" is shown apart', async () => {
	const home = await get('/');
	const li = home.text.split('<li class="process">')
	    .find((x) => x.includes(`/p/${SLUG}"`));
	assert.ok(li, 'the process is on the front page');
	assert.match(li, /1\/4 toimenpiteestä on toteutettu\. 1 ei toteuteta; niitä ei lasketa edistymiseksi\./,
	    'expected 1 of 4 completed and 1 apart');
	// Progress: 1 is (50 + 0) / 2 = 25, 2 is 100 with "will not be
	// done" left out; the process (25 + 100) / 2 = 62.5, rounded 63.
	assert.match(li, /Edistyminen: 63\u00a0%<\/span><span class="progress-bar" aria-hidden="true"><span class="progress-fill progress-65">/,
	    'expected the progress to leave out the action that will not be done');
	const rep = await get(`/p/${SLUG}/report`);
	assert.match(rep.text, /Toteutettu: 1\/3 edistymiseksi laskettavasta toimenpiteestä\. Ei toteuteta: 1;/,
	    'expected the report to count the same way');
	const en = await get('/?lang=en');
	assert.match(en.text, /1 of 4 actions completed\. 1 will not be done/);
});

test('an action with no status or schedule says "not reported yet"',
    async () => {
	const t = await get(`/p/${SLUG}`);
	const row = t.text.split('<tr>').find((x) => x.includes('Kyselyn toteutus'));
	assert.ok(row, 'the row of the action without status');
	assert.equal((row.match(/Ei vielä ilmoitettu/g) || []).length, 2,
	    'expected "not reported yet" in the schedule and the status cell');
	const a = await get(`/p/${SLUG}/a/${actions[1]}?lang=sv`);
	assert.equal((a.text.match(/Inte rapporterat ännu/g) || []).length, 2,
	    'expected "not reported yet" for schedule and status on the page');
});

test('an admin sets what a status means and its progress; bad values ' +
    'change nothing', async () => {
	const email = `tila-${RUN}@test.invalid`;
	addUser(email, 'admin', [], PW);
	const b = await signIn(email);
	const id = psql("SELECT id FROM status WHERE code = 'planned'");
	const before = psql(`SELECT progress || '|' || meaning_fi FROM status WHERE id = ${id}`);
	const kept = psql(`SELECT meaning_fi || '|' || meaning_sv || '|' || meaning_en FROM status WHERE id = ${id}`).split('|');
	const form = (over) => ({ csrf: b.csrf, label_fi: 'Suunnitteilla',
	    label_sv: 'Planerad', label_en: 'Planned', colour: '#7c3aed',
	    progress: '10', meaning_fi: 'Valmistellaan.', meaning_sv: 'Bereds.',
	    meaning_en: 'Being prepared.', ...over });
	for (const [what, over, msg] of [
	    ['progress over 100', { progress: '101' }, /Edistyminen on kokonaisluku 0–100/],
	    ['progress not a number', { progress: 'puolet' }, /Edistyminen on kokonaisluku 0–100/],
	    ['a meaning over 400 characters', { meaning_sv: 'å'.repeat(401) },
		/Tilan merkitys kerrotaan enintään 400 merkillä/]]) {
		const r = await b.post(`/b/statuses/${id}`, form(over));
		assert.equal(r.status, 422, what);
		assert.match(r.text, msg, what);
		assert.equal(psql(`SELECT progress || '|' || meaning_fi FROM status WHERE id = ${id}`),
		    before, `${what}: nothing changed`);
	}
	const ok = await b.post(`/b/statuses/${id}`, form({}));
	assert.equal(ok.status, 303, ok.text.slice(0, 300));
	assert.equal(psql(`SELECT progress || '|' || meaning_fi || '|' || meaning_en FROM status WHERE id = ${id}`),
	    '10|Valmistellaan.|Being prepared.');
	const page = await eventually(async () => {
		const r = await get('/statuses?lang=en');
		return /Being prepared\./.test(r.text) ? r : null;
	});
	assert.ok(page, 'expected the new meaning on the public page');
	// Empty progress: not progress, shown apart.
	const none = await b.post(`/b/statuses/${id}`, form({ progress: '' }));
	assert.equal(none.status, 303);
	assert.equal(psql(`SELECT progress IS NULL FROM status WHERE id = ${id}`), 't');
	const back = await b.post(`/b/statuses/${id}`, form({ progress: '10',
	    meaning_fi: kept[0], meaning_sv: kept[1], meaning_en: kept[2] }));
	assert.equal(back.status, 303, 'the status as it was');
});

test('a new view of the table starts at its results, and its title says ' +
    'what it shows', async () => {
	const t = await get(`/p/${SLUG}?q=kysely&status=in_progress&page=1`);
	assert.match(t.text, /<form class="filters"[^>]* action="\/p\/[a-z0-9-]+#results"/,
	    'expected the filter form to land on the results');
	assert.match(t.text, /<p class="result-count" id="results"/);
	const sorted = await get(`/p/${SLUG}?per=10`);
	assert.match(sorted.text, /<th scope="col"><a href="[^"]*sort=[a-z]+[^"]*#results">/,
	    'expected the sort links to land on the results');
	const title = (html) => html.match(/<title>([^<]*)<\/title>/)[1];
	assert.equal(title(t.text), 'Testiprosessi – Hae ”kysely”, Käynnissä – Toteuma');
	const sv = await get(`/p/${SLUG}?lang=sv&status=done&since=2025-01-31`);
	assert.equal(title(sv.text),
	    'Testiprosessi – Genomförd, Ändrad sedan 31.1.2025 – Toteuma');
	assert.equal(title((await get(`/p/${SLUG}`)).text), 'Testiprosessi – Toteuma');
	// A process with more pages than one: the pager lands on the results.
	const p = await get('/p/testi-sivutus?per=10&page=2');
	assert.match(p.text, /<a href="[^"]*page=3[^"]*#results"/);
	assert.match(title(p.text), / – Sivu 2 – Toteuma$/);
});

test('a specification and the action answering it are told apart', async () => {
	importCsv(SLUG + '-t', HEADER +
	    '1. Palvelut,Ohjauksen parantaminen,Ohjauspiste,,,Palvelut,\n' +
	    ',1.1. Numeroitu alasuositus,Chat-palvelu,,,Palvelut,\n');
	const t = await get(`/p/${SLUG}-t`);
	assert.match(t.text, /<p class="node"><span class="node-kind">Tarkennus:<\/span> <a[^>]*>Ohjauksen parantaminen<\/a><\/p><a [^>]*data-label="Toimenpide"[^>]*>Ohjauspiste/,
	    'expected the specification labelled, then the action labelled');
	assert.match(t.text, /<span class="node-kind">Alasuositus:<\/span> <a[^>]*>1\.1\. Numeroitu alasuositus/,
	    'expected a numbered sub-recommendation labelled as one');
});

test('the history of an action reads on a phone: labelled cells and a ' +
    'focusable scroll box', async () => {
	psql(`UPDATE action SET status_note = 'Kysely avattu ${RUN}' ` +
	    `WHERE id = ${actions[1]}`);
	const r = await eventually(async () => {
		const x = await get(`/p/${SLUG}/a/${actions[1]}`);
		return x.text.includes(`Kysely avattu ${RUN}`) ? x : null;
	});
	assert.ok(r, 'expected the change on the page');
	assert.match(r.text, /<div class="table-wrap" tabindex="0" role="region" aria-labelledby="history-caption">/);
	assert.match(r.text, /<td data-label="Päivämäärä">[^<]+<\/td><th scope="row" data-label="Mikä muuttui">/);
	assert.match(r.text, /<td data-label="Jälkeen"[^>]*>/);
});

test('the situation a report links to is a filter of its own that the ' +
    'form keeps', async () => {
	const r = await get(`/p/${SLUG}?state=not_done`);
	assert.equal(r.status, 200);
	assert.match(r.text, /<select id="state" name="state">[^]*<option value="not_done" selected>Ei toteuteta<\/option>/,
	    'expected the situation chosen in the form, so that the next search keeps it');
	assert.match(r.text, /Näytetään rivit 1–1, rivejä yhteensä 1\. Toimenpiteitä: 1\./, 'expected the one action that will not be done');
});
