// The participation team's admin pages against the real server and
// database: who may reach them (anonymous, a unit editor, an admin, a
// forged CSRF value), and what each page does: processes (edit, publish,
// unpublish), the county's responses to recommendations, users, units,
// statuses and importing a table.
//
// The file works on a process of its own (http-admin) with units of its
// own, and makes its accounts, units and statuses with a suffix per run,
// so that it can run again on the same database and leaves the demo data
// as other files expect it. Helpers are kept in this file on purpose,
// but for the browser with its cookies and signing in (the form, then
// the second factor as its owner would give it), which are lib.mjs's.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser, login, signIn as libSignIn, RUN, RUN_WORD }
    from './lib.mjs';

const base = process.env.TOTEUMA_URL;
if (!base) throw new Error('TOTEUMA_URL is not set: run through tests/run');
const CTL = process.env.TOTEUMA_CTL;
if (!CTL) throw new Error('TOTEUMA_CTL is not set (path of toteumactl)');
if (!process.env.TOTEUMA_DATABASE)
	throw new Error('TOTEUMA_DATABASE is not set');

const SLUG = 'http-admin';
const UNIT_A = 'Admin-yksikkö A';
const UNIT_B = 'Admin-yksikkö B';
const PW = 'oikein-hyvä-salasana-1';
const FORGED = 'X'.repeat(43);

const HEADER =
    'Suositus,Tarkennus,Toimenpide,Aikataulu,Status,Vastuu,Lisätieto\r\n';
const FIXTURE = HEADER +
    `1. Admin-suositus ${RUN_WORD},,Ensimmäinen toimenpide,` +
    `1/2025 – 12/2026,Käynnissä Alku,${UNIT_A},Lisätieto yksi\r\n` +
    ',Tarkennus ilman numeroa,Toinen toimenpide,1/2025 – 12/2026,' +
    `Suunnitteilla,${UNIT_B},Lisätieto kaksi\r\n` +
    '2. Toinen admin-suositus,2.1. Alasuositus,Kolmas toimenpide,' +
    `Jatkuvaa,Käsitelty,${UNIT_A},Lisätieto kolme\r\n`;

