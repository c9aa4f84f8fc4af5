// The second factor of local accounts (TOTP) against the real server
// and database: an admin's enrolment before anything else, a wrong
// code, a code used twice, a recovery code used once, wrong codes in
// the sign-in throttle, an admin's reset (audited), a voluntary
// enrolment, toteumactl user totp, and the secrets out of the server
// role's reach. The codes are computed here (tests/totp.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { Browser, PW, RUN, addUser, hiddenValue, loginPassword, login,
    psql, lit, signIn, htmlProblems } from './lib.mjs';
import { base32Decode, freshStep, nextCode, secretOfPage, stepNow,
    totpCode, totpState } from '../totp.mjs';

const mail = (name) => `totp-${name}-${RUN}@example.fi`;
const userId = (email) => psql(`SELECT id FROM app_user WHERE email = ${lit(email)}`);
const audits = (email, event) => Number(psql('SELECT count(*) FROM ' +
    `audit_log WHERE email = ${lit(email)} AND event = ${lit(event)}`));
const alert = (html) => (html.match(/role="alert"><p>([^<]*)</) || [])[1] || '';

async function valid(html, what) {
	assert.deepEqual(await htmlProblems([[what, html]]), [], what + ' is valid HTML5');
}

const admin = mail('admin');
const state = {};

test('an admin who signs in with a password is sent to set up the ' +
    'second factor, and no backend page opens before', async () => {
	addUser(admin, 'admin', [], PW);
	const b = new Browser();
	const r = await loginPassword(b, admin, PW, 'en');
	assert.equal(r.status, 303);
	assert.equal(r.location, '/b/account/totp?lang=en');
	assert.equal(audits(admin, 'login.enrol_required'), 1);
	assert.equal(audits(admin, 'login'), 0, 'not signed in yet');
	for (const path of ['/b', '/b/users', '/b/p', '/b/password',
	    '/login/code']) {
		const g = await b.get(path + '?lang=en');
		assert.equal(g.status, 303, path);
		assert.equal(g.location, '/b/account/totp?lang=en', path);
	}
	const page = await b.get('/b/account/totp?lang=en');
	const csrf = hiddenValue(page.text, 'csrf');
	const post = await b.post('/b/password?lang=en', { current: PW,
	    new: 'toinen-hyvä-salasana-2', confirm: 'toinen-hyvä-salasana-2',
	    csrf });
	assert.equal(post.status, 401, 'a POST is refused');
	assert.match(alert(post.text), /Signing in is not finished/);
	state.browser = b;
	state.page = page;
});

