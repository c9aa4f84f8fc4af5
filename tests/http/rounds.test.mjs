// Reporting rounds against the real server and database: opening a round
// (refusals change nothing), the request on a unit editor's page,
// confirming and saving as answers, who may answer for what, the report
// by unit, closing, and the public report without staff addresses.
//
// The file works on processes and units of its own and makes its own
// accounts with a suffix per run, so that it can run again on the same
// database.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { importCsv, HEADER, shownDate, Browser, hiddenValue, psql,
    unescapeHtml, RUN, lit, signInUsers, actionIds, actionSaveForm,
    htmlProblems } from './lib.mjs';

const SLUG = 'http-rounds';
const SLUG_EMPTY = 'http-rounds-ei-yksikoita';
const SLUG_HIDDEN = 'http-rounds-piilossa';
const UNIT_A = 'Kierros-yksikkö A';
const UNIT_B = 'Kierros-yksikkö B';

const mail = (who) => `rounds-${who}-${RUN}@test.invalid`;

const users = {
	admin: { email: mail('admin'), role: 'admin', units: [] },
	a: { email: mail('editor-a'), role: 'editor', units: [UNIT_A] },
	b: { email: mail('editor-b'), role: 'editor', units: [UNIT_B] },
};
const as = {};
const act = {};
const pid = {};
let round;	// the round opened by the admin

// A date days from today (in the database's time zone), YYYY-MM-DD.
const day = (days) => psql(`SELECT (current_date + ${days})::text`);

// The form that opens a round, as URLSearchParams (processes repeat).
function roundForm(csrf, over = {}, processes = [pid[SLUG]]) {
	const f = new URLSearchParams({ csrf, title: `Kevään kierros ${RUN}`,
	    deadline: day(14), message: 'Tarkistakaa tilanne.\nKiitos!',
	    ...over });
	for (const p of processes)
		f.append('process', String(p));
	return f;
}

const roundsTitled = (title) => Number(psql('SELECT count(*) FROM round ' +
    `WHERE title = ${lit(title)}`));
const answer = (action) => psql('SELECT coalesce((SELECT kind || \'|\' || ' +
    'answered_by FROM round_answer WHERE round_id = ' + round +
    ` AND action_id = ${action}), 'none')`);
const uid = (who) => psql('SELECT id FROM app_user WHERE email = ' +
    lit(users[who].email));

// The rounds opened here would otherwise stay on every editor's
// dashboard for the suites that run after this one.
after(() => {
	psql('UPDATE round SET closed_at = now() WHERE closed_at IS NULL');
});

before(async () => {
	importCsv(SLUG, HEADER +
	    `1. Kierrossuositus,,Kierros A1,1/2025 – 12/2026,Käynnissä,${UNIT_A},\r\n` +
	    `,,Kierros A2,1/2025 – 12/2026,Käynnissä,${UNIT_A},\r\n` +
	    `,,Kierros AB,1/2025 – 12/2026,Käynnissä,${UNIT_A}; ${UNIT_B},\r\n` +
	    `2. Toinen,,Kierros B1,1/2025 – 12/2026,Käynnissä,${UNIT_B},\r\n`,
	    'Kierrosten testi');
	importCsv(SLUG_EMPTY, HEADER +
	    '1. Suositus,,Ilman vastuuta,1/2025 – 12/2026,Käynnissä,,\r\n',
	    'Kierros ilman yksiköitä');
	importCsv(SLUG_HIDDEN, HEADER +
	    `1. Suositus,,Piilossa A,1/2025 – 12/2026,Käynnissä,${UNIT_A},\r\n`,
	    'Kierros piilossa');
	psql(`UPDATE process SET published = false WHERE slug = ${lit(SLUG_HIDDEN)}`);
	Object.assign(act, actionIds(SLUG));
	assert.equal(Object.keys(act).length, 4, 'the fixture has four actions');
	for (const s of [SLUG, SLUG_EMPTY, SLUG_HIDDEN])
		pid[s] = Number(psql(`SELECT id FROM process WHERE slug = ${lit(s)}`));
	Object.assign(as, await signInUsers(users));
});

// ---- Opening a round. ----

test('anonymous: GET /b/rounds goes to sign-in, POST is 401', async () => {
	const g = await as.anon.get('/b/rounds');
	assert.equal(g.status, 303);
	assert.equal(g.location, '/login');
	const title = `Anonyymi ${RUN}`;
	const p = await as.anon.post('/b/rounds', roundForm('', { title }));
	assert.equal(p.status, 401, 'expected 401 for a POST without a session');
	assert.equal(roundsTitled(title), 0, 'nothing was stored');
});

