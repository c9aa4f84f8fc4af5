// What only the production layout has (tests/production.sh starts it):
// nginx with TLS in front of the installed server. TOTEUMA_URL is the
// HTTPS address, TOTEUMA_HTTP_URL nginx's plain HTTP, TOTEUMA_DIRECT_URL
// the server itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import https from 'node:https';
import { readFileSync } from 'node:fs';
import { get, Browser, login, psql, addUser, hiddenValue } from '../http/lib.mjs';

const ca = readFileSync(process.env.NODE_EXTRA_CA_CERTS);

// One HTTPS request from a chosen loopback address (the client nginx
// sees), with its raw answer.
function from(address, method, path, body, headers = {}) {
	return new Promise((resolve, reject) => {
		const u = new URL(process.env.TOTEUMA_URL + path);
		const req = https.request({ host: u.hostname, port: u.port,
		    path: u.pathname + u.search, method, ca,
		    localAddress: address, headers }, (res) => {
			let text = '';
			res.setEncoding('utf8');
			res.on('data', (c) => { text += c; });
			res.on('end', () => resolve({ status: res.statusCode,
			    headers: res.headers, text }));
		});
		req.on('error', reject);
		if (body) req.write(body);
		req.end();
	});
}

test('every answer has HSTS, even a 404 and a refusal Kore makes', async () => {
	for (const path of ['/', '/p/asukaspaneeli-2024', '/no/such/page']) {
		const r = await get(path);
		assert.match(r.headers.get('strict-transport-security') || '',
		    /max-age=31536000/, path);
	}
	const big = await fetch(process.env.TOTEUMA_URL + '/login', {
	    method: 'POST', body: 'x'.repeat(13 * 1024 * 1024),
	    headers: { 'content-type': 'application/x-www-form-urlencoded' } });
	assert.equal(big.status, 413, 'a body over 12 MB');
	assert.match(big.headers.get('strict-transport-security') || '',
	    /max-age/);
});

test('plain HTTP is sent to HTTPS', async () => {
	const r = await fetch(process.env.TOTEUMA_HTTP_URL + '/p/x?lang=sv',
	    { redirect: 'manual' });
	assert.equal(r.status, 301);
	assert.match(r.headers.get('location'), /^https:\/\/127\.0\.0\.1\/p\/x\?lang=sv$/);
});

test('a public page is compressed, cached a moment by the proxy, and ' +
    'answers 304 to its ETag', async () => {
	const path = '/p/asukaspaneeli-2024?per=all&t=' + Date.now();
	const a = await get(path, { 'accept-encoding': 'gzip' });
	assert.equal(a.status, 200);
	const etag = a.headers.get('etag');
	assert.ok(etag, 'an ETag');
	const raw = await from('127.0.0.1', 'GET', path, null,
	    { 'accept-encoding': 'gzip' });
	assert.equal(raw.headers['content-encoding'], 'gzip');
	// HIT within the second; after it, the proxy asks with the ETag.
	assert.match(raw.headers['x-cache'] || '',
	    /^(HIT|REVALIDATED|STALE|UPDATING)$/, 'the second answer comes ' +
	    'from the proxy');
	const c = await get(path, { 'if-none-match': etag });
	assert.equal(c.status, 304);
	const s = await get('/login');
	assert.notEqual(s.headers.get('x-cache'), 'HIT');
	assert.match(s.headers.get('cache-control'), /no-store/);
});

test('the session cookie is Secure, and the audit log has the client\'s ' +
    'own address, not the proxy\'s', async () => {
	addUser('prod-admin@example.org', 'admin', [], 'tuotanto-salasana-1');
	const page = await from('127.0.0.7', 'GET', '/login');
	const csrf = hiddenValue(page.text, 'csrf');
	const cookies = (page.headers['set-cookie'] || [])
	    .map((c) => c.split(';')[0]).join('; ');
	const body = new URLSearchParams({ email: 'prod-admin@example.org',
	    password: 'tuotanto-salasana-1', csrf }).toString();
	const r = await from('127.0.0.7', 'POST', '/login', body, {
	    'content-type': 'application/x-www-form-urlencoded',
	    cookie: cookies, origin: process.env.TOTEUMA_URL,
	    // A client cannot choose its address by saying so.
	    'x-forwarded-for': '203.0.113.9' });
	assert.equal(r.status, 303, r.text.slice(0, 300));
	const session = r.headers['set-cookie'].find((c) =>
	    c.startsWith('toteuma_session='));
	assert.match(session, /; Secure/);
	assert.match(session, /HttpOnly/);
	assert.equal(psql("SELECT ip FROM audit_log WHERE email = " +
	    "'prod-admin@example.org' AND event IN ('login', " +
	    "'login.enrol_required') ORDER BY id DESC " +
	    'LIMIT 1'), '127.0.0.7');
});

test('sign-ins beyond the limit are refused by the proxy', async () => {
	const statuses = [];
	for (let i = 0; i < 60; i++) {
		const r = await from('127.0.0.9', 'POST', '/login',
		    'email=x%40example.org&password=y&csrf=z',
		    { 'content-type': 'application/x-www-form-urlencoded' });
		statuses.push(r.status);
	}
	assert.ok(statuses.includes(429), statuses.join(' '));
	assert.ok(statuses.indexOf(429) >= 30, 'the first ones pass');
	const other = await from('127.0.0.10', 'GET', '/login');
	assert.equal(other.status, 200, 'another client is not held back');
});
