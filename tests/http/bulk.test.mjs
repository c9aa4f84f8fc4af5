// The bulk update of "My actions" (POST /b/bulk) against the real server
// and database: several actions changed in one save, each with its own
// conflict check (an action changed meanwhile is named and left as it
// is, the others are saved), an action of another unit refusing the
// whole save, progress, history, the public pages and search following
// as for one save, the form's own checks, and CSRF.
//
// The file works on a process of its own with units of its own, and
// makes its accounts with a suffix per run.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { importCsv, HEADER, eventually, rowCount, psql, RUN, RUN_WORD, lit,
    signInUsers, actionIds, get } from './lib.mjs';

const SLUG = 'bulk-' + RUN;
const UNIT_A = 'Massayksikkö A ' + RUN;
const UNIT_B = 'Massayksikkö B ' + RUN;
const WORD = 'massa' + RUN_WORD + 'sana';
const mail = (who) => `bulk-${who}-${RUN}@test.invalid`;

const act = {};
const as = {};

// Each action's state that a refused or skipped save must keep.
function state(id) {
	return JSON.parse(psql('SELECT json_build_object(\'revision\', ' +
	    'revision, \'row\', md5(a::text)) FROM action a ' +
	    `WHERE id = ${id}`));
}
function revision(id) {
	return Number(psql(`SELECT revision FROM action WHERE id = ${id}`));
}
// The form's pairs: a=ID:REVISION for each action, then the change.
// One query for all (the server closes a connection idle for 8 s).
function bulkForm(csrf, ids, change) {
	const revs = ids.length ? JSON.parse(psql('SELECT json_object_agg(id, ' +
	    `revision) FROM action WHERE id IN (${ids.join(',')})`)) : {};
	return [['csrf', csrf], ...ids.map((id) => ['a', `${id}:${revs[id]}`]),
	    ...Object.entries(change)];
}
function states(ids) {
	const all = JSON.parse(psql('SELECT json_object_agg(id, json_build_object(' +
	    '\'revision\', revision, \'row\', md5(a::text))) FROM action a ' +
	    `WHERE id IN (${ids.join(',')})`));
	return ids.map((id) => all[id]);
}

before(async () => {
	importCsv(SLUG, HEADER +
	    `1. Massasuositus,,Massa yksi,1/2025 – 12/2026,Käynnissä,${UNIT_A},\r\n` +
	    `,,Massa kaksi,1/2025 – 12/2026,Käynnissä,${UNIT_A},\r\n` +
	    `,,Massa kolme,1/2025 – 12/2026,Käynnissä,${UNIT_A},\r\n` +
	    `,,Massa neljä,1/2025 – 12/2026,Käynnissä,${UNIT_A},\r\n` +
	    `,,Massa viisi,1/2025 – 12/2026,Käynnissä Ennallaan,${UNIT_A},\r\n` +
	    `2. Toinen suositus,,Massa vieras,1/2025 – 12/2026,Käynnissä,${UNIT_B},\r\n`,
	    'Massapäivitysten testi');
	Object.assign(act, actionIds(SLUG));
	assert.equal(Object.keys(act).length, 6, 'the fixture has six actions');
	Object.assign(as, await signInUsers({
		own: { email: mail('a'), role: 'editor', units: [UNIT_A] },
		other: { email: mail('b'), role: 'editor', units: [UNIT_B] },
	}));
});

test('"My actions" has a box per own action with its revision, in one form',
    async () => {
	const r = await as.own.get('/b');
	assert.equal(r.status, 200);
	assert.match(r.text, /<form method="post" action="\/b\/bulk"/,
	    'expected the bulk form');
	for (const name of ['Massa yksi', 'Massa kaksi', 'Massa viisi']) {
		const id = act[name];
		assert.match(r.text, new RegExp(`<input type="checkbox" ` +
		    `id="a-${id}" name="a" value="${id}:${revision(id)}"`),
		    `expected a box for ${name}`);
		assert.match(r.text, new RegExp(`<label class="visually-hidden" ` +
		    `for="a-${id}">${name}</label>`), 'with a label');
	}
	assert.doesNotMatch(r.text, new RegExp(`value="${act['Massa vieras']}:`),
	    'no box for another unit\'s action');
	assert.match(r.text, /<button type="submit">Tallenna valitut toimenpiteet<\/button>/);
});