test('an editor may not see or open rounds (403)', async () => {
	const g = await as.a.get('/b/rounds');
	assert.equal(g.status, 403);
	const title = `Toimittaja ${RUN}`;
	const p = await as.a.post('/b/rounds', roundForm(as.a.csrf, { title }));
	assert.equal(p.status, 403);
	assert.equal(roundsTitled(title), 0, 'nothing was stored');
	const r = await as.a.get('/b/rounds/1/close');
	assert.equal(r.status, 403, 'the step before closing is for admins');
});

test('the admin navigation links to reporting rounds', async () => {
	const r = await as.admin.get('/b');
	assert.match(r.text, /<a href="\/b\/rounds">Raportointikierrokset<\/a>/);
	const e = await as.a.get('/b');
	assert.doesNotMatch(e.text, /href="\/b\/rounds"/,
	    'editors get no link to the admin page');
});

for (const [what, over, procs, field, message] of [
	['a deadline in the past', () => ({ deadline: day(-2) }), null,
	    'deadline', /Määräaika on mennyt/],
	['a deadline that is not a date', () => ({ deadline: '31.5.2026' }),
	    null, 'deadline', /Kirjoita päivämäärä muodossa vuosi-kuukausi-päivä/],
	['a deadline on a day that does not exist',
	    () => ({ deadline: '2031-02-30' }), null, 'deadline',
	    /Tällaista päivämäärää ei ole/],
	['no process', () => ({}), () => [], 'processes',
	    /Valitse vähintään yksi prosessi/],
	['processes whose actions have no units', () => ({}),
	    () => [pid[SLUG_EMPTY]], 'processes', /ei ole vastuuyksiköitä/],
	['an empty title', () => ({ title: '' }), null, 'title',
	    /Anna kierrokselle otsikko/],
]) {
	test(`opening with ${what}: 422, typed values kept, nothing stored`,
	    async () => {
		const title = `Virhe ${what} ${RUN}`;
		const o = { title, ...over() };
		const before = Number(psql('SELECT count(*) FROM round'));
		const r = await as.admin.post('/b/rounds', roundForm(
		    as.admin.csrf, o, procs ? procs() : undefined));
		assert.equal(r.status, 422, `${what}: expected 422`);
		assert.match(r.text, message, `${what}: the message says why`);
		assert.match(r.text, new RegExp(`<li><a href="#${field}">`),
		    'the error list links to the field');
		if (o.title)
			assert.equal(hiddenValueOf(r.text, 'title'), o.title,
			    'the typed title is kept');
		assert.match(r.text, /Tarkistakaa tilanne.\nKiitos!<\/textarea>/,
		    'the typed message is kept');
		assert.equal(Number(psql('SELECT count(*) FROM round')), before,
		    'no round was stored');
	});
}

// The value attribute of the input with this id.
function hiddenValueOf(html, id) {
	const m = html.match(new RegExp(`<input id="${id}"[^>]*value="([^"]*)"`));
	return m ? unescapeHtml(m[1]) : null;
}

test('a ticked process stays ticked when the form is refused', async () => {
	const r = await as.admin.post('/b/rounds', roundForm(as.admin.csrf,
	    { deadline: day(-2) }));
	assert.equal(r.status, 422);
	assert.match(r.text, new RegExp(`id="process-${pid[SLUG]}" ` +
	    `name="process" value="${pid[SLUG]}" checked`));
});

test('a forged CSRF token: 403 and nothing stored', async () => {
	const title = `Väärennetty ${RUN}`;
	const r = await as.admin.post('/b/rounds', roundForm('x'.repeat(43),
	    { title }));
	assert.equal(r.status, 403);
	assert.equal(roundsTitled(title), 0);
});

test('the admin opens a round', async () => {
	const r = await as.admin.post('/b/rounds', roundForm(as.admin.csrf));
	assert.equal(r.status, 303, r.text.slice(0, 500));
	const m = r.location.match(/^\/b\/rounds\/([0-9]+)\?opened=1$/);
	assert.ok(m, `redirected to the round: ${r.location}`);
	round = Number(m[1]);
	assert.equal(psql('SELECT title || \'|\' || deadline || \'|\' || ' +
	    `opened_by FROM round WHERE id = ${round}`),
	    `Kevään kierros ${RUN}|${day(14)}|${uid('admin')}`);
	const list = await as.admin.get('/b/rounds');
	assert.equal(list.status, 200);
	assert.match(list.text, new RegExp(`<a href="/b/rounds/${round}">` +
	    `Kevään kierros ${RUN}</a>`));
	assert.match(list.text, new RegExp(`Kevään kierros ${RUN}</a>` +
	    `<br><a href="/round/${round}">Kierroksen julkinen raportti</a></td>` +
	    `<td[^>]*>[^<]*</td><td[^>]*>${shownDate(day(14))}</td><td[^>]*>Avoinna` +
	    '</td><td[^>]*>0 / 2</td>'), 'the list shows 0 of 2 units answered');
});

