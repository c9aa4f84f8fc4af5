// The optional review step of a process against the real server and
// database: the admin's setting, a unit editor's update waiting (not on
// the public pages, in the queue with what it changes), approval
// publishing it with the editor as its author and the approver named,
// returning it with a comment the editor sees at the top of "My
// actions", sending it again, bulk updates taking the same path, and
// the audit log of each step.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { importCsv, HEADER, eventually, psql, RUN, lit, signInUsers,
    actionIds, actionSaveForm, hiddenValue, RUN_WORD } from './lib.mjs';

const SLUG = 'review-' + RUN;
const UNIT = 'Tarkistusyksikkö ' + RUN;
const WORD = 'tark' + RUN_WORD + 'istus';
const mail = (who) => `review-${who}-${RUN}@test.invalid`;
const act = {};
const as = {};
let pid;

function revision(id) {
	return Number(psql(`SELECT revision FROM action WHERE id = ${id}`));
}
function note(id) {
	return psql(`SELECT status_note FROM action WHERE id = ${id}`);
}
// The action form as a unit editor sends it, at the action's revision.
const saveForm = (csrf, id, over) => actionSaveForm(csrf, revision(id),
    over);
function pending(id) {
	return psql('SELECT coalesce(json_agg(json_build_object(\'id\', id, ' +
	    '\'state\', state, \'comment\', comment) ORDER BY id), \'[]\') ' +
	    `FROM action_pending WHERE action_id = ${id}`);
}
function audits(event, id) {
	return Number(psql('SELECT count(*) FROM audit_log WHERE event = ' +
	    `${lit(event)} AND object = 'action/${id}'`));
}

before(async () => {
	importCsv(SLUG, HEADER +
	    `1. Tarkistussuositus,,Tarkistettava yksi,1/2025 – 12/2026,Käynnissä Alku,${UNIT},\r\n` +
	    `,,Tarkistettava kaksi,1/2025 – 12/2026,Käynnissä Alku,${UNIT},\r\n` +
	    `,,Tarkistettava kolme,1/2025 – 12/2026,Käynnissä Alku,${UNIT},\r\n`,
	    'Tarkistuksen testi');
	Object.assign(act, actionIds(SLUG));
	pid = psql(`SELECT id FROM process WHERE slug = ${lit(SLUG)}`);
	Object.assign(as, await signInUsers({
		admin: { email: mail('admin'), role: 'admin', units: [] },
		editor: { email: mail('editor'), role: 'editor', units: [UNIT] },
	}));
});

test('review is off by default and an admin turns it on in the process form',
    async () => {
	assert.equal(psql(`SELECT review FROM process WHERE id = ${pid}`), 'f');
	const f = await as.admin.get(`/b/p/${pid}`);
	assert.match(f.text, /<input type="checkbox" id="review" name="review" value="1" aria-describedby="review-hint">/,
	    'the form has the setting, not ticked');
	const form = {
		csrf: as.admin.csrf, title: 'Tarkistuksen testi',
		kind: 'resident_panel', year: '', question: '', description: '',
		published: '1', review: '1', title_sv: '', title_en: '',
		question_sv: '', question_en: '', description_sv: '',
		description_en: '',
	};
	const r = await as.admin.post(`/b/p/${pid}`, form);
	assert.equal(r.status, 303, r.text.slice(0, 300));
	assert.equal(psql(`SELECT review FROM process WHERE id = ${pid}`), 't');
	const g = await as.admin.get(`/b/p/${pid}`);
	assert.match(g.text, /id="review" name="review" value="1" checked/);
});