test('a bulk save with half the actions changed meanwhile saves the rest ' +
    'and names those', async () => {
	const ids = ['Massa yksi', 'Massa kaksi', 'Massa kolme', 'Massa neljä']
	    .map((n) => act[n]);
	const form = bulkForm(as.own.csrf, ids, { status: 'done',
	    status_note: `Valmistui ${WORD}`, schedule: '' });
	// Someone else saves two of them after the list was shown.
	psql(`UPDATE action SET info = 'Muutettu välillä' WHERE id IN ` +
	    `(${ids[1]}, ${ids[3]})`);
	const moved = states([ids[1], ids[3]]);
	const r = await as.own.post('/b/bulk', form);
	assert.equal(r.status, 200, r.text.slice(0, 400));
	assert.match(r.text, /<h2 id="bulk-saved">Tallennettu: 2<\/h2>/);
	assert.match(r.text, /<h2 id="bulk-moved">Joku muu muutti sillä välin, ei tallennettu: 2<\/h2>/);
	const movedSection = r.text.match(/<section class="group" aria-labelledby="bulk-moved">[\s\S]*?<\/section>/)[0];
	for (const [i, name] of [[1, 'Massa kaksi'], [3, 'Massa neljä']])
		assert.match(movedSection, new RegExp(`<a href="/b/a/${ids[i]}">${name}</a>`),
		    `${name} is named with a link`);
	assert.doesNotMatch(movedSection, /Massa yksi|Massa kolme/);
	assert.deepEqual(states([ids[1], ids[3]]), moved,
	    'the actions changed meanwhile are left as they are');
	for (const id of [ids[0], ids[2]]) {
		const row = JSON.parse(psql('SELECT json_build_object(\'status\', ' +
		    's.code, \'note\', a.status_note) FROM action a JOIN status s ' +
		    `ON s.id = a.status_id WHERE a.id = ${id}`));
		assert.deepEqual(row, { status: 'done', note: `Valmistui ${WORD}` },
		    `action ${id} saved`);
	}
});

test('progress, history, the public page and search follow a bulk save',
    async () => {
	// Five actions of recommendation 1: two done (100), three in
	// progress (50): 70 %.
	const doc = JSON.parse((await get(`/api/v1/processes/${SLUG}`)).text);
	const rec = doc.recommendations.find((x) => x.number === '1');
	assert.equal(rec.progress.percent, 70,
	    'expected the recommendation\'s progress to move to 70 %');
	const id = act['Massa yksi'];
	const h = JSON.parse(psql('SELECT json_agg(json_build_object(\'actor\', ' +
	    'actor, \'status\', after->\'status_id\')) FROM history ' +
	    `WHERE table_name = 'action' AND row_id = ${id} AND operation = 'UPDATE'`));
	assert.equal(h.length, 1, 'one history row for the saved action');
	assert.equal(h[0].actor, mail('a'), 'under the editor\'s address');
	assert.equal(psql('SELECT count(*) FROM audit_log WHERE event = ' +
	    `'action.update' AND object = 'action/${id}'`), '1',
	    'and one audit row as for a single save');
	assert.equal(psql('SELECT count(*) FROM history WHERE table_name = ' +
	    `'action' AND row_id = ${act['Massa kaksi']} AND operation = 'UPDATE' ` +
	    `AND actor = ${lit(mail('a'))}`), '0', 'no history for a skipped action');
	const page = await eventually(async () => {
		const p = await as.anon.get(`/p/${SLUG}/a/${id}`);
		return p.text.includes(WORD) ? p : null;
	});
	assert.ok(page, 'the public page shows the new note');
	assert.match(page.text, /Toteutettu/, 'and the new status');
	const found = await eventually(async () => {
		const s = await as.anon.get(`/p/${SLUG}?q=${WORD}`);
		return rowCount(s.text) === 2 ? s : null;
	});
	assert.ok(found, 'search finds the new note\'s word in both saved actions');
});

test('a schedule is read as the table writes it, and the note\'s ' +
    'translations are emptied', async () => {
	const id = act['Massa viisi'];
	psql(`UPDATE action SET status_note_sv = 'Gammal' WHERE id = ${id}`);
	const r = await as.own.post('/b/bulk', bulkForm(as.own.csrf, [id],
	    { schedule: '3/2025 – 6/2027', status_note: 'Siirtyi' }));
	assert.equal(r.status, 200);
	const row = JSON.parse(psql('SELECT json_build_object(\'kind\', ' +
	    'schedule_kind, \'start\', schedule_start, \'end\', schedule_end, ' +
	    '\'sv\', status_note_sv, \'status\', status_id) FROM action ' +
	    `WHERE id = ${id}`));
	assert.equal(row.kind, 'months');
	assert.equal(row.start, '2025-03-01');
	assert.equal(row.end, '2027-06-01');
	assert.equal(row.sv, '', 'the Swedish note is emptied');
	assert.notEqual(row.status, null, 'the status stays');
	const c = await as.own.post('/b/bulk', bulkForm(as.own.csrf, [id],
	    { schedule: 'Jatkuvaa' }));
	assert.equal(c.status, 200);
	assert.equal(psql(`SELECT schedule_kind FROM action WHERE id = ${id}`),
	    'continuous');
});

