// Staff single sign-on (OpenID Connect) against a real provider, the npm
// package oidc-provider, started here on TOTEUMA_OIDC_PORT (tests/env.sh
// points the server at it): the whole code flow with PKCE, state and
// nonce, and each way it must refuse. The provider's own sign-in page
// (devInteractions) is driven with fetch.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser, RUN, PW, WAITS, addUser, base, psql, lit, signIn,
    hiddenValue }
    from './lib.mjs';
import { startProvider, issuer, newKey, signToken }
    from '../oidc-provider.mjs';

const email = (who) => `sso-${who}-${RUN}@example.fi`;
let op;
// Before its pending sign-in is found, the callback does not know the
// language the sign-in began in: Finnish, the default.
const FI_NOT_STARTED = 'ei aloitettu tässä selaimessa';

// The audit rows of an event since the test began, newest first.
function audits(event, since) {
	return psql('SELECT email || \'|\' || detail::text FROM audit_log ' +
	    `WHERE event = ${lit(event)} AND id > ${since} ORDER BY id DESC`);
}
const lastAudit = () => Number(psql('SELECT coalesce(max(id), 0) FROM ' +
    'audit_log'));

// GET /login/oidc in browser b: the provider's authorization URL.
async function begin(b) {
	const r = await b.get('/login/oidc?lang=en');
	assert.equal(r.status, 303, `start of a sign-in: ${r.text.slice(0, 300)}`);
	assert.ok(r.location.startsWith(issuer + '/'), r.location);
	assert.ok(b.cookie('toteuma_oidc'), 'the state cookie is set');
	return new URL(r.location);
}

