// Machine updates: API tokens made, listed and revoked on
// /b/account/tokens (shown once, kept as hashes, expiring, every use
// audited), and the write API under /api/v1/my with them: a unit's own
// actions' status, notes, schedule and milestones, with the forms'
// checks, authorisation (another unit's action: 403) and the If-Match
// rule (428 without, 412 when stale, the new ETag after a save). Every
// answer is checked against the served OpenAPI description.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import Ajv2020 from 'ajv/dist/2020.js';
import { base, get, importCsv, HEADER, RUN, psql, lit, signInNew,
    hiddenValue } from './lib.mjs';

const SLUG = `http-api-${RUN}`;
const OWN = `Rajapinnan yksikkö ${RUN}`;
const OTHER = `Toinen yksikkö ${RUN}`;
const CSV = HEADER +
    `1. Suositus,,Oma toimenpide,1/2025 – 12/2026,Käynnissä Alku,${OWN},\r\n` +
    `,,Toisen toimenpide,Jatkuvaa,Suunnitteilla,${OTHER},\r\n`;

let ajv, openapi, editor, admin, token, own, other;

// Answers of the write API, checked against the OpenAPI schema name.
function assertSchema(name, doc, what) {
	const v = ajv.compile({ $ref: 'openapi#/components/schemas/' + name });
	assert.ok(v(doc), `${what} matches ${name}: ` +
	    JSON.stringify(v.errors, null, 1));
}

// A call: method, action path tail, body (an object or raw text).
async function call(method, path, { body, tok = token, ifMatch,
    headers = {} } = {}) {
	const h = { ...headers };
	if (tok) h.authorization = 'Bearer ' + tok;
	if (ifMatch !== undefined) h['if-match'] = ifMatch;
	if (body !== undefined && !h['content-type'])
		h['content-type'] = 'application/json';
	const res = await fetch(base + '/api/v1/my/actions/' + path, { method,
	    headers: h, redirect: 'manual', body: body === undefined ?
	    undefined : typeof body === 'string' ? body : JSON.stringify(body) });
	const text = await res.text();
	let json = null;
	try { json = JSON.parse(text); } catch { /* checked by the caller */ }
	return { status: res.status, headers: res.headers, json, text };
}

// An error answer: status, schema and a message that says something.
function assertError(r, status, what) {
	assert.equal(r.status, status, `${what}: ${r.text}`);
	assertSchema(status === 412 ? 'Stale' : 'WriteError', r.json, what);
	assert.ok(r.json.error.message.length > 20, 'a message: ' + r.text);
	assert.equal(r.json.error.status, status);
	assert.match(r.headers.get('content-type'), /^application\/json/);
}

// Makes a token on the page as browser b; its text, shown once.
async function makeToken(b, name, days = '30') {
	const r = await b.post('/b/account/tokens', { csrf: b.csrf,
	    op: 'create', name, days });
	assert.equal(r.status, 200, r.text.slice(0, 500));
	const m = r.text.match(/<code class="token" id="token">([^<]*)<\/code>/);
	assert.ok(m, 'the new token is shown');
	return m[1];
}

const tokenId = (name) => psql('SELECT id FROM api_token WHERE name = ' +
    lit(name));
const note = (id) => psql(`SELECT status_note FROM action WHERE id = ${id}`);

before(async () => {
	importCsv(SLUG, CSV, 'Rajapinnan testi');
	for (const [body, key] of [['Oma toimenpide', 'own'],
	    ['Toisen toimenpide', 'other']]) {
		const id = psql('SELECT a.id FROM action a JOIN process p ON ' +
		    'p.id = a.process_id WHERE p.slug = ' + lit(SLUG) +
		    ' AND a.body = ' + lit(body));
		if (key === 'own') own = id; else other = id;
	}
	editor = await signInNew('api-editor', 'editor', [OWN]);
	admin = await signInNew('api-admin', 'admin');
	token = await makeToken(editor, `Projektirekisteri ${RUN}`);
	const r = await get('/api/v1/openapi.json');
	openapi = JSON.parse(r.text);
	ajv = new Ajv2020({ strict: false, validateFormats: false,
	    allErrors: true });
	ajv.addSchema({ $id: 'openapi', components: openapi.components });
});

