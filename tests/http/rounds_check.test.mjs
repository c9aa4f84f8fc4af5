// What unit editors and admins found misleading in reporting rounds:
// a confirmation of an overdue or status-less action needs an explicit
// check (status, schedule and last update beside the button), deadlines
// far in the past or future are refused, units without editors need the
// admin's word, a unit answers only through its own editors, the action
// form names the recommendations it answers, and the process page links
// to the round's public report.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { importCsv, HEADER, Browser, psql, addUser, RUN, PW, lit, signIn,
    actionIds } from './lib.mjs';

const SLUG = 'http-rounds-check';
const SLUG_NOBODY = 'http-rounds-nobody';
const UNIT = 'Tarkistusyksikkö';
const UNIT_NOBODY = 'Yksikkö ilman käyttäjiä';
const mail = (who) => `rcheck-${who}-${RUN}@test.invalid`;
const as = {};
let act = {};
const pid = {};
let round;

const day = (days) => psql(`SELECT (current_date + ${days})::text`);
function roundForm(csrf, over = {}, processes) {
	const f = new URLSearchParams({ csrf, title: `Tarkistus ${RUN}`,
	    deadline: day(14), message: '', ...over });
	for (const p of processes)
		f.append('process', String(p));
	return f;
}
const answers = (a) => psql('SELECT count(*) FROM round_answer WHERE ' +
    `round_id = ${round} AND action_id = ${a}`);

after(() => {
	psql('UPDATE round SET closed_at = now() WHERE closed_at IS NULL');
});

before(async () => {
	importCsv(SLUG, HEADER +
	    `1. Tarkistussuositus,Tarkennus ilman numeroa,Ilman tilaa,1/2025 – 12/2027,,${UNIT},\r\n` +
	    `,,Myöhässä oleva,1/2024 – 2/2024,Käynnissä,${UNIT},\r\n` +
	    `2. Toinen suositus,,Ajan tasalla,1/2025 – 12/2027,Käynnissä,${UNIT},\r\n`,
	    'Tarkistuksen testi');
	importCsv(SLUG_NOBODY, HEADER +
	    `1. Suositus,,Yhteinen tarkistus,1/2025 – 12/2027,Käynnissä,${UNIT}; ${UNIT_NOBODY},\r\n`,
	    'Kierros ilman käyttäjiä');
	act = { ...actionIds(SLUG), ...actionIds(SLUG_NOBODY) };
	for (const s of [SLUG, SLUG_NOBODY])
		pid[s] = Number(psql(`SELECT id FROM process WHERE slug = ${lit(s)}`));
	addUser(mail('admin'), 'admin', [], PW);
	addUser(mail('editor'), 'editor', [UNIT], PW);
	as.admin = await signIn(mail('admin'));
	as.ed = await signIn(mail('editor'));
});

test('a deadline ten months past or over two years ahead is refused',
    async () => {
	for (const [d, msg] of [[day(-300), /Määräaika on mennyt/],
	    [day(800), /yli kahden vuoden päässä/]]) {
		const title = `Raja ${d} ${RUN}`;
		const r = await as.admin.post('/b/rounds', roundForm(as.admin.csrf,
		    { title, deadline: d }, [pid[SLUG]]));
		assert.equal(r.status, 422, `deadline ${d}: expected 422`);
		assert.match(r.text, msg);
		assert.equal(psql(`SELECT count(*) FROM round WHERE title = ${lit(title)}`),
		    '0', 'nothing stored');
	}
});

test('units without editors: listed, and opening needs the admin\'s word',
    async () => {
	const title = `Ilman käyttäjiä ${RUN}`;
	const r = await as.admin.post('/b/rounds', roundForm(as.admin.csrf,
	    { title }, [pid[SLUG_NOBODY]]));
	assert.equal(r.status, 422, 'a plain open is the second step');
	assert.match(r.text, new RegExp(`<li>${UNIT_NOBODY}</li>`),
	    'the unit without editors is listed');
	assert.doesNotMatch(r.text, new RegExp(`<li>${UNIT}</li>`),
	    'a unit with an editor is not');
	assert.match(r.text, /name="units_ok" value="1"/);
	assert.equal(psql(`SELECT count(*) FROM round WHERE title = ${lit(title)}`),
	    '0', 'nothing stored');
	const ok = await as.admin.post('/b/rounds', roundForm(as.admin.csrf,
	    { title, units_ok: '1' }, [pid[SLUG_NOBODY]]));
	assert.equal(ok.status, 303, 'opened after the admin\'s word');
	const id = ok.location.match(/([0-9]+)\?/)[1];
	// The editor of the other unit confirms the shared action.
	const c = await as.ed.post(`/b/rounds/${id}/confirm`,
	    { csrf: as.ed.csrf, action: String(act['Yhteinen tarkistus']) });
	assert.equal(c.status, 303);
	const rep = await as.admin.get(`/b/rounds/${id}`);
	const row = rep.text.match(new RegExp(`<tr><th scope="row"[^>]*>` +
	    `${UNIT_NOBODY}</th>(.*?)</tr>`));
	assert.ok(row, 'the unit without users has a row');
	assert.match(row[1], />ei vastannut</,
	    'another unit\'s answer does not answer for it');
	psql(`UPDATE round SET closed_at = now() WHERE id = ${id}`);
});

