// Milestones of an action: added, changed and removed by an editor of
// its unit in a form of their own (/b/a/ID/m/new, /b/a/ID/m/MID), shown
// as a timeline on the action's public page with their state in words,
// an overdue one making the action overdue ("My actions", the reports),
// every change in the public history and the feed, and bad input
// refused with a message and nothing changed.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import Ajv2020 from 'ajv/dist/2020.js';
import { get, importCsv, HEADER, RUN, psql, lit, signIn, addUser, PW,
    unescapeHtml } from './lib.mjs';

const SLUG = 'valitavoitteet-' + RUN;
const UNIT = 'Välitavoiteyksikkö ' + RUN;
const OTHER = 'Toinen välitavoiteyksikkö ' + RUN;
let aid, pid, editor, outsider;

importCsv(SLUG, HEADER +
    `1. Suositus,,Välitavoitetoimi,Jatkuvaa,Käynnissä,${UNIT},\n` +
    `2. Toinen,,Vieras toimi,Jatkuvaa,Käynnissä,${OTHER},\n`,
    'Välitavoitetesti');

before(async () => {
	aid = psql('SELECT a.id FROM action a JOIN process p ON p.id = ' +
	    `a.process_id WHERE p.slug = ${lit(SLUG)} AND a.body = ` +
	    "'Välitavoitetoimi'");
	pid = psql(`SELECT id FROM process WHERE slug = ${lit(SLUG)}`);
	addUser(`vt-${RUN}@example.fi`, 'editor', [UNIT], PW);
	addUser(`vt-other-${RUN}@example.fi`, 'editor', [OTHER], PW);
	editor = await signIn(`vt-${RUN}@example.fi`);
	outsider = await signIn(`vt-other-${RUN}@example.fi`);
});

const state = () => JSON.parse(psql('SELECT json_build_object(' +
    "'revision', revision, 'milestones', milestones) FROM action " +
    `WHERE id = ${aid}`));

// A month as 3/2025, n months from this month in Finland.
function month(n) {
	const d = new Date(new Date().toLocaleString('en-US',
	    { timeZone: 'Europe/Helsinki' }));
	d.setDate(1);
	d.setMonth(d.getMonth() + n);
	return `${d.getMonth() + 1}/${d.getFullYear()}`;
}

function form(fields) {
	return { csrf: editor.csrf, revision: String(state().revision),
	    title: '', title_sv: '', title_en: '', target: '', done: '',
	    note: '', ...fields };
}

async function add(fields) {
	const r = await editor.post(`/b/a/${aid}/m/new`, form(fields));
	assert.equal(r.status, 303, 'a whole milestone is saved: ' +
	    r.text.slice(0, 400));
	assert.equal(r.location, `/b/a/${aid}?saved=1`);
}

test('an editor adds milestones; the public page shows them as a ' +
    'timeline that says in words what is done and what is late', async () => {
	const form0 = await editor.get(`/b/a/${aid}`);
	assert.match(form0.text, /<h2 id="milestones">Välitavoitteet<\/h2>/);
	assert.match(form0.text, new RegExp(`href="/b/a/${aid}/m/new"`),
	    'the action\'s form links to a new milestone');
	const empty = await editor.get(`/b/a/${aid}/m/new`);
	assert.equal(empty.status, 200);
	assert.match(empty.text, /<label for="target">Tavoitekuukausi<\/label>/);
	const rev = state().revision;
	await add({ title: 'Hankinta <b>tehty</b>', title_sv: 'Upphandling',
	    target: '1/2020', note: 'Kilpailutus\nkahdessa osassa' });
	await add({ title: 'Käyttöönotto', target: month(3) });
	await add({ title: 'Suunnitelma', target: '6/2019',
	    done: '2019-05-20' });
	const s = state();
	assert.equal(s.revision, rev + 3, 'each save is a new revision');
	assert.deepEqual(s.milestones.map((m) => m.title), ['Suunnitelma',
	    'Hankinta <b>tehty</b>', 'Käyttöönotto'],
	    'kept in the order of their months');
	const page = await get(`/p/${SLUG}/a/${aid}`);
	assert.equal(page.status, 200);
	const tl = page.text.match(/<ol class="timeline">([\s\S]*?)<\/ol>/);
	assert.ok(tl, 'a timeline: an ordered list');
	const items = tl[1].match(/<li[\s\S]*?<\/li>/g);
	assert.equal(items.length, 3);
	assert.match(items[0], /class="milestone milestone-done"/);
	assert.match(items[0], /6\/2019/);
	assert.match(items[0], /Valmis 20\.5\.2019/, 'done, with its day');
	assert.match(items[1], /Hankinta &lt;b&gt;tehty&lt;\/b&gt;/,
	    'markup is shown as text');
	assert.match(items[1], /<p class="milestone-state">Myöhässä<\/p>/,
	    'a month passed and not done: late, in words');
	assert.match(items[1], /Kilpailutus\nkahdessa osassa/);
	assert.match(items[2], /Suunniteltu/);
	const sv = await get(`/p/${SLUG}/a/${aid}?lang=sv`);
	assert.match(sv.text, /<strong>Upphandling<\/strong>/,
	    'the Swedish title in Swedish');
	assert.match(sv.text, /<strong lang="fi">Käyttöönotto<\/strong>/,
	    'no Swedish title: the Finnish one, marked as Finnish');
	assert.match(sv.text, /Försenat/);
});

