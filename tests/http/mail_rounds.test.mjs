// Reporting rounds by mail: the request to each editor of each unit
// when a round opens, reminders only to the units that have not
// answered (before the deadline and on the day, each once), and the
// summary to the admins after it. The calendar's day is given to
// round_mail_due(), which the sender runs with today's.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';

import { HEADER, PW, RUN, actionIds, addUser, importCsv, lit, psql,
    shownDate, signIn } from './lib.mjs';
import { address, mailTo, mailsTo, until } from './maillib.mjs';

const SLUG = 'mail-rounds-' + RUN.toLowerCase().replace(/[^a-z0-9]/g, '');
const UNIT_A = `Postiyksikkö A ${RUN}`;
const UNIT_B = `Postiyksikkö B ${RUN}`;
const who = { admin: address('kierros-admin'), a: address('kierros-a'),
    b: address('kierros-b') };
const as = {};
let act, round, deadline;

const day = (days) => psql(`SELECT (current_date + ${days})::text`);
const due = (date) => Number(psql(`SELECT round_mail_due(${lit(date)}::date)`));
const kinds = (addr) => psql('SELECT coalesce(string_agg(kind, \',\' ORDER BY ' +
    `id), '') FROM mail_outbox WHERE recipient = ${lit(addr)}`);

before(async () => {
	importCsv(SLUG, HEADER +
	    `1. Postisuositus,,Posti A1,1/2025 – 12/2026,Käynnissä,${UNIT_A},\r\n` +
	    `,,Posti AB,1/2025 – 12/2026,Käynnissä,${UNIT_A}; ${UNIT_B},\r\n` +
	    `2. Toinen,,Posti B1 <b>,1/2025 – 12/2026,Käynnissä,${UNIT_B},\r\n`,
	    'Postikierroksen testi');
	act = actionIds(SLUG);
	addUser(who.admin, 'admin', [], PW);
	addUser(who.a, 'editor', [UNIT_A], PW);
	addUser(who.b, 'editor', [UNIT_B], PW);
	for (const k of Object.keys(who)) as[k] = await signIn(who[k]);
	// The admin's own mail in English; editor A's in Swedish through the
	// user form.
	psql(`UPDATE app_user SET lang = 'en' WHERE email = ${lit(who.admin)}`);
	const id = psql(`SELECT id FROM app_user WHERE email = ${lit(who.a)}`);
	const unit = psql(`SELECT id FROM unit WHERE name = ${lit(UNIT_A)}`);
	const r = await as.admin.post(`/b/users/${id}`, { csrf: as.admin.csrf,
	    name: 'Anna', role: 'editor', unit, password: '', mail_lang: 'sv' });
	assert.equal(r.status, 303, r.text.slice(0, 300));
	assert.equal(psql(`SELECT lang FROM app_user WHERE id = ${id}`), 'sv');
});

after(() => {
	psql(`UPDATE round SET closed_at = now() WHERE id = ${round || 0} ` +
	    'AND closed_at IS NULL');
});