test('an editor\'s update waits: not public, in the queue with its ' +
    'difference', async () => {
	const id = act['Tarkistettava yksi'];
	const rev = revision(id);
	const r = await as.editor.post(`/b/a/${id}`, saveForm(as.editor.csrf,
	    id, { status: 'done', status_note: `Valmis ${WORD}` }));
	assert.equal(r.status, 303);
	assert.equal(r.location, `/b/a/${id}?pending=1`);
	const f = await as.editor.get(r.location);
	assert.match(f.text, /Lähetetty tarkistettavaksi/);
	assert.match(f.text, /Tämän toimenpiteen päivitys odottaa tarkistusta/,
	    'the form says an update waits');
	assert.equal(revision(id), rev, 'the action itself is unchanged');
	assert.equal(note(id), 'Alku');
	assert.equal(JSON.parse(pending(id))[0].state, 'pending');
	assert.equal(audits('action.submit', id), 1, 'the submission is audited');
	assert.equal(audits('action.update', id), 0);
	const pub = await as.anon.get(`/p/${SLUG}/a/${id}`);
	assert.equal(pub.status, 200);
	assert.doesNotMatch(pub.text, new RegExp(WORD), 'not on the public page');
	const feed = await as.anon.get(`/p/${SLUG}/feed.atom`);
	assert.doesNotMatch(feed.text, new RegExp(WORD), 'nor in the feed');
	const csv = await as.anon.get(`/p/${SLUG}.csv`);
	assert.doesNotMatch(csv.text, new RegExp(WORD), 'nor in the export');
	const dash = await as.editor.get('/b');
	assert.match(dash.text, /Tarkistusta odottavia päivityksiä: 1\./);

	const q = await as.admin.get('/b/review');
	assert.equal(q.status, 200);
	const item = q.text.split('<section class="review-item"').find((s) =>
	    s.includes(`href="/b/a/${id}"`));
	assert.ok(item, 'the update is in the queue');
	assert.match(item, /<th scope="row" data-label="Kenttä">Tila<\/th><td data-label="Nyt julkinen"><pre>Käynnissä<\/pre><\/td><td data-label="Päivityksen jälkeen"><pre>Toteutettu<\/pre><\/td>/);
	assert.match(item, new RegExp(`<pre>Alku</pre></td><td data-label="Päivityksen jälkeen"><pre>Valmis ${WORD}</pre>`));
	assert.doesNotMatch(item, />Aikataulu</, 'an unchanged field is not listed');
	assert.match(item, new RegExp(mail('editor').replace(/[.]/g, '\\.')));
	const denied = await as.editor.get('/b/review');
	assert.equal(denied.status, 403, 'the queue is for admins');
});

test('approval publishes the update, the editor its author and the ' +
    'approver named', async () => {
	const id = act['Tarkistettava yksi'];
	const p = JSON.parse(pending(id))[0].id;
	const bad = await as.editor.post(`/b/review/${p}`,
	    { csrf: as.editor.csrf, op: 'approve' });
	assert.equal(bad.status, 403, 'an editor may not approve');
	const forged = await as.admin.post(`/b/review/${p}`,
	    { csrf: 'x'.repeat(43), op: 'approve' });
	assert.equal(forged.status, 403, 'CSRF');
	assert.equal(JSON.parse(pending(id))[0].state, 'pending');
	const r = await as.admin.post(`/b/review/${p}`,
	    { csrf: as.admin.csrf, op: 'approve' });
	assert.equal(r.status, 303);
	assert.equal(r.location, '/b/review?saved=1');
	assert.equal(note(id), `Valmis ${WORD}`);
	assert.equal(JSON.parse(pending(id))[0].state, 'approved');
	const h = JSON.parse(psql('SELECT json_build_object(\'actor\', actor, ' +
	    '\'approved_by\', approved_by) FROM history WHERE table_name = ' +
	    `'action' AND row_id = ${id} ORDER BY id DESC LIMIT 1`));
	assert.deepEqual(h, { actor: mail('editor'), approved_by: mail('admin') });
	assert.equal(audits('action.approve', id), 1);
	assert.equal(audits('action.update', id), 1);
	const page = await eventually(async () => {
		const x = await as.anon.get(`/p/${SLUG}/a/${id}`);
		return x.text.includes(WORD) ? x : null;
	});
	assert.ok(page, 'the public page shows the approved update');
	const again = await as.admin.post(`/b/review/${p}`,
	    { csrf: as.admin.csrf, op: 'approve' });
	assert.equal(again.status, 404, 'an update approved already');
});