test('a late milestone makes the action overdue in "My actions" and ' +
    'the reports; done, it does not', async () => {
	const overdue = () => psql('SELECT overdue FROM report_actions(' +
	    `${pid}) WHERE action_id = ${aid}`);
	assert.equal(overdue(), 't', 'late milestone: overdue in the reports');
	const mine = await editor.get('/b');
	const group = mine.text.match(new RegExp('<section class="group" ' +
	    'aria-labelledby="g-overdue">[\\s\\S]*?</section>'));
	assert.ok(group && group[0].includes(`/b/a/${aid}`),
	    '"My actions" lists the action among the overdue');
	assert.ok(group[0].includes('välitavoite'),
	    'and says a milestone can make it so');
	const late = state().milestones.find((m) => m.target === '2020-01-01');
	const r = await editor.post(`/b/a/${aid}/m/${late.id}`, form({
	    title: late.title, title_sv: late.title_sv, target: '1/2020',
	    done: '2020-02-03',
	    note: late.note }));
	assert.equal(r.status, 303, r.text.slice(0, 300));
	assert.equal(overdue(), 'f', 'done: no longer overdue');
	const report = await get(`/p/${SLUG}/report`);
	assert.equal(report.status, 200);
});

test('every change is in the public history and the feed', async () => {
	const page = await get(`/p/${SLUG}/a/${aid}`);
	const rows = page.text.match(/<tr><td data-label="Päivä[\s\S]*?<\/tr>/g)
	    || page.text.match(/<tr>[\s\S]*?<\/tr>/g);
	const ms = rows.filter((r) => r.includes('>Välitavoitteet</th>'));
	assert.ok(ms.length >= 4, 'a history row per milestone save: ' +
	    ms.length);
	assert.ok(ms.some((r) => r.includes('Hankinta &lt;b&gt;tehty&lt;/b&gt;' +
	    ' – 1/2020 – ✓ 2020-02-03')), 'the milestone marked done');
	const feed = await get(`/p/${SLUG}/feed.atom`);
	assert.equal(feed.status, 200);
	assert.match(feed.text, /Välitavoitteet muuttuivat/);
});

test('bad input: a clear message, 422, nothing changed', async () => {
	const cases = [
		[{ title: 'X', target: '13/2025' },
		    'Kuukauden on oltava väliltä 1–12.'],
		[{ title: 'X', target: '2/2025', done: '2025-02-30' },
		    'Tällaista päivämäärää ei ole.'],
		[{ title: 'X', target: '2/2025', done:
		    `${new Date().getFullYear() + 1}-01-01` },
		    'Valmistumispäivä ei voi olla tulevaisuudessa.'],
		[{ title: 'ä'.repeat(201), target: '2/2025' },
		    'Otsikossa voi olla enintään 200 merkkiä.'],
		[{ title: 'X', title_en: 'e'.repeat(201), target: '2/2025' },
		    'Otsikossa voi olla enintään 200 merkkiä.'],
		[{ title: 'X', target: '2/2025', note: 'n'.repeat(2001) },
		    'Huomautus on liian pitkä: enintään 2 000 merkkiä.'],
		[{ title: '', target: '2/2025' },
		    'Anna välitavoitteelle otsikko suomeksi.'],
		[{ title: 'X', target: '' }, 'Anna kuukausi, johon mennessä'],
		[{ title: 'X', target: 'maaliskuu' }, 'Kirjoita kuukausi'],
	];
	for (const [fields, message] of cases) {
		const before = state();
		const r = await editor.post(`/b/a/${aid}/m/new`, form(fields));
		assert.equal(r.status, 422, `${JSON.stringify(fields).slice(0,
		    80)}: expected 422, got ${r.status}`);
		assert.ok(unescapeHtml(r.text).includes(message),
		    `expected "${message}"`);
		assert.match(r.text, /aria-invalid="true"/);
		assert.deepEqual(state(), before, 'nothing changed');
	}
});

test('a stale revision is 409 with the new one; another unit\'s editor ' +
    'is refused; an unknown milestone is 404', async () => {
	const before = state();
	const stale = await editor.post(`/b/a/${aid}/m/new`, form({
	    title: 'Myöhäinen', target: '2/2030',
	    revision: String(before.revision - 1) }));
	assert.equal(stale.status, 409);
	assert.match(stale.text, /Joku muu tallensi tämän toimenpiteen/);
	assert.match(stale.text, new RegExp(`name="revision" value="` +
	    `${before.revision}"`), 'the form now carries the new revision');
	assert.match(stale.text, /value="Myöhäinen"/, 'what was typed stays');
	assert.deepEqual(state(), before);
	const g = await outsider.get(`/b/a/${aid}/m/new`);
	assert.equal(g.status, 403);
	const p = await outsider.post(`/b/a/${aid}/m/new`, { ...form({
	    title: 'Vieras', target: '2/2030' }), csrf: outsider.csrf });
	assert.equal(p.status, 403);
	assert.deepEqual(state(), before);
	const none = await editor.get(`/b/a/${aid}/m/999`);
	assert.equal(none.status, 404);
});

test('the JSON API gives the milestones as the OpenAPI document says',
    async () => {
	const spec = JSON.parse((await get('/api/v1/openapi.json')).text);
	const ajv = new Ajv2020({ strict: false, validateFormats: false,
	    allErrors: true });
	ajv.addSchema({ $id: 'openapi', components: spec.components });
	const v = ajv.compile({ $ref: 'openapi#/components/schemas/Action' });
	const r = await get(`/api/v1/actions/${aid}`);
	assert.equal(r.status, 200);
	const doc = JSON.parse(r.text);
	assert.ok(v(doc), JSON.stringify(v.errors));
	const m = doc.milestones.find((x) => x.target === '2020-01');
	assert.deepEqual(m.title, { fi: 'Hankinta <b>tehty</b>',
	    sv: 'Upphandling', en: null });
	assert.equal(m.done, '2020-02-03');
	assert.equal(m.state, 'done');
	assert.deepEqual(doc.milestones.map((x) => x.state),
	    ['done', 'done', 'planned']);
});

test('removing a milestone; at most 20', async () => {
	const first = state().milestones[0];
	const r = await editor.post(`/b/a/${aid}/m/${first.id}`, {
	    csrf: editor.csrf, revision: String(state().revision),
	    remove: '1' });
	assert.equal(r.status, 303);
	assert.ok(!state().milestones.some((m) => m.id === first.id),
	    'the milestone is gone');
	const page = await get(`/p/${SLUG}/a/${aid}`);
	assert.ok(page.text.includes('Suunnitelma – 6/2019 – ✓ 2019-05-20'),
	    'the removal is in the history with what was removed');
	psql(`UPDATE action SET milestones = (SELECT jsonb_agg(jsonb_build_` +
	    `object('id', i, 'title', 'M' || i, 'target', '2030-01-01', ` +
	    `'done', null)) FROM generate_series(1, 20) i) WHERE id = ${aid}`);
	const before = state();
	const over = await editor.post(`/b/a/${aid}/m/new`, form({
	    title: 'Liikaa', target: '2/2030' }));
	assert.equal(over.status, 422);
	assert.match(over.text, /enintään 20 välitavoitetta/);
	assert.deepEqual(state(), before);
});
