// Residents follow a process, an action or a unit by e-mail: double opt-in, the
// changes mailed with a manage link and RFC 8058 one-click unsubscribe,
// the manage page, throttling, bad addresses and deletion.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { Browser, RUN, hiddenValue, lit, psql } from './lib.mjs';
import { address, mailTo, mailsTo, until } from './maillib.mjs';

const SLUG = 'asukaspaneeli-2024';
// Client addresses of this run (the throttle counts per client).
const NET = `${(Date.now() >> 10) % 250 + 1}.${process.pid % 250 + 1}`;
let n = 0;
const client = () => ({ 'x-forwarded-for': `10.${NET}.${++n}` });

// Asks to follow through the form: the answer.
async function follow(query, email, headers = client()) {
	const b = new Browser(headers);
	const form = await b.get('/follow?' + query);
	assert.equal(form.status, 200, form.text.slice(0, 200));
	const fields = { csrf: hiddenValue(form.text, 'csrf'), email };
	for (const kind of ['process', 'action', 'unit'])
		if (hiddenValue(form.text, kind) !== null)
			fields[kind] = hiddenValue(form.text, kind);
	return b.post('/follow' + (query.match(/lang=\w\w/) ? '?' +
	    query.match(/lang=\w\w/)[0] : ''), fields);
}

const pathOf = (url) => { const u = new URL(url); return u.pathname + u.search; };
const link = (m) => m.text.match(/https?:\/\/\S+/g).pop();
const subscribers = (email) => psql('SELECT count(*) FROM subscriber ' +
    `WHERE email = ${lit(email)}`);

test('follow, confirm, get changes with a one-click unsubscribe, unsubscribe', async () => {
	const page = await new Browser().get(`/p/${SLUG}?lang=sv`);
	assert.match(page.text, new RegExp(`href="/follow\\?process=${SLUG}&amp;lang=sv"`),
	    'the process page links to following it');
	const email = address('seuraaja');
	const r = await follow(`process=${SLUG}&lang=sv`, email.toUpperCase());
	assert.equal(r.status, 200);
	assert.match(r.text, /Kontrollera din e-post/);
	assert.equal(psql('SELECT count(*) FROM subscription x JOIN subscriber s ' +
	    `ON s.id = x.subscriber_id WHERE s.email = ${lit(email)} AND ` +
	    'x.confirmed_at IS NULL'), '1', 'waiting for confirmation');

	const c = await mailTo(email);
	assert.match(c.subject, /^Bekräfta att du vill bevaka: /);
	assert.equal(c.headers['list-unsubscribe'], undefined);
	const confirm = pathOf(link(c));
	assert.match(confirm, /^\/follow\/confirm\/[A-Za-z0-9_-]{43}\?lang=sv$/);
	const b = new Browser();
	const ask = await b.get(confirm);
	assert.equal(ask.status, 200, 'a GET (a mail scanner) only asks');
	assert.equal(psql('SELECT count(*) FROM subscription x JOIN subscriber s ' +
	    `ON s.id = x.subscriber_id WHERE s.email = ${lit(email)} AND ` +
	    'x.confirmed_at IS NULL'), '1');
	const ok = await b.post(confirm, {});
	assert.equal(ok.status, 303);
	assert.match(ok.location, /^\/follow\/manage\/[A-Za-z0-9_-]{43}\?confirmed=1&lang=sv$/);
	const manage = await b.get(ok.location);
	assert.match(manage.text, /Tack: bevakningen har börjat/);
	assert.equal((await b.post(confirm, {})).status, 410, 'a confirmation link works once');

	// A public change of one of the process's actions.
	const a = psql(`SELECT a.id FROM action a JOIN process p ON p.id = a.process_id ` +
	    `WHERE p.slug = ${lit(SLUG)} AND a.deleted_at IS NULL ORDER BY a.id LIMIT 1`);
	psql(`UPDATE action SET status_note = 'Postitettu muutos ${RUN}' WHERE id = ${a}`);
	psql('SELECT follow_mail_due()');
	const m = await until(() => mailsTo(email).find((x) =>
	    /^Ändringar i /.test(x.subject)), 8000, 'the changes');
	assert.match(m.text, new RegExp(`Postitettu muutos ${RUN}`));
	assert.ok(m.text.includes(`${process.env.TOTEUMA_URL}/p/${SLUG}/a/${a}?lang=sv`),
	    'each change links to its action');
	const unsub = m.headers['list-unsubscribe'].match(/^<(https?:\/\/[^>]+)>$/);
	assert.ok(unsub, m.headers['list-unsubscribe']);
	assert.equal(m.headers['list-unsubscribe-post'], 'List-Unsubscribe=One-Click');
	assert.match(pathOf(link(m)), /^\/follow\/manage\/[A-Za-z0-9_-]{43}\?lang=sv$/);
	psql('SELECT follow_mail_due()');
	await new Promise((res) => setTimeout(res, 1000));
	assert.equal(mailsTo(email).length, 2, 'a change is mailed once');

	// RFC 8058: the mail program POSTs, with no cookie and no page.
	const res = await fetch(unsub[1], { method: 'POST', body:
	    'List-Unsubscribe=One-Click', headers: { 'content-type':
	    'application/x-www-form-urlencoded' }, redirect: 'manual' });
	assert.equal(res.status, 200);
	assert.equal(subscribers(email), '0', 'the address is deleted at once');
	assert.equal((await new Browser().get(pathOf(link(m)))).status, 410);
});