test('enrolment: a QR code as an inline image and the key; a wrong code ' +
    'is refused; the right one switches it on and shows ten recovery ' +
    'codes once', async () => {
	const b = state.browser;
	const page = state.page;
	assert.equal(page.status, 200);
	await valid(page.text, 'the enrolment page');
	assert.match(page.text, /<img class="qr" src="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+"/);
	assert.match(page.headers.get('content-security-policy'),
	    /img-src 'self' data:/, 'the CSP lets the inline image show');
	const secret = secretOfPage(page.text);
	assert.equal(secret.length, 20, 'a key of 160 bits');
	const svg = Buffer.from(page.text.match(/base64,([^"]+)"/)[1],
	    'base64').toString();
	assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
	const csrf = hiddenValue(page.text, 'csrf');
	const wrongCode = String((Number(totpCode(secret, stepNow())) + 1) %
	    1000000).padStart(6, '0');
	let r = await b.post('/b/account/totp?lang=en', { code: wrongCode,
	    csrf });
	assert.equal(r.status, 400);
	assert.match(alert(r.text), /The code is wrong/);
	assert.equal(audits(admin, 'totp.enrol_failed'), 1);
	assert.deepEqual(secretOfPage(r.text), secret, 'the same key again');
	r = await b.post('/b/account/totp?lang=en', { code: '12345', csrf });
	assert.equal(r.status, 400, 'five digits');
	r = await b.post('/b/account/totp?lang=en', { code:
	    totpCode(secret, stepNow()), csrf: 'x'.repeat(43) });
	assert.equal(r.status, 403, 'a forged form');
	assert.equal(psql('SELECT enabled_at IS NULL FROM user_totp WHERE ' +
	    `user_id = ${userId(admin)}`), 't', 'not on yet');

	r = await b.post('/b/account/totp?lang=en', { code:
	    totpCode(secret, stepNow()), csrf });
	assert.equal(r.status, 200, alert(r.text));
	await valid(r.text, 'the page of recovery codes');
	const codes = [...r.text.matchAll(/<li><code>([A-Z2-7-]+)<\/code>/g)]
	    .map((m) => m[1]);
	assert.equal(codes.length, 10);
	assert.equal(new Set(codes).size, 10);
	for (const c of codes) assert.match(c, /^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$/);
	const hashes = psql('SELECT string_agg(code_hash, \' \') FROM ' +
	    `user_recovery_code WHERE user_id = ${userId(admin)}`);
	assert.equal(hashes.split(' ').length, 10, 'ten hashes kept');
	for (const c of codes)
		assert.ok(!hashes.includes(c.replace(/-/g, '')) &&
		    !hashes.includes(c), 'only hashes are kept');
	assert.equal(audits(admin, 'totp.enrol'), 1);
	assert.equal(audits(admin, 'login'), 1, 'signed in now');
	const home = await b.get('/b?lang=en');
	assert.equal(home.status, 200, 'the backend opens');
	const own = await b.get('/b/account/totp?lang=en');
	assert.match(own.text, /Recovery codes left: 10/);
	assert.ok(!own.text.includes('totp-secret'), 'the key is not shown again');
	state.codes = codes;
});

test('next sign-in: the code is asked; a wrong code is refused and ' +
    'audited; the right one signs in; the same code again is refused',
    async () => {
	const b = new Browser();
	const r = await loginPassword(b, admin, PW, 'en');
	assert.equal(r.status, 303);
	assert.equal(r.location, '/login/code?lang=en');
	assert.equal((await b.get('/b?lang=en')).location,
	    '/login/code?lang=en', 'the backend waits for the code');
	const form = await b.get('/login/code?lang=en');
	assert.equal(form.status, 200);
	assert.match(form.text, /autocomplete="one-time-code"/);
	await valid(form.text, 'the code page');
	const csrf = hiddenValue(form.text, 'csrf');
	const { secret, last } = totpState(admin);
	const step = await freshStep(last);
	const code = totpCode(secret, step);
	const wrong = String((Number(code) + 1) % 1000000).padStart(6, '0');
	let x = await b.post('/login/code?lang=en', { code: wrong, csrf });
	assert.equal(x.status, 401);
	assert.match(alert(x.text), /The code is wrong/);
	assert.ok(Number(psql('SELECT count(*) FROM audit_log WHERE email = ' +
	    `${lit(admin)} AND event = 'login.code_failed' AND ` +
	    "detail->>'reason' = 'wrong'")) === 1);
	x = await b.post('/login/code?lang=en', { code, csrf: 'y'.repeat(43) });
	assert.equal(x.status, 403, 'a forged form');
	x = await b.post('/login/code?lang=en', { code, csrf });
	assert.equal(x.status, 303, alert(x.text));
	assert.equal(x.location, '/b?lang=en');
	assert.equal((await b.get('/b')).status, 200);
	assert.ok(Number(psql('SELECT count(*) FROM audit_log WHERE email = ' +
	    `${lit(admin)} AND event = 'login' AND detail->>'factor' = ` +
	    "'totp'")) === 1);

	const c = new Browser();
	await loginPassword(c, admin, PW, 'en');
	const f2 = await c.get('/login/code?lang=en');
	x = await c.post('/login/code?lang=en', { code,
	    csrf: hiddenValue(f2.text, 'csrf') });
	assert.equal(x.status, 401, 'a code used once is not good again');
	assert.match(alert(x.text), /used already/);
	assert.ok(Number(psql('SELECT count(*) FROM audit_log WHERE email = ' +
	    `${lit(admin)} AND event = 'login.code_failed' AND ` +
	    "detail->>'reason' = 'reused'")) === 1);
	assert.equal((await c.get('/b')).status, 303, 'still not signed in');
});

test('a recovery code signs in once; the second time it is refused',
    async () => {
	const use = async (code) => {
		const b = new Browser();
		await loginPassword(b, admin, PW, 'en');
		const f = await b.get('/login/code?lang=en');
		return b.post('/login/code?lang=en', { code,
		    csrf: hiddenValue(f.text, 'csrf') });
	};
	const code = state.codes[3];
	let r = await use(code.toLowerCase());
	assert.equal(r.status, 303, alert(r.text));
	assert.equal(r.location, '/b?lang=en');
	assert.equal(audits(admin, 'login.recovery'), 1);
	assert.equal(psql('SELECT count(*) FROM user_recovery_code WHERE ' +
	    `user_id = ${userId(admin)} AND used_at IS NOT NULL`), '1');
	r = await use(code);
	assert.equal(r.status, 401, 'used up');
	assert.equal(audits(admin, 'login.recovery'), 1);
	r = await use('AAAA-BBBB-CCCC-DDDD');
	assert.equal(r.status, 401, 'nobody\'s code');
	r = await use('12345');
	assert.equal(r.status, 400, 'neither a code nor a recovery code');
});

test('wrong codes count in the sign-in throttle', async () => {
	const email = mail('throttle');
	addUser(email, 'admin', [], PW);
	execFileSync(process.env.TOTEUMA_CTL, ['user', 'totp', email],
	    { encoding: 'utf8' });
	const b = new Browser();
	const r = await loginPassword(b, email, PW, 'en');
	assert.equal(r.location, '/login/code?lang=en');
	const f = await b.get('/login/code?lang=en');
	const statuses = [];
	for (let i = 0; i < 6; i++) {
		const x = await b.post('/login/code?lang=en', { code: '000000',
		    csrf: hiddenValue(f.text, 'csrf') });
		statuses.push(x.status);
	}
	assert.deepEqual(statuses, [401, 401, 401, 401, 401, 429]);
	assert.equal(psql('SELECT count(*) FROM login_attempt WHERE ' +
	    `email = ${lit(email)} AND second_factor AND NOT success`), '5',
	    'the wrong codes are failed attempts of the account');
	const x = await b.post('/login/code?lang=en', { code:
	    await nextCode(email), csrf: hiddenValue(f.text, 'csrf') });
	assert.equal(x.status, 429, 'even the right code waits now');
});

test('toteumactl user totp: the key, an otpauth URI and recovery codes; ' +
    'on at once', async () => {
	const email = mail('ctl');
	addUser(email, 'admin', [], PW);
	const out = execFileSync(process.env.TOTEUMA_CTL, ['user', 'totp',
	    email], { encoding: 'utf8' });
	const key = out.match(/^secret: ([A-Z2-7]{32})$/m)[1];
	const uri = new URL(out.match(/^uri: (\S+)$/m)[1]);
	assert.equal(uri.protocol, 'otpauth:');
	assert.equal(uri.searchParams.get('secret'), key);
	assert.equal(uri.searchParams.get('digits'), '6');
	assert.equal(uri.searchParams.get('period'), '30');
	assert.equal((out.match(/^  [A-Z2-7]{4}(-[A-Z2-7]{4}){3}$/mg) || [])
	    .length, 10, 'ten recovery codes');
	assert.deepEqual(totpState(email).secret, base32Decode(key));
	const b = new Browser();
	const r = await login(b, email, PW, 'en');
	assert.equal(r.status, 303);
	assert.equal(r.location, '/b?lang=en');
	let bad;
	try {
		execFileSync(process.env.TOTEUMA_CTL, ['user', 'totp',
		    mail('nobody')], { encoding: 'utf8', stdio: 'pipe' });
	} catch (e) {
		bad = e;
	}
	assert.equal(bad && bad.status, 1, 'no such user');
	assert.match(String(bad.stderr), /there is no user/);
});

test('an admin resets another user\'s second factor (CSRF, audited); ' +
    'the user sees the status of their own', async () => {
	const email = mail('reset');
	addUser(email, 'admin', [], PW);
	execFileSync(process.env.TOTEUMA_CTL, ['user', 'totp', email]);
	// An admin of its own, whose codes of this half-minute are unused.
	const resetter = mail('resetter');
	addUser(resetter, 'admin', [], PW);
	execFileSync(process.env.TOTEUMA_CTL, ['user', 'totp', resetter]);
	const as = await signIn(resetter);
	const uid = userId(email);
	let page = await as.get(`/b/users/${uid}?lang=en`);
	assert.match(page.text, /id="totp-status">On:/);
	assert.match(page.text, new RegExp(`action="/b/users/${uid}/totp-reset`));
	let r = await as.post(`/b/users/${uid}/totp-reset?lang=en`,
	    { csrf: 'z'.repeat(43) });
	assert.equal(r.status, 403, 'a forged form');
	assert.equal(psql(`SELECT count(*) FROM user_totp WHERE user_id = ${uid}`), '1');
	r = await as.post(`/b/users/${uid}/totp-reset?lang=en`, { csrf: as.csrf });
	assert.equal(r.status, 303);
	assert.equal(r.location, `/b/users/${uid}?lang=en&removed=1`);
	assert.equal(psql(`SELECT count(*) FROM user_totp WHERE user_id = ${uid}`), '0');
	assert.equal(psql('SELECT count(*) FROM user_recovery_code WHERE ' +
	    `user_id = ${uid}`), '0');
	assert.equal(psql('SELECT count(*) FROM audit_log WHERE event = ' +
	    `'totp.reset' AND object = 'user/${uid}' AND email = ${lit(resetter)} ` +
	    "AND detail->>'was' = 'on'"), '1');
	page = await as.get(`/b/users/${uid}?removed=1&lang=en`);
	assert.match(page.text, /were reset/);
	assert.match(page.text, /id="totp-status">Off\./);
	r = await as.post('/b/users/999999999/totp-reset?lang=en', { csrf: as.csrf });
	assert.equal(r.status, 404);
	// An admin again: enrolment at the next sign-in with a password.
	const b = new Browser();
	r = await loginPassword(b, email, PW, 'en');
	assert.equal(r.location, '/b/account/totp?lang=en');
	// Only an admin resets.
	const ed = await editor();
	r = await ed.post(`/b/users/${uid}/totp-reset?lang=en`, { csrf: ed.csrf });
	assert.equal(r.status, 403);
});

// A unit editor of the demo data, signed in (no second factor asked).
async function editor() {
	const email = mail('editor');
	if (!state.editor) {
		const unit = psql('SELECT name FROM unit ORDER BY id LIMIT 1');
		addUser(email, 'editor', [unit], PW);
		state.editor = true;
	}
	const b = new Browser();
	const r = await login(b, email, PW, 'en');
	assert.equal(r.status, 303);
	assert.equal(r.location, '/b?lang=en', 'an editor without it signs in');
	const home = await b.get('/b');
	b.csrf = hiddenValue(home.text, 'csrf');
	b.email = email;
	return b;
}

test('a unit editor may switch it on, and must then give the code',
    async () => {
	const b = await editor();
	const page = await b.get('/b/account/totp?lang=en');
	assert.equal(page.status, 200);
	assert.ok(!page.text.includes('need a second factor'),
	    'not required of an editor');
	const secret = secretOfPage(page.text);
	const r = await b.post('/b/account/totp?lang=en', {
	    code: totpCode(secret, stepNow()),
	    csrf: hiddenValue(page.text, 'csrf') });
	assert.equal(r.status, 200);
	assert.match(r.text, /recovery-codes/);
	const c = new Browser();
	const p = await loginPassword(c, b.email, PW, 'en');
	assert.equal(p.location, '/login/code?lang=en');
	const done = await login(new Browser(), b.email, PW, 'en');
	assert.equal(done.location, '/b?lang=en');
});

test('the server\'s role reads no secret or recovery code', () => {
	for (const table of ['user_totp', 'user_recovery_code']) {
		let err;
		try {
			execFileSync('psql', ['-X', '-At', '-v', 'ON_ERROR_STOP=1',
			    process.env.TOTEUMA_APP_DATABASE, '-c',
			    `SELECT count(*) FROM ${table}`],
			    { encoding: 'utf8', stdio: 'pipe' });
		} catch (e) {
			err = e;
		}
		assert.ok(err, table + ' must not be readable');
		assert.match(String(err.stderr), /permission denied/);
	}
	let err;
	try {
		execFileSync('psql', ['-X', '-At', '-v', 'ON_ERROR_STOP=1',
		    process.env.TOTEUMA_APP_DATABASE, '-c',
		    "SELECT totp_session_user('00', ARRAY['code'])"],
		    { encoding: 'utf8', stdio: 'pipe' });
	} catch (e) {
		err = e;
	}
	assert.ok(err && /permission denied/.test(String(err.stderr)),
	    'nor look a session up for it');
	const none = execFileSync('psql', ['-X', '-At', '-v', 'ON_ERROR_STOP=1',
	    process.env.TOTEUMA_APP_DATABASE, '-c', 'SELECT count(*) FROM ' +
	    `totp_secret(repeat('0', 64))`], { encoding: 'utf8' }).trim();
	assert.equal(none, '0', 'a secret is handed out to a session only');
});
