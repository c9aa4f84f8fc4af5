// The outbox and its sender: what arrives at a real SMTP relay (Debian's
// aiosmtpd, tests/smtp_sink.py), a relay that refuses a recipient or is
// down for a while, and the admins' queue at /b/mail.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';

import { get, hiddenValue, lit, psql, signInNew, WAITS } from './lib.mjs';
import { address, mailTo, mailsTo, relay, until } from './maillib.mjs';

const ctl = (...args) => execFileSync(process.env.TOTEUMA_CTL, args,
    { env: process.env, encoding: 'utf8' });
const queued = (addr) => psql('SELECT count(*) FROM mail_outbox WHERE ' +
    `recipient = ${lit(addr)}`);
const row = (addr) => {
	const [state, attempts, answer, mid] = psql('SELECT state, attempts, ' +
	    'last_answer, message_id FROM mail_outbox WHERE recipient = ' +
	    `${lit(addr)}`).split('|');
	return { state, attempts: Number(attempts), answer, mid };
};

test('a queued test message arrives as text and HTML in the recipient\'s language', async () => {
	const to = address('testi');
	assert.match(ctl('mail', 'test', to, '--lang', 'sv'), /queued mail \d+/);
	const m = await mailTo(to);
	const r = await until(() => row(to).state === 'sent' && row(to),
	    5000, 'the row marked sent');
	assert.equal(r.attempts, 1);
	assert.equal(r.answer.slice(0, 3), '250', 'the relay\'s answer is kept');
	assert.equal(m.headers.to, `<${to}>`);
	assert.match(m.headers.from, /(^| )<toteuma@toteuma\.test>$/,
	    'from TOTEUMA_MAIL_FROM, with the county\'s name when it has one');
	assert.equal(m.headers['message-id'], `<${r.mid}@toteuma.test>`,
	    'the Message-ID is the row\'s');
	assert.match(m.headers.date, /^[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d \+0000$/);
	assert.equal(m.headers['mime-version'], '1.0');
	assert.equal(m.headers['content-language'], 'sv');
	assert.equal(m.headers['auto-submitted'], undefined,
	    'a test that a person asked for is not automatic');
	assert.match(m.headers.subject, /^=\?UTF-8\?B\?/,
	    'the UTF-8 subject is an encoded word');
	assert.match(m.subject, /^Testmeddelande från /);
	assert.match(m.type, /^multipart\/alternative; boundary="/);
	assert.deepEqual(m.parts.map((p) => p.type), [
	    'text/plain; charset=UTF-8', 'text/html; charset=UTF-8']);
	assert.match(m.text, /Detta är ett testmeddelande\./);
	assert.match(m.html, /^<!DOCTYPE html>\r?\n<html lang="sv">/);
	const link = m.text.match(/https?:\/\/\S+/)[0];
	assert.equal(link, process.env.TOTEUMA_URL + '/?lang=sv',
	    'the link is absolute, from the base address, in Swedish');
	assert.ok(m.html.includes(`<a href="${link}">`), 'the HTML links there too');
	const page = await get(new URL(link).pathname + new URL(link).search);
	assert.equal(page.status, 200, 'the link works');
	assert.match(page.text, /<html lang="sv"/);
});

test('a relay that refuses one recipient: that message fails with its answer, the others are sent', WAITS, async () => {
	const a = address('eka'), bad = address('refused'), c = address('toka');
	for (const to of [a, bad, c]) ctl('mail', 'test', to);
	await mailTo(a);
	await mailTo(c);
	const r = await until(() => row(bad).state === 'failed' && row(bad),
	    5000, 'the refused one failed');
	assert.match(r.answer, /^550 5\.1\.1 .*Recipient address rejected/);
	assert.equal(r.attempts, 1, 'a 5xx is not tried again');
	assert.equal(mailsTo(bad).length, 0);
	const m = mailsTo(a)[0];
	assert.match(m.subject, /^Testiviesti: /, 'Finnish by default');
});

test('an address with a line break or no @ is refused and nothing is queued', () => {
	for (const bad of ['x@example.fi\r\nBcc: all@example.fi',
	    'x@example.fi\nBcc: all@example.fi', 'ei-osoite', 'a b@example.fi']) {
		const r = spawnSync(process.env.TOTEUMA_CTL, ['mail', 'test', bad],
		    { env: process.env, encoding: 'utf8' });
		assert.equal(r.status, 2, JSON.stringify(bad));
		assert.match(r.stderr, /is not an e-mail address/);
		assert.equal(queued(bad), '0');
	}
	assert.throws(() => psql('SELECT mail_queue(' +
	    "E'x@example.fi\\r\\nBcc: all@example.fi', 'fi', 'test', '{}')"),
	    /check constraint/, 'the table refuses it too');
});

test('admins see the queue, send a failed message again and cancel a waiting one (CSRF, audit)', async () => {
	const bad = address('refused'), later = address('later');
	ctl('mail', 'test', bad);
	ctl('mail', 'test', later);
	await until(() => row(bad).state === 'failed' && row(later).attempts >= 1,
	    8000, 'one failed, one waiting');
	const id = (a) => psql(`SELECT id FROM mail_outbox WHERE recipient = ${lit(a)}`);

	const editor = await signInNew('mail-editor', 'editor', ['Tietohallinto']);
	assert.equal((await editor.get('/b/mail')).status, 403);
	assert.equal((await editor.post('/b/mail/' + id(bad), { csrf: editor.csrf,
	    op: 'retry' })).status, 403);

	const admin = await signInNew('mail-admin');
	const page = await admin.get('/b/mail?lang=en');
	assert.equal(page.status, 200);
	const tr = (a) => page.text.match(new RegExp(`<tr id="m${id(a)}">[\\s\\S]*?</tr>`))[0];
	assert.match(tr(bad), /Failed/);
	assert.match(tr(bad), /550 5\.1\.1 &lt;refused-/, 'the relay\'s answer, escaped');
	assert.match(tr(bad), /Send again/);
	assert.match(tr(later), /Waiting/);
	assert.match(tr(later), /451 4\.3\.0/);
	assert.doesNotMatch(tr(later), /Send again/, 'a waiting message is not sent again by hand');
	assert.match(page.text, /href="\/b\/mail\?lang=en"/, 'the staff menu links the queue');

	const forged = await admin.post('/b/mail/' + id(bad), { csrf: 'x'.repeat(43), op: 'retry' });
	assert.equal(forged.status, 403, 'no retry without the form\'s token');
	assert.equal(row(bad).state, 'failed');
	const odd = await admin.post('/b/mail/' + id(bad), { csrf: admin.csrf, op: 'resend' });
	assert.equal(odd.status, 400);

	const retry = await admin.post('/b/mail/' + id(bad), { csrf: admin.csrf, op: 'retry' });
	assert.equal(retry.status, 303);
	assert.equal(retry.location, '/b/mail?saved=1');
	await until(() => row(bad).attempts >= 2 && row(bad).state === 'failed',
	    8000, 'the retried message tried and refused again');
	assert.equal(psql('SELECT count(*) FROM audit_log WHERE event = ' +
	    `'mail.retry' AND object = 'mail/${id(bad)}'`), '1');

	const cancel = await admin.post('/b/mail/' + id(later), { csrf: admin.csrf, op: 'cancel' });
	assert.equal(cancel.status, 303);
	assert.equal(row(later).state, 'cancelled');
	assert.equal(psql('SELECT count(*) FROM audit_log WHERE event = ' +
	    `'mail.cancel' AND object = 'mail/${id(later)}'`), '1');
	const attempts = row(later).attempts;
	await new Promise((r) => setTimeout(r, 2000));
	assert.equal(row(later).attempts, attempts, 'a cancelled message is not tried again');
	const again = await admin.post('/b/mail/' + id(later), { csrf: admin.csrf, op: 'cancel' });
	assert.equal(again.status, 409);
	const none = await admin.post('/b/mail/999999999', { csrf: admin.csrf, op: 'cancel' });
	assert.equal(none.status, 404);
	assert.ok(hiddenValue(page.text, 'csrf'));
});

// The sender as tests/env.sh started it, stopped or started again.
function sender(cmd) {
	const name = process.env.TOTEUMA_MAILER_LOG.match(/([^/]+)-mailer\.log$/)[1];
	execFileSync(new URL('../../scripts/mailer.sh', import.meta.url).pathname,
	    [cmd, name], { encoding: 'utf8', env: { ...process.env,
	    TOTEUMA_DATABASE: process.env.TOTEUMA_APP_DATABASE,
	    TOTEUMA_BASE_URL: process.env.TOTEUMA_URL,
	    TOTEUMA_MAIL_FROM: 'toteuma@toteuma.test',
	    TOTEUMA_MAIL_RETRY_SECONDS: '1' } });
}

test('a sender that stops and starts again sends each waiting mail once (send-once too)', WAITS, async () => {
	sender('stop');
	const to = [address('seis'), address('seis')];
	try {
		ctl('mail', 'test', to[0]);
		await new Promise((r) => setTimeout(r, 500));
		assert.equal(row(to[0]).state, 'waiting', 'nothing sends without a sender');
		execFileSync(process.env.TOTEUMA_CTL, ['mail', 'send-once'], {
		    encoding: 'utf8', env: { ...process.env,
		    TOTEUMA_DATABASE: process.env.TOTEUMA_APP_DATABASE,
		    TOTEUMA_BASE_URL: process.env.TOTEUMA_URL } });
		assert.equal(row(to[0]).state, 'sent', 'send-once sent it, as the server\'s role');
		ctl('mail', 'test', to[1]);
	} finally {
		sender('start');
	}
	await mailTo(to[1]);
	await new Promise((r) => setTimeout(r, 1500));
	for (const t of to)
		assert.equal(mailsTo(t).length, 1, `one message to ${t}`);
});

// Last: Kore answers a keep-alive connection that idled through this
// test's waits with 408, which the next request of this process would get.
test('a relay that is down: the mail waits, then each arrives exactly once', WAITS, async () => {
	relay('stop');
	const to = [address('odota'), address('odota')];
	try {
		for (const t of to) ctl('mail', 'test', t);
		await until(() => to.every((t) => row(t).attempts >= 2), 10000,
		    'two failed attempts each');
		for (const t of to) {
			const r = row(t);
			assert.equal(r.state, 'waiting', 'still waiting while the relay is down');
			assert.ok(r.answer.length > 0, 'why it was not sent is kept');
		}
		assert.equal(mailsTo(to[0]).length, 0);
	} finally {
		relay('start');
	}
	for (const t of to) await mailTo(t, 20000);
	await new Promise((r) => setTimeout(r, 2500));
	for (const t of to) {
		assert.equal(mailsTo(t).length, 1, `one message to ${t}`);
		assert.equal(row(t).state, 'sent');
	}
});