// Signs login in at the provider: the URL it sends the browser back to.
async function atProvider(authUrl, login) {
	const jar = new Map();
	const go = async (url, init = {}) => {
		const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
		const res = await fetch(url, { ...init, redirect: 'manual',
		    headers: { ...init.headers, cookie } });
		for (const sc of res.headers.getSetCookie()) {
			const pair = sc.split(';')[0];
			const i = pair.indexOf('=');
			if (pair.slice(i + 1) === '' || /expires=Thu, 01 Jan 1970/i
			    .test(sc))
				jar.delete(pair.slice(0, i));
			else
				jar.set(pair.slice(0, i), pair.slice(i + 1));
		}
		await res.text();
		return new URL(res.headers.get('location'), issuer).href;
	};
	let loc = await go(authUrl.href);
	assert.match(loc, /\/interaction\//, 'the provider asks who signs in');
	loc = await go(loc, { method: 'POST',
	    headers: { 'content-type': 'application/x-www-form-urlencoded' },
	    body: new URLSearchParams({ prompt: 'login', login,
	    password: 'any' }) });
	for (let i = 0; i < 3 && loc.startsWith(issuer); i++)
		loc = await go(loc);
	assert.ok(loc.startsWith(base + '/login/oidc/callback?'), loc);
	return loc.slice(base.length);
}

// A whole sign-in of login in a new browser: the callback's answer.
async function signInAs(login, b = new Browser()) {
	const back = await atProvider(await begin(b), login);
	const r = await b.get(back);
	r.browser = b;
	r.back = back;
	return r;
}

function assertRefused(r, status, text) {
	assert.equal(r.status, status, r.text.slice(0, 400));
	assert.ok(r.text.includes(text), `the page says "${text}"`);
	assert.equal(r.browser?.cookie('toteuma_session'), undefined,
	    'no session');
}

before(async () => {
	addUser(email('editor'), 'editor', ['Tietohallinto'], PW);
	addUser(email('disabled'), 'editor', ['Tietohallinto'], PW);
	psql('UPDATE app_user SET disabled = true WHERE email = ' +
	    lit(email('disabled')));
	const accounts = {
		editor: { email: email('editor'), email_verified: true,
		    name: 'Sso Editor' },
		unverified: { email: email('editor'), email_verified: false },
		stranger: { email: email('stranger'), email_verified: true },
		disabled: { email: email('disabled'), email_verified: true },
		badtype: { email: email('editor'), email_verified: 'true' },
		huge: { email: email('editor'), email_verified: true,
		    name: 'x'.repeat(5000) },
		numeric: { email: 12345, email_verified: true },
	};
	const subjects = {};
	for (const k of Object.keys(accounts)) subjects[k] = `${k}-${RUN}`;
	// Provider down at the server's start: SSO unavailable, said so.
	const b = new Browser();
	const r = await b.get('/login/oidc?lang=en');
	assert.equal(r.status, 503, 'no provider: 503');
	assert.ok(r.text.includes('is not available just now'), r.text);
	op = await startProvider();
	op.accounts = accounts;
	op.subjects = subjects;
});

after(async () => {
	for (const a of agents) a.destroy();
	if (op) await op.stop();
});

test('the sign-in page links to the county sign-in', async () => {
	const r = await new Browser().get('/login');
	assert.ok(r.text.includes('href="/login/oidc"'), 'link to /login/oidc');
});

test('a good sign-in links the user by verified e-mail, then by subject',
    async () => {
	const since = lastAudit();
	const r = await signInAs('editor');
	assert.equal(r.status, 303, r.text.slice(0, 400));
	assert.equal(r.location, '/b?lang=en', 'on to the staff pages, in the '
	    + 'language the sign-in began in');
	assert.ok(r.browser.cookie('toteuma_session'), 'a session');
	assert.equal(r.browser.cookie('toteuma_oidc'), undefined,
	    'the state cookie is gone');
	const home = await r.browser.get('/b');
	assert.equal(home.status, 200);
	assert.equal(psql('SELECT oidc_subject FROM app_user WHERE email = ' +
	    lit(email('editor'))), `editor-${RUN}`);
	assert.match(audits('login.sso', since), /"verdict": "linked"/);
	const again = await signInAs('editor');
	assert.equal(again.status, 303);
	assert.match(audits('login.sso', since).split('\n')[0],
	    /"verdict": "ok"/);
});

test('the callback hit twice, and a replayed code, are refused',
    async () => {
	const r = await signInAs('editor');
	assert.equal(r.status, 303);
	// The same browser again: its state cookie is gone.
	assertRefused(await r.browser.get(r.back), 400,
	    FI_NOT_STARTED);
	// With the cookie put back: the pending sign-in was taken.
	const b = new Browser();
	b.setCookie('toteuma_oidc', new URL(base + r.back)
	    .searchParams.get('state'), '/login/oidc');
	const twice = await b.get(r.back);
	twice.browser = b;
	assertRefused(twice, 400, 'vanhentunut tai jo käytetty');
	// The used code under a new sign-in's state: the provider refuses.
	const since = lastAudit();
	const c = new Browser();
	const auth = await begin(c);
	const code = new URL(base + r.back).searchParams.get('code');
	const replay = await c.get('/login/oidc/callback?' +
	    new URLSearchParams({ code, state: auth.searchParams.get('state'),
	    iss: issuer }));
	replay.browser = c;
	assertRefused(replay, 401, 'could not be verified');
	assert.match(audits('login.sso_refused', since), /invalid_grant/);
});

test('a callback without a pending sign-in, or with a wrong state',
    async () => {
	const none = await new Browser().get('/login/oidc/callback?' +
	    'state=' + 'a'.repeat(43) + '&code=x');
	assert.equal(none.status, 400);
	assert.ok(none.text.includes(FI_NOT_STARTED));
	const b = new Browser();
	const auth = await begin(b);
	const back = new URL(base + await atProvider(auth, 'editor'));
	back.searchParams.set('state', 'b'.repeat(43));
	const r = await b.get(back.pathname + back.search);
	r.browser = b;
	assertRefused(r, 400, FI_NOT_STARTED);
});

test('a wrong nonce is refused', async () => {
	const since = lastAudit();
	const b = new Browser();
	const auth = await begin(b);
	auth.searchParams.set('nonce', 'c'.repeat(43));
	const r = await b.get(await atProvider(auth, 'editor'));
	r.browser = b;
	assertRefused(r, 401, 'could not be verified');
	assert.match(audits('login.sso_refused', since), /nonce/);
});

test('a token for another audience, expired, or forged is refused',
    async () => {
	const now = Math.floor(Date.now() / 1000);
	const cases = [
		['aud', (c) => ({ claims: { ...c, aud: 'another-client' } })],
		['expired', (c) => ({ claims: { ...c, iat: now - 4000,
		    exp: now - 3600 } })],
		['bad signature', (c) => {
			const k = newKey();
			k.kid = op.key.kid;	// the provider's kid, another key
			return { claims: { ...c, sub: 'admin' }, key: k };
		}],
		['algorithm', (c) => ({ token: Buffer.from(JSON.stringify(
		    { alg: 'none', kid: op.key.kid })).toString('base64url') +
		    '.' + Buffer.from(JSON.stringify(c)).toString('base64url') +
		    '.' })],
		['iss', (c) => ({ claims: { ...c, iss: 'https://evil.test' } })],
	];
	try {
		for (const [why, tamper] of cases) {
			const since = lastAudit();
			op.tamper = tamper;
			const r = await signInAs('editor');
			assertRefused(r, 401, 'could not be verified');
			assert.match(audits('login.sso_refused', since),
			    new RegExp(why), why);
		}
		// The same path untouched still signs in (the checks above
		// failed for their reason, not for the tampering alone).
		op.tamper = (c) => ({ claims: c });
		assert.equal((await signInAs('editor')).status, 303);
	} finally {
		op.tamper = null;
	}
	assert.ok(signToken);
});

test('after a key rotation the new key is fetched and used', async () => {
	const old = op.key.kid;
	await op.rotate();
	assert.notEqual(op.key.kid, old);
	for (let i = 0; i < 3; i++) {
		const r = await signInAs('editor');
		assert.equal(r.status, 303, r.text.slice(0, 400));
	}
});

test('unknown, unverified and disabled identities are refused and audited',
    async () => {
	const since = lastAudit();
	assertRefused(await signInAs('stranger'), 403, 'not a user of this');
	assert.match(audits('login.sso_refused', since),
	    new RegExp(email('stranger') + '.*"verdict": "unknown"'));
	assertRefused(await signInAs('unverified'), 403, 'not a user of this');
	assertRefused(await signInAs('disabled'), 403, 'is disabled');
	assert.match(audits('login.sso_refused', since),
	    /"verdict": "disabled"/);
	assert.equal(psql('SELECT count(*) FROM app_user WHERE email = ' +
	    lit(email('stranger'))), '0', 'nobody was created');
});

test('claims of unexpected types or sizes are rejected', async () => {
	const since = lastAudit();
	assertRefused(await signInAs('badtype'), 401, 'could not be verified');
	assertRefused(await signInAs('huge'), 401, 'could not be verified');
	assertRefused(await signInAs('numeric'), 401, 'could not be verified');
	const rows = audits('login.sso_refused', since);
	assert.match(rows, /email_verified not a boolean/);
	assert.match(rows, /name not a string or too long/);
	assert.match(rows, /email not a string or too long/);
});

test('the provider answering with an error', async () => {
	const b = new Browser();
	const auth = await begin(b);
	const r = await b.get('/login/oidc/callback?' + new URLSearchParams({
	    error: 'access_denied', state: auth.searchParams.get('state') }));
	r.browser = b;
	assertRefused(r, 401, 'did not sign you in');
});

test('the provider down: a clear message, and passwords still work',
    async () => {
	const b = new Browser();
	const back = await atProvider(await begin(b), 'editor');
	await op.stop();
	try {
		const since = lastAudit();
		const r = await b.get(back);
		r.browser = b;
		assertRefused(r, 503, 'is not available just now');
		assert.match(r.text, /name="password"/, 'the password form');
		assert.match(audits('login.sso_failed', since),
		    /Couldn't connect/);
		await signIn(email('editor'));
	} finally {
		await op.start();
	}
});

// GET /healthz on kept-alive connection n (0..3): the time it took.
const agents = Array.from({ length: 4 }, () =>
    new http.Agent({ keepAlive: true, maxSockets: 1 }));
function timedGet(n) {
	const t = Date.now();
	return new Promise((ok, fail) => http.get(base + '/healthz',
	    { agent: agents[n] }, (res) => {
		res.resume();
		res.on('end', () => ok(Date.now() - t));
	}).on('error', fail));
}

test('a slow provider does not hold up the other requests', WAITS,
    async () => {
	const b = new Browser();
	const back = await atProvider(await begin(b), 'editor');
	for (let i = 0; i < 4; i++) await timedGet(i);
	op.delay = 2000;
	try {
		const started = Date.now();
		const signin = b.get(back);
		await new Promise((ok) => setTimeout(ok, 300));
		// Connections opened before, kept alive, are spread over both
		// workers: each answers at once while the token request waits
		// (a worker that made the call itself would stall for 2 s).
		const times = await Promise.all(Array.from({ length: 8 },
		    (_, i) => timedGet(i % 4)));
		assert.ok(Math.max(...times) < 1000,
		    `every other request answered within a second: ${times}`);
		const r = await signin;
		assert.equal(r.status, 303, r.text.slice(0, 300));
		assert.ok(Date.now() - started >= 2000, 'the sign-in waited');
	} finally {
		op.delay = 0;
	}
});

test('signing out offers the provider\'s sign-out', async () => {
	const r = await signInAs('editor');
	assert.equal(r.status, 303);
	const out = await r.browser.get('/login?signed_out=1');
	assert.match(out.text, new RegExp('href="' + issuer +
	    '/session/end\\?client_id=toteuma&amp;post_logout_redirect_uri='));
});

test('with local passwords off, only break-glass accounts use one',
    WAITS, async () => {
	const admin = email('glass');
	addUser(admin, 'admin', [], PW);
	const port = Number(new URL(base).port) + 8;
	const name = `sso-glass-${process.pid}`;
	const secret = join(mkdtempSync(join(tmpdir(), 'toteuma-sso-')),
	    'secret');
	writeFileSync(secret, 'test-client-secret-not-for-production\n');
	const env = { ...process.env, TOTEUMA_DATABASE:
	    process.env.TOTEUMA_APP_DATABASE, TOTEUMA_WORKERS: '1',
	    TOTEUMA_LOCAL_PASSWORDS: 'off', TOTEUMA_OIDC_ISSUER: issuer,
	    TOTEUMA_OIDC_CLIENT_ID: 'toteuma',
	    TOTEUMA_OIDC_CLIENT_SECRET_FILE: secret,
	    TOTEUMA_BREAK_GLASS: `first@example.fi, ${admin.toUpperCase()}`,
	    TOTEUMA_BASE_URL: `http://127.0.0.1:${port}` };
	execFileSync('scripts/server.sh', ['start', name, String(port)], { env });
	try {
		const other = `http://127.0.0.1:${port}`;
		// The sign-in form of that server, posted as a browser does.
		const post = async (who) => {
			const form = await fetch(other + '/login?lang=en');
			const cookie = form.headers.getSetCookie()[0].split(';')[0];
			const csrf = hiddenValue(await form.text(), 'csrf');
			const r = await fetch(other + '/login?lang=en', {
			    method: 'POST', redirect: 'manual',
			    headers: { cookie, origin: other, 'content-type':
			    'application/x-www-form-urlencoded' },
			    body: new URLSearchParams({ email: who, password: PW,
			    csrf }) });
			return { status: r.status, text: await r.text() };
		};
		const since = lastAudit();
		const refused = await post(email('editor'));
		assert.equal(refused.status, 403, refused.text.slice(0, 300));
		assert.ok(refused.text.includes('Passwords are not used'));
		assert.match(audits('login.password_off', since),
		    new RegExp(email('editor')));
		const glass = await post(admin);
		assert.equal(glass.status, 303, 'a break-glass account signs in');
		// The county's service refusing: no advice to use a password.
		const start = await fetch(other + '/login/oidc?lang=en',
		    { redirect: 'manual' });
		assert.equal(start.status, 303);
		const jar = start.headers.getSetCookie().map((c) =>
		    c.split(';')[0]).join('; ');
		const state = new URL(start.headers.get('location'))
		    .searchParams.get('state');
		const denied = await fetch(other + '/login/oidc/callback?' +
		    new URLSearchParams({ error: 'access_denied', state }),
		    { redirect: 'manual', headers: { cookie: jar } });
		const text = await denied.text();
		assert.equal(denied.status, 401, text.slice(0, 300));
		assert.ok(text.includes('did not sign you in. Sign in again.'),
		    text.slice(0, 300));
		assert.ok(!text.includes('sign in with your password'),
		    'no advice to use a password where passwords are off');
	} finally {
		execFileSync('scripts/server.sh', ['stop', name], { env });
	}
});
