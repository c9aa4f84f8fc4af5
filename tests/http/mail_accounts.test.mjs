// Staff accounts by mail: an admin's invitation and "forgot password",
// each a single-use, time-limited link that sets the password, followed
// from the message that reached the SMTP relay.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { Browser, PW, addUser, hiddenValue, lit, login, psql, signIn,
    signInNew } from './lib.mjs';
import { address, mailTo, mailsTo, until } from './maillib.mjs';

const NEW_PW = 'uusi oikein hyvä salasana';
// Client addresses of this run, so that a run again within the hour is
// not throttled by the last one.
const NET = `${(Date.now() >> 10) % 250 + 1}.${process.pid % 250 + 1}`;

// The link of a message's text part, as a path with its query.
function linkOf(m) {
	const link = m.text.match(/https?:\/\/\S+/)[0];
	assert.ok(link.startsWith(process.env.TOTEUMA_URL + '/login/set/'), link);
	assert.ok(m.html.includes(`href="${link.replace(/&/g, '&amp;')}"`),
	    'the HTML part has the same link');
	const u = new URL(link);
	return u.pathname + u.search;
}

// Posts a new password through the link's form, as a browser does.
async function setPassword(path, pw = NEW_PW, confirm = pw) {
	const b = new Browser();
	const form = await b.get(path);
	assert.equal(form.status, 200, form.text.slice(0, 200));
	return b.post(path, { csrf: hiddenValue(form.text, 'csrf'), new: pw,
	    confirm });
}

// Asks for a reset link through the form: the answer.
async function forgot(email, lang = '', headers = {}) {
	const b = new Browser(headers);
	const q = lang ? '?lang=' + lang : '';
	const form = await b.get('/login/forgot' + q);
	assert.equal(form.status, 200);
	return b.post('/login/forgot' + q, { csrf: hiddenValue(form.text, 'csrf'),
	    email });
}

const tokens = (email) => psql('SELECT count(*) FROM account_token t JOIN ' +
    `app_user u ON u.id = t.user_id WHERE u.email = ${lit(email)}`);

test('an invited user chooses a password through the mailed link, once', async () => {
	const admin = await signInNew('invite-admin');
	const email = address('kutsu');
	const unit = psql("SELECT id FROM unit WHERE name = 'Tietohallinto'");
	const r = await admin.post('/b/users/new', { csrf: admin.csrf, email,
	    name: 'Kutsuttu', role: 'editor', unit, password: '', mail_lang: 'sv' });
	assert.equal(r.status, 303, r.text.slice(0, 300));
	assert.equal(psql('SELECT count(*) FROM audit_log WHERE event = ' +
	    "'user.create' AND detail->>'invited' = 'true' AND object = 'user/' || " +
	    `(SELECT id FROM app_user WHERE email = ${lit(email)})`), '1');

	const m = await mailTo(email);
	assert.match(m.subject, /^Inbjudan till /, 'in the language the admin chose');
	assert.equal(m.headers['auto-submitted'], 'auto-generated');
	assert.match(m.text, /har bjudit in dig/);
	assert.match(m.text, /inom 72 timmar/);
	const path = linkOf(m);
	assert.match(path, /^\/login\/set\/[A-Za-z0-9_-]{43}\?lang=sv$/);
	const token = path.slice(11, 54);
	assert.equal(psql('SELECT count(*) FROM account_token WHERE token_hash = ' +
	    `sha256(${lit(token)}::bytea)`), '1', 'the SHA-256 of the token is kept');
	assert.equal(psql('SELECT count(*) FROM account_token WHERE ' +
	    `encode(token_hash, 'escape') LIKE ${lit('%' + token + '%')}`), '0');
	await until(() => psql('SELECT count(*) FROM mail_outbox WHERE ' +
	    `recipient = ${lit(email)} AND secret IS NULL AND state = 'sent'`) === '1',
	    5000, 'the token gone from the outbox once sent');

	const b = new Browser();
	assert.equal((await login(b, email, PW)).status, 401,
	    'no password works before one is chosen');
	const page = await b.get(path);
	assert.equal(page.status, 200);
	assert.match(page.text, /<h1>Välj ditt lösenord<\/h1>/);
	assert.ok(page.text.includes(email));
	const short = await setPassword(path, 'lyhyt');
	assert.equal(short.status, 422);
	const differ = await setPassword(path, NEW_PW, NEW_PW + 'x');
	assert.equal(differ.status, 422);
	const set = await setPassword(path);
	assert.equal(set.status, 303);
	assert.equal(set.location, '/login?password_set=1&lang=sv');
	await signIn(email, NEW_PW);
	const again = await new Browser().get(path);
	assert.equal(again.status, 410, 'the link works once');
	assert.match(again.text, /Den här länken fungerar inte längre/);
	assert.equal(psql('SELECT count(*) FROM audit_log WHERE event = ' +
	    `'user.invite_accepted' AND email = ${lit(email)}`), '1');
});