test('opening a round mails each unit\'s editors that unit\'s actions, in their language', async () => {
	deadline = day(14);
	const f = new URLSearchParams({ csrf: as.admin.csrf,
	    title: `Postikierros ${RUN}`, deadline, message: 'Kiitos <3' });
	f.append('process', psql(`SELECT id FROM process WHERE slug = ${lit(SLUG)}`));
	const r = await as.admin.post('/b/rounds', f);
	assert.equal(r.status, 303, r.text.slice(0, 300));
	round = Number(r.location.match(/\/b\/rounds\/(\d+)/)[1]);
	assert.equal(psql('SELECT detail->>\'mails\' FROM audit_log WHERE event = ' +
	    `'round.open' AND object = 'round/${round}'`), '2',
	    'queued with the round, in its transaction');

	const a = await mailTo(who.a);
	assert.equal(a.subject, `Kontrollera er enhets åtgärder senast ` +
	    `${shownDate(deadline, 'sv')}: Postikierros ${RUN}`);
	assert.equal(a.headers['content-language'], 'sv');
	assert.equal(a.headers['auto-submitted'], 'auto-generated');
	assert.match(a.text, new RegExp(`Delaktighetsteamet ber ${UNIT_A} `));
	assert.match(a.text, /\n- Posti A1 \(Postikierroksen testi\)\r?\n- Posti AB /);
	assert.doesNotMatch(a.text, /Posti B1/, 'only the unit\'s own actions');
	assert.match(a.text, /Kiitos <3/, 'the round\'s message, as typed');
	assert.match(a.html, /<p>Kiitos &lt;3<\/p>/, 'escaped in the HTML');
	const link = a.text.match(/https?:\/\/\S+/)[0];
	assert.equal(link, process.env.TOTEUMA_URL + '/b?lang=sv');
	const page = await as.a.get('/b?lang=sv');
	assert.equal(page.status, 200);
	assert.match(page.text, new RegExp(`aria-labelledby="round-${round}"`),
	    'the link leads to the round\'s request');

	const b = await mailTo(who.b);
	assert.match(b.subject, /^Tarkistakaa yksikkönne toimenpiteet viimeistään /);
	assert.match(b.html, /<li>Posti B1 &lt;b&gt; \(Postikierroksen testi\)<\/li>/);
	assert.equal(kinds(who.admin), '', 'an admin who edits no unit is not asked');
});

test('reminders go only to the units that have not answered, each once', async () => {
	for (const a of ['Posti A1', 'Posti AB']) {
		const r = await as.a.post(`/b/rounds/${round}/confirm`,
		    { csrf: as.a.csrf, action: String(act[a]) });
		assert.equal(r.status, 303);
	}
	assert.equal(psql('SELECT round_reminder_days FROM setting'), '3');
	const d = (n) => psql(`SELECT (${lit(deadline)}::date + ${n})::text`);
	due(d(-4));
	assert.equal(kinds(who.b), 'round_open', 'nothing 4 days before');
	due(d(-3));
	due(d(-2));
	assert.equal(kinds(who.b), 'round_open,round_reminder',
	    'one reminder from 3 days before, however often the check runs');
	assert.equal(kinds(who.a), 'round_open', 'unit A has answered');
	const m = await until(() => mailsTo(who.b).find((x) =>
	    /^Muistutus/.test(x.subject)), 8000, 'the reminder');
	assert.equal(m.subject, `Muistutus: Postikierros ${RUN} viimeistään ` +
	    shownDate(deadline));
	assert.match(m.text, new RegExp(`${UNIT_B} ei ole vielä vastannut`));
	due(deadline);
	due(deadline);
	assert.equal(kinds(who.b), 'round_open,round_reminder,round_reminder');
	const today = await until(() => mailsTo(who.b).find((x) =>
	    /^Tänään on määräpäivä/.test(x.subject)), 8000, 'the day\'s reminder');
	assert.equal(today.subject, `Tänään on määräpäivä: Postikierros ${RUN}`);
});

test('after the deadline each admin gets the summary once: who answered, who did not', async () => {
	const next = psql(`SELECT (${lit(deadline)}::date + 1)::text`);
	due(next);
	due(next);
	// Other files' rounds may end the same day: this round's summary.
	assert.equal(psql('SELECT count(*) FROM mail_outbox WHERE recipient = ' +
	    `${lit(who.admin)} AND once_key LIKE 'round:${round}:summary:%'`), '1');
	assert.equal(kinds(who.b), 'round_open,round_reminder,round_reminder',
	    'no reminder after the deadline');
	const m = await until(() => mailsTo(who.admin).find((x) =>
	    x.subject.includes(`Postikierros ${RUN}`)), 8000, 'the summary');
	assert.equal(m.subject, `The round Postikierros ${RUN} has ended: who answered`);
	assert.equal(m.headers['content-language'], 'en');
	const answered = m.text.match(/Answered \(1\):\r?\n- ([^\r\n]+)/);
	assert.ok(answered, m.text);
	assert.equal(answered[1], UNIT_A);
	assert.match(m.text, new RegExp(`Not answered \\(1\\):\\r?\\n- ${UNIT_B}`));
	assert.match(m.text, new RegExp(`/b/rounds/${round}\\?lang=en`));
});