test('a returned update needs a comment, and the editor sees it at the ' +
    'top of "My actions" and sends it again', async () => {
	const id = act['Tarkistettava kaksi'];
	const r = await as.editor.post(`/b/a/${id}`, saveForm(as.editor.csrf,
	    id, { status_note: 'Puolivalmis' }));
	assert.equal(r.location, `/b/a/${id}?pending=1`);
	const p = JSON.parse(pending(id))[0].id;
	const empty = await as.admin.post(`/b/review/${p}`,
	    { csrf: as.admin.csrf, op: 'return', comment: '  ' });
	assert.equal(empty.status, 422);
	assert.match(empty.text, /Kirjoita kommentti/);
	assert.equal(JSON.parse(pending(id))[0].state, 'pending');
	const comment = `Kerro aikataulusta <b>${WORD}</b>`;
	const ok = await as.admin.post(`/b/review/${p}`,
	    { csrf: as.admin.csrf, op: 'return', comment });
	assert.equal(ok.status, 303);
	assert.equal(ok.location, '/b/review?removed=1');
	assert.equal(note(id), 'Alku', 'nothing was published');
	assert.equal(audits('action.return', id), 1);
	const dash = await as.editor.get('/b');
	const top = dash.text.indexOf('id="returned-h"');
	assert.ok(top > 0 && top < dash.text.indexOf('<form method="post" ' +
	    'action="/b/bulk"'), 'the returned update comes before the list');
	assert.match(dash.text, new RegExp(`<a href="/b/a/${id}">Tarkistettava ` +
	    `kaksi</a>[^<]*<q>Kerro aikataulusta &lt;b&gt;${WORD}&lt;/b&gt;</q>`));
	const form = await as.editor.get(`/b/a/${id}`);
	assert.match(form.text, new RegExp('palautettiin muutettavaksi</h2><p>' +
	    `Kerro aikataulusta &lt;b&gt;${WORD}&lt;/b&gt;</p>`),
	    'the action form shows the comment');
	const again = await as.editor.post(`/b/a/${id}`, saveForm(
	    as.editor.csrf, id, { status_note: 'Aikataulu 12/2026' }));
	assert.equal(again.location, `/b/a/${id}?pending=1`);
	assert.deepEqual(JSON.parse(pending(id)).map((x) => x.state),
	    ['replaced', 'pending'], 'the returned update is replaced');
	const dash2 = await as.editor.get('/b');
	assert.doesNotMatch(dash2.text, /id="returned-h"/);
});

test('an approval of an update to an action changed since is refused',
    async () => {
	const id = act['Tarkistettava kaksi'];
	const p = JSON.parse(pending(id)).find((x) => x.state === 'pending').id;
	psql(`UPDATE action SET info = 'Välissä' WHERE id = ${id}`);
	const r = await as.admin.post(`/b/review/${p}`,
	    { csrf: as.admin.csrf, op: 'approve' });
	assert.equal(r.status, 409);
	assert.match(r.text, /Toimenpidettä on muutettu/);
	assert.equal(note(id), 'Alku');
});

test('a bulk update of a process with review waits too', async () => {
	const id = act['Tarkistettava kolme'];
	const rev = revision(id);
	const r = await as.editor.post('/b/bulk', [['csrf', as.editor.csrf],
	    ['a', `${id}:${rev}`], ['status', 'done']]);
	assert.equal(r.status, 200);
	assert.match(r.text, /Odottaa tarkistusta: 1/);
	assert.equal(revision(id), rev, 'the action is unchanged');
	assert.equal(JSON.parse(pending(id))[0].state, 'pending');
	const q = await as.admin.get('/b/review');
	assert.match(q.text, new RegExp(`href="/b/a/${id}"`));
	assert.equal(hiddenValue(q.text, 'op'), 'approve');
});

test('an admin\'s own save is not held', async () => {
	const id = act['Tarkistettava kolme'];
	const r = await as.admin.post(`/b/a/${id}`, saveForm(as.admin.csrf,
	    id, { status_note: 'Ylläpitäjän' }));
	assert.equal(r.status, 303);
	assert.equal(r.location, `/b/a/${id}?saved=1`);
	assert.equal(note(id), 'Ylläpitäjän');
});