test('an admin sends a new invitation: the earlier link stops working', async () => {
	const admin = await signInNew('reinvite-admin');
	const email = address('uusintakutsu');
	addUser(email, 'admin', [], PW);
	const id = psql(`SELECT id FROM app_user WHERE email = ${lit(email)}`);
	const forged = await admin.post(`/b/users/${id}/invite`, {
	    csrf: 'x'.repeat(43), mail_lang: 'en' });
	assert.equal(forged.status, 403);
	assert.equal(tokens(email), '0', 'nothing issued without the form\'s token');
	for (let i = 0; i < 2; i++) {
		const r = await admin.post(`/b/users/${id}/invite`, {
		    csrf: admin.csrf, mail_lang: 'en' });
		assert.equal(r.status, 303);
		assert.equal(r.location, `/b/users/${id}?saved=1`);
	}
	const invites = () => mailsTo(email).filter((m) =>
	    /^You are invited to /.test(m.subject));
	const both = await until(() => invites().length === 2 && invites(),
	    8000, 'two invitations');
	const paths = both.map(linkOf);
	assert.match(both[0].subject, /^You are invited to /);
	const live = await Promise.all(paths.map(async (p) =>
	    (await new Browser().get(p)).status));
	assert.deepEqual(live.sort(), [200, 410], 'only the newer link works');
	const editor = await signInNew('reinvite-editor', 'editor', ['Tietohallinto']);
	assert.equal((await editor.post(`/b/users/${id}/invite`, {
	    csrf: editor.csrf, mail_lang: 'fi' })).status, 403);
});

test('forgot password: the same answer for every address, a link only to an account, which ends its sessions', async () => {
	const email = address('unohdin');
	addUser(email, 'editor', ['Tietohallinto'], PW);
	const old = await signIn(email);
	const known = await forgot(email.toUpperCase(), 'en', { 'x-forwarded-for': `10.${NET}.10` });
	const unknown = await forgot(address('eiole'), 'en', { 'x-forwarded-for': `10.${NET}.10` });
	assert.equal(known.status, 200);
	assert.equal(unknown.status, 200);
	const said = (r) => r.text.match(/<p class="notice" role="status">([^<]*)/)[1];
	assert.equal(said(known), said(unknown), 'the same words whether or not the address is an account\'s');
	assert.match(said(known), /If the address belongs to an account/);
	assert.equal(psql('SELECT count(*) FROM mail_outbox WHERE recipient LIKE ' +
	    "'eiole-%'"), '0', 'no mail to an address without an account');

	const m = await mailTo(email);
	assert.match(m.subject, /^Resetting your password for /);
	assert.match(m.text, /within 2 hours/);
	const path = linkOf(m);
	assert.match(path, /\?lang=en$/);
	const set = await setPassword(path);
	assert.equal(set.status, 303);
	const after = await old.get('/b');
	assert.equal(after.status, 303, 'the session signed in before the reset has ended');
	assert.equal((await login(new Browser(), email, PW)).status, 401,
	    'the old password no longer works');
	await signIn(email, NEW_PW);
	assert.equal((await new Browser().get(path)).status, 410, 'used once');
});

test('forgot password is throttled per address, quietly', async () => {
	const email = address('pommitus');
	addUser(email, 'editor', ['Tietohallinto'], PW);
	for (let i = 0; i < 5; i++) {
		const r = await forgot(email, '', { 'x-forwarded-for': `10.${NET}.${i + 20}` });
		assert.equal(r.status, 200);
		assert.match(r.text, /Jos osoite kuuluu käyttäjätilille/);
	}
	assert.equal(psql('SELECT count(*) FROM mail_outbox WHERE ' +
	    `recipient = ${lit(email)}`), '3', 'at most 3 links an hour to one address');
	const ip = `10.${NET}.77`;
	for (let i = 0; i < 12; i++)
		await forgot(address('osoitteesta'), '', { 'x-forwarded-for': ip });
	assert.equal(psql('SELECT count(*) FROM reset_request WHERE ' +
	    `ip = ${lit(ip)}`), '10', 'at most 10 requests an hour from one client');
});

test('forgot password: a bad address is told, nothing is queued', async () => {
	const before = psql('SELECT count(*) FROM mail_outbox');
	for (const bad of ['ei osoite', 'a@b.fi>, c@d.fi', '']) {
		const r = await forgot(bad, 'en');
		assert.equal(r.status, 422, JSON.stringify(bad));
		assert.match(r.text, /role="alert"><p>Give your e-mail address/);
	}
	const b = new Browser();
	const form = await b.get('/login/forgot');
	const crlf = await b.post('/login/forgot', { csrf: hiddenValue(form.text,
	    'csrf'), email: 'x@example.fi\r\nBcc: all@example.fi' });
	assert.equal(crlf.status, 400);
	assert.match(crlf.text, /role="alert"/);
	const forged = await new Browser().post('/login/forgot', { csrf: 'x'.repeat(43),
	    email: 'x@example.fi' });
	assert.equal(forged.status, 403, 'no request without the form\'s cookie');
	assert.equal(psql('SELECT count(*) FROM mail_outbox'), before);
});

test('an expired, unknown or malformed link is refused', async () => {
	const email = address('vanhentunut');
	addUser(email, 'editor', ['Tietohallinto'], PW);
	await forgot(email, '', { 'x-forwarded-for': `10.${NET}.99` });
	const path = linkOf(await mailTo(email));
	psql('UPDATE account_token SET expires_at = now() - interval \'1 second\', ' +
	    'created_at = created_at - interval \'3 hours\' WHERE user_id = ' +
	    `(SELECT id FROM app_user WHERE email = ${lit(email)})`);
	const b = new Browser();
	assert.equal((await b.get(path)).status, 410, 'expired');
	assert.equal((await b.post(path, { csrf: 'x', new: NEW_PW,
	    confirm: NEW_PW })).status, 410, 'and not usable by a post either');
	assert.equal((await b.get('/login/set/' + 'A'.repeat(43))).status, 410, 'unknown');
	assert.equal((await b.get('/login/set/short')).status, 404, 'malformed');
	assert.equal((await login(new Browser(), email, PW)).status, 303,
	    'the password stays as it was');
});