test('the admin sets the days before the deadline; 0 leaves the day alone', async () => {
	const f = { csrf: as.admin.csrf, stale_days: psql('SELECT stale_days FROM setting'),
	    due_soon_days: psql('SELECT due_soon_days FROM setting') };
	const bad = await as.admin.post('/b/settings?lang=en', { ...f, round_reminder_days: '61' });
	assert.equal(bad.status, 422);
	assert.match(bad.text, /from 0 to 60/);
	const ok = await as.admin.post('/b/settings', { ...f, round_reminder_days: '0' });
	assert.equal(ok.status, 303);
	try {
		assert.equal(psql('SELECT round_reminder_days FROM setting'), '0');
		const page = await as.admin.get('/b/settings');
		assert.match(page.text, /name="round_reminder_days"[^>]*value="0"/);
	} finally {
		psql('UPDATE setting SET round_reminder_days = 3');
	}
});

test('the weekly digest: each editor\'s actions that need attention, once a week, unless turned off', async () => {
	for (const a of ['Posti AB', 'Posti B1 <b>'])
		psql('UPDATE action SET updated_at = now() - interval \'400 days\' ' +
		    `WHERE id = ${act[a]}`);
	const home = await as.a.get('/b');
	assert.match(home.text, /<h2 id="digest-h">Viikkokooste sähköpostitse<\/h2>/);
	const off = await as.a.post('/b/digest', { csrf: as.a.csrf, on: '0' });
	assert.equal(off.status, 303);
	assert.equal(off.location, '/b?saved=1');
	assert.equal(psql(`SELECT weekly_digest FROM app_user WHERE email = ${lit(who.a)}`), 'f');
	assert.match((await as.a.get(off.location)).text, /Viikkokooste ei ole käytössä/);
	assert.equal((await as.a.post('/b/digest', { csrf: 'x'.repeat(43), on: '1' })).status,
	    403, 'not without the form\'s token');

	// A Monday morning of a week to come, twice; the week of now is put
	// back in the same transaction, so that the running sender does not
	// start this week's digests for everyone.
	const out = execFileSync('psql', ['-X', '-q', '-At', '-1', '-v',
	    'ON_ERROR_STOP=1', process.env.TOTEUMA_DATABASE, '-c',
	    "SELECT digest_mail_due('2030-01-07 06:59') || ',' || " +
	    "digest_mail_due('2030-01-07 08:00') || ',' || " +
	    "digest_mail_due('2030-01-09 12:00')", '-c',
	    "UPDATE mail_calendar SET digest_week = to_char(now() AT TIME ZONE " +
	    "'Europe/Helsinki', 'IYYY-IW')"], { encoding: 'utf8' }).trim();
	const [early, monday, later] = out.split(',').map(Number);
	assert.equal(early, 0, 'not before 7 on Monday');
	assert.ok(monday >= 1, 'queued on Monday morning');
	assert.equal(later, 0, 'once a week');
	const key = (addr) => psql('SELECT count(*) FROM mail_outbox WHERE ' +
	    `recipient = ${lit(addr)} AND once_key LIKE 'digest:2030-02:%'`);
	assert.equal(key(who.b), '1');
	assert.equal(key(who.a), '0', 'turned off');
	assert.equal(key(who.admin), '0', 'admins get none');
	const m = await until(() => mailsTo(who.b).find((x) =>
	    /^Toimenpiteesi tällä viikolla/.test(x.subject)), 8000, 'the digest');
	assert.equal(m.subject, 'Toimenpiteesi tällä viikolla: 0 myöhässä, ' +
	    '2 päivittämättä, 0 pian erääntymässä');
	assert.match(m.text, /Ei päivitetty \d+ päivään \(2\):\r?\n- Posti AB \(Postikierroksen testi\)\r?\n- Posti B1 <b> /);
	assert.match(m.html, /<li>Posti B1 &lt;b&gt; \(Postikierroksen testi\)<\/li>/);
	assert.match(m.text, /maanantaisin/);
});