// ---- Answering. ----

test('the editor sees the request with their actions only', async () => {
	const r = await as.a.get('/b');
	assert.equal(r.status, 200);
	const section = r.text.match(new RegExp(`<section class="round-request" ` +
	    `aria-labelledby="round-${round}">[\\s\\S]*?</section>`));
	assert.ok(section, 'the dashboard has the round\'s request');
	const s = section[0];
	assert.match(s, new RegExp(`Päivityspyyntö: Kevään kierros ${RUN}`));
	assert.match(s, /Tarkistakaa tilanne.\nKiitos!/, 'the message is shown');
	assert.match(s, new RegExp(`Vastaathan viimeistään ${shownDate(day(14))}`));
	for (const a of ['Kierros A1', 'Kierros A2', 'Kierros AB'])
		assert.match(s, new RegExp(`name="action" value="${act[a]}"`),
		    `${a} can be confirmed`);
	assert.doesNotMatch(s, new RegExp(`value="${act['Kierros B1']}"`),
	    'unit B\'s action is not in unit A\'s request');
	assert.match(s, /Vastattu: 0\/3/);
	assert.ok(r.text.indexOf('round-request') < r.text.indexOf('class="group"'),
	    'the request comes before the actions');
});

test('the editor confirms an action of their unit', async () => {
	const r = await as.a.post(`/b/rounds/${round}/confirm`,
	    { csrf: as.a.csrf, action: String(act['Kierros A1']) });
	assert.equal(r.status, 303, r.text.slice(0, 300));
	assert.equal(r.location, '/b?confirmed=1');
	assert.equal(answer(act['Kierros A1']), `confirmed|${uid('a')}`);
	const home = await as.a.get(r.location);
	assert.match(home.text, /Kiitos: toimenpide vahvistettiin/);
	assert.match(home.text, /Vastattu: vahvistettu \d{1,2}\.\d{1,2}\.\d{4} klo \d{1,2}\.\d\d/);
});

test('an editor can not confirm another unit\'s action (403)', async () => {
	const r = await as.a.post(`/b/rounds/${round}/confirm`,
	    { csrf: as.a.csrf, action: String(act['Kierros B1']) });
	assert.equal(r.status, 403);
	assert.equal(answer(act['Kierros B1']), 'none', 'nothing was stored');
});

test('confirming: forged CSRF 403, anonymous 401, nothing stored',
    async () => {
	let r = await as.b.post(`/b/rounds/${round}/confirm`,
	    { csrf: 'x'.repeat(43), action: String(act['Kierros B1']) });
	assert.equal(r.status, 403);
	r = await as.anon.post(`/b/rounds/${round}/confirm`,
	    { csrf: '', action: String(act['Kierros B1']) });
	assert.equal(r.status, 401);
	assert.equal(answer(act['Kierros B1']), 'none');
});

test('saving an action through the form answers as updated', async () => {
	const id = act['Kierros A2'];
	const form = await as.a.get(`/b/a/${id}`);
	assert.equal(form.status, 200);
	const r = await as.a.post(`/b/a/${id}`, actionSaveForm(as.a.csrf,
	    hiddenValue(form.text, 'revision'),
	    { status_note: `Päivitetty ${RUN}` }));
	assert.equal(r.status, 303, r.text.slice(0, 300));
	assert.equal(answer(id), `updated|${uid('a')}`);
});