test('the manage page: daily instead of at once, and stopping one', async () => {
	const email = address('hallinta');
	const act = psql(`SELECT a.id FROM action a JOIN process p ON p.id = a.process_id ` +
	    `WHERE p.slug = ${lit(SLUG)} AND a.deleted_at IS NULL ORDER BY a.id LIMIT 1`);
	const ap = await new Browser().get(`/p/${SLUG}/a/${act}`);
	assert.match(ap.text, new RegExp(`href="/follow\\?action=${act}"`));
	assert.equal((await follow(`action=${act}`, email)).status, 200);
	const b = new Browser();
	const ok = await b.post(pathOf(link(await mailTo(email))), {});
	const manage = ok.location;
	const page = await b.get(manage);
	assert.match(page.text, /Mail goes|Viestit lähetetään/);
	const id = hiddenValue(page.text.match(/name="op" value="remove">[^]*?>/)[0], 'arg');
	const daily = await b.post(manage, { op: 'digest', arg: 'daily' });
	assert.equal(daily.status, 303);
	assert.equal(psql(`SELECT digest FROM subscriber WHERE email = ${lit(email)}`), 'daily');
	const bad = await b.post(manage, { op: 'digest', arg: 'hourly' });
	assert.equal(bad.status, 400);
	const rm = await b.post(manage, { op: 'remove', arg: id });
	assert.equal(rm.status, 303);
	assert.equal(subscribers(email), '0', 'an address that follows nothing goes');
});

test('a unit has a page across processes, and following it mails the changes of its actions only', async () => {
	const [unit, other] = psql('SELECT au.unit_id FROM action_unit au JOIN action a ' +
	    'ON a.id = au.action_id AND a.deleted_at IS NULL JOIN process p ON ' +
	    `p.id = a.process_id AND p.published WHERE p.slug = ${lit(SLUG)} ` +
	    'GROUP BY au.unit_id ORDER BY au.unit_id LIMIT 2').split('\n');
	assert.ok(unit && other, 'two units with actions in the process');
	const name = psql(`SELECT name FROM unit WHERE id = ${unit}`);
	const act = psql('SELECT a.id FROM action a JOIN action_unit au ON ' +
	    `au.action_id = a.id AND au.unit_id = ${unit} JOIN process p ON ` +
	    `p.id = a.process_id WHERE p.slug = ${lit(SLUG)} AND a.deleted_at IS NULL ` +
	    'ORDER BY a.id LIMIT 1');
	const ap = await new Browser().get(`/p/${SLUG}/a/${act}?lang=sv`);
	assert.match(ap.text, new RegExp(`<a href="/unit/${unit}\\?lang=sv"( lang="fi")?>`),
	    'the action page links its unit to the unit\'s page');
	const page = await new Browser().get(`/unit/${unit}?lang=sv`);
	assert.equal(page.status, 200);
	assert.ok(page.text.includes(`>${name.replace(/&/g, '&amp;')}</h1>`), 'the unit\'s name is the heading');
	assert.match(page.text, /<caption id="unit-caption">Enhetens åtgärder per process<\/caption>/);
	assert.match(page.text, new RegExp(`href="/p/${SLUG}\\?unit=${unit}&amp;lang=sv"`),
	    'each process links to its table for the unit');
	assert.match(page.text, new RegExp(`href="/follow\\?unit=${unit}&amp;lang=sv"`));
	assert.match(page.text, new RegExp(`<link rel="alternate" type="application/atom\\+xml"[^>]*href="/unit/${unit}/feed.atom\\?lang=sv"`));
	const lonely = psql("INSERT INTO unit (name) VALUES ('Yksikkö ilman julkisia " +
	    `toimenpiteitä ${RUN}') RETURNING id`).split('\n')[0];
	assert.equal((await new Browser().get(`/unit/${lonely}`)).status, 404,
	    'a unit with no public action has no page');
	assert.equal((await new Browser().get(`/follow?unit=${lonely}`)).status, 404,
	    'nor can it be followed');
	assert.equal((await new Browser().get('/unit/x1')).status, 404);

	const email = address('yksikko');
	assert.equal((await follow(`unit=${unit}&lang=sv`, email)).status, 200);
	const c = await mailTo(email);
	assert.ok(c.subject.includes(name), `the confirmation names the unit: ${c.subject}`);
	const b = new Browser();
	assert.equal((await b.post(pathOf(link(c)), {})).status, 303);
	const others = psql('SELECT a.id FROM action a JOIN process p ON p.id = a.process_id ' +
	    `WHERE p.slug = ${lit(SLUG)} AND a.deleted_at IS NULL AND NOT EXISTS ` +
	    `(SELECT 1 FROM action_unit au WHERE au.action_id = a.id AND au.unit_id = ${unit}) ` +
	    'ORDER BY a.id LIMIT 1');
	assert.ok(others, 'an action of the process that the unit does not answer for');
	psql(`UPDATE action SET status_note = 'Toisen yksikön muutos ${RUN}' WHERE id = ${others}`);
	psql(`UPDATE action SET status_note = 'Yksikön muutos ${RUN}' WHERE id = ${act}`);
	psql('SELECT follow_mail_due()');
	const m = await until(() => mailsTo(email).find((x) =>
	    /^Ändringar i /.test(x.subject)), 8000, 'the changes');
	assert.match(m.text, new RegExp(`Yksikön muutos ${RUN}`));
	assert.doesNotMatch(m.text, new RegExp(`Toisen yksikön muutos ${RUN}`),
	    'a change of another unit\'s action is not mailed');
});

