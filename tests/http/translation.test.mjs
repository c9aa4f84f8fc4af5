// Content in Swedish and English: entered in the backend, shown on the
// public pages of that language, and marked as Finnish where it is
// missing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Browser, login, hiddenValue, psql, addUser, importCsv, HEADER,
    eventually, get } from './lib.mjs';

const SLUG = 'kaannos-2025';
const ADMIN = 'translation-admin@example.org';
const PASSWORD = 'kaannos-salasana-123';

importCsv(SLUG,
    HEADER +
    '1. Nuorten palvelut,,Nuorisotalo avataan,1/2025 – 12/2025,' +
    'Käynnissä Rakennus valmis,Tietohallinto,Lisätieto suomeksi\r\n' +
    '2. Toinen suositus,,Toinen toimenpide,Jatkuvaa,Suunnitteilla,' +
    'Tietohallinto,\r\n', 'Käännöstesti');
addUser(ADMIN, 'admin', [], PASSWORD);

const pid = psql(`SELECT id FROM process WHERE slug = '${SLUG}'`);
const [rec1, rec2] = psql(`SELECT id FROM recommendation WHERE ` +
    `process_id = ${pid} ORDER BY position`).split('\n');
const act1 = psql(`SELECT a.id FROM action a JOIN recommendation_action ra ` +
    `ON ra.action_id = a.id WHERE ra.recommendation_id = ${rec1}`);

async function admin() {
	const b = new Browser();
	const r = await login(b, ADMIN, PASSWORD);
	assert.equal(r.status, 303, 'the admin signs in');
	return b;
}

test('translations entered in the backend are shown in their language', async () => {
	const b = await admin();
	let page = await b.get(`/b/p/${pid}`);
	const csrf = hiddenValue(page.text, 'csrf');
	let r = await b.post(`/b/p/${pid}`, { csrf, title: 'Käännöstesti',
	    kind: 'resident_panel', year: '2025', published: '1',
	    title_sv: 'Översättningstest', title_en: 'Translation test',
	    question_sv: 'Vad gör vi för unga?' });
	assert.equal(r.status, 303, 'the process saves');
	r = await b.post(`/b/r/${rec1}/define`, { csrf, number: '1',
	    body: 'Nuorten palvelut', body_sv: 'Tjänster för unga' });
	assert.equal(r.status, 303, 'the recommendation saves');
	page = await b.get(`/b/a/${act1}`);
	r = await b.post(`/b/a/${act1}`, { csrf,
	    revision: hiddenValue(page.text, 'revision'),
	    status: 'in_progress', status_note: 'Rakennus valmis',
	    status_note_sv: 'Byggnaden färdig', schedule_kind: 'months',
	    start: '1/2025', end: '12/2025', info: 'Lisätieto suomeksi',
	    info_en: 'More in English' });
	assert.equal(r.status, 303, 'the action saves');
	assert.equal(psql(`SELECT status_note_sv || '|' || info_en FROM ` +
	    `action WHERE id = ${act1}`), 'Byggnaden färdig|More in English');

	const sv = await eventually(async () => {
		const p = await get(`/p/${SLUG}?lang=sv`);
		return p.text.includes('Översättningstest') ? p : null;
	});
	assert.ok(sv, 'the Swedish table shows the Swedish title');
	assert.match(sv.text, /<h1>Översättningstest<\/h1>/,
	    'a translated title has no lang="fi"');
	assert.match(sv.text, /<p class="question">Vad gör vi för unga\?<\/p>/);
	assert.match(sv.text, />1\. Tjänster för unga</,
	    'the recommendation in Swedish');
	assert.match(sv.text, /<span class="note">Byggnaden färdig<\/span>/,
	    'the status note in Swedish, not marked Finnish');
	assert.match(sv.text, /lang="fi">2\. Toinen suositus</,
	    'an untranslated recommendation is marked as Finnish');
	assert.match(sv.text, /class="untranslated"/,
	    'the page says that some content is in Finnish only');

	const en = await get(`/p/${SLUG}/a/${act1}?lang=en`);
	assert.equal(en.status, 200);
	assert.match(en.text, /More in English/, 'additional information in English');
	assert.match(en.text, /<span class="note" lang="fi">Rakennus valmis/,
	    'the status note without an English translation is marked Finnish');

	const fi = await get(`/p/${SLUG}`);
	assert.match(fi.text, /<h1>Käännöstesti<\/h1>/, 'Finnish stays Finnish');
	assert.doesNotMatch(fi.text, /class="untranslated"/,
	    'no notice on the Finnish page');
	assert.doesNotMatch(fi.text, /Byggnaden/, 'no Swedish on the Finnish page');

	const found = await get(`/p/${SLUG}?lang=sv&q=byggnaden`);
	assert.match(found.text, /role="status">Visar raderna 1–1 av 1\./,
	    'a Swedish word finds its row');
});

