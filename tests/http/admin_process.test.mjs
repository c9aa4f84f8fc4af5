// What the participation team sees of one process and its
// recommendations: the actions listed under each with their counts,
// adding recommendations one after another (a confirmation, the form
// again for the next; a taken number shown back in words, 422), and
// what the import preview says changes. Works on processes of its own
// (http-adminp-RUN), so that it can run again on the same database.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { importCsv, HEADER, RUN, PW, psql, lit, addUser, signIn, base,
    unescapeHtml } from './lib.mjs';

const SLUG = `http-adminp-${RUN}`;
const UNIT = `Prosessisivun yksikkö ${RUN}`;
const FIXTURE = HEADER +
    `1. Ensimmäinen suositus,,Toimenpide yksi,1/2025 – 12/2026,` +
    `Käynnissä Alku,${UNIT},Lisätieto yksi\r\n` +
    `,,Toimenpide kaksi,Jatkuvaa,Suunnitteilla,${UNIT},\r\n` +
    `2. Toinen suositus,2.1. Alasuositus,Toimenpide kolme,` +
    `3/2025 – 6/2025,Käsitelty Päätös tehty,${UNIT},\r\n`;

const id = {};
let admin;

// The rows of the table whose caption starts with caption.
function tableRows(html, caption) {
	const m = html.match(new RegExp('<caption[^>]*>' + caption.replace(
	    /[()]/g, '\\$&')));
	if (!m) return null;
	const i = m.index;
	const body = html.slice(i).match(/<tbody>([\s\S]*?)<\/tbody>/)[1];
	return body.split(/<tr[ >]/).slice(1).map((r) => [...r.matchAll(
	    /<td data-label="([^"]*)"[^>]*>([\s\S]*?)<\/td>/g)].reduce(
	    (o, m) => ({ ...o, [unescapeHtml(m[1])]: unescapeHtml(
	    m[2].replace(/<[^>]*>/g, '')).trim(), ['href ' + m[1]]:
	    (m[2].match(/href="([^"]*)"/) || [])[1] }), {}));
}

before(async () => {
	importCsv(SLUG, FIXTURE, 'Prosessisivun testi');
	id.process = Number(psql(`SELECT id FROM process WHERE slug = ${lit(SLUG)}`));
	for (const line of psql('SELECT id, number FROM recommendation WHERE ' +
	    `process_id = ${id.process}`).split('\n')) {
		const [rid, number] = line.split('|');
		id['rec' + number] = Number(rid);
	}
	for (const line of psql('SELECT id, body FROM action WHERE ' +
	    `process_id = ${id.process}`).split('\n')) {
		const [aid, body] = line.split('|');
		id[body] = Number(aid);
	}
	const email = `adminp-${RUN}@test.invalid`;
	addUser(email, 'admin', [], PW);
	admin = await signIn(email);
});

test('adding a process: an address name that is not one or is taken, ' +
    'or a title over 300 characters, is told beside its field (422) and ' +
    'adds nothing; a good one is its page, unpublished', async () => {
	const count = () => psql('SELECT count(*) FROM process');
	const before = count();
	const slug = `http-uusi-${RUN}`;
	const form = (o) => ({ csrf: admin.csrf, slug, title: 'Uusi prosessi',
	    kind: 'resident_panel', year: '2026', ...o });
	for (const [o, field, msg] of [
		[{ slug: 'Iso Kirjain' }, 'slug', /Give the process an address/],
		[{ slug: 'ä'.repeat(64) }, 'slug', /Give the process an address/],
		[{ slug: SLUG }, null, /already: give another/],
		[{ title: 'ä'.repeat(301) }, 'title', /at most 300 characters/],
	]) {
		const what = JSON.stringify(o).slice(0, 50);
		const r = await admin.post('/b/p/new?lang=en', form(o));
		assert.equal(r.status, 422, what);
		assert.match(r.text, msg, what);
		assert.doesNotMatch(r.text, /Choose a process/,
		    'this page has no process to choose');
		if (field)
			assert.match(r.text, new RegExp(`id="${field}-error"`),
			    `${what}: the message beside the field`);
	}
	assert.equal(count(), before, 'nothing was added');
	const ok = await admin.post('/b/p/new', form({}));
	assert.equal(ok.status, 303);
	const pid = psql('SELECT id FROM process WHERE slug = ' + lit(slug) +
	    ' AND NOT published');
	assert.match(pid, /^\d+$/, 'the process is there, unpublished');
	assert.match(ok.location, new RegExp(`/b/p/${pid}\\?`));
	const page = await admin.get(ok.location + '&lang=en');
	assert.match(page.text, /role="status">Saved\. The process is not /,
	    'its page says residents do not see it yet');
	assert.doesNotMatch(page.text, /public pages show the change/);
	// So does a saved recommendation of it, and of a published one not.
	const add = await admin.post(`/b/p/${pid}/recommendation`,
	    { csrf: admin.csrf, number: '1', body: 'Suositus' });
	assert.equal(add.status, 303, add.text.slice(0, 300));
	const rid = new URL(add.location, base).searchParams.get('added');
	const rec = await admin.get(`/b/r/${rid}?saved=1&lang=en`);
	assert.match(rec.text, /role="status">Saved\. The process is not /);
	const pub = await admin.get(`/b/r/${id.rec1}?saved=1&lang=en`);
	assert.match(pub.text, /role="status">Saved\. The public pages show/);
});

test('the process page lists its actions with their count, status, ' +
    'schedule, units, last update and recommendations, each linked',
    async () => {
	const r = await admin.get(`/b/p/${id.process}`);
	assert.equal(r.status, 200);
	assert.match(r.text, /<h2 id="actions">Toimenpiteet \(3\)<\/h2>/);
	const rows = tableRows(r.text, 'Toimenpiteet (3)');
	assert.ok(rows, 'a table of the actions');
	assert.deepEqual(rows.map((x) => x.Toimenpide), ['Toimenpide yksi',
	    'Toimenpide kaksi', 'Toimenpide kolme'], 'in the table\'s order');
	const one = rows[0];
	assert.equal(one['href Toimenpide'], `/b/a/${id['Toimenpide yksi']}`);
	assert.equal(one.Tila, 'Käynnissä');
	assert.equal(one.Aikataulu, '1/2025 – 12/2026');
	assert.equal(one.Vastuutaho, UNIT);
	assert.equal(one.Suositukset, '1');
	assert.match(one['Päivitetty viimeksi'], /^\d{1,2}\.\d{1,2}\.\d{4}$/,
	    'the date as Finnish pages write it');
	assert.equal(rows[1].Aikataulu, 'Jatkuvaa');
	assert.equal(rows[2].Suositukset, '2.1');
	const sv = await admin.get(`/b/p/${id.process}?lang=sv`);
	assert.match(sv.text, /<h2 id="actions">Åtgärder \(3\)<\/h2>/);
	assert.equal(tableRows(sv.text, 'Åtgärder (3)')[0].Status, 'Pågår');
});

test('the recommendation page lists the actions answering it, with ' +
    'their count, and is titled with its number and text', async () => {
	const r = await admin.get(`/b/r/${id.rec1}`);
	assert.equal(r.status, 200);
	assert.match(r.text, /<title>Suositus 1: Ensimmäinen suositus/);
	assert.match(r.text, /<h1>Suositus 1<\/h1>/);
	const rows = tableRows(r.text, 'Toimenpiteet (2)');
	assert.ok(rows, 'a table of its two actions');
	assert.deepEqual(rows.map((x) => x.Toimenpide), ['Toimenpide yksi',
	    'Toimenpide kaksi']);
	assert.equal(rows[1]['href Toimenpide'],
	    `/b/a/${id['Toimenpide kaksi']}`);
	assert.equal(rows[1].Tila, 'Suunnitteilla');
	const sub = await admin.get(`/b/r/${id['rec2.1']}`);
	assert.equal(tableRows(sub.text, 'Toimenpiteet (1)')[0].Toimenpide,
	    'Toimenpide kolme');
	const none = await admin.get(`/b/r/${id.rec2}?lang=en`);
	assert.match(none.text, /<h2 id="actions">Actions \(0\)<\/h2>/);
	assert.match(none.text, /No actions yet\./);
});

test('adding a recommendation: back on the process page with a ' +
    'confirmation, its link and the form for the next one', async () => {
	const r = await admin.post(`/b/p/${id.process}/recommendation`, {
	    csrf: admin.csrf, parent: '', number: '3',
	    body: 'Kolmas suositus' });
	assert.equal(r.status, 303);
	const rid = psql('SELECT id FROM recommendation WHERE process_id = ' +
	    `${id.process} AND number = '3'`);
	assert.equal(r.location,
	    `/b/p/${id.process}?added=${rid}#new-recommendation`);
	const page = await admin.get(r.location.split('#')[0]);
	assert.equal(page.status, 200);
	const notice = page.text.search(new RegExp('role="status">Suositus 3 ' +
	    `lisätty\\. <a href="/b/r/${rid}">[^<]*</a> Lisää seuraava alla\\.`));
	assert.ok(notice > 0, 'the confirmation with a link to it');
	assert.ok(notice > page.text.indexOf('id="new-recommendation"'),
	    'beside the form for the next one, where the answer lands');
	assert.match(page.text, /<input id="number" name="number" maxlength="24" value=""/,
	    'an empty form for the next one');
	// A sub-recommendation: the next one is offered under the same parent.
	const s = await admin.post(`/b/p/${id.process}/recommendation?lang=sv`, {
	    csrf: admin.csrf, parent: String(id.rec2), number: '2.2',
	    body: 'Alasuositus kaksi' });
	assert.equal(s.status, 303);
	const sp = await admin.get(s.location.split('#')[0]);
	assert.match(sp.text, /role="status">Rekommendation 2\.2 har lagts till\./);
	assert.match(sp.text, new RegExp(`<option value="${id.rec2}" selected>`));
});

test('a number that is taken: the form again with what was typed and a ' +
    'message in words on the number field, 422, nothing added', async () => {
	const before = psql('SELECT count(*) FROM recommendation WHERE ' +
	    `process_id = ${id.process}`);
	const body = 'Toinen teksti <b>& "lainaus"</b>';
	const r = await admin.post(`/b/p/${id.process}/recommendation`, {
	    csrf: admin.csrf, parent: String(id.rec2), number: '2.1', body });
	assert.equal(r.status, 422);
	assert.match(r.text, /<h1>Muokkaa prosessia<\/h1>/, 'the process page');
	assert.match(r.text, /<p class="field-error" id="number-error">Prosessissa on jo suositus 2\.1\./);
	assert.match(r.text, /<input id="number" name="number" maxlength="24" value="2\.1" aria-invalid="true"/);
	assert.ok(r.text.includes('>Toinen teksti &lt;b&gt;&amp; &quot;lainaus&quot;&lt;/b&gt;</textarea>'),
	    'the text is kept, escaped');
	assert.match(r.text, new RegExp(`<option value="${id.rec2}" selected>`));
	assert.match(r.text, /role="alert"[\s\S]*<a href="#number">Prosessissa on jo suositus 2\.1/);
	assert.doesNotMatch(r.text, /<dt>number<\/dt>|<dt>body<\/dt>|>number</,
	    'no raw field names');
	assert.equal(psql('SELECT count(*) FROM recommendation WHERE ' +
	    `process_id = ${id.process}`), before);
	const en = await admin.post(`/b/p/${id.process}/recommendation?lang=en`, {
	    csrf: admin.csrf, parent: '', number: '1', body: 'x' });
	assert.equal(en.status, 422);
	assert.match(en.text, /There is already a recommendation 1 in this process\./);
	const empty = await admin.post(`/b/p/${id.process}/recommendation`, {
	    csrf: admin.csrf, parent: '', number: '4', body: '' });
	assert.equal(empty.status, 422);
	assert.match(empty.text, /id="rec_body-error"/);
	assert.match(empty.text, /value="4"/);
});

// The multipart form of /b/import for an existing process.
function importForm(csrf, slug, csv) {
	const fd = new FormData();
	fd.append('csrf', csrf);
	fd.append('process', slug);
	fd.append('new_slug', '');
	fd.append('title', '');
	fd.append('file', new Blob([csv], { type: 'text/csv' }), 'muutos.csv');
	return fd;
}

// The preview's tables: caption text and rows [field, before, after].
function previewTables(html) {
	return [...html.matchAll(/<table class="backend import-diff">([\s\S]*?)<\/table>/g)]
	    .map((m) => ({
		caption: unescapeHtml(m[1].match(/<caption>([\s\S]*?)<\/caption>/)[1]
		    .replace(/<[^>]*>/g, '')).trim(),
		cells: [...m[1].matchAll(/<tr><th scope="row" lang="fi">([^<]*)<\/th><td[^>]*>([\s\S]*?)<\/td><td[^>]*>([\s\S]*?)<\/td><\/tr>/g)]
		    .map((c) => [c[1], c[2], c[3]]),
	    }));
}

test('the import preview: a table per changed row with only the changed ' +
    'fields, before and after marked in text, whole; new and removed ' +
    'rows labelled', async () => {
	const long = 'Pitkä lisätieto, jossa on paljon sanoja '.repeat(8).trim();
	const csv = HEADER +
	    `1. Ensimmäinen suositus,,Toimenpide yksi,1/2025 – 12/2026,` +
	    `Toteutettu Alku,${UNIT},"${long}"\r\n` +
	    `,,Toimenpide kaksi,Jatkuvaa,Suunnitteilla,${UNIT},\r\n` +
	    `2. Toinen suositus,2.1. Alasuositus,Toimenpide kolme,` +
	    `3/2025 – 6/2025,Käsitelty Päätös tehty,${UNIT},\r\n` +
	    `,,Toimenpide neljä,Jatkuvaa,Suunnitteilla,${UNIT},\r\n`;
	const slug = SLUG + '-tuonti';
	importCsv(slug, FIXTURE, 'Tuonnin esikatselu');
	const r = await admin.post('/b/import', importForm(admin.csrf, slug, csv));
	assert.equal(r.status, 200);
	const tables = previewTables(r.text);
	assert.equal(tables.length, 2, 'one changed and one new row: ' +
	    JSON.stringify(tables));
	assert.equal(tables[0].caption, 'Muuttuva rivi Rivi 2: Toimenpide yksi');
	assert.deepEqual(tables[0].cells.map((c) => c[0]), ['Status', 'Lisätieto'],
	    'only the changed fields');
	assert.deepEqual(tables[0].cells[0].slice(1), ['<del>Käynnissä Alku</del>',
	    '<ins>Toteutettu Alku</ins>'], 'the status change, marked');
	assert.equal(tables[0].cells[1][1], '<del>Lisätieto yksi</del>');
	assert.equal(unescapeHtml(tables[0].cells[1][2]), `<ins>${long}</ins>`,
	    'the whole text, not cut');
	assert.match(tables[1].caption, /^Uusi rivi Rivi 5: Toimenpide neljä$/);
	assert.ok(tables[1].cells.some((c) => c[0] === 'Toimenpide' &&
	    /\(tyhjä\)/.test(c[1]) && c[2] === '<ins>Toimenpide neljä</ins>'));
	assert.doesNotMatch(r.text, /<pre>/, 'no comma-joined lines');
	// Without the last rows: they are removed.
	const shorter = HEADER + `1. Ensimmäinen suositus,,Toimenpide yksi,` +
	    `1/2025 – 12/2026,Käynnissä Alku,${UNIT},Lisätieto yksi\r\n`;
	const rm = await admin.post('/b/import?lang=sv', importForm(admin.csrf,
	    slug, shorter));
	const rt = previewTables(rm.text);
	assert.equal(rt.length, 2);
	assert.ok(rt.every((t) => /^Rad som tas bort Rad \d+: /.test(t.caption)),
	    JSON.stringify(rt.map((t) => t.caption)));
	assert.ok(rt[0].cells.some((c) => c[0] === 'Toimenpide' &&
	    c[1] === '<del>Toimenpide kaksi</del>'));
	assert.equal(rt[1].caption, 'Rad som tas bort Rad 4: Toimenpide kolme');
});

test('a unit\'s Swedish and English names: edited in the unit form, ' +
    'shown to readers of that language (the Finnish name marked when ' +
    'there is none), in the filter and the JSON API; downloads keep the ' +
    'Finnish name', async () => {
	const uid = psql(`SELECT id FROM unit WHERE name = ${lit(UNIT)}`);
	const en = `Process page unit ${RUN}`;
	const sv = `Processidans enhet ${RUN}`;
	let r = await admin.post(`/b/units/${uid}`, { csrf: admin.csrf,
	    name: UNIT, name_sv: '', name_en: ' ' + en + ' ', parent: '' });
	assert.equal(r.status, 303);
	assert.equal(psql(`SELECT name_sv || '|' || name_en FROM unit WHERE id = ${uid}`),
	    '|' + en, 'stored trimmed');
	const form = await admin.get(`/b/units/${uid}`);
	assert.match(form.text, new RegExp(`name="name_en" lang="en" maxlength="200" value="${en}"`));
	// English readers see the English name; Swedish ones the Finnish
	// name, marked as Finnish.
	const aid = id['Toimenpide yksi'];
	const { eventually, get } = await import('./lib.mjs');
	const enPage = await eventually(async () => {
		const p = await get(`/p/${SLUG}?lang=en`);
		return p.text.includes(`<td data-label="Responsible">${en}</td>`) && p;
	});
	assert.ok(enPage, 'the English table names the unit in English');
	assert.match(enPage.text, new RegExp(`<option value="${uid}">${en}</option>`),
	    'the filter too');
	const svPage = await get(`/p/${SLUG}?lang=sv`);
	assert.ok(svPage.text.includes(`<td data-label="Ansvarig"><span lang="fi">${UNIT}</span></td>`),
	    'no Swedish name: the Finnish one, marked');
	const fiPage = await get(`/p/${SLUG}`);
	assert.ok(fiPage.text.includes(`<td data-label="Vastuutaho">${UNIT}</td>`));
	r = await admin.post(`/b/units/${uid}`, { csrf: admin.csrf,
	    name: UNIT, name_sv: sv, name_en: en, parent: '' });
	assert.equal(r.status, 303);
	const action = await eventually(async () => {
		const p = await get(`/p/${SLUG}/a/${aid}?lang=sv`);
		return p.text.includes(`<dd><a href="/unit/${uid}?lang=sv">${sv}</a></dd>`) && p;
	});
	assert.ok(action, 'the action page in Swedish names the unit in Swedish');
	const csv = await get(`/p/${SLUG}.csv?lang=sv`);
	assert.ok(csv.text.includes(UNIT) && !csv.text.includes(sv),
	    'the download keeps the Finnish name');
	const units = JSON.parse((await get('/api/v1/units')).text).units;
	const u = units.find((x) => x.id === Number(uid));
	assert.deepEqual([u.name, u.name_sv, u.name_en], [UNIT, sv, en]);
	// Every worker learns of the change within a second or so.
	const table = await eventually(async () => {
		const t = await get(`/p/${SLUG}.json`);
		return new RegExp(`"name_sv": ?"${sv}"`).test(t.text) && t;
	});
	assert.ok(table, 'the table\'s JSON too');
	r = await admin.post(`/b/units/${uid}?lang=en`, { csrf: admin.csrf,
	    name: UNIT, name_sv: 'A; B', name_en: en, parent: '' });
	assert.equal(r.status, 422);
	assert.match(r.text, /can not contain &#39;;&#39;|can not contain ';'/);
	assert.match(r.text, /value="A; B"/, 'what was typed is kept');
});

test('redefining a recommendation with a number that is taken: its page ' +
    'again with what was typed and a message in words on the number ' +
    'field, 422, nothing changed', async () => {
	const rid = id['rec2.1'];
	const was = psql(`SELECT number || '|' || body FROM recommendation WHERE id = ${rid}`);
	const body = 'Uusi teksti <i>& "lainaus"</i>';
	const r = await admin.post(`/b/r/${rid}/define`, { csrf: admin.csrf,
	    number: '1', body, body_sv: 'Ny text', body_en: '' });
	assert.equal(r.status, 422);
	assert.match(r.text, /<h1>Suositus 2\.1<\/h1>/, 'the recommendation\'s page');
	assert.match(r.text, /<p class="field-error" id="number-error">Prosessissa on jo suositus 1\./);
	assert.match(r.text, /<input id="number" name="number" maxlength="24" value="1" aria-invalid="true"/);
	assert.ok(r.text.includes('>Uusi teksti &lt;i&gt;&amp; &quot;lainaus&quot;&lt;/i&gt;</textarea>'),
	    'the text is kept, escaped');
	assert.ok(r.text.includes('>Ny text</textarea>'), 'the Swedish text too');
	assert.match(r.text, /role="alert"[\s\S]*<a href="#number">Prosessissa on jo suositus 1/);
	assert.doesNotMatch(r.text, /<dt>number<\/dt>|<dt>body<\/dt>/, 'no raw field names');
	assert.equal(psql(`SELECT number || '|' || body FROM recommendation WHERE id = ${rid}`),
	    was, 'nothing changed');
	const en = await admin.post(`/b/r/${rid}/define?lang=en`, { csrf: admin.csrf,
	    number: 'x.', body: 'Teksti', body_sv: '', body_en: '' });
	assert.equal(en.status, 422);
	assert.match(en.text, /id="number-error">Give the text, and a number/);
	assert.match(en.text, /value="x\."/);
	const long = await admin.post(`/b/r/${rid}/define`, { csrf: admin.csrf,
	    number: '2.1', body: 'Teksti', body_sv: 'ä'.repeat(20001),
	    body_en: '' });
	assert.equal(long.status, 422, 'a Swedish text over its limit');
	assert.match(long.text, /<p class="field-error" id="body_sv-error">Teksti on liian pitkä/);
	assert.match(long.text, /<textarea id="body_sv" [^>]*aria-invalid="true" aria-describedby="body_sv-error">/,
	    'beside its field');
	assert.match(long.text, /role="alert"[\s\S]*<a href="#body_sv">Teksti on liian pitkä/,
	    'and in the list, linked to it');
	const empty = await admin.post(`/b/r/${rid}/define`, { csrf: admin.csrf,
	    number: '2.1', body: '', body_sv: '', body_en: '' });
	assert.equal(empty.status, 422);
	assert.match(empty.text, /id="rec_body-error"/);
	const ok = await admin.post(`/b/r/${rid}/define`, { csrf: admin.csrf,
	    number: '2.1', body: 'Alasuositus', body_sv: '', body_en: '' });
	assert.equal(ok.status, 303, 'a free number is saved');
	assert.equal(ok.location, `/b/r/${rid}?saved=1`);
});

test('removing an action or a recommendation: back on the page it was ' +
    'removed from, with a confirmation that says where to restore it',
    async () => {
	const slug = SLUG + '-poisto';
	importCsv(slug, FIXTURE, 'Poistojen testi');
	const pid = psql(`SELECT id FROM process WHERE slug = ${lit(slug)}`);
	const aid = psql(`SELECT id FROM action WHERE process_id = ${pid} AND body = 'Toimenpide yksi'`);
	const rec = (n) => psql(`SELECT id FROM recommendation WHERE process_id = ${pid} AND number = '${n}'`);
	const a = await admin.post(`/b/a/${aid}/remove`, { csrf: admin.csrf });
	assert.equal(a.status, 303);
	assert.equal(a.location, `/b/p/${pid}?removed=1`, 'back on the process');
	const ap = await admin.get(a.location);
	assert.match(ap.text, /role="status">Toimenpide poistettiin\. <a href="#removed-actions">/);
	assert.match(ap.text, /<h2 id="removed-actions">Poistetut toimenpiteet<\/h2>/);
	const sub = await admin.post(`/b/r/${rec('2.1')}/remove?lang=sv`, { csrf: admin.csrf });
	assert.equal(sub.status, 303);
	assert.equal(sub.location, `/b/r/${rec('2')}?lang=sv&removed=2`,
	    'a sub-recommendation: back on its recommendation');
	const sp = await admin.get(sub.location);
	assert.match(sp.text, /role="status">Rekommendationen togs bort med det som låg under den\./);
	assert.ok(sp.text.includes(`<a href="/b/p/${pid}?lang=sv#removed-recs">`));
	const top = await admin.post(`/b/r/${rec('1')}/remove`, { csrf: admin.csrf });
	assert.equal(top.location, `/b/p/${pid}?removed=2`, 'a recommendation: back on the process');
	const tp = await admin.get(top.location);
	assert.match(tp.text, /role="status">Suositus poistettiin alakohtineen\. <a href="#removed-recs">/);
	assert.match(tp.text, /<h2 id="removed-recs">/);
	assert.doesNotMatch(tp.text, /Toimenpide poistettiin/);
});

test('the admin\'s action form names each recommendation by its number ' +
    'and the start of its text, as the unit editor\'s form; the list of ' +
    'actions names an unnumbered specification by its text', async () => {
	const slug = SLUG + '-tekstit';
	const long = 'Pitkä suositusteksti äänekkäästä yhteistyöstä, ' +
	    'jossa on monta sanaa '.repeat(8) + 'loppu';
	importCsv(slug, HEADER +
	    `"1. ${long}",,Toimenpide pitkä,Jatkuvaa,Käynnissä,${UNIT},\r\n` +
	    `2. Toinen suositus,Tarkennus ilman numeroa joka on aika pitkä ` +
	    `teksti,Toimenpide tarkennus,Jatkuvaa,Käynnissä,${UNIT},\r\n`,
	    'Suositusten tekstit');
	const pid = psql(`SELECT id FROM process WHERE slug = ${lit(slug)}`);
	const aid = psql(`SELECT id FROM action WHERE process_id = ${pid} AND body = 'Toimenpide pitkä'`);
	const r = await admin.get(`/b/a/${aid}`);
	assert.equal(r.status, 200);
	const labels = [...r.text.matchAll(/<label for="rec-\d+"[^>]*>([^<]*)<\/label>/g)]
	    .map((m) => unescapeHtml(m[1]));
	const one = labels.find((l) => l.startsWith('1 '));
	assert.ok(one, 'recommendation 1 in the form: ' + JSON.stringify(labels));
	assert.ok(one.endsWith('…') && one.length <= 2 + 141 &&
	    long.startsWith(one.slice(2, -1)) && /\S…$/.test(one) &&
	    long[one.length - 3] === ' ',
	    'its text cut at a word boundary, marked with …: ' + one);
	assert.ok(labels.includes('2 Toinen suositus'));
	assert.ok(labels.includes('Tarkennus ilman numeroa joka on aika pitkä teksti'),
	    'the unnumbered specification by its text: ' + JSON.stringify(labels));
	const list = tableRows((await admin.get(`/b/p/${pid}`)).text, 'Toimenpiteet (2)');
	assert.equal(list[1].Suositukset, 'Tarkennus ilman numeroa joka on aika…',
	    'the specification by the start of its text, not nothing');
});

test('days are Finland\'s: a change at 22:30 UTC is shown on the next ' +
    'day, in the staff pages and the public history', async () => {
	const aid = id['Toimenpide kaksi'];
	psql(`UPDATE action SET updated_at = '2025-03-10 22:30+00' WHERE id = ${aid}`);
	const rows = tableRows((await admin.get(`/b/p/${id.process}`)).text,
	    'Toimenpiteet (');
	const row = rows.find((r) => r.Toimenpide === 'Toimenpide kaksi');
	assert.equal(row['Päivitetty viimeksi'], '11.3.2025',
	    'updated at 00:30 on 11 March in Helsinki');
	// A public change at 22:30 UTC: the action's history says 11.3.2025.
	psql(`SELECT set_config('toteuma.actor', 'http-test', false);
	    UPDATE action SET status_note = 'Yömuutos' WHERE id = ${aid};
	    UPDATE history SET changed_at = '2025-03-10 22:30+00' WHERE id =
	    (SELECT max(id) FROM history WHERE table_name = 'action' AND
	    row_id = ${aid}); SELECT process_rows_refresh_action(${aid})`);
	const { eventually, get } = await import('./lib.mjs');
	const page = await eventually(async () => {
		const p = await get(`/p/${SLUG}/a/${aid}`);
		return p.text.includes('Yömuutos') && p;
	});
	assert.ok(page, 'the change is public');
	const hist = page.text.split('<tr>').find((r) =>
	    r.includes('>Yömuutos</td>'));
	assert.ok(hist, 'a row of the history for the change');
	assert.match(hist, /<td data-label="Päivämäärä">11\.3\.2025<\/td>/,
	    'the history dates it 11.3.2025: ' + hist);
});

test('a unit removed while the action was being written: told on a page ' +
    'of its own, with the text to copy; nothing is saved', async () => {
	const gone = Number(psql(`WITH u AS (INSERT INTO unit (name) VALUES ` +
	    `(${lit(UNIT + ' poistuva')}) RETURNING id) SELECT id FROM u`));
	psql(`DELETE FROM unit WHERE id = ${gone}`);
	const before = psql('SELECT count(*) FROM action');
	const body = `Uusi toimenpide ${RUN}`;
	const r = await admin.post(`/b/r/${id.rec1}/action?lang=en`, {
	    csrf: admin.csrf, body, unit: String(gone) });
	assert.equal(r.status, 422);
	assert.match(r.text, /<h1>Not saved<\/h1>/);
	assert.match(r.text, /A unit you chose has been removed meanwhile\. /);
	assert.doesNotMatch(r.text, /from the list/,
	    'this page has no list to choose from');
	assert.match(r.text, new RegExp(`<pre>${body}</pre>`), 'the text');
	const define = await admin.post(`/b/a/${id['Toimenpide yksi']}/define` +
	    '?lang=en', { csrf: admin.csrf, revision: psql('SELECT revision ' +
	    `FROM action WHERE id = ${id['Toimenpide yksi']}`), body,
	    unit: String(gone), recommendation: String(id.rec1) });
	assert.equal(define.status, 422);
	assert.match(define.text, /A unit or recommendation you chose has been /);
	assert.doesNotMatch(define.text, /Describe the action/,
	    'the text was there');
	assert.equal(psql('SELECT count(*) FROM action'), before);
	assert.equal(psql(`SELECT count(*) FROM action WHERE body = ${lit(body)}`),
	    '0');
});