test('the token page: a token is shown once, listed with its name, ' +
    'times and last use, kept only as a hash; bad input is a 422',
    async () => {
	assert.match(token, /^tot_[A-Za-z0-9_-]{43}$/);
	const page = await editor.get('/b/account/tokens');
	assert.equal(page.status, 200);
	assert.equal(page.headers.get('cache-control'), 'no-store');
	assert.ok(!page.text.includes(token), 'never shown again');
	assert.match(page.text, new RegExp(`Projektirekisteri ${RUN}`));
	assert.match(page.text, /Käytetty viimeksi/);
	assert.equal(psql('SELECT count(*) FROM api_token WHERE ' +
	    `token_hash::text LIKE '%' || ${lit(token)} || '%'`), '0');
	assert.equal(psql('SELECT round(extract(epoch FROM expires_at - ' +
	    `created_at) / 86400) FROM api_token WHERE id = ` +
	    tokenId(`Projektirekisteri ${RUN}`)), '30');
	for (const [form, field] of [[{ name: '', days: '30' }, 'name'],
	    [{ name: 'Liian pitkä', days: '400' }, 'days'],
	    [{ name: 'x'.repeat(101), days: '30' }, 'name']]) {
		const r = await editor.post('/b/account/tokens', { csrf:
		    editor.csrf, op: 'create', ...form });
		assert.equal(r.status, 422, field);
		assert.match(r.text, /role="alert"/);
		assert.doesNotMatch(r.text, /id="token"/);
	}
	const forged = await editor.post('/b/account/tokens', { csrf: 'x',
	    op: 'create', name: 'Väärennetty', days: '30' });
	assert.equal(forged.status, 403);
	assert.equal(psql('SELECT count(*) FROM api_token WHERE name = ' +
	    "'Väärennetty'"), '0');
	const anon = await fetch(base + '/b/account/tokens',
	    { redirect: 'manual' });
	assert.equal(anon.status, 303);
});

test('GET of an own action: its state and ETag (the revision); the use ' +
    'is audited and the token\'s last use kept', async () => {
	const r = await call('GET', own);
	assert.equal(r.status, 200, r.text);
	assertSchema('ActionState', r.json, 'the action');
	assert.equal(r.headers.get('etag'), `"${r.json.revision}"`);
	assert.equal(r.headers.get('cache-control'), 'no-store');
	assert.equal(r.json.status, 'in_progress');
	assert.equal(r.json.schedule_start, '2025-01');
	const id = tokenId(`Projektirekisteri ${RUN}`);
	assert.equal(psql('SELECT last_used_at > now() - interval \'1 minute\' ' +
	    `FROM api_token WHERE id = ${id}`), 't');
	assert.ok(Number(psql('SELECT count(*) FROM audit_log WHERE event = ' +
	    `'api.call' AND object = 'api_token/${id}' AND detail->>'call' = ` +
	    lit(`GET /api/v1/my/actions/${own}`))) >= 1, 'audited');
});

test('without a token, with a wrong one, or with a session cookie only: ' +
    '401 with WWW-Authenticate, nothing read', async () => {
	for (const [tok, headers, what] of [[null, {}, 'no token'],
	    ['tot_' + 'A'.repeat(43), {}, 'an unknown token'],
	    ['nonsense', {}, 'not a token'],
	    [null, { cookie: 'toteuma_session=' +
	    editor.cookie('toteuma_session') }, 'a session cookie']]) {
		const r = await call('GET', own, { tok, headers });
		assertError(r, 401, what);
		assert.match(r.headers.get('www-authenticate'), /^Bearer /);
		assert.equal(r.json.current, undefined);
	}
});