test('a re-import of the Finnish table keeps the translations', async () => {
	importCsv(SLUG,
	    HEADER +
	    '1. Nuorten palvelut,,Nuorisotalo avataan,1/2025 – 12/2025,' +
	    'Käynnissä Rakennus valmis,Tietohallinto,Uusi lisätieto\r\n' +
	    '2. Toinen suositus,,Toinen toimenpide,Jatkuvaa,Suunnitteilla,' +
	    'Tietohallinto,\r\n', 'Käännöstesti');
	assert.equal(psql(`SELECT info || '|' || status_note_sv FROM action ` +
	    `WHERE id = ${act1}`), 'Uusi lisätieto|Byggnaden färdig');
	const p = await eventually(async () => {
		const r = await get(`/p/${SLUG}/a/${act1}?lang=sv`);
		return r.text.includes('Uusi lisätieto') ? r : null;
	});
	assert.ok(p, 'the new Finnish text is public');
	assert.match(p.text, /Byggnaden färdig/, 'the Swedish note stays');
});

test('an empty translation is marked as not translated in the forms', async () => {
	const b = await admin();
	const page = await b.get(`/b/r/${rec2}`);
	assert.match(page.text, /id="body_sv-hint"/,
	    'the Swedish text of an untranslated recommendation has a hint');
	const a = await b.get(`/b/a/${act1}`);
	assert.match(a.text, /<textarea id="status_note_sv"[^>]*>Byggnaden färdig<\/textarea>/,
	    'a translation is shown for editing');
	const define = a.text.slice(a.text.indexOf('id="define"'));
	assert.match(define, /<textarea id="body" name="body" lang="fi" rows="3" required maxlength="20000">Nuorisotalo avataan<\/textarea>/,
	    'the admin edits what the action is, held to its limit');
	assert.match(define, /<textarea id="body_sv" name="body_sv" lang="sv" rows="2" maxlength="20000" aria-describedby="body_sv-hint"><\/textarea>/,
	    'and its untranslated Swedish text says so');
});

test('a translation is said to be missing only while it is', async () => {
	const b = await admin();
	const page = await b.get(`/b/r/${rec1}`);
	assert.match(page.text, /<textarea id="body_sv" name="body_sv" lang="sv" rows="3" maxlength="20000">Tjänster för unga<\/textarea>/,
	    'the Swedish text, with no hint');
	assert.doesNotMatch(page.text, /id="body_sv-hint"/);
	assert.match(page.text, /<p class="hint" id="body_en-hint">Ei vielä käännetty: /,
	    'the English one is not translated yet');
	assert.match(page.text, /<textarea id="body_en" [^>]*aria-describedby="body_en-hint">/);
	for (const id of ['rec_body', 'reason', 'body'])
		assert.match(page.text, new RegExp(`<textarea id="${id}" [^>]*maxlength="20000"`),
		    id + ': every text of the page has its limit');
});

test('a new recommendation is made, refused when its number is not one, ' +
    'and removed with an answer that leads back to the process', async () => {
	const b = await admin();
	const page = await b.get(`/b/p/${pid}`);
	const csrf = hiddenValue(page.text, 'csrf');
	let r = await b.post(`/b/p/${pid}/recommendation`, { csrf,
	    number: '3.x', body: 'Kolmas' });
	assert.equal(r.status, 422, 'a number such as 3.x is refused');
	assert.match(r.text, /a number such as 3 or 3\.1|numero|nummer/i);
	r = await b.post(`/b/p/${pid}/recommendation`, { csrf, number: '3',
	    body: 'Kolmas suositus', body_en: 'A third one' });
	assert.equal(r.status, 303, 'a new recommendation');
	assert.match(r.location, new RegExp(`^/b/p/${pid}\\?added=[0-9]+#`),
	    'back to the process, which confirms it');
	const rid = r.location.match(/added=([0-9]+)/)[1];
	assert.equal(psql(`SELECT number || '|' || body_en FROM ` +
	    `recommendation WHERE id = ${rid}`), '3|A third one');
	r = await b.post(`/b/r/${rid}/remove`, { csrf });
	assert.equal(r.status, 303, 'the removal answers');
	assert.equal(r.location, `/b/p/${pid}?removed=2`);
	assert.equal(psql(`SELECT deleted_at IS NOT NULL FROM recommendation ` +
	    `WHERE id = ${rid}`), 't');
	r = await b.post(`/b/r/${rid}/restore`, { csrf });
	assert.equal(r.status, 303, 'and it comes back');
	assert.equal(psql(`SELECT deleted_at IS NULL FROM recommendation ` +
	    `WHERE id = ${rid}`), 't');
});