test('the request shows status, schedule and last update beside confirm',
    async () => {
	const r = await as.admin.post('/b/rounds', roundForm(as.admin.csrf, {},
	    [pid[SLUG]]));
	assert.equal(r.status, 303, r.text.slice(0, 300));
	round = Number(r.location.match(/([0-9]+)\?/)[1]);
	const home = await as.ed.get('/b');
	const row = (body) => home.text.match(new RegExp(`<tr><td[^>]*><a ` +
	    `id="ra-${round}-${act[body]}"[\\s\\S]*?</tr>`))?.[0] ?? '';
	assert.match(row('Ilman tilaa'), /data-label="Tila"><strong>Ei annettu/,
	    'no status is said so');
	assert.match(row('Ilman tilaa'), /data-label="Aikataulu">1\/2025 – 12\/2027/);
	assert.match(row('Ilman tilaa'), /data-label="Päivitetty viimeksi">\d{1,2}\.\d{1,2}\.\d{4}/);
	assert.match(row('Ilman tilaa'), /Toimenpiteellä ei ole tilaa/,
	    'why a check is needed');
	assert.match(row('Ilman tilaa'), /name="checked" value="1" required/);
	assert.match(row('Myöhässä oleva'), /Aikataulu tai välitavoite on ohitettu/);
	assert.match(row('Myöhässä oleva'), /name="checked"/);
	assert.doesNotMatch(row('Ajan tasalla'), /name="checked"/,
	    'an action up to date needs no extra step');
});

test('a plain confirm of an overdue or status-less action is refused',
    async () => {
	for (const body of ['Ilman tilaa', 'Myöhässä oleva']) {
		const r = await as.ed.post(`/b/rounds/${round}/confirm`,
		    { csrf: as.ed.csrf, action: String(act[body]) });
		assert.equal(r.status, 422, `${body}: expected 422`);
		assert.match(r.text, /Mitään ei ole vielä tallennettu/);
		assert.match(r.text, /Olen tarkistanut, että tämä pitää yhä paikkansa/);
		assert.equal(answers(act[body]), '0', 'nothing recorded');
	}
	const ok = await as.ed.post(`/b/rounds/${round}/confirm`,
	    { csrf: as.ed.csrf, action: String(act['Ilman tilaa']),
	    checked: '1' });
	assert.equal(ok.status, 303, 'confirmed with the box ticked');
	assert.equal(answers(act['Ilman tilaa']), '1');
	const plain = await as.ed.post(`/b/rounds/${round}/confirm`,
	    { csrf: as.ed.csrf, action: String(act['Ajan tasalla']) });
	assert.equal(plain.status, 303, 'an up-to-date action: one click');
});

test('the action page has the round\'s confirm with the facts beside it',
    async () => {
	const r = await as.ed.get(`/b/a/${act['Myöhässä oleva']}`);
	assert.equal(r.status, 200);
	const s = r.text.match(new RegExp(`<section class="round-request" ` +
	    `aria-labelledby="ra-${round}-[0-9]+">[\\s\\S]*?</section>`));
	assert.ok(s, 'the request is on the action page');
	assert.match(s[0], /Käynnissä/);
	assert.match(s[0], /1\/2024 – 2\/2024/);
	assert.match(s[0], /name="checked" value="1" required/);
	assert.match(s[0], /Aikataulu tai välitavoite on ohitettu/);
});

test('the action form names its recommendations with text and links',
    async () => {
	const r = await as.ed.get(`/b/a/${act['Ilman tilaa']}`);
	const spec = psql('SELECT id FROM recommendation WHERE body = ' +
	    `${lit('Tarkennus ilman numeroa')} AND process_id = ${pid[SLUG]}`);
	assert.match(r.text, new RegExp(`<a href="/p/${SLUG}/r/${spec}">` +
	    '<span>Tarkennus ilman numeroa</span></a>'),
	    'an unnumbered specification with its text, linked');
	assert.doesNotMatch(r.text, /<dd>–<\/dd>/, 'no bare dash');
	const r2 = await as.ed.get(`/b/a/${act['Ajan tasalla']}`);
	assert.match(r2.text, /<a href="\/p\/http-rounds-check\/r\/[0-9]+">2 <span>Toinen suositus<\/span><\/a>/,
	    'a numbered recommendation with its number and text');
	const pub = await new Browser().get(`/p/${SLUG}/r/${spec}`);
	assert.equal(pub.status, 200, 'the link leads to a public page');
});

test('the process page links to the round\'s public report', async () => {
	const r = await new Browser().get(`/p/${SLUG}`);
	assert.match(r.text, new RegExp(`<a href="/round/${round}">`));
	const sv = await new Browser().get(`/p/${SLUG}?lang=sv`);
	assert.match(sv.text, new RegExp(`<a href="/round/${round}\\?lang=sv"`));
	assert.match(sv.text, /rapporteringsomgången är öppen/);
});