test('PATCH: 428 without If-Match, 412 when stale (with the action as it ' +
    'is now and its ETag), 200 with the new ETag; saved with history',
    async () => {
	const cur = await call('GET', own);
	const etag = cur.headers.get('etag');
	const change = { status: 'processed', status_note: `Rajapinnasta ${RUN}`,
	    schedule_start: '3/2025', schedule_end: '2026-06' };
	assertError(await call('PATCH', own, { body: change }), 428,
	    'no If-Match');
	assertError(await call('PATCH', own, { body: change,
	    ifMatch: '"abc"' }), 400, 'a malformed If-Match');
	assert.notEqual(note(own), change.status_note, 'nothing saved');
	const history = Number(psql('SELECT count(*) FROM history WHERE ' +
	    `table_name = 'action' AND row_id = ${own}`));
	const ok = await call('PATCH', own, { body: change, ifMatch: etag });
	assert.equal(ok.status, 200, ok.text);
	assertSchema('ActionState', ok.json, 'the saved action');
	assert.equal(ok.json.revision, cur.json.revision + 1);
	assert.equal(ok.headers.get('etag'), `"${ok.json.revision}"`);
	assert.equal(ok.json.status, 'processed');
	assert.equal(ok.json.schedule_start, '2025-03');
	assert.equal(ok.json.schedule_end, '2026-06');
	assert.equal(ok.json.schedule_kind, 'months', 'kept');
	assert.equal(note(own), change.status_note);
	assert.equal(Number(psql('SELECT count(*) FROM history WHERE ' +
	    `table_name = 'action' AND row_id = ${own}`)), history + 1);
	assert.equal(psql('SELECT actor FROM history WHERE table_name = ' +
	    `'action' AND row_id = ${own} ORDER BY id DESC LIMIT 1`),
	    `api-editor-${RUN}@example.fi`);
	// The same change again on the old ETag: it moved meanwhile.
	const stale = await call('PATCH', own, { body: { status_note: 'vanha' },
	    ifMatch: etag });
	assertError(stale, 412, 'a stale If-Match');
	assert.equal(stale.headers.get('etag'), ok.headers.get('etag'));
	assert.equal(stale.json.current.status_note, change.status_note);
	assert.equal(note(own), change.status_note, 'nothing saved');
	assert.ok(Number(psql('SELECT count(*) FROM audit_log WHERE event = ' +
	    `'action.update' AND object = 'action/${own}'`)) >= 1);
});

test('a process with a review step: the change is accepted (202) and ' +
    'waits for an admin, the action and its ETag stay as they were',
    async () => {
	psql(`UPDATE process SET review = true WHERE slug = ${lit(SLUG)}`);
	try {
		const cur = await call('GET', own);
		const r = await call('PATCH', own, { body: {
		    status_note: `Odottaa hyväksyntää ${RUN}` },
		    ifMatch: cur.headers.get('etag') });
		assert.equal(r.status, 202, r.text);
		assertSchema('ActionState', r.json, 'the action as it is');
		assert.equal(r.headers.get('etag'), cur.headers.get('etag'));
		assert.equal(r.json.status_note, cur.json.status_note);
		assert.notEqual(note(own), `Odottaa hyväksyntää ${RUN}`,
		    'the public value stays');
		assert.equal(psql('SELECT count(*) FROM action_pending WHERE ' +
		    `action_id = ${own}`), '1', 'the update waits for review');
	} finally {
		psql(`DELETE FROM action_pending WHERE action_id = ${own}`);
		psql(`UPDATE process SET review = false WHERE slug = ${lit(SLUG)}`);
	}
});

test('another unit\'s action: 403 for reading and changing, nothing ' +
    'changed', async () => {
	const before = psql(`SELECT revision || status_note FROM action WHERE id = ${other}`);
	assertError(await call('GET', other), 403, 'GET');
	assertError(await call('PATCH', other, { body: { status_note: 'x' },
	    ifMatch: '"1"' }), 403, 'PATCH');
	assertError(await call('POST', `${other}/milestones`, { body:
	    { title: 'x', target: '2026-01' }, ifMatch: '"1"' }), 403, 'POST');
	assert.equal(psql(`SELECT revision || status_note FROM action WHERE id = ${other}`),
	    before);
	assertError(await call('GET', '999999999'), 404, 'no such action');
});