test('the report: unit A has not answered until its shared action is',
    async () => {
	let r = await as.admin.get(`/b/rounds/${round}`);
	assert.equal(r.status, 200);
	assert.match(r.text, new RegExp('Vastaukset saatiin 0 yksiköltä 2 ' +
	    `yksiköstä; vastaamatta: (${UNIT_A}, ${UNIT_B}|${UNIT_B}, ${UNIT_A})`));
	// The shared action answered by A counts for both units.
	const c = await as.a.post(`/b/rounds/${round}/confirm`,
	    { csrf: as.a.csrf, action: String(act['Kierros AB']) });
	assert.equal(c.status, 303);
	r = await as.admin.get(`/b/rounds/${round}`);
	assert.match(r.text, new RegExp('Vastaukset saatiin 1 yksiköltä 2 ' +
	    `yksiköstä; vastaamatta: ${UNIT_B}\\.`));
	const rowA = r.text.match(new RegExp(`<tr><th scope="row"[^>]*>${UNIT_A}` +
	    '</th>(.*?)</tr>'));
	assert.ok(rowA, 'unit A has a row');
	assert.match(rowA[1], new RegExp('<td[^>]*>3</td><td[^>]*>3</td>' +
	    '<td[^>]*>2</td><td[^>]*>1</td><td[^>]*>[0-9.]{8,10} klo [0-9.]{4,5}</td>'),
	    'A: three actions, three answered, two confirmed, one updated, ' +
	    'and the last answer\'s time');
	assert.match(rowA[1], />vastannut</);
	const rowB = r.text.match(new RegExp(`<tr><th scope="row"[^>]*>${UNIT_B}` +
	    '</th>(.*?)</tr>'));
	assert.match(rowB[1], /<td[^>]*>2<\/td><td[^>]*>0<\/td>/,
	    'B: two actions, none answered: A\'s answer for the shared ' +
	    'action is not B\'s');
	assert.match(rowB[1], />ei vastannut</);
	assert.match(r.text, new RegExp(users.a.email.replace(/[.]/g, '\\.')),
	    'the admin sees who answered');
	assert.match(r.text, new RegExp(`href="/round/${round}"`),
	    'the report links to the public report');
	const list = await as.admin.get('/b/rounds');
	assert.match(list.text, new RegExp(`Kevään kierros ${RUN}</a>.*?1 / 2`));
});

test('the public report: units, dates and counts, no e-mail addresses',
    async () => {
	for (const q of ['', '?lang=sv', '?lang=en']) {
		const r = await new Browser().get(`/round/${round}${q}`);
		assert.equal(r.status, 200, `/round/ID${q}`);
		assert.ok(r.headers.get('etag'), 'a public page has an ETag');
		assert.match(r.text, new RegExp(UNIT_A));
		assert.match(r.text, new RegExp(UNIT_B));
		assert.ok(r.text.includes(shownDate(day(14), q.slice(6) || 'fi')),
		    'the deadline as the language writes dates');
		// The county's own contact address may be in the footer;
		// no staff member's is anywhere.
		assert.doesNotMatch(r.text, /rounds-[a-z-]+-[a-z0-9]+@|test\.invalid/,
		    'no staff e-mail address on the public page');
		assert.doesNotMatch(r.text, /Tarkistakaa tilanne/,
		    'the message to the units is not public');
		const again = await new Browser().get(`/round/${round}${q}`,
		    { 'if-none-match': r.headers.get('etag') });
		assert.equal(again.status, 304);
	}
	const sv = await new Browser().get(`/round/${round}?lang=sv`);
	assert.match(sv.text, new RegExp('Svar kom från 1 av 2 enheter; har ' +
	    `inte svarat: ${UNIT_B}\\.`));
	assert.equal((await new Browser().get('/round/999999999')).status, 404);
});

test('the pages of a round are valid HTML5', async () => {
	const pages = [
		['/b/rounds', await as.admin.get('/b/rounds?lang=sv')],
		['/b/rounds refused', await as.admin.post('/b/rounds', roundForm(
		    as.admin.csrf, { deadline: day(-2) }))],
		['/b/rounds/ID', await as.admin.get(`/b/rounds/${round}`)],
		['/b with a request', await as.a.get('/b?lang=en')],
		['/round/ID', await new Browser().get(`/round/${round}?lang=sv`)],
	];
	const problems = await htmlProblems(pages.map(([what, r]) => [what, r.text]));
	assert.deepEqual(problems, [], 'expected no HTML5 errors');
});

test('the council reports list the rounds of their processes, each ' +
    'linked to its public report', async () => {
	const p = await as.anon.get(`/p/${SLUG}/report?lang=en`);
	assert.equal(p.status, 200);
	assert.match(p.text, /<h2 id="rounds">Reporting rounds<\/h2>/);
	assert.ok(p.text.includes(`<li><a href="/round/${round}?lang=en" lang="fi">` +
	    `Kevään kierros ${RUN}</a>: reporting round open, deadline `),
	    'the process report links the round\'s public report');
	const all = await as.anon.get('/report');
	assert.ok(all.text.includes(`<a href="/round/${round}">Kevään kierros ${RUN}</a>`),
	    'so does the report of every process');
	const other = await as.anon.get(`/p/${SLUG_EMPTY}/report`);
	assert.ok(!other.text.includes(`href="/round/${round}"`),
	    'not the report of a process outside the round');
});