const mail = (who) => `admin-${who}-${RUN}@test.invalid`;
const lit = (s) => "'" + String(s).replace(/'/g, "''") + "'";

// ---- Helpers: HTTP with a cookie jar, forms, the database. ----

function unescapeHtml(s) {
	return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>')
	    .replace(/&quot;/g, '"').replace(/&#39;/g, "'")
	    .replace(/&#x27;/g, "'").replace(/&#34;/g, '"')
	    .replace(/&amp;/g, '&');
}

// An object of fields (a value may be an array: repeated fields) as a
// urlencoded body.
function urlencoded(fields) {
	const p = new URLSearchParams();
	const entries = Array.isArray(fields) ? fields : Object.entries(fields);
	for (const [k, v] of entries)
		for (const x of Array.isArray(v) ? v : [v])
			if (x !== undefined) p.append(k, x);
	return p.toString();
}

// lib.mjs's browser with this file's forms: a field may repeat (an
// array value) or be left out (undefined); csrf is empty until signIn.
class Client extends Browser {
	constructor() {
		super();
		this.csrf = '';
	}

	encode(fields) { return urlencoded(fields); }
}

const anonGet = (path) => new Client().get(path);

// The value of an input by name, unescaped.
function inputValue(html, name) {
	const m = html.match(new RegExp(`<input[^>]*name="${name}"[^>]*` +
	    'value="([^"]*)"'));
	return m ? unescapeHtml(m[1]) : null;
}

function textareaValue(html, name) {
	const m = html.match(new RegExp(`<textarea[^>]*name="${name}"[^>]*>` +
	    '([\\s\\S]*?)</textarea>'));
	return m ? unescapeHtml(m[1]) : null;
}

function attrs(s) {
	const a = {};
	for (const m of s.matchAll(/([a-z-]+)(?:="([^"]*)")?/g))
		a[m[1]] = m[2] === undefined ? '' : unescapeHtml(m[2]);
	return a;
}

// What a browser would send for the form that posts to path (whatever
// its query): [name, value] pairs in document order.
function formFields(html, path) {
	const forms = [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)];
	const form = forms.find((f) => (attrs(f[1]).action || '')
	    .split('?')[0] === path);
	assert.ok(form, `a form posting to ${path}`);
	const out = [];
	const re = /<(input|textarea|select)\b([^>]*)>(?:([\s\S]*?)<\/\1>)?/g;
	for (const m of form[2].matchAll(re)) {
		const a = attrs(m[2]);
		if (!a.name) continue;
		if (m[1] === 'input') {
			if ((a.type === 'checkbox' || a.type === 'radio') &&
			    !('checked' in a))
				continue;
			out.push([a.name, a.value ?? '']);
		} else if (m[1] === 'textarea') {
			out.push([a.name, unescapeHtml(m[3] || '')]);
		} else {
			const opts = [...(m[3] || '').matchAll(
			    /<option\b([^>]*)>/g)].map((o) => attrs(o[1]));
			const sel = opts.find((o) => 'selected' in o) || opts[0];
			if (sel) out.push([a.name, sel.value ?? '']);
		}
	}
	return out;
}

// Replaces (or adds) fields of a pair list; undefined removes a field.
function withFields(pairs, over) {
	const out = pairs.filter(([k]) => !(k in over));
	for (const [k, v] of Object.entries(over))
		if (v !== undefined)
			for (const x of Array.isArray(v) ? v : [v]) out.push([k, x]);
	return out;
}

function psql(sql) {
	return execFileSync('psql', ['-X', '-q', '-At', '-v', 'ON_ERROR_STOP=1',
	    process.env.TOTEUMA_DATABASE, '-c', sql],
	    { encoding: 'utf8' }).replace(/\n$/, '');
}

// Everything an admin page may change, as one value: a refused request
// must leave it as it was. (Sessions, sign-in attempts and the audit log
// are left out: a refusal is audited.)
function fingerprint() {
	const t = (name, order = 'id') => `(SELECT coalesce(string_agg(` +
	    `md5(x::text), '' ORDER BY ${order}), '') FROM ${name} x)`;
	return psql('SELECT md5(concat(' + [t('process'), t('recommendation'),
	    t('action'), t('unit'), t('status'), t('app_user'),
	    t('user_unit', 'user_id, unit_id'),
	    t('action_unit', 'action_id, unit_id'), t('import_upload'),
	    '(SELECT coalesce(max(id), 0) FROM history)'].join(', ') + '))');
}

function assertUnchanged(before, what) {
	assert.equal(fingerprint(), before,
	    `${what}: expected the database to stay as it was`);
}

function ctl(args, input) {
	return execFileSync(CTL, args, { input, env: process.env,
	    encoding: 'utf8' });
}

function addUser(email, role, units) {
	const args = ['user', 'add', email, '--role', role];
	for (const u of units) args.push('--unit', u);
	ctl(args, PW + '\n');
}

function importCsv(slug, csv, title) {
	const dir = mkdtempSync(join(tmpdir(), 'toteuma-admin-'));
	const file = join(dir, slug + '.csv');
	writeFileSync(file, csv);
	ctl(['import', '--process', slug, '--title', title, '--publish', file]);
}

const exportCsv = (slug) => ctl(['export', '--process', slug]);

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function eventually(fn, ms = 5000) {
	const end = Date.now() + ms;
	let last;
	for (;;) {
		last = await fn();
		if (last || Date.now() > end) return last;
		await new Promise((r) => setTimeout(r, 150));
	}
}

// Polls a public page until its status and text are as expected.
async function publicShows(path, status, re) {
	const r = await eventually(async () => {
		const x = await anonGet(path);
		return x.status === status && (!re || re.test(x.text)) ? x : null;
	});
	assert.ok(r, `expected ${path} to answer ${status}` +
	    (re ? ` with ${re}` : '') + ' within a few seconds');
	return r;
}

// Polls a public page until it no longer shows re.
async function publicLacks(path, re, what) {
	const ok = await eventually(async () => !re.test((await anonGet(path)).text));
	assert.ok(ok, `${what}: expected ${path} to stop showing ${re}`);
}

// A new client signed in as email (the test fails if sign-in fails);
// csrf is the session's CSRF token.
const signIn = (email, password = PW) => libSignIn(email, password,
    new Client());

// Data rows of the public table: one per <tr> in a <tbody>.
function rowCount(html) {
	const bodies = html.match(/<tbody>[\s\S]*?<\/tbody>/g) || [];
	return bodies.reduce((n, b) => n + (b.match(/<tr>/g) || []).length, 0);
}

// The role="alert" block of a page (the error message), or ''.
function alertText(html) {
	const m = html.match(/role="alert">([\s\S]*?)<\/div>/);
	return m ? unescapeHtml(m[1].replace(/<[^>]*>/g, ' ')
	    .replace(/\s+/g, ' ')) : '';
}

function importForm(csrf, { process: proc = SLUG, newSlug = '', title = '',
    sheet = '', csv, filename = 'taulukko.csv' } = {}) {
	const fd = new FormData();
	fd.append('csrf', csrf);
	fd.append('process', proc);
	fd.append('new_slug', newSlug);
	fd.append('title', title);
	fd.append('sheet', sheet);
	if (csv !== undefined)
		fd.append('file', new Blob([csv], { type: 'text/csv' }), filename);
	return fd;
}

// ---- The fixture. ----

const as = {};	// clients per role: anon, editor, admin, admin2
const id = {};	// ids of the fixture's rows
const users = {
	admin: mail('admin'), admin2: mail('admin2'), editor: mail('editor'),
	target: mail('target'),
};

function actionIds(slug = SLUG) {
	return psql('SELECT string_agg(a.id::text, \',\' ORDER BY a.id) FROM ' +
	    'action a JOIN process p ON p.id = a.process_id WHERE ' +
	    `p.slug = ${lit(slug)} AND a.deleted_at IS NULL`);
}

before(async () => {
	importCsv(SLUG, FIXTURE, 'Admin-testi');
	id.process = Number(psql(`SELECT id FROM process WHERE slug = ${lit(SLUG)}`));
	// As new, whatever an earlier run on this database left.
	psql(`UPDATE process SET published = true WHERE id = ${id.process}`);
	psql('UPDATE recommendation SET response = NULL, response_reason = ' +
	    `'' WHERE process_id = ${id.process}`);
	for (const line of psql('SELECT r.id, r.kind, coalesce(r.number, \'\') ' +
	    `FROM recommendation r WHERE r.process_id = ${id.process} AND ` +
	    'r.deleted_at IS NULL').split('\n')) {
		const [rid, kind, number] = line.split('|');
		id[kind === 'specification' ? 'spec' : 'rec' + number] = Number(rid);
	}
	assert.ok(id.rec1 && id.rec2 && id['rec2.1'] && id.spec,
	    'the fixture has recommendations 1, 2, 2.1 and a specification');
	for (const line of psql('SELECT a.id, a.body FROM action a WHERE ' +
	    `a.process_id = ${id.process} AND a.deleted_at IS NULL`).split('\n')) {
		const [aid, body] = line.split('|');
		id[body] = Number(aid);
	}
	for (const [k, name] of [['unitA', UNIT_A], ['unitB', UNIT_B]])
		id[k] = Number(psql(`SELECT id FROM unit WHERE name = ${lit(name)}`));
	addUser(users.admin, 'admin', []);
	addUser(users.admin2, 'admin', []);
	addUser(users.editor, 'editor', [UNIT_A]);
	addUser(users.target, 'editor', [UNIT_A]);
	id.target = Number(psql('SELECT id FROM app_user WHERE email = ' +
	    lit(users.target)));
	id.admin = Number(psql('SELECT id FROM app_user WHERE email = ' +
	    lit(users.admin)));
	as.anon = new Client();
	as.admin = await signIn(users.admin);
	as.admin2 = await signIn(users.admin2);
	as.editor = await signIn(users.editor);
	// A unit and a status of this run for the matrix to edit.
	let r = await as.admin.post('/b/units/new', { csrf: as.admin.csrf,
	    name: `Admin-matriisi ${RUN}`, parent: '' });
	assert.equal(r.status, 303, 'a unit for the matrix: ' + alertText(r.text));
	id.unitM = Number(psql('SELECT id FROM unit WHERE name = ' +
	    lit(`Admin-matriisi ${RUN}`)));
	r = await as.admin.post('/b/statuses/new', { csrf: as.admin.csrf,
	    code: `adm_m_${RUN_WORD}`, label_fi: `Matriisitila ${RUN_WORD}`,
	    label_sv: `Matrisstatus ${RUN_WORD}`,
	    label_en: `Matrix status ${RUN_WORD}`,
	    colour: '#123456' });
	assert.equal(r.status, 303, 'a status for the matrix: ' + alertText(r.text));
	id.statusM = Number(psql('SELECT id FROM status WHERE code = ' +
	    lit(`adm_m_${RUN_WORD}`)));
	// Each worker reads the status list at most once a second (see the
	// read-your-writes test below).
	await sleep(1100);
});

// ---- Who may do what. ----

// Each GET route: its name, its path, and what an admin's 200 shows.
const GETS = [
	['/b/p', () => '/b/p', /href="\/b\/import"/],
	['/b/p/ID', () => `/b/p/${id.process}`, /name="title"/],
	['/b/r/ID', () => `/b/r/${id.rec1}`, /name="response"/],
	['/b/users', () => '/b/users', new RegExp(`>${users.admin}</a>`)],
	['/b/users/new', () => '/b/users/new', /name="email"/],
	['/b/users/ID', () => `/b/users/${id.target}`, /name="disabled"/],
	['/b/units', () => '/b/units', new RegExp(`>${UNIT_A}</a>`)],
	['/b/units/new', () => '/b/units/new', /name="parent"/],
	['/b/units/ID', () => `/b/units/${id.unitM}`, /name="parent"/],
	['/b/statuses', () => '/b/statuses', /<code>in_progress<\/code>/],
	['/b/statuses/new', () => '/b/statuses/new', /name="code"/],
	['/b/statuses/ID', () => `/b/statuses/${id.statusM}`, /name="label_fi"/],
	['/b/import', () => '/b/import', /enctype="multipart\/form-data"/],
];

for (const [name, path, admin200] of GETS) {
	for (const [role, want] of [['anon', [303, '/login']],
	    ['editor', [403]], ['admin', [200]]]) {
		test(`GET ${name} as ${role} → ${want[0]}`, async () => {
			const p = path();
			const r = await as[role].get(p);
			assert.equal(r.status, want[0], `GET ${p} as ${role}`);
			assert.equal(r.headers.get('cache-control'), 'no-store',
			    'staff pages are not cached');
			if (role === 'anon')
				assert.equal(r.location, want[1]);
			if (role === 'editor')
				assert.ok(alertText(r.text), 'the refusal says why');
			if (role === 'admin') {
				assert.match(r.text, admin200, `the page ${p}`);
				assert.ok(r.text.includes(`value="${as.admin.csrf}"`),
				    'the page carries the session\'s CSRF token');
			}
		});
	}
}

test('anonymous GET keeps the language on the way to /login; the ' +
    'editor\'s refusal is audited', async () => {
	const r = await as.anon.get('/b/users?lang=sv');
	assert.equal(r.status, 303);
	assert.equal(r.location, '/login?lang=sv');
	const denied = () => Number(psql('SELECT count(*) FROM audit_log ' +
	    `WHERE event = 'denied' AND email = ${lit(users.editor)} AND ` +
	    'object = \'/b/statuses\''));
	const n = denied();
	const e = await as.editor.get('/b/statuses?lang=en');
	assert.equal(e.status, 403);
	assert.match(alertText(e.text),
	    /for the participation team's administrators/);
	assert.equal(denied(), n + 1, 'the refusal is in the audit log');
});

test('methods that the admin routes do not take: 405', async () => {
	for (const c of [as.anon, as.admin]) {
		for (const [m, p] of [['POST', '/b/p'], ['POST', '/b/users'],
		    ['POST', '/b/units'], ['POST', '/b/statuses'],
		    ['GET', '/b/import/1'], ['PUT', `/b/p/${id.process}`],
		    ['DELETE', `/b/users/${id.target}`]]) {
			const r = await c.request(m, p, m === 'GET' ? undefined :
			    { csrf: c.csrf });
			assert.equal(r.status, 405, `${m} ${p}`);
		}
	}
	assert.equal(psql('SELECT name FROM app_user WHERE id = ' + id.target),
	    '', 'and nothing changed');
});

// A pending upload of SLUG by the admin, for the confirm route.
let matrixUpload;
async function upload(csv) {
	const r = await as.admin.post('/b/import', importForm(as.admin.csrf,
	    { csv }));
	assert.equal(r.status, 200, 'the upload is previewed: ' +
	    alertText(r.text));
	const m = r.text.match(/action="\/b\/import\/(\d+)"/);
	assert.ok(m, 'the preview has a confirm form');
	return Number(m[1]);
}

// Each POST route: the path, the form (given the sender's CSRF value and
// role), what an admin gets, and what the admin's request changed.
const POSTS = [
	{ name: 'POST /b/p/ID', path: () => `/b/p/${id.process}`,
	  form: async (csrf, who) => ({ ...await processForm(), csrf,
	    question: 'Matriisikysymys', description: `Matriisi ${who}` }),
	  admin: () => [303, `/b/p/${id.process}?saved=1`],
	  check: () => assert.equal(psql('SELECT description FROM process ' +
	    `WHERE id = ${id.process}`), 'Matriisi admin') },
	{ name: 'POST /b/r/ID', path: () => `/b/r/${id.rec2}`,
	  form: (csrf, who) => ({ csrf, response: 'accepted',
	    reason: `Matriisi ${who}` }),
	  admin: () => [303, `/b/r/${id.rec2}?saved=1`],
	  check: () => assert.equal(psql('SELECT response || \':\' || ' +
	    `response_reason FROM recommendation WHERE id = ${id.rec2}`),
	    'accepted:Matriisi admin') },
	{ name: 'POST /b/users/new', path: () => '/b/users/new',
	  form: (csrf, who) => ({ csrf, email: mail('matrix-new'),
	    name: `Matriisi ${who}`, role: 'editor', unit: String(id.unitA),
	    password: PW }),
	  admin: () => [303, '/b/users?saved=1'],
	  check: () => assert.equal(psql('SELECT name || \':\' || role FROM ' +
	    `app_user WHERE email = ${lit(mail('matrix-new'))}`),
	    'Matriisi admin:editor') },
	{ name: 'POST /b/users/ID', path: () => `/b/users/${id.target}`,
	  form: (csrf, who) => ({ csrf, email: mail('hijacked'),
	    name: `Matriisi ${who}`, role: 'editor',
	    unit: [String(id.unitA), String(id.unitB)], password: '' }),
	  admin: () => [303, '/b/users?saved=1'],
	  check: () => {
		assert.equal(psql('SELECT email || \':\' || name FROM app_user ' +
		    `WHERE id = ${id.target}`), `${users.target}:Matriisi admin`,
		    'the name changes, the e-mail address does not');
		assert.equal(psql('SELECT count(*) FROM user_unit WHERE ' +
		    `user_id = ${id.target}`), '2');
	  } },
	{ name: 'POST /b/units/new', path: () => '/b/units/new',
	  form: (csrf, who) => ({ csrf, name: `Admin-uusi ${RUN} ${who}`,
	    parent: String(id.unitM) }),
	  admin: () => [303, '/b/units?saved=1'],
	  check: () => assert.equal(psql('SELECT count(*) FROM unit WHERE ' +
	    `name LIKE ${lit(`Admin-uusi ${RUN} %`)} AND parent_id = ` +
	    id.unitM), '1') },
	{ name: 'POST /b/units/ID', path: () => `/b/units/${id.unitM}`,
	  form: (csrf, who) => ({ csrf, name: `Admin-matriisi ${RUN} ${who}`,
	    parent: '' }),
	  admin: () => [303, '/b/units?saved=1'],
	  check: () => assert.equal(psql('SELECT name FROM unit WHERE id = ' +
	    id.unitM), `Admin-matriisi ${RUN} admin`) },
	{ name: 'POST /b/statuses/new', path: () => '/b/statuses/new',
	  form: (csrf, who) => ({ csrf, code: `adm_n_${RUN_WORD}`,
	    label_fi: `Uusi ${who} ${RUN_WORD}`, label_sv: `Ny ${RUN_WORD}`,
	    label_en: `New ${RUN_WORD}`,
	    colour: '#abcdef' }),
	  admin: () => [303, '/b/statuses?saved=1'],
	  check: () => assert.equal(psql('SELECT label_fi FROM status WHERE ' +
	    `code = ${lit(`adm_n_${RUN_WORD}`)}`), `Uusi admin ${RUN_WORD}`) },
	{ name: 'POST /b/statuses/ID', path: () => `/b/statuses/${id.statusM}`,
	  form: (csrf, who) => ({ csrf, label_fi: `Matriisitila ${RUN_WORD}`,
	    label_sv: `Matris ${who} ${RUN_WORD}`,
	    label_en: `Matrix status ${RUN_WORD}`,
	    is_final: '1', colour: '#654321' }),
	  admin: () => [303, '/b/statuses?saved=1'],
	  check: () => assert.equal(psql('SELECT label_sv || is_final || ' +
	    `colour FROM status WHERE id = ${id.statusM}`),
	    `Matris admin ${RUN_WORD}true#654321`) },
	{ name: 'POST /b/import', path: () => '/b/import', multipart: true,
	  form: (csrf) => importForm(csrf, { csv: FIXTURE.replace(
	    'Lisätieto kolme', 'Lisätieto kolme (esikatselu)') }),
	  admin: () => [200, null],
	  check: (r) => {
		assert.match(r.text, /action="\/b\/import\/\d+"/);
		assert.match(r.text, /Lisätieto kolme \(esikatselu\)/);
	  } },
	{ name: 'POST /b/import/ID', path: async () => {
		matrixUpload ??= await upload(exportCsv(SLUG).replace(
		    /Lisätieto kaksi[^\r\n,]*/, `Lisätieto kaksi ${RUN_WORD}`));
		return `/b/import/${matrixUpload}`;
	  },
	  form: (csrf) => ({ csrf }),
	  admin: () => [303, `/b/p?imported=${SLUG}`],
	  check: () => {
		assert.equal(psql('SELECT info FROM action WHERE id = ' +
		    id['Toinen toimenpide']), `Lisätieto kaksi ${RUN_WORD}`);
		assert.equal(psql('SELECT count(*) FROM import_upload WHERE ' +
		    `id = ${matrixUpload}`), '0', 'the upload is used up');
	  } },
];

for (const p of POSTS) {
	// Refusals first, so that each sees the state before the admin's
	// change; the admin's own request last.
	test(`${p.name} with a forged CSRF value → 403, nothing changed`,
	    async () => {
		const path = await p.path();
		const before = fingerprint();
		const r = await as.admin.post(path, await p.form(FORGED, 'forged'));
		assert.equal(r.status, 403);
		assert.match(r.text, /role="alert"/);
		assertUnchanged(before, `${p.name} forged`);
		assert.ok(Number(psql('SELECT count(*) FROM audit_log WHERE ' +
		    `event = 'forged' AND object = ${lit(path)} AND email = ` +
		    `${lit(users.admin)}`)) >= 1, 'the forgery is audited');
	});
	test(`${p.name} as anonymous → 401, nothing changed`, async () => {
		const path = await p.path();
		const before = fingerprint();
		const r = await as.anon.post(path, await p.form('', 'anon'));
		assert.equal(r.status, 401);
		assertUnchanged(before, `${p.name} anonymous`);
		if (!p.multipart && p.name !== 'POST /b/import/ID')
			assert.match(r.text, /<pre>[^<]*anon[^<]*<\/pre>/,
			    'the refusal shows back what was typed');
		assert.ok(!r.text.includes(PW), 'but never a password');
	});
	test(`${p.name} as a unit editor → 403, nothing changed`, async () => {
		const path = await p.path();
		const before = fingerprint();
		const r = await as.editor.post(path, await p.form(as.editor.csrf,
		    'editor'));
		assert.equal(r.status, 403);
		assertUnchanged(before, `${p.name} editor`);
	});
	test(`${p.name} as admin → ${p.admin()[0]}`, async () => {
		const path = await p.path();
		const r = await as.admin.post(path, await p.form(as.admin.csrf, 'admin'));
		const [status, location] = p.admin();
		assert.equal(r.status, status, alertText(r.text));
		assert.equal(r.location, location);
		await p.check(r);
	});
}

test('a POST without any CSRF field is refused like a forged one',
    async () => {
	const before = fingerprint();
	for (const path of [`/b/p/${id.process}`, '/b/units/new',
	    `/b/statuses/${id.statusM}`, `/b/users/${id.target}`]) {
		const r = await as.admin.post(path, { name: 'x', title: 'x' });
		assert.equal(r.status, 403, path);
	}
	const fd = importForm('', { csv: FIXTURE });
	fd.delete('csrf');
	assert.equal((await as.admin.post('/b/import', fd)).status, 403);
	assertUnchanged(before, 'no CSRF field');
});

// ---- Processes. ----

// The process form as the server gives it (with any fields added later),
// with these values.
async function processForm(over = {}) {
	const f = await as.admin.get(`/b/p/${id.process}`);
	assert.equal(f.status, 200);
	return { ...Object.fromEntries(formFields(f.text, `/b/p/${id.process}`)),
	    csrf: as.admin.csrf, title: 'Admin-testi', kind: 'resident_panel',
	    year: '2025', question: '', description: '', published: '1',
	    ...over };
}

test('the process list links each process, its state and the import',
    async () => {
	const r = await as.admin.get('/b/p?lang=en');
	assert.equal(r.status, 200);
	const row = r.text.split('<tr>').find((x) =>
	    x.includes(`<code>${SLUG}</code>`));
	assert.ok(row, 'a row for the fixture process');
	assert.match(row, new RegExp(`href="/b/p/${id.process}\\?lang=en"`));
	assert.match(row, />Published</);
	// Recommendations 1, 2 and 2.1 (not the specification); 2 answered.
	assert.match(row, />1 \/ 3</);
	assert.match(row, />3</, 'three actions');
	assert.match(r.text, /href="\/b\/import\?lang=en"/);
	assert.doesNotMatch(r.text, /role="status"/);
	const n = await as.admin.get(`/b/p?imported=${SLUG}`);
	assert.match(n.text, /class="notice" role="status"/);
});

test('the process form links its recommendations; a specification has ' +
    'no response', async () => {
	const r = await as.admin.get(`/b/p/${id.process}?lang=en`);
	for (const k of ['rec1', 'rec2', 'rec2.1'])
		assert.match(r.text, new RegExp(`href="/b/r/${id[k]}\\?lang=en"`), k);
	const spec = r.text.split('<tr>').find((x) =>
	    x.includes(`href="/b/r/${id.spec}?lang=en"`));
	if (spec)
		assert.match(spec, /<td data-label="Response"><\/td>/,
		    'no response shown for a specification');
	assert.match(r.text, new RegExp(`href="/p/${SLUG}\\?lang=en"`));
	const f = await as.admin.get(`/b/r/${id.spec}`);
	assert.ok(f.status === 404 || (f.status === 200 &&
	    !/name="response"/.test(f.text)),
	    'a specification has no response form');
});

test('editing a process: saved, shown in the form and to the public',
    async () => {
	const question = `Mitä & miten ${RUN_WORD}?`;
	const r = await as.admin.post(`/b/p/${id.process}`, await processForm({
	    title: `Admin-testi ${RUN_WORD}`, kind: 'statement', year: '2024',
	    question, description: 'Kuvaus <em>ei HTML:ää</em>' }));
	assert.equal(r.status, 303);
	assert.equal(r.location, `/b/p/${id.process}?saved=1`);
	const f = await as.admin.get(r.location);
	assert.match(f.text, /class="notice" role="status"/);
	assert.equal(inputValue(f.text, 'title'), `Admin-testi ${RUN_WORD}`);
	assert.match(f.text, /<option value="statement" selected>/);
	assert.equal(inputValue(f.text, 'year'), '2024');
	assert.equal(textareaValue(f.text, 'question'), question);
	assert.equal(textareaValue(f.text, 'description'),
	    'Kuvaus <em>ei HTML:ää</em>');
	assert.match(f.text, /name="published" value="1" checked/);
	assert.equal(psql('SELECT title || \'|\' || kind || \'|\' || year ' +
	    `FROM process WHERE id = ${id.process}`),
	    `Admin-testi ${RUN_WORD}|statement|2024`);
	assert.ok(Number(psql('SELECT count(*) FROM audit_log WHERE event = ' +
	    `'process.update' AND object = 'process/${id.process}' AND ` +
	    `email = ${lit(users.admin)}`)) >= 1, 'the change is audited');
	assert.ok(Number(psql('SELECT count(*) FROM history WHERE ' +
	    `table_name = 'process' AND row_id = ${id.process} AND actor = ` +
	    `${lit(users.admin)} AND after->>'kind' = 'statement'`)) >= 1,
	    'the change is in the history under the admin\'s address');
	const pub = await publicShows(`/p/${SLUG}`, 200,
	    new RegExp(`Admin-testi ${RUN_WORD}`));
	assert.doesNotMatch(pub.text, /<em>ei HTML/);
	await publicShows('/', 200, new RegExp(`Admin-testi ${RUN_WORD}`));
});

test('unpublishing hides the process and its pages; publishing brings ' +
    'them back', async () => {
	const pages = [`/p/${SLUG}`, `/p/${SLUG}/r/${id.rec1}`,
	    `/p/${SLUG}/a/${id['Ensimmäinen toimenpide']}`];
	let r = await as.admin.post(`/b/p/${id.process}`, await processForm({
	    title: `Admin-testi ${RUN_WORD}`, published: undefined }));
	assert.equal(r.status, 303);
	assert.equal(psql(`SELECT published FROM process WHERE id = ${id.process}`),
	    'f');
	for (const p of pages) await publicShows(p, 404);
	await publicLacks('/', new RegExp(`href="/p/${SLUG}"`),
	    'the front page no longer lists it');
	const list = await as.admin.get('/b/p?lang=en');
	assert.match(list.text.split('<tr>').find((x) =>
	    x.includes(`<code>${SLUG}</code>`)), />Not published</);
	const f = await as.admin.get(`/b/p/${id.process}`);
	assert.match(f.text, /name="published" value="1">/, 'unchecked');
	r = await as.admin.post(`/b/p/${id.process}`, await processForm({
	    title: `Admin-testi ${RUN_WORD}` }));
	assert.equal(r.status, 303);
	for (const p of pages) await publicShows(p, 200);
});

for (const [what, over, field, message] of [
	['an empty title', { title: '' }, 'title', /Give the process a title/],
	['a title of 301 characters', { title: 'x'.repeat(301) }, 'title',
	    /at most 300 characters/],
	['kind=x', { kind: 'x' }, 'kind', /Choose a kind/],
	['year=1800', { year: '1800' }, 'year', /between 1900 and 2200/],
	['year=20x5', { year: '20x5' }, 'year', /between 1900 and 2200/],
	['a question of 2001 characters', { question: 'k'.repeat(2001) },
	    'question', /at most 2,000 characters/],
]) {
	test(`process: ${what} → 422, typed values kept, nothing saved`,
	    async () => {
		const before = fingerprint();
		const typed = await processForm({ title: `Kirjoitettu <${RUN_WORD}>`,
		    year: '2031', question: 'Kysymys "lainaus" & <b>',
		    description: 'Kuvaus', published: undefined, ...over });
		const r = await as.admin.post(`/b/p/${id.process}?lang=en`, typed);
		assert.equal(r.status, 422);
		assert.match(alertText(r.text), message);
		assert.match(r.text, new RegExp(`<a href="#${field}">`),
		    'the error links to the field');
		assert.match(r.text, new RegExp(`id="${field}"[^>]*` +
		    'aria-invalid="true"'));
		assert.equal(inputValue(r.text, 'title'), typed.title);
		assert.equal(inputValue(r.text, 'year'), typed.year);
		assert.equal(textareaValue(r.text, 'question'), typed.question);
		assert.doesNotMatch(r.text, /<b>\n?<\/textarea>/, 'escaped');
		assert.match(r.text, /name="published" value="1">/,
		    'the unticked box stays unticked');
		assertUnchanged(before, what);
	});
}

test('an unknown process: 404 to GET and POST', async () => {
	const before = fingerprint();
	const got = await as.admin.get('/b/p/999999999?lang=en');
	assert.equal(got.status, 404);
	assert.match(got.text, /<h1>Page not found<\/h1>/);
	const sent = await as.admin.post('/b/p/999999999?lang=en',
	    await processForm());
	assert.equal(sent.status, 404);
	assert.match(sent.text, /<h1>Not saved<\/h1>/,
	    'a form sent there is told what became of it');
	assertUnchanged(before, 'unknown process');
});

// ---- The county's response to a recommendation. ----

test('a response and its reasons: shown to the public, escaped, in ' +
    'every language, in the history and the audit log', async () => {
	const rid = id.rec1;
	const reason = `<b>Perustelu</b> & "lainaus" ${RUN_WORD}`;
	const f = await as.admin.get(`/b/r/${rid}`);
	assert.match(f.text, /id="r_none" name="response" value="" checked/);
	assert.match(f.text, new RegExp(`href="/p/${SLUG}/r/${rid}"`));
	let r = await as.admin.post(`/b/r/${rid}`, { csrf: as.admin.csrf,
	    response: 'partly', reason, reason_category: anyReason() });
	assert.equal(r.status, 303);
	assert.equal(r.location, `/b/r/${rid}?saved=1`);
	const g = await as.admin.get(r.location);
	assert.match(g.text, /class="notice" role="status"/);
	assert.match(g.text, /id="r_partly" name="response" value="partly" checked/);
	assert.equal(textareaValue(g.text, 'reason'), reason);
	const pub = await publicShows(`/p/${SLUG}/r/${rid}`, 200,
	    /Osittain hyväksytty/);
	assert.match(pub.text, /Hyvinvointialueen vastaus/);
	assert.match(pub.text, new RegExp('&lt;b&gt;Perustelu&lt;/b&gt; &amp; ' +
	    `(&quot;|&#34;|")lainaus(&quot;|&#34;|") ${RUN_WORD}`));
	assert.doesNotMatch(pub.text, /<b>Perustelu/);
	await publicShows(`/p/${SLUG}/r/${rid}?lang=sv`, 200,
	    /Välfärdsområdets svar/);
	await publicShows(`/p/${SLUG}/r/${rid}?lang=en`, 200, /Partly accepted/);
	assert.equal(psql('SELECT count(*) FROM history WHERE table_name = ' +
	    `'recommendation' AND row_id = ${rid} AND actor = ` +
	    `${lit(users.admin)} AND after->>'response' = 'partly' AND ` +
	    `after->>'response_reason' = ${lit(reason)}`), '1');
	assert.equal(psql('SELECT count(*) FROM audit_log WHERE event = ' +
	    `'recommendation.respond' AND object = 'recommendation/${rid}' ` +
	    `AND email = ${lit(users.admin)}`), '1');
	const list = await as.admin.get(`/b/p/${id.process}?lang=en`);
	assert.match(list.text, new RegExp(`href="/b/r/${rid}\\?lang=en"[^<]*` +
	    '</a></td><td data-label="Response">Partly accepted<'));
});

for (const [code, fi, en] of [
	['accepted', 'Hyväksytty', 'Accepted'],
	['not_accepted', 'Ei hyväksytty', 'Not accepted'],
	['under_consideration', 'Harkittavana', 'Under consideration'],
]) {
	test(`response ${code}: "${fi}" / "${en}" on the public page`,
	    async () => {
		const rid = id['rec2.1'];
		const r = await as.admin.post(`/b/r/${rid}`, { csrf: as.admin.csrf,
		    response: code, reason: '', reason_category: anyReason() });
		assert.equal(r.status, 303);
		await publicShows(`/p/${SLUG}/r/${rid}`, 200,
		    new RegExp(`class="response-${code}">${fi}<`));
		await publicShows(`/p/${SLUG}/r/${rid}?lang=en`, 200,
		    new RegExp(`>${en}</strong>`));
	});
}

test('taking a response back: the public page says there is none yet',
    async () => {
	const rid = id['rec2.1'];
	const r = await as.admin.post(`/b/r/${rid}`, { csrf: as.admin.csrf,
	    response: '', reason: '' });
	assert.equal(r.status, 303);
	assert.equal(psql(`SELECT response IS NULL FROM recommendation WHERE id = ${rid}`), 't');
	await publicShows(`/p/${SLUG}/r/${rid}?lang=en`, 200,
	    /has not answered this recommendation yet/);
});

test('response: an unknown code or an overlong reason → 422, typed ' +
    'text kept, nothing saved; unknown ids 404', async () => {
	const before = fingerprint();
	const reason = `Säilyy <${RUN_WORD}>`;
	let r = await as.admin.post(`/b/r/${id.rec1}?lang=en`,
	    { csrf: as.admin.csrf, response: 'maybe', reason });
	assert.equal(r.status, 422);
	assert.match(alertText(r.text), /Choose a response from the list/);
	assert.equal(textareaValue(r.text, 'reason'), reason);
	r = await as.admin.post(`/b/r/${id.rec1}?lang=en`,
	    { csrf: as.admin.csrf, response: 'accepted', reason: 'y'.repeat(20001) });
	assert.equal(r.status, 422);
	assert.match(alertText(r.text), /at most 20,000 characters/);
	assert.match(r.text, /id="r_accepted" name="response" value="accepted" checked/);
	assert.equal((await as.admin.get('/b/r/999999999')).status, 404);
	assert.equal((await as.admin.post('/b/r/999999999', { csrf:
	    as.admin.csrf, response: 'accepted', reason: '' })).status, 404);
	assert.equal((await as.admin.post(`/b/r/${id.spec}`, { csrf:
	    as.admin.csrf, response: 'accepted', reason: '' })).status, 404);
	assertUnchanged(before, 'invalid responses');
});

// ---- Users. ----

function userForm(over = {}) {
	return { csrf: as.admin.csrf, name: '', role: 'editor',
	    unit: String(id.unitA), password: '', ...over };
}

const userId = (email) => Number(psql('SELECT id FROM app_user WHERE ' +
    `email = ${lit(email)}`));

test('creating a user: lower-cased address, units, audit; the user signs ' +
    'in and is an editor', async () => {
	const email = mail('created');
	const r = await as.admin.post('/b/users/new', userForm({
	    email: email.replace('created', 'CREATED'), name: 'Uusi Käyttäjä',
	    unit: [String(id.unitA), String(id.unitB)], password: PW }));
	assert.equal(r.status, 303, alertText(r.text));
	assert.equal(r.location, '/b/users?saved=1');
	assert.equal(psql('SELECT name || \':\' || role || \':\' || disabled ' +
	    `FROM app_user WHERE email = ${lit(email)}`),
	    'Uusi Käyttäjä:editor:false');
	assert.equal(psql('SELECT string_agg(un.name, \';\' ORDER BY un.name) ' +
	    'FROM user_unit uu JOIN unit un ON un.id = uu.unit_id WHERE ' +
	    `uu.user_id = ${userId(email)}`), `${UNIT_A};${UNIT_B}`);
	assert.equal(psql('SELECT count(*) FROM audit_log WHERE event = ' +
	    `'user.create' AND object = 'user/${userId(email)}' AND email = ` +
	    lit(users.admin)), '1');
	const list = await as.admin.get('/b/users?lang=en');
	const row = list.text.split('<tr>').find((x) => x.includes(`>${email}<`));
	assert.ok(row, 'the list shows the new user');
	assert.match(row, /Unit editor/);
	assert.match(row, new RegExp(`${UNIT_A}; ${UNIT_B}`));
	const f = await as.admin.get(`/b/users/${userId(email)}`);
	assert.match(f.text, new RegExp(`id="unit-${id.unitA}" name="unit" ` +
	    `value="${id.unitA}" checked`));
	assert.doesNotMatch(f.text, /name="password"[^>]*value="[^"]/,
	    'the password is never shown back');
	const u = await signIn(email);
	assert.equal((await u.get('/b/users')).status, 403);
	assert.match((await u.get('/b')).text,
	    new RegExp(`href="/b/a/${id['Ensimmäinen toimenpide']}"`));
});

for (const [what, over, message] of [
	['a duplicate e-mail address', { email: mail('admin') },
	    /already a user with this e-mail/],
	['an editor without units', { email: mail('nounit'), unit: undefined },
	    /at least one unit/],
	['a malformed address', { email: 'ei osoite' }, /Give an e-mail address/],
	['a short password', { email: mail('short'), password: 'lyhyt' },
	    /12/],
	['an unknown role', { email: mail('role'), role: 'root' },
	    /Choose a role/],
]) {
	test(`new user: ${what} → 422, typed values kept, nothing saved`,
	    async () => {
		const before = fingerprint();
		const form = userForm({ name: `Kirjoitettu ${RUN_WORD}`,
		    password: PW, ...over });
		if (over.unit === undefined && 'unit' in over) delete form.unit;
		const r = await as.admin.post('/b/users/new?lang=en', form);
		assert.equal(r.status, 422);
		assert.match(alertText(r.text), message);
		assert.equal(inputValue(r.text, 'email'), form.email.toLowerCase());
		assert.equal(inputValue(r.text, 'name'), form.name);
		if (form.unit)
			assert.match(r.text, new RegExp(`value="${id.unitA}" checked`));
		assert.ok(!r.text.includes(PW), 'the password is not shown back');
		assertUnchanged(before, what);
	});
}

test('disabling a user ends their sessions and sign-in; enabling lets ' +
    'them in again', async () => {
	const email = mail('disabled');
	addUser(email, 'editor', [UNIT_A]);
	const u = await signIn(email);
	const uid = userId(email);
	let r = await as.admin.post(`/b/users/${uid}`, userForm({
	    disabled: '1' }));
	assert.equal(r.status, 303, alertText(r.text));
	assert.equal(psql(`SELECT count(*) FROM staff_session WHERE user_id = ${uid}`),
	    '0');
	r = await u.get('/b');
	assert.equal(r.status, 303);
	assert.equal(r.location, '/login?expired=1');
	const again = await login(new Client(), email, PW);
	assert.equal(again.status, 401, 'a disabled account can not sign in');
	const list = await as.admin.get('/b/users?lang=en');
	assert.match(list.text.split('<tr>').find((x) => x.includes(`>${email}<`)),
	    />Disabled</);
	const f = await as.admin.get(`/b/users/${uid}`);
	assert.match(f.text, /name="disabled" value="1" checked/);
	assert.equal(psql('SELECT detail->>\'disabled\' FROM audit_log WHERE ' +
	    `event = 'user.update' AND object = 'user/${uid}' ORDER BY id ` +
	    'DESC LIMIT 1'), 'true');
	r = await as.admin.post(`/b/users/${uid}`, userForm());
	assert.equal(r.status, 303);
	await signIn(email);
});

test('an admin can not disable themselves nor make themselves an editor',
    async () => {
	const before = fingerprint();
	for (const over of [{ role: 'admin', unit: undefined, disabled: '1' },
	    { role: 'editor' }]) {
		const r = await as.admin.post(`/b/users/${id.admin}?lang=en`,
		    userForm({ name: 'Lukittu', ...over }));
		assert.equal(r.status, 422, JSON.stringify(over));
		assert.match(alertText(r.text), /can not disable your own account/);
		assert.equal(inputValue(r.text, 'name'), 'Lukittu');
	}
	assertUnchanged(before, 'self lock-out');
	assert.equal((await as.admin.get('/b/users')).status, 200,
	    'and the admin is still signed in and an admin');
	// Another admin may do it.
	const admin3 = mail('admin3');
	addUser(admin3, 'admin', []);
	const r = await as.admin.post(`/b/users/${userId(admin3)}`, userForm({
	    role: 'editor' }));
	assert.equal(r.status, 303);
	assert.equal(psql(`SELECT role FROM app_user WHERE email = ${lit(admin3)}`),
	    'editor');
});

test('a new password set by an admin works, the old one does not, and ' +
    'the user\'s sessions end', async () => {
	const email = mail('newpass');
	addUser(email, 'editor', [UNIT_A]);
	const uid = userId(email);
	const u1 = await signIn(email);
	const u2 = await signIn(email);
	const fresh = `uusi-salasana-${RUN}`;
	let r = await as.admin.post(`/b/users/${uid}`, userForm({
	    password: 'liian lyhyt' }));
	assert.equal(r.status, 422, 'a short new password is refused');
	r = await as.admin.post(`/b/users/${uid}`, userForm({ password: fresh }));
	assert.equal(r.status, 303, alertText(r.text));
	for (const u of [u1, u2]) {
		r = await u.get('/b');
		assert.equal(r.status, 303);
		assert.equal(r.location, '/login?expired=1');
	}
	assert.equal((await login(new Client(), email, PW)).status, 401,
	    'the old password no longer works');
	await signIn(email, fresh);
	assert.equal(psql('SELECT detail->>\'password_changed\' FROM audit_log ' +
	    `WHERE event = 'user.update' AND object = 'user/${uid}' ORDER BY ` +
	    'id DESC LIMIT 1'), 'true');
	assert.equal(psql('SELECT count(*) FROM audit_log WHERE detail::text ' +
	    `LIKE ${lit('%' + fresh + '%')}`), '0', 'no password in the log');
	// Saving with an empty password keeps it.
	r = await as.admin.post(`/b/users/${uid}`, userForm({ name: 'Sama' }));
	assert.equal(r.status, 303);
	await signIn(email, fresh);
});

test('id 0 is not a user, unit or status: 404', async () => {
	for (const p of ['/b/users/0', '/b/units/0', '/b/statuses/0'])
		assert.equal((await as.admin.get(p)).status, 404, p);
});

test('unknown users: 404', async () => {
	assert.equal((await as.admin.get('/b/users/999999999')).status, 404);
	const before = fingerprint();
	assert.equal((await as.admin.post('/b/users/999999999', userForm()))
	    .status, 404);
	assertUnchanged(before, 'unknown user');
});

// ---- Units. ----

const unitId = (name) => Number(psql('SELECT id FROM unit WHERE name = ' +
    lit(name)));

test('units: a tree of new units; a unit can not be under itself or ' +
    'below itself', async () => {
	const top = `Admin-ylä ${RUN}`, child = `Admin-ala ${RUN}`;
	let r = await as.admin.post('/b/units/new', { csrf: as.admin.csrf,
	    name: `  ${top} `, parent: '' });
	assert.equal(r.status, 303, alertText(r.text));
	assert.equal(r.location, '/b/units?saved=1');
	assert.ok(unitId(top), 'the name is stored trimmed');
	r = await as.admin.post('/b/units/new', { csrf: as.admin.csrf,
	    name: child, parent: String(unitId(top)) });
	assert.equal(r.status, 303);
	const list = await as.admin.get('/b/units?saved=1');
	assert.match(list.text, /class="notice" role="status"/);
	assert.match(list.text, new RegExp(`<li class="indent-0"><a href="/b/` +
	    `units/${unitId(top)}">${top}</a></li>\\s*<li class="indent-1">` +
	    `<a href="/b/units/${unitId(child)}">${child}</a>`));
	const f = await as.admin.get(`/b/units/${unitId(child)}`);
	assert.match(f.text, new RegExp(`<option value="${unitId(top)}" selected>`));
	const self = await as.admin.get(`/b/units/${unitId(top)}`);
	assert.doesNotMatch(self.text, new RegExp(`<option value="${unitId(top)}"`),
	    'a unit is not offered as its own parent');
	assert.equal(psql('SELECT count(*) FROM audit_log WHERE event = ' +
	    `'unit.create' AND object = 'unit/${unitId(child)}'`), '1');
	const before = fingerprint();
	for (const parent of [unitId(child), unitId(top)]) {
		r = await as.admin.post(`/b/units/${unitId(top)}?lang=en`, {
		    csrf: as.admin.csrf, name: top, parent: String(parent) });
		assert.equal(r.status, 422, `parent ${parent}`);
		assert.match(alertText(r.text), /can not be placed under itself/);
		assert.equal(inputValue(r.text, 'name'), top);
	}
	assertUnchanged(before, 'a cycle');
});

for (const [what, name, parent, message] of [
	['a duplicate name', UNIT_A, '', /already a unit with this name/],
	['a name with ";"', `Yksi; toinen ${RUN}`, '', /can not contain ';'/],
	['an empty name', '   ', '', /Give the unit a name/],
	['a name of 201 characters', 'n'.repeat(201), '', /at most 200/],
	['an unknown parent', `Orpo ${RUN}`, '999999999', /Choose a unit/],
	['a parent that is not a number', `Orpo ${RUN}`, 'abc', /Choose a unit/],
]) {
	test(`unit: ${what} → 422, nothing saved`, async () => {
		const before = fingerprint();
		const r = await as.admin.post('/b/units/new?lang=en',
		    { csrf: as.admin.csrf, name, parent });
		assert.equal(r.status, 422);
		assert.match(alertText(r.text), message);
		if (name.trim())
			assert.equal(inputValue(r.text, 'name'), name);
		assertUnchanged(before, what);
	});
}

test('renaming a unit to a taken name → 422; unknown units 404', async () => {
	const before = fingerprint();
	const r = await as.admin.post(`/b/units/${id.unitB}?lang=en`,
	    { csrf: as.admin.csrf, name: UNIT_A, parent: '' });
	assert.equal(r.status, 422);
	assert.match(alertText(r.text), /already a unit with this name/);
	assert.equal((await as.admin.get('/b/units/999999999')).status, 404);
	assert.equal((await as.admin.post('/b/units/999999999', { csrf:
	    as.admin.csrf, name: `Ei ole ${RUN}`, parent: '' })).status, 404);
	assertUnchanged(before, 'rename to a taken name');
});

test('renaming a unit shows in the public table and action pages and is ' +
    'searchable; renamed back afterwards', async () => {
	const renamed = `Uudelleennimetty ${RUN_WORD}`;
	const aid = id['Ensimmäinen toimenpide'];
	let r = await as.admin.post(`/b/units/${id.unitA}`, { csrf: as.admin.csrf,
	    name: renamed, parent: '' });
	assert.equal(r.status, 303, alertText(r.text));
	try {
		await publicShows(`/p/${SLUG}`, 200, new RegExp(renamed));
		await publicShows(`/p/${SLUG}/a/${aid}`, 200, new RegExp(renamed));
		const s = await publicShows(`/p/${SLUG}?q=${RUN_WORD}+` +
		    'uudelleennimetty', 200, /Ensimmäinen toimenpide/);
		assert.match(s.text, /Kolmas toimenpide/, 'both actions of unit A');
		assert.doesNotMatch(s.text, /Toinen toimenpide/, 'not unit B\'s');
		assert.ok(Number(psql('SELECT count(*) FROM history WHERE ' +
		    `table_name = 'unit' AND row_id = ${id.unitA} AND actor = ` +
		    `${lit(users.admin)} AND after->>'name' = ${lit(renamed)}`)) >= 1);
	} finally {
		r = await as.admin.post(`/b/units/${id.unitA}`, { csrf: as.admin.csrf,
		    name: UNIT_A, parent: '' });
		assert.equal(r.status, 303);
	}
	await publicShows(`/p/${SLUG}`, 200, new RegExp(`>${UNIT_A}</td>`));
	await publicLacks(`/p/${SLUG}`, new RegExp(renamed), 'renamed back');
});

// ---- Statuses. ----

const CODE = `adm_${RUN_WORD}`;
const LABEL = `Odottaa ${RUN_WORD}`;

function statusForm(over = {}) {
	return { csrf: as.admin.csrf, code: CODE, label_fi: LABEL,
	    label_sv: `Väntar ${RUN_WORD}`, label_en: `Waiting ${RUN_WORD}`,
	    colour: '#0f766e', ...over };
}

// A reason category: "not accepted", "partly" and a status that is not
// progress ask for one (it is left out otherwise).
function anyReason() {
	return psql('SELECT min(id) FROM reason_category');
}

// Sets an action's status through the action form.
async function setStatus(aid, code) {
	const f = await as.admin.get(`/b/a/${aid}`);
	assert.equal(f.status, 200);
	assert.match(f.text, new RegExp(`<option value="${code}"`),
	    `the action form offers ${code}`);
	const r = await as.admin.post(`/b/a/${aid}`, withFields(
	    formFields(f.text, `/b/a/${aid}`), { status: code,
	    reason: anyReason() }));
	assert.equal(r.status, 303, alertText(r.text));
}

// The page an admin is sent to after saving is served by the same
// worker, which checks its catalogue again after a change.
test('right after saving a new status, the list and its edit page show it',
    async () => {
	const code = `adm_i_${RUN_WORD}`;
	const r = await as.admin.post('/b/statuses/new', statusForm({ code,
	    label_fi: `Ilmestyy ${RUN_WORD}`, label_sv: `Syns ${RUN_WORD}`,
	    label_en: `Appears ${RUN_WORD}` }));
	assert.equal(r.status, 303, alertText(r.text));
	const sid = psql(`SELECT id FROM status WHERE code = ${lit(code)}`);
	const list = await as.admin.get(r.location);
	const edit = await as.admin.get(`/b/statuses/${sid}`);
	assert.match(list.text, new RegExp(`<code>${code}</code>`),
	    'the list shows the status just saved');
	assert.equal(edit.status, 200, 'its edit page exists');
});

test('a new status: listed, usable on an action and as a public filter',
    async () => {
	assert.equal((await anonGet(`/p/${SLUG}?status=${CODE}`)).status, 400,
	    'unknown before');
	const r = await as.admin.post('/b/statuses/new', statusForm());
	assert.equal(r.status, 303, alertText(r.text));
	assert.equal(r.location, '/b/statuses?saved=1');
	await sleep(1100);	// see the test above
	const list = await as.admin.get(r.location);
	assert.match(list.text, /class="notice" role="status"/);
	assert.match(list.text, new RegExp(`<code>${CODE}</code></a></td>` +
	    `<td lang="fi">${LABEL}</td><td lang="sv">Väntar ${RUN_WORD}</td>` +
	    `<td lang="en">Waiting ${RUN_WORD}</td>`));
	assert.equal(psql('SELECT count(*) FROM audit_log WHERE event = ' +
	    `'status.create' AND detail->>'code' = ${lit(CODE)}`), '1');
	let p = await publicShows(`/p/${SLUG}?status=${CODE}`, 200);
	assert.equal(rowCount(p.text), 0, 'no action has it yet');
	await setStatus(id['Kolmas toimenpide'], CODE);
	p = await publicShows(`/p/${SLUG}?status=${CODE}`, 200,
	    /Kolmas toimenpide/);
	assert.equal(rowCount(p.text), 1);
	assert.match(p.text, new RegExp(LABEL));
	await publicShows(`/p/${SLUG}?status=${CODE}&lang=sv`, 200,
	    new RegExp(`Väntar ${RUN_WORD}`));
});

for (const [what, over, message, field] of [
	['a duplicate code', { code: 'in_progress' }, /already a status with this code/],
	['a code with capitals', { code: 'Bad-Code' }, /lowercase/, 'code'],
	['colour "red"', { code: `adm_r_${RUN_WORD}`, colour: 'red' }, /#rrggbb/,
	    'colour'],
	['an upper-case colour', { code: `adm_u_${RUN_WORD}`, colour: '#ABCDEF' },
	    /#rrggbb/, 'colour'],
	['an empty Swedish label', { code: `adm_e_${RUN_WORD}`, label_sv: '' },
	    /Finnish, Swedish and English/],
	['a label of 61 characters', { code: `adm_l_${RUN_WORD}`,
	    label_en: 'l'.repeat(61) }, /at most 60 characters/],
	['progress 101 %', { code: `adm_p_${RUN_WORD}`, progress: '101' },
	    /Progress is a whole number from 0 to 100/, 'progress'],
	['progress -1 %', { code: `adm_n_${RUN_WORD}`, progress: '-1' },
	    /Progress is a whole number from 0 to 100/],
	['progress 50.5 %', { code: `adm_f_${RUN_WORD}`, progress: '50.5' },
	    /Progress is a whole number from 0 to 100/],
]) {
	test(`new status: ${what} → 422, typed values kept, nothing saved`,
	    async () => {
		const before = fingerprint();
		const form = statusForm({ label_fi: `Kirjoitettu <${RUN_WORD}>`,
		    ...over });
		const r = await as.admin.post('/b/statuses/new?lang=en', form);
		assert.equal(r.status, 422);
		assert.match(alertText(r.text), message);
		assert.equal(inputValue(r.text, 'code'), form.code);
		assert.equal(inputValue(r.text, 'label_fi'), form.label_fi);
		if (field)
			assert.match(r.text, new RegExp(`id="${field}-error"`),
			    'the message beside its field too');
		assertUnchanged(before, what);
	});
}

test('changing a status label changes the public table and its search; ' +
    'the code never changes; restored afterwards', async () => {
	const sid = Number(psql(`SELECT id FROM status WHERE code = ${lit(CODE)}`));
	const word = [...RUN_WORD].reverse().join('');
	const f = await as.admin.get(`/b/statuses/${sid}`);
	assert.match(f.text, new RegExp(`<code>${CODE}</code>`));
	assert.doesNotMatch(f.text, /name="code"/, 'the code is not editable');
	let r = await as.admin.post(`/b/statuses/${sid}`, statusForm({
	    code: 'hijacked', label_fi: `Jonossa ${word}` }));
	assert.equal(r.status, 303, alertText(r.text));
	try {
		assert.equal(psql(`SELECT code FROM status WHERE id = ${sid}`), CODE);
		await publicShows(`/p/${SLUG}`, 200, new RegExp(`Jonossa ${word}`));
		const s = await publicShows(`/p/${SLUG}?q=${word}`, 200,
		    /Kolmas toimenpide/);
		assert.doesNotMatch(s.text, /Ensimmäinen toimenpide/);
		await publicLacks(`/p/${SLUG}?q=${RUN_WORD}+odottaa`,
		    /Kolmas toimenpide/, 'the old label is no longer found');
	} finally {
		r = await as.admin.post(`/b/statuses/${sid}`, statusForm());
		assert.equal(r.status, 303);
	}
	await publicShows(`/p/${SLUG}`, 200, new RegExp(LABEL));
	await publicShows(`/p/${SLUG}?q=odottaa+${RUN_WORD}`, 200,
	    /Kolmas toimenpide/);
	// Every worker's catalogue has the label back (see above) before the
	// import tests compare tables written with it.
	await sleep(1100);
	assert.equal((await as.admin.get('/b/statuses/999999')).status, 404);
});

// ---- Importing a table. ----

const uploads = () => psql('SELECT count(*) FROM import_upload');

test('the import form offers the processes', async () => {
	const r = await as.admin.get('/b/import');
	assert.match(r.text, new RegExp(`<option value="${SLUG}">`));
	assert.match(r.text, /<option value="">/);
	assert.match(r.text, /type="file"/);
});

test('a broken file: 422, every problem by line and column, nothing ' +
    'changed', async () => {
	const before = fingerprint();
	const csv = HEADER +
	    '1. Suositus,,Toimenpide,13/2025 – 1/2026,Käynnissä,Yksikkö,\r\n' +
	    ',,Toinen,1/2025,Outotila huomio,Yksikkö,\r\n' +
	    ',,Kolmas,1/2025,Käynnissä\r\n';
	const r = await as.admin.post('/b/import?lang=en', importForm(
	    as.admin.csrf, { csv, filename: 'rikki.csv' }));
	assert.equal(r.status, 422);
	assert.match(r.text, /role="alert"/);
	assert.match(r.text, /rikki\.csv/);
	const rows = [...r.text.matchAll(/<tr><td>(\d+)<\/td><td lang="fi">([^<]*)<\/td><td>([^<]*)<\/td><\/tr>/g)]
	    .map((m) => [Number(m[1]), m[2], unescapeHtml(m[3])]);
	assert.ok(rows.some(([l, c]) => l === 2 && c === 'Aikataulu'),
	    'line 2, Aikataulu: ' + JSON.stringify(rows));
	assert.ok(rows.some(([l, c, msg]) => l === 3 && c === 'Status' &&
	    /Outotila/.test(msg)), 'line 3, Status: ' + JSON.stringify(rows));
	assert.ok(rows.some(([l]) => l === 4), 'line 4 has too few columns');
	assert.ok(rows.some(([l, , msg]) => l === 2 &&
	    msg === 'month 13 is not between 1 and 12'), 'in English on ' +
	    'the English page: ' + JSON.stringify(rows));
	const sv = await as.admin.post('/b/import?lang=sv', importForm(
	    as.admin.csrf, { csv, filename: 'rikki.csv' }));
	assert.match(sv.text, /<td>månad 13 är inte mellan 1 och 12<\/td>/,
	    'the problems in Swedish on the Swedish page');
	assert.match(r.text, new RegExp(`<option value="${SLUG}" selected>`),
	    'the form keeps the chosen process');
	assertUnchanged(before, 'a broken file');
	const h = await as.admin.post('/b/import', importForm(as.admin.csrf,
	    { csv: 'A,B,C\r\n1,2,3\r\n' }));
	assert.equal(h.status, 422);
	assert.match(h.text, /<tr><td>1<\/td>/, 'the header is line 1');
	assertUnchanged(before, 'a file with a wrong header');
});

for (const [what, form, message, field] of [
	['no file', { csv: undefined }, /Choose a CSV file/],
	['an empty file', { csv: '' }, /Choose a CSV file/],
	['no process and no new address', { process: '', csv: FIXTURE },
	    /address name/, 'new_slug'],
	['a new address that is taken', { process: '', newSlug: SLUG,
	    title: 'T', csv: FIXTURE }, /exists already/, 'new_slug'],
	['a new process without a title', { process: '',
	    newSlug: `admin-ei-otsikkoa-${RUN}`, csv: FIXTURE }, /title/,
	    'title'],
	['a malformed new address', { process: '', newSlug: 'Iso Kirjain',
	    title: 'T', csv: FIXTURE }, /address name/, 'new_slug'],
	['a new address over its 64 characters', { process: '',
	    newSlug: 'ä'.repeat(65), title: 'T', csv: FIXTURE },
	    /address name/, 'new_slug'],
	['a title over its 300 characters', { process: '',
	    newSlug: `admin-pitka-${RUN}`, title: 'ä'.repeat(301),
	    csv: FIXTURE }, /title is too long: at most 300 characters/,
	    'title'],
	['a sheet name over its 100 characters', { sheet: '€'.repeat(101),
	    csv: FIXTURE }, /sheet's name is too long: at most 100/, 'sheet'],
]) {
	test(`import: ${what} → 422, nothing changed`, async () => {
		const before = fingerprint();
		const r = await as.admin.post('/b/import?lang=en',
		    importForm(as.admin.csrf, form));
		assert.equal(r.status, 422);
		assert.match(alertText(r.text), message);
		if (field) {
			const beside = `<p class="field-error" id="${field}` +
			    `-error">[^<]*</p>\\s*<input id="${field}"[^>]*` +
			    'aria-invalid="true"';
			assert.match(r.text, new RegExp(beside),
			    'the message beside the field too');
		}
		assertUnchanged(before, what);
	});
}

test('a file identical to the stored table: "same", nothing to confirm',
    async () => {
	const before = fingerprint();
	const r = await as.admin.post('/b/import?lang=en', importForm(
	    as.admin.csrf, { csv: exportCsv(SLUG), filename: 'sama.csv' }));
	assert.equal(r.status, 200);
	assert.match(r.text, /role="status">The file sama\.csv is the same as the published table/);
	assert.doesNotMatch(r.text, /action="\/b\/import\/\d+"/);
	assertUnchanged(before, 'an identical file');
});

test('a changed file: preview, only the uploader may confirm, the ' +
    'public sees the change, ids and history kept, a second confirm 404',
    async () => {
		const ids = actionIds();
		const aid = id['Ensimmäinen toimenpide'];
		const info = `Päivitetty lisätieto ${RUN_WORD}`;
		const csv = exportCsv(SLUG).replace(/Lisätieto yksi[^\r\n,]*/, info);
		assert.ok(csv.includes(info));
		const n = uploads();
		const r = await as.admin.post('/b/import?lang=en', importForm(
		    as.admin.csrf, { csv, filename: 'muutos.csv' }));
		assert.equal(r.status, 200, alertText(r.text));
		assert.match(r.text, /role="status">The file muutos\.csv passed the checks: \d+ recommendations and 3 actions/);
		assert.match(r.text, new RegExp(`Rows that change in /p/${SLUG}: 1\\.`));
		const change = r.text.match(/<caption><span class="tag">Changed row<\/span> Line (\d+): <span lang="fi">([^<]*)<\/span><\/caption>/);
		assert.ok(change, 'one changed row named by its action');
		assert.equal(change[1], '2', 'the first row after the header');
		assert.equal(change[2], 'Ensimmäinen toimenpide');
		const cells = [...r.text.matchAll(/<tr><th scope="row" lang="fi">([^<]*)<\/th><td[^>]*><del>([^<]*)<\/del><\/td><td[^>]*><ins>([^<]*)<\/ins><\/td><\/tr>/g)];
		assert.equal(cells.length, 1, 'only the changed field');
		assert.equal(cells[0][1], 'Lisätieto');
		assert.equal(cells[0][2], 'Lisätieto yksi');
		assert.equal(cells[0][3], info);
		const upload = Number(r.text.match(/action="\/b\/import\/(\d+)\?lang=en"/)[1]);
		assert.equal(uploads(), String(Number(n) + 1));
		// Not yet public.
		await new Promise((res) => setTimeout(res, 1200));
		assert.doesNotMatch((await anonGet(`/p/${SLUG}/a/${aid}`)).text,
		    new RegExp(info));
		const before = fingerprint();
		let c = await as.admin2.post(`/b/import/${upload}`,
		    { csrf: as.admin2.csrf });
		assert.equal(c.status, 404, 'another admin can not confirm it');
		c = await as.admin.post(`/b/import/${upload}`, { csrf: FORGED });
		assert.equal(c.status, 403);
		assertUnchanged(before, 'refused confirms');
		c = await as.admin.post(`/b/import/${upload}?lang=en`,
		    { csrf: as.admin.csrf });
		assert.equal(c.status, 303);
		assert.equal(c.location, `/b/p?lang=en&imported=${SLUG}`);
		const list = await as.admin.get(c.location);
		assert.match(list.text, /role="status">The table was imported/);
		await publicShows(`/p/${SLUG}/a/${aid}`, 200, new RegExp(info));
		assert.equal(actionIds(), ids, 'the actions keep their ids');
		assert.equal(psql('SELECT count(*) FROM history WHERE table_name = ' +
		    `'action' AND row_id = ${aid} AND operation = 'UPDATE' AND ` +
		    `actor = ${lit(users.admin)} AND after->>'info' = ${lit(info)}`),
		    '1', 'the change is in the action\'s history');
		assert.equal(psql('SELECT count(*) FROM audit_log WHERE event = ' +
		    `'import' AND object = 'process/${SLUG}' AND email = ` +
		    `${lit(users.admin)} AND detail->>'file' = 'muutos.csv'`), '1');
		const after = fingerprint();
		c = await as.admin.post(`/b/import/${upload}`, { csrf: as.admin.csrf });
		assert.equal(c.status, 404, 'a second confirm');
		assertUnchanged(after, 'a second confirm');
		assert.equal((await as.admin.post('/b/import/999999999',
		    { csrf: as.admin.csrf })).status, 404);
	});

test('a new process from a file: process "" with new_slug and title; ' +
    'it stays unpublished until an admin publishes it, as the confirmation ' +
    'says', async () => {
	const slug = `admin-uusi-${RUN}`;
	const title = `Tuotu prosessi ${RUN_WORD}`;
	const r = await as.admin.post('/b/import?lang=en', importForm(
	    as.admin.csrf, { process: '', newSlug: slug, title, csv: FIXTURE }));
	assert.equal(r.status, 200, alertText(r.text));
	assert.match(r.text, new RegExp(`It becomes a new process at /p/${slug}\\.`));
	assert.equal((await anonGet(`/p/${slug}`)).status, 404, 'not before confirming');
	const upload = r.text.match(/action="\/b\/import\/(\d+)/)[1];
	const c = await as.admin.post(`/b/import/${upload}`, { csrf: as.admin.csrf });
	assert.equal(c.status, 303);
	const npid = psql(`SELECT id FROM process WHERE slug = ${lit(slug)}`);
	assert.equal(psql(`SELECT published FROM process WHERE id = ${npid}`),
	    'f', 'a new process starts unpublished');
	assert.equal(c.location, `/b/p/${npid}?imported=${slug}`,
	    'to the new process\'s page');
	const conf = await as.admin.get(c.location + '&lang=en');
	assert.match(conf.text, /role="status">The table was imported\. The process is not published yet: residents do not see it\. <a href="#published">Publish it<\/a>/);
	assert.match(conf.text, /id="published" name="published" value="1">/,
	    'the box it links to, unticked');
	await publicShows(`/p/${slug}`, 404);
	const f = await as.admin.get(`/b/p/${npid}`);
	const r2 = await as.admin.post(`/b/p/${npid}`, {
	    ...Object.fromEntries(formFields(f.text, `/b/p/${npid}`)),
	    csrf: as.admin.csrf, published: '1' });
	assert.equal(r2.status, 303, 'the admin publishes it');
	const p = await publicShows(`/p/${slug}`, 200, new RegExp(title));
	assert.match(p.text, /Ensimmäinen toimenpide/);
	const list = await as.admin.get('/b/p');
	assert.match(list.text, new RegExp(`<code>${slug}</code>`));
	// The same file again: nothing to import.
	const same = await as.admin.post('/b/import', importForm(as.admin.csrf,
	    { process: slug, csv: FIXTURE }));
	assert.equal(same.status, 200);
	assert.match(same.text, /class="notice" role="status"/);
	assert.doesNotMatch(same.text, /action="\/b\/import\/\d+"/);
});