test('the JSON is read strictly and checked as the form checks it: 400, ' +
    '415 and 422 with each field\'s message, nothing changed', async () => {
	const etag = (await call('GET', own)).headers.get('etag');
	const before = note(own);
	const bad = [
		[{ status_note: 'x', colour: 'red' }, 400, 'an unknown key'],
		[{ status_note: 5 }, 400, 'a number for a text'],
		[{ status_note: 'a\u0001b' }, 400, 'a control character'],
		['{"status_note": "x",', 400, 'broken JSON'],
		['[1, 2]', 400, 'not an object'],
		['{"status_note": "a", "status_note": "b"}', 400, 'a key twice'],
	];
	for (const [body, status, what] of bad)
		assertError(await call('PATCH', own, { body, ifMatch: etag }),
		    status, what);
	assertError(await call('PATCH', own, { body: 'status_note=x',
	    ifMatch: etag, headers: { 'content-type':
	    'application/x-www-form-urlencoded' } }), 415, 'a form');
	const fields = [
		[{ status: 'ei_ole' }, 'status'],
		[{ schedule_start: '2026-05', schedule_end: '2025-01' }, 'schedule_end'],
		[{ schedule_start: '13/2025' }, 'schedule_start'],
		[{ status: 'rejected' }, 'reason'],
		[{ actual_start: '2025-02-30' }, 'actual_start'],
		[{ schedule_kind: 'text', schedule_text: '' }, 'schedule_text'],
		[{ schedule_kind: 'weekly' }, 'schedule_kind'],
		[{ status: 'rejected', reason: 999999999 }, 'reason'],
	];
	for (const [body, field] of fields) {
		const r = await call('PATCH', own, { body, ifMatch: etag });
		assertError(r, 422, JSON.stringify(body));
		assert.ok(r.json.error.fields[field], `a message for ${field}: ` +
		    r.text);
		assert.doesNotMatch(r.json.error.fields[field],
		    /Choose|from the list/, 'a client has no list to choose from');
	}
	assert.equal(note(own), before, 'nothing changed');
	assert.equal((await call('GET', own)).headers.get('etag'), etag);
});

test('milestones: added (201), replaced, removed, each on the ETag; ' +
    'checked as the milestone form checks them', async () => {
	let etag = (await call('GET', own)).headers.get('etag');
	assertError(await call('POST', `${own}/milestones`, { body:
	    { title: 'Hankinta', target: '2026-03' } }), 428, 'no If-Match');
	const add = await call('POST', `${own}/milestones`, { body:
	    { title: 'Hankinta', target: '3/2026', note: 'Kilpailutus' },
	    ifMatch: etag });
	assert.equal(add.status, 201, add.text);
	assertSchema('ActionState', add.json, 'after adding');
	const m = add.json.milestones.find((x) => x.title === 'Hankinta');
	assert.equal(m.target, '2026-03');
	etag = add.headers.get('etag');
	for (const [body, field] of [[{ title: '', target: '2026-03' }, 'title'],
	    [{ title: 'x', target: '2026-13' }, 'target'],
	    [{ title: 'x', target: '2026-01', done: '2999-01-01' }, 'done']]) {
		const r = await call('PUT', `${own}/milestones/${m.id}`,
		    { body, ifMatch: etag });
		assertError(r, 422, JSON.stringify(body));
		assert.ok(r.json.error.fields[field], r.text);
	}
	assertError(await call('PUT', `${own}/milestones/${m.id}`, { body:
	    { title: 'x', target: '2026-01', owner: 'me' }, ifMatch: etag }),
	    400, 'an unknown key');
	assertError(await call('PUT', `${own}/milestones/999`, { body:
	    { title: 'x', target: '2026-01' }, ifMatch: etag }), 404,
	    'no such milestone');
	const put = await call('PUT', `${own}/milestones/${m.id}`, { body:
	    { title: 'Hankinta tehty', target: '2026-04', done: '2025-01-15' },
	    ifMatch: etag });
	assert.equal(put.status, 200, put.text);
	assert.equal(put.json.milestones.find((x) => x.id === m.id).done,
	    '2025-01-15');
	assertError(await call('DELETE', `${own}/milestones/${m.id}`,
	    { ifMatch: etag }), 412, 'a stale removal');
	const del = await call('DELETE', `${own}/milestones/${m.id}`,
	    { ifMatch: put.headers.get('etag') });
	assert.equal(del.status, 200, del.text);
	assert.ok(!del.json.milestones.some((x) => x.id === m.id));
	assert.equal((await call('PUT', `${own}/milestones`, { body: {},
	    ifMatch: '"1"' })).status, 405, 'PUT on the list');
});