test('a round of an unpublished process has no public report', async () => {
	const r = await as.admin.post('/b/rounds', roundForm(as.admin.csrf,
	    { title: `Piilossa ${RUN}` }, [pid[SLUG_HIDDEN]]));
	assert.equal(r.status, 303);
	const id = r.location.match(/([0-9]+)\?/)[1];
	assert.equal((await new Browser().get(`/round/${id}`)).status, 404);
	const admin = await as.admin.get(`/b/rounds/${id}`);
	assert.doesNotMatch(admin.text, new RegExp(`href="/round/${id}"`));
	const list = await as.admin.get('/b/rounds');
	assert.doesNotMatch(list.text, new RegExp(`href="/round/${id}"`));
	const hidden = await as.admin.get(`/report`);
	assert.doesNotMatch(hidden.text, new RegExp(`href="/round/${id}"`),
	    'no link to a report that is not public');
	psql(`UPDATE round SET closed_at = now() WHERE id = ${id}`);
});

test('an overdue request says so', async () => {
	const r = await as.admin.post('/b/rounds', roundForm(as.admin.csrf,
	    { title: `Myöhässä ${RUN}` }));
	assert.equal(r.status, 303);
	const id = r.location.match(/([0-9]+)\?/)[1];
	// Time passing: past the trigger that keeps deadlines in the future.
	psql('ALTER TABLE round DISABLE TRIGGER round_deadline; UPDATE round ' +
	    `SET deadline = current_date - 3 WHERE id = ${id}; ALTER TABLE ` +
	    'round ENABLE TRIGGER round_deadline');
	const home = await as.b.get('/b');
	const s = home.text.match(new RegExp(`aria-labelledby="round-${id}">` +
	    '[\\s\\S]*?</section>'));
	assert.ok(s, 'the overdue round is shown');
	assert.match(s[0], new RegExp(`Määräaika ${shownDate(day(-3))} on mennyt`));
	psql(`UPDATE round SET closed_at = now() WHERE id = ${id}`);
});

// ---- Closing. ----

test('closing needs a confirmation that says how many have not answered',
    async () => {
	const page = await as.admin.get(`/b/rounds/${round}`);
	assert.match(page.text, new RegExp(`<a href="/b/rounds/${round}/close">`),
	    'the round page leads to the confirmation step');
	assert.doesNotMatch(page.text, new RegExp(`action="/b/rounds/${round}/close`),
	    'no one-click close on the round page');
	const step = await as.admin.get(`/b/rounds/${round}/close`);
	assert.equal(step.status, 200);
	assert.match(step.text, /1 yksikköä 2 yksiköstä ei ole vastannut/,
	    'the step says how many units have not answered');
	assert.match(step.text, /name="confirm" value="1"/);
	const plain = await as.admin.post(`/b/rounds/${round}/close`,
	    { csrf: as.admin.csrf });
	assert.equal(plain.status, 422, 'a close without the confirmation');
	assert.match(plain.text, /Kierrosta ei suljettu/);
	assert.equal(psql(`SELECT closed_at IS NULL FROM round WHERE id = ${round}`),
	    't', 'still open');
});

test('closing: editor 403, forged 403, admin 303; then no answers',
    async () => {
	let r = await as.a.post(`/b/rounds/${round}/close`, { csrf: as.a.csrf });
	assert.equal(r.status, 403);
	r = await as.admin.post(`/b/rounds/${round}/close`,
	    { csrf: 'x'.repeat(43) });
	assert.equal(r.status, 403);
	assert.equal(psql(`SELECT closed_at IS NULL FROM round WHERE id = ${round}`),
	    't', 'still open');
	r = await as.admin.post(`/b/rounds/${round}/close`,
	    { csrf: as.admin.csrf, confirm: '1' });
	assert.equal(r.status, 303);
	assert.equal(r.location, `/b/rounds/${round}?closed=1`);
	r = await as.b.post(`/b/rounds/${round}/confirm`,
	    { csrf: as.b.csrf, action: String(act['Kierros B1']) });
	assert.equal(r.status, 409, 'a closed round takes no answers');
	assert.match(r.text, /Kierros on suljettu/);
	assert.equal(answer(act['Kierros B1']), 'none');
	const home = await as.b.get('/b');
	assert.doesNotMatch(home.text, new RegExp(`round-${round}"`),
	    'a closed round is no longer asked');
	r = await as.admin.post(`/b/rounds/${round}/close`,
	    { csrf: as.admin.csrf, confirm: '1' });
	assert.equal(r.status, 409, 'closing twice');
});