test('bad addresses are told and queue nothing; requests are throttled', async () => {
	const before = psql('SELECT count(*) FROM mail_outbox');
	for (const bad of ['ei osoite', 'x@example.fi>, y@example.fi',
	    'a@' + 'b'.repeat(253), `${'ä'.repeat(130)}@example.fi`]) {
		const r = await follow(`process=${SLUG}&lang=en`, bad);
		assert.equal(r.status, 422, bad.slice(0, 40));
		const typed = bad.replace(/>/g, '&gt;');
		assert.ok(r.text.includes(`value="${typed}"`),
		    'the address as typed, whole');
		assert.match(r.text, /role="alert"><p>Give your e-mail address/);
		assert.match(r.text, /id="email-error">[^<]*Give your e-mail/,
		    'the message beside the field too');
	}
	const b = new Browser(client());
	const form = await b.get(`/follow?process=${SLUG}`);
	const crlf = await b.post('/follow?lang=en', { csrf: hiddenValue(form.text, 'csrf'),
	    email: 'x@example.fi\r\nBcc: all@example.fi', process: SLUG, action: '' });
	assert.equal(crlf.status, 400);
	assert.match(crlf.text, /Give your e-mail address/,
	    'the address is bad');
	const hidden = await b.post('/follow?lang=en', {
	    csrf: hiddenValue(form.text, 'csrf'), email: 'x@example.fi',
	    process: SLUG, action: 'x'.repeat(19) });
	assert.equal(hidden.status, 400);
	assert.match(hidden.text, /The form could not be read/,
	    'a bad hidden field is not blamed on the address');
	assert.match(hidden.text, /<h1>Not saved<\/h1>/,
	    'nor on the page\'s address');
	const forged = await new Browser().post('/follow', { csrf: 'x'.repeat(43),
	    email: 'x@example.fi', process: SLUG, action: '' });
	assert.equal(forged.status, 403);
	assert.equal((await new Browser().get('/follow?process=ei-ole-olemassa')).status, 404);
	assert.equal(psql('SELECT count(*) FROM mail_outbox'), before);

	const email = address('pommi');
	const codes = [];
	for (let i = 0; i < 4; i++)
		codes.push((await follow(`process=${SLUG}`, email)).status);
	assert.deepEqual(codes, [200, 200, 200, 429], 'three an hour to one address');
	assert.equal(psql('SELECT count(*) FROM mail_outbox WHERE recipient = ' +
	    lit(email)), '3');
});

test('an address not confirmed in 7 days is deleted', async () => {
	const email = address('vahvistamaton');
	assert.equal((await follow(`process=${SLUG}`, email)).status, 200);
	psql('UPDATE subscription SET created_at = now() - interval \'8 days\' WHERE ' +
	    `subscriber_id = (SELECT id FROM subscriber WHERE email = ${lit(email)})`);
	psql('SELECT prune_old(NULL, NULL)');
	assert.equal(subscribers(email), '0');
	const confirm = pathOf(link(await mailTo(email)));
	assert.equal((await new Browser().get(confirm)).status, 410);
});