test('a revoked or expired token is refused (401, audited); an admin sees ' +
    'and revokes anyone\'s token, an editor only their own', async () => {
	const spare = await makeToken(editor, `Vara ${RUN}`);
	const old = await makeToken(editor, `Vanha ${RUN}`);
	const adminsOwn = await makeToken(admin, `Ylläpito ${RUN}`);
	assert.equal((await call('GET', own, { tok: spare })).status, 200);
	// The editor may not revoke the admin's token.
	const deny = await editor.post('/b/account/tokens', { csrf: editor.csrf,
	    op: 'revoke', token: tokenId(`Ylläpito ${RUN}`) });
	assert.equal(deny.status, 403);
	assert.equal((await call('GET', own, { tok: adminsOwn })).status, 200,
	    'an admin\'s token may read any action');
	// The admin sees the editor's tokens and revokes one.
	const list = await admin.get('/b/account/tokens');
	assert.match(list.text, new RegExp(`Vara ${RUN}`));
	assert.match(list.text, new RegExp(`api-editor-${RUN}@example.fi`));
	const rev = await admin.post('/b/account/tokens', { csrf: admin.csrf,
	    op: 'revoke', token: tokenId(`Vara ${RUN}`) });
	assert.equal(rev.status, 303);
	const r = await call('GET', own, { tok: spare });
	assertError(r, 401, 'a revoked token');
	assert.equal(r.json.error.detail, 'revoked');
	assert.equal(psql('SELECT count(*) FROM audit_log WHERE event = ' +
	    `'api.refused' AND object = 'api_token/${tokenId(`Vara ${RUN}`)}'`),
	    '1');
	assert.equal((await editor.post('/b/account/tokens', { csrf: editor.csrf,
	    op: 'revoke', token: tokenId(`Vara ${RUN}`) })).status, 409,
	    'revoked already');
	psql('UPDATE api_token SET created_at = now() - interval \'40 days\', ' +
	    'expires_at = now() - interval \'1 day\' WHERE id = ' +
	    tokenId(`Vanha ${RUN}`));
	const e = await call('PATCH', own, { tok: old, body: { status_note: 'x' },
	    ifMatch: '"1"' });
	assertError(e, 401, 'an expired token');
	assert.equal(e.json.error.detail, 'expired');
	const page = await editor.get('/b/account/tokens');
	assert.match(page.text, /Peruttu/);
	assert.match(page.text, /Vanhentunut/);
	assert.ok(hiddenValue(page.text, 'csrf'));
});

test('the served OpenAPI file describes the write API and its token',
    () => {
	for (const p of ['/api/v1/my/actions/{id}',
	    '/api/v1/my/actions/{id}/milestones',
	    '/api/v1/my/actions/{id}/milestones/{milestone}'])
		assert.ok(openapi.paths[p], p);
	assert.deepEqual(Object.keys(openapi.paths['/api/v1/my/actions/{id}']),
	    ['get', 'patch']);
	assert.equal(openapi.components.securitySchemes.token.scheme, 'bearer');
	for (const s of ['ActionState', 'ActionChange', 'MilestoneChange',
	    'WriteError', 'Stale'])
		assert.ok(openapi.components.schemas[s], s);
	// The request bodies the tests send are what the file describes.
	const v = ajv.compile({ $ref: 'openapi#/components/schemas/ActionChange' });
	assert.ok(v({ status: 'done', schedule_start: '2025-03' }));
	assert.ok(!v({ colour: 'red' }), 'unknown keys are refused');
});