test('an action of another unit refuses the whole save: 403, nothing changed',
    async () => {
	const own = act['Massa kolme'], foreign = act['Massa vieras'];
	const before = states([own, foreign]);
	const r = await as.own.post('/b/bulk', bulkForm(as.own.csrf,
	    [own, foreign], { status: 'planned' }));
	assert.equal(r.status, 403);
	assert.match(r.text, /kuuluu toiselle yksikölle/);
	assert.deepEqual(states([own, foreign]), before,
	    'neither action changed');
	const none = await as.own.post('/b/bulk', [['csrf', as.own.csrf],
	    ['a', `${own}:${revision(own)}`], ['a', '999999999:1'],
	    ['status', 'planned']]);
	assert.equal(none.status, 403, 'an id that is no action is refused too');
	assert.deepEqual(state(own), before[0]);
	assert.equal(psql('SELECT count(*) FROM audit_log WHERE event = ' +
	    `'denied' AND email = ${lit(mail('a'))}`) >= '1', true,
	    'the refusal is in the audit log');
});

test('bad bulk forms: a clear message, 4xx, nothing changed', async () => {
	const id = act['Massa kolme'];
	const before = state(id);
	const cases = [
		['no action chosen', [['csrf', as.own.csrf], ['status', 'done']],
		    422, /Valitse muutettavat toimenpiteet/],
		['nothing to change', bulkForm(as.own.csrf, [id], {}), 422,
		    /Valitse, mitä muutetaan/],
		['a status not in the list', bulkForm(as.own.csrf, [id],
		    { status: 'nope' }), 422, /Valitse tila luettelosta/],
		['a month that is not one', bulkForm(as.own.csrf, [id],
		    { schedule: '13/2025' }), 422, /Kirjoita aikataulu/],
		['a status that will not be done without a reason',
		    bulkForm(as.own.csrf, [id], { status: 'rejected' }), 422,
		    /Valitse, miksi toimenpiteitä ei toteuteta\./],
		['a reason that is no longer there', bulkForm(as.own.csrf, [id],
		    { status: 'rejected', reason: '999999999' }), 422,
		    /Valitsemasi syy on sillä välin poistettu\./],
		['a choice without its revision', [['csrf', as.own.csrf],
		    ['a', String(id)], ['status', 'done']], 400, null],
	];
	for (const [what, form, status, re] of cases) {
		const r = await as.own.post('/b/bulk', form);
		assert.equal(r.status, status, `${what}: expected ${status}`);
		if (re) assert.match(r.text, re, what);
		assert.deepEqual(state(id), before, `${what}: nothing changed`);
	}
});

test('CSRF and sessions: a bulk save needs both', async () => {
	const id = act['Massa kolme'];
	const before = state(id);
	const forged = await as.own.post('/b/bulk', bulkForm('x'.repeat(43),
	    [id], { status: 'done' }));
	assert.equal(forged.status, 403, 'a wrong CSRF token is refused');
	const missing = await as.own.post('/b/bulk', bulkForm('', [id],
	    { status: 'done' }).filter(([k]) => k !== 'csrf'));
	assert.equal(missing.status, 403, 'a missing CSRF token is refused');
	const anon = await as.anon.post('/b/bulk', bulkForm(as.own.csrf, [id],
	    { status: 'done' }));
	assert.equal(anon.status, 401, 'no session: 401');
	const other = await as.own.get('/b/bulk');
	assert.equal(other.status, 405, 'GET is not a way in');
	assert.deepEqual(state(id), before, 'nothing changed');
});

test('confirming without an open round says so and records nothing',
    async () => {
	const id = act['Massa kolme'];
	const before = state(id);
	const r = await as.own.post('/b/bulk', bulkForm(as.own.csrf, [id],
	    { confirm: '1' }));
	assert.equal(r.status, 200);
	assert.match(r.text, /mikään avoin kierros ei kysy näitä: 1/);
	assert.deepEqual(state(id), before);
});
