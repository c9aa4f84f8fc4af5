// Council reports in the reader's language: a unit's name in the page's
// language wherever a report names units (the process report's table by
// unit and its lists of actions, the summary of every process, a
// round's report for the public and for admins), the Finnish name
// marked as Finnish when there is no translation. Works on a process and
// units of its own (http-repunits-RUN), so that it can run again.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { importCsv, HEADER, RUN, PW, psql, lit, addUser, signIn, get,
    eventually } from './lib.mjs';

const SLUG = `http-repunits-${RUN}`;
const UNIT = `Raporttiyksikkö ${RUN}`;
const EN = `Report unit ${RUN}`;
const SV = `Rapportenhet ${RUN}`;
let admin, uid, pid;

after(() => {
	psql('UPDATE round SET closed_at = now() WHERE closed_at IS NULL ' +
	    `AND title = ${lit('Yksikkökierros ' + RUN)}`);
});

before(async () => {
	// One overdue action (its schedule ended in 2020), one stale.
	importCsv(SLUG, HEADER +
	    `1. Suositus,,Myöhässä oleva ${RUN},1/2020 – 2/2020,Käynnissä,` +
	    `${UNIT},\r\n`, 'Yksikkönimien raportti');
	pid = Number(psql(`SELECT id FROM process WHERE slug = ${lit(SLUG)}`));
	uid = Number(psql(`SELECT id FROM unit WHERE name = ${lit(UNIT)}`));
	const email = `repunits-admin-${RUN}@test.invalid`;
	addUser(email, 'admin', [], PW);
	addUser(`repunits-editor-${RUN}@test.invalid`, 'editor', [UNIT], PW);
	admin = await signIn(email);
	// An English name, no Swedish one.
	const r = await admin.post(`/b/units/${uid}`, { csrf: admin.csrf,
	    name: UNIT, name_sv: '', name_en: EN, parent: '' });
	assert.equal(r.status, 303, 'the unit is saved');
});

// The page at path once it includes every text (each worker refreshes
// its copy of the units on its own, within a second or so).
async function pageWith(path, ...texts) {
	const p = await eventually(async () => {
		const x = await get(path);
		return texts.every((t) => x.text.includes(t)) && x;
	});
	return p || get(path);
}

test('the process report names units in the page\'s language, the ' +
    'Finnish name marked when there is no translation', async () => {
	const en = await pageWith(`/p/${SLUG}/report?lang=en`,
	    `<th scope="row">${EN}</th>`, `"Responsible">${EN}<`);
	assert.ok(en.text.includes(`<th scope="row">${EN}</th>`),
	    'the table by unit names the unit in English');
	assert.ok(en.text.includes(`<td data-label="Responsible">${EN}</td>`),
	    'the lists of actions name it in English');
	assert.ok(!en.text.includes(UNIT), 'no Finnish name on the English page');
	const sv = await get(`/p/${SLUG}/report?lang=sv`);
	assert.ok(sv.text.includes(`<th scope="row" lang="fi">${UNIT}</th>`),
	    'no Swedish name: the Finnish one, marked as Finnish');
	assert.ok(sv.text.includes(`<td data-label="Ansvarig"><span lang="fi">` +
	    `${UNIT}</span></td>`), 'in the lists too');
	const fi = await get(`/p/${SLUG}/report`);
	assert.ok(fi.text.includes(`<th scope="row">${UNIT}</th>`));
	assert.ok(fi.text.includes(`<td data-label="Vastuutaho">${UNIT}</td>`));
	const r = await admin.post(`/b/units/${uid}`, { csrf: admin.csrf,
	    name: UNIT, name_sv: SV, name_en: EN, parent: '' });
	assert.equal(r.status, 303);
	const sv2 = await pageWith(`/p/${SLUG}/report?lang=sv`,
	    `<th scope="row">${SV}</th>`, `"Ansvarig">${SV}<`);
	assert.ok(sv2.text.includes(`<td data-label="Ansvarig">${SV}</td>`),
	    'the Swedish name once there is one');
});

test('the report of every process names units in the page\'s language',
    async () => {
	const en = await pageWith('/report?lang=en', `: ${EN}</span>`);
	assert.ok(en.text.includes(`<span class="node">: ${EN}</span>`),
	    'the summary by process and unit names the unit in English');
});

test('a round\'s reports name units in the page\'s language', async () => {
	const f = new URLSearchParams({ csrf: admin.csrf,
	    title: `Yksikkökierros ${RUN}`,
	    deadline: psql('SELECT (current_date + 14)::text'), message: '',
	    units_without_editors_ok: '1' });
	f.append('process', String(pid));
	const r = await admin.post('/b/rounds', f);
	assert.equal(r.status, 303, r.text.slice(0, 300));
	const round = r.location.match(/^\/b\/rounds\/([0-9]+)/)[1];
	const pub = await pageWith(`/round/${round}?lang=en`, EN);
	assert.ok(pub.text.includes(`<th scope="row" data-label="Unit">${EN}</th>`),
	    'the public report names the unit in English');
	assert.match(pub.text, new RegExp(`not answered: ${EN}\\.`),
	    'and in its summary');
	const back = await eventually(async () => {
		const x = await admin.get(`/b/rounds/${round}?lang=en`);
		return !x.text.includes(UNIT) && x;
	}) || await admin.get(`/b/rounds/${round}?lang=en`);
	assert.ok(back.text.includes(`<th scope="row" data-label="Unit">${EN}</th>`),
	    'so does the admin\'s page of the round');
	assert.ok(!back.text.includes(UNIT), 'no Finnish name on it');
});
