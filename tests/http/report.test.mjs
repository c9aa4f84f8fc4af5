// The council's reports and snapshots against the real server and
// database: the numbers of /report and /p/SLUG/report equal what psql
// counts, the changes between two dates, bad input (400 and 404 in the
// page's language), and snapshots made by an admin (and refused to an
// editor, to a forged form and for a future date) that show a status as
// it was after it has changed.
//
// The file works on processes of its own (http-report-RUN, and an
// unpublished http-report-hidden-RUN) and accounts with the same suffix.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import {
	get, importCsv, HEADER, Browser, login, hiddenValue, psql, addUser,
	eventually, unescapeHtml, RUN, PW, lit, shownDate,
} from './lib.mjs';

// Processes of their own per run: the file can run again on a database.
const SLUG = `http-report-${RUN}`;
const HIDDEN = `http-report-hidden-${RUN}`;
const UNIT_A = 'Raporttiyksikkö A';
const UNIT_B = 'Raporttiyksikkö B';
const FORGED = 'X'.repeat(43);
const mail = (who) => `report-${who}-${RUN}@test.invalid`;

const CSV = HEADER +
    `1. Raporttisuositus ${RUN},,Toimenpide A ${RUN},1/2025 – 2/2025,` +
    `Käynnissä Alkanut,${UNIT_A},Lisätieto A\r\n` +
    `,Tarkennus,Toimenpide B ${RUN},Jatkuvaa,Suunnitteilla,` +
    `${UNIT_B},Lisätieto B\r\n` +
    `2. Toinen raporttisuositus,2.1. Alasuositus,Toimenpide C ${RUN},` +
    `1/2030 – 2/2030,Ei aloitettu,${UNIT_A}; ${UNIT_B},Lisätieto C\r\n`;

let pid, hiddenPid, today, actionA, actionB, actionC, adminB, editorB;

const q1 = (sql) => psql(sql);

// The part of a page from the element with this id to the end of its
// section.
function section(html, id) {
	const i = html.indexOf(`id="${id}"`);
	assert.ok(i >= 0, `expected a section with id="${id}" on the report`);
	const end = html.indexOf('</section>', i);
	return html.slice(i, end);
}

// "label -> number" of the rows of the first table of a section.
function countRows(html) {
	const body = html.slice(html.indexOf('<tbody>'), html.indexOf('</tbody>'));
	const out = new Map();
	for (const m of body.matchAll(/<tr><th scope="row"[^>]*>([^<]*)<\/th>([\s\S]*?)<\/tr>/g)) {
		const nums = [...m[2].matchAll(/<td class="num"[^>]*>(\d+)<\/td>/g)]
		    .map((x) => Number(x[1]));
		out.set(unescapeHtml(m[1]), nums);
	}
	return out;
}

// Counts by Finnish status label from psql, for a WHERE on process_row.
function statusCounts(where) {
	const out = new Map();
	const rows = q1(`SELECT coalesce(s.label_fi, 'Ei tilaa'),
	    count(DISTINCT pr.action_id) FROM process_row pr
	    JOIN process p ON p.id = pr.process_id
	    LEFT JOIN status s ON s.id = pr.status_id
	    WHERE pr.action_id IS NOT NULL AND ${where} GROUP BY 1`);
	for (const line of rows.split('\n').filter(Boolean)) {
		const [label, n] = line.split('|');
		out.set(label, Number(n));
	}
	return out;
}

function checkStatusTable(html, expected, what) {
	const got = countRows(section(html, 'by-status'));
	const labels = q1('SELECT label_fi FROM status ORDER BY position')
	    .split('\n');
	for (const l of labels)
		assert.deepEqual(got.get(l), [expected.get(l) || 0],
		    `${what}: expected ${expected.get(l) || 0} actions with ` +
		    `status ${l} (counted with psql), the report says ` +
		    JSON.stringify(got.get(l)));
	const total = [...expected.values()].reduce((a, b) => a + b, 0);
	assert.match(section(html, 'by-status'),
	    new RegExp(`<th scope="row">Yhteensä</th><td class="num"[^>]*>${total}</td>`),
	    `${what}: expected the total ${total}`);
}

async function fresh(path, want) {
	const r = await eventually(async () => {
		const x = await get(path);
		return want(x) ? x : null;
	});
	return r || get(path);
}

before(async () => {
	importCsv(SLUG, CSV, 'Raporttitesti');
	importCsv(HIDDEN, HEADER + '1. Piilotettu,,Toimenpide,,Käynnissä,' +
	    `${UNIT_A},\r\n`, 'Piilotettu raporttitesti');
	pid = q1(`SELECT id FROM process WHERE slug = ${lit(SLUG)}`);
	hiddenPid = q1(`SELECT id FROM process WHERE slug = ${lit(HIDDEN)}`);
	q1(`UPDATE process SET published = false WHERE id = ${hiddenPid}`);
	today = q1("SELECT to_char(current_date, 'YYYY-MM-DD')");
	const id = (body) => q1(`SELECT id FROM action WHERE process_id = ` +
	    `${pid} AND body = ${lit(body)}`);
	actionA = id(`Toimenpide A ${RUN}`);
	actionB = id(`Toimenpide B ${RUN}`);
	actionC = id(`Toimenpide C ${RUN}`);
	// A and C existed early in 2025; B is new today.
	q1(`UPDATE history SET changed_at = '2025-01-10 12:00' WHERE
	    table_name = 'action' AND row_id IN (${actionA}, ${actionC})`);
	// A change of C in March 2025, outside the default period.
	q1(`UPDATE action SET status_note = 'Vanha muutos ${RUN}' WHERE
	    id = ${actionC}; SELECT process_rows_refresh_action(${actionC})`);
	q1(`UPDATE history SET changed_at = '2025-03-15 12:00' WHERE id =
	    (SELECT max(id) FROM history WHERE table_name = 'action' AND
	    row_id = ${actionC})`);
	// B not updated for 400 days: stale. A's schedule ended in 2/2025.
	q1(`UPDATE action SET updated_at = now() - interval '400 days'
	    WHERE id = ${actionB}`);
	// Today: A is done.
	q1(`SELECT set_config('toteuma.actor', 'report-test', false);
	    UPDATE action SET status_id = (SELECT id FROM status WHERE
	    code = 'done') WHERE id = ${actionA};
	    SELECT process_rows_refresh_action(${actionA})`);
	addUser(mail('admin'), 'admin', [], PW);
	addUser(mail('editor'), 'editor', [UNIT_A], PW);
	adminB = new Browser();
	assert.equal((await login(adminB, mail('admin'), PW)).status, 303,
	    'expected the admin to sign in');
	editorB = new Browser();
	assert.equal((await login(editorB, mail('editor'), PW)).status, 303,
	    'expected the editor to sign in');
});

test('the report of a process counts what psql counts', async () => {
	const r = await fresh(`/p/${SLUG}/report`, (x) => x.status === 200 &&
	    x.text.includes(`Toimenpide A ${RUN}`));
	assert.equal(r.status, 200, 'expected the process report');
	checkStatusTable(r.text, statusCounts(`pr.process_id = ${pid}`),
	    'process report');

	// Unit x status: the total of each unit.
	const units = countRows(section(r.text, 'by-unit'));
	for (const line of q1(`SELECT u.name, count(DISTINCT pr.action_id)
	    FROM process_row pr, unnest(pr.unit_ids) x(id)
	    JOIN unit u ON u.id = x.id WHERE pr.process_id = ${pid}
	    GROUP BY 1`).split('\n')) {
		const [name, n] = line.split('|');
		const cells = units.get(name);
		assert.ok(cells, `expected a row for unit ${name}`);
		assert.equal(cells[cells.length - 1], Number(n),
		    `expected ${n} actions for unit ${name} (psql)`);
		assert.equal(cells.slice(0, -1).reduce((a, b) => a + b, 0),
		    Number(n), `expected the status cells of ${name} to add up`);
	}
	assert.match(section(r.text, 'by-unit'), /<svg class="chart" role="img"[^>]*aria-label="[^"]+"/,
	    'expected an SVG chart with role=img and a name');

	// Responses: nothing answered yet, then one accepted.
	q1(`UPDATE recommendation SET response = 'accepted' WHERE
	    process_id = ${pid} AND number = '1'`);
	const r2 = await fresh(`/p/${SLUG}/report`, (x) =>
	    countRows(section(x.text, 'responses')).get('Hyväksytty')?.[0] === 1);
	assert.deepEqual(countRows(section(r2.text, 'responses'))
	    .get('Hyväksytty'), [1, 0], 'expected recommendation 1 counted ' +
	    'as one accepted recommendation and no sub-recommendation');
	const resp = countRows(section(r2.text, 'responses'));
	// Recommendations and sub-recommendations are counted apart.
	const want = q1(`SELECT count(*) FILTER (WHERE response =
	    'accepted' AND kind = 'recommendation'), count(*) FILTER (WHERE
	    response = 'accepted' AND kind = 'sub'), count(*) FILTER (WHERE
	    response IS NULL AND kind = 'recommendation'), count(*) FILTER
	    (WHERE response IS NULL AND kind = 'sub') FROM
	    recommendation WHERE process_id = ${pid} AND deleted_at IS NULL
	    AND kind <> 'specification'`).split('|').map(Number);
	assert.deepEqual([...resp.get('Hyväksytty'),
	    ...resp.get('Ei vielä vastattu')], want,
	    'expected the response counts psql gives (accepted, no response; ' +
	    'recommendations and sub-recommendations apart)');
	assert.ok(section(r2.text, 'responses').includes('2 suositusta ja 1 ' +
	    'alasuositusta'), 'expected the counts said in words');

	// Overdue and stale, with links to the actions.
	const overdue = Number(q1(`SELECT count(DISTINCT a.id) FROM action a
	    JOIN process_row pr ON pr.action_id = a.id LEFT JOIN status s
	    ON s.id = a.status_id WHERE pr.process_id = ${pid} AND
	    a.schedule_kind = 'months' AND a.schedule_end <
	    date_trunc('month', current_date) AND NOT coalesce(s.is_final,
	    false)`));
	const stale = Number(q1(`SELECT count(DISTINCT a.id) FROM action a
	    JOIN process_row pr ON pr.action_id = a.id LEFT JOIN status s
	    ON s.id = a.status_id WHERE pr.process_id = ${pid} AND
	    a.updated_at < now() - (SELECT stale_days FROM setting) *
	    interval '1 day' AND NOT coalesce(s.is_final, false)`));
	assert.equal(stale, 1, 'expected psql to find B stale');
	const od = section(r2.text, 'overdue');
	assert.ok(od.includes(`: ${overdue}.`),
	    `expected the overdue count ${overdue} (psql)`);
	assert.equal((od.match(/<tr><td><a href/g) || []).length, overdue,
	    `expected ${overdue} overdue rows`);
	const st = section(r2.text, 'stale');
	assert.ok(st.includes(`: ${stale}.`), `expected the stale count ${stale}`);
	assert.ok(st.includes(`href="/p/${SLUG}/a/${actionB}"`),
	    'expected the stale action B linked to its page');
	assert.ok(!od.includes(`/a/${actionA}"`),
	    'expected A, done now, not to be overdue');
});

test('the report of every process counts what psql counts', async () => {
	const r = await get('/report');
	assert.equal(r.status, 200, 'expected /report');
	checkStatusTable(r.text, statusCounts('p.published'), '/report');
	assert.ok(!r.text.includes(`/p/${HIDDEN}/`),
	    'expected the unpublished process to stay out of /report');
	assert.match(r.text, /<a href="\/report">Raportit<\/a>/,
	    'expected a Reports link in the navigation');
});

test('the report of every process summarises, each count linked to the table',
    async () => {
	const r = await get('/report');
	assert.equal(r.status, 200, 'expected /report');
	for (const id of ['overdue', 'stale', 'all-actions'])
		assert.ok(!r.text.includes(`id="${id}"`), 'expected no list ' +
		    `of single actions (${id}) on /report, only counts`);
	const sum = r.text.slice(r.text.indexOf('id="summary"'),
	    r.text.indexOf('id="changes"'));
	assert.ok(sum.length > 0, 'expected the summary section on /report');
	const row = sum.split('<tr>').find((x) =>
	    x.includes(`href="/p/${SLUG}"`) && !x.includes('class="node"'));
	assert.ok(row, `expected a row for ${SLUG} in the summary by process`);
	const links = [...row.matchAll(/<a href="([^"]+)">(\d+)<\/a>/g)]
	    .map((m) => [unescapeHtml(m[1]), Number(m[2])]);
	const byState = Object.fromEntries(links.map(([u, n]) =>
	    [new URL(u, 'http://x').searchParams.get('state') || 'total', n]));
	const want = q1(`SELECT count(*) FILTER (WHERE overdue),
	    count(*) FILTER (WHERE stale), count(*) FILTER (WHERE s.is_final
	    AND s.progress IS NOT NULL), count(*) FROM report_actions(${pid}) ra
	    LEFT JOIN status s ON s.id = ra.status_id`).split('|').map(Number);
	assert.deepEqual([byState.overdue || 0, byState.stale || 0,
	    byState.completed || 0, byState.total], want,
	    'expected overdue, stale, completed and total as psql counts them');
	// Each linked count is what the linked table (and its download) shows.
	const unitLinks = [...sum.matchAll(new RegExp(`<a href="(/p/${SLUG}\\?[^"]+)">(\\d+)</a>`, 'g'))]
	    .map((m) => [unescapeHtml(m[1]), Number(m[2])]);
	assert.ok(unitLinks.some(([u]) => u.includes('unit=')),
	    'expected counts by process and unit linked with unit=');
	for (const [u, n] of [...links, ...unitLinks]) {
		const j = await get(u.replace(/^\/p\/([^?]+)/, '/p/$1.json'));
		assert.equal(j.status, 200, `expected ${u} as JSON`);
		const doc = JSON.parse(j.text);
		const ids = new Set(doc.rows.map((x) => x.action_id ?? x.action?.id ?? JSON.stringify(x)));
		assert.equal(ids.size, n, `expected ${n} actions in ${u}`);
		const st = new URL(u, 'http://x').searchParams.get('state');
		if (st) {
			assert.equal(doc.query.state, st, `expected the JSON query to say state=${st}`);
			const page = await get(u);
			assert.equal(page.status, 200, `expected the table ${u}`);
		}
	}
	assert.equal((await get(`/p/${SLUG}?state=bogus`)).status, 400,
	    'expected 400 for an unknown state');
});

test('changes between two dates', async () => {
	const r = await get(`/p/${SLUG}/report?from=${today}&to=${today}`);
	assert.equal(r.status, 200);
	const ch = section(r.text, 'changes');
	assert.match(ch, new RegExp(`<a href="/p/${SLUG}/a/${actionA}">Toimenpide A ${RUN}</a></td><th scope="row"[^>]*>Tila</th><td[^>]*>Käynnissä</td><td[^>]*>Toteutettu</td><td[^>]*>${shownDate(today)}</td>`),
	    "expected today's status change of A (Käynnissä -> Toteutettu)");
	assert.ok(!ch.includes(`Vanha muutos ${RUN}`),
	    'expected the change of March 2025 not to be listed for today');
	assert.ok(!ch.includes('report-test'), 'expected no staff names');
	assert.ok(ch.includes('Muuttuneita toimenpiteitä: 1') &&
	    ch.includes('Toimenpiteitä, joiden tila muuttui: 1') &&
	    ch.includes('Lopulliseen tilaan edenneitä toimenpiteitä: 1'),
	    'expected the summary: 1 action changed, 1 changed status, ' +
	    '1 reached a final status');
	const old = await get(`/p/${SLUG}/report?from=2025-03-01&to=2025-03-31`);
	const och = section(old.text, 'changes');
	assert.ok(och.includes(`Vanha muutos ${RUN}`),
	    'expected the change of 2025-03-15 in March 2025');
	assert.ok(!och.includes(`/a/${actionA}"`),
	    "expected today's change outside March 2025");
	// The default period is the last 365 days.
	const def = await get(`/p/${SLUG}/report`);
	assert.ok(section(def.text, 'changes').includes(`/a/${actionA}"`),
	    'expected the default period to include today');
});

test('changes: one row per action and field, start and end of the period',
    async () => {
	// Five saves of B today: the note four times, the status there and
	// back. B stays stale (its updated_at is put back).
	const was = q1(`SELECT updated_at FROM action WHERE id = ${actionB}`);
	const noteBefore = q1(`SELECT coalesce(nullif(status_note, ''),
	    '(tyhjä)') FROM action WHERE id = ${actionB}`).replace(/[()]/g,
	    '\\$&');
	for (const [k, v] of [['status_note', `'Väli 1 ${RUN}'`],
	    ['status_id', "(SELECT id FROM status WHERE code = 'in_progress')"],
	    ['status_note', `'Väli 2 ${RUN}'`],
	    ['status_id', "(SELECT id FROM status WHERE code = 'planned')"],
	    ['status_note', `'Lopuksi ${RUN}'`]])
		q1(`SELECT set_config('toteuma.actor', 'report-test', false);
		    UPDATE action SET ${k} = ${v} WHERE id = ${actionB}`);
	q1(`UPDATE action SET updated_at = ${lit(was)} WHERE id = ${actionB};
	    SELECT process_rows_refresh_action(${actionB})`);
	const r = await fresh(`/p/${SLUG}/report?from=${today}&to=${today}`,
	    (x) => x.text.includes(`Lopuksi ${RUN}`));
	const ch = section(r.text, 'changes');
	const rowsB = ch.split('<tr>').filter((t) =>
	    t.includes(`/a/${actionB}"`));
	assert.equal(rowsB.length, 1, 'expected one row for B (its note), ' +
	    'not one per save, and none for its status, which ended where ' +
	    `it started; got ${rowsB.length}:\n${rowsB.join('\n')}`);
	assert.match(rowsB[0], new RegExp(`<th scope="row"[^>]*>Tilan kuvaus</th><td[^>]*>${noteBefore}</td><td[^>]*>Lopuksi ${RUN}</td><td[^>]*>5 kertaa, viimeksi ${shownDate(today)}</td>`),
	    'expected the note at the start and the end and the five saves');
	assert.ok(!ch.includes(`Väli 1 ${RUN}`) && !ch.includes(`Väli 2 ${RUN}`),
	    'expected the values in between to stay on the action page');
	assert.ok(ch.includes('Muuttuneita toimenpiteitä: 2') &&
	    ch.includes('Toimenpiteitä, joiden tila muuttui: 1'),
	    'expected the summary to count net changes: 2 actions changed, ' +
	    'only A changed its status');
	const page = await get(`/p/${SLUG}/a/${actionB}`);
	assert.ok(page.text.includes(`Väli 1 ${RUN}`),
	    'expected every save in the history on the action page');
});

test('bad input: 400 and 404 in the page language', async () => {
	let r = await get(`/p/${SLUG}/report?from=2026-05-01&to=2026-01-01`);
	assert.equal(r.status, 400, 'expected 400 for a reversed period');
	assert.ok(r.text.includes('Aikaväli päättyy ennen kuin se alkaa'),
	    'expected the Finnish message for a reversed period');
	r = await get('/report?lang=sv&from=2026-05-01&to=2026-01-01');
	assert.equal(r.status, 400);
	assert.ok(r.text.includes('Perioden slutar innan den börjar'),
	    'expected the Swedish message for a reversed period');
	r = await get('/report?lang=en&from=2026-02-30');
	assert.equal(r.status, 400, 'expected 400 for 30 February');
	assert.ok(r.text.includes('There is no such date.'));
	r = await get(`/p/${SLUG}/report?to=22.11.2026`);
	assert.equal(r.status, 400, 'expected 400 for a date in another form');
	assert.ok(r.text.includes('vuosi-kuukausi-päivä') ||
	    r.text.includes('2025-03-31'), 'expected the date format explained');
	r = await get(`/p/${SLUG}/s/999999999?lang=sv`);
	assert.equal(r.status, 404, 'expected 404 for an unknown snapshot');
	assert.ok(r.text.includes('Det finns ingen sådan ögonblicksbild'),
	    'expected the Swedish message for an unknown snapshot');
	r = await get(`/p/${HIDDEN}/report`);
	assert.equal(r.status, 404, 'expected 404 for an unpublished process');
	r = await get('/p/no-such-process/report');
	assert.equal(r.status, 404);
});

async function adminCsrf() {
	const page = await adminB.get(`/b/p/${pid}/snapshots`);
	assert.equal(page.status, 200, 'expected the admin snapshots page');
	return hiddenValue(page.text, 'csrf');
}

const helsinkiToday = () => q1("SELECT to_char((now() AT TIME ZONE " +
    "'Europe/Helsinki')::date, 'YYYY-MM-DD')");
const helsinkiYesterday = () => q1("SELECT to_char((now() AT TIME ZONE " +
    "'Europe/Helsinki')::date - 1, 'YYYY-MM-DD')");

const snapshots = () => Number(q1(`SELECT count(*) FROM snapshot WHERE
    process_id = ${pid}`));

test('snapshots: admin only, CSRF, no future', async () => {
	const adminPage = await adminB.get(`/b/p/${pid}`);
	assert.ok(adminPage.text.includes(`/b/p/${pid}/snapshots`),
	    'expected the admin process page to link to its snapshots');
	const before = snapshots();
	const dash = await editorB.get('/b');
	const ecsrf = hiddenValue(dash.text, 'csrf');
	let r = await editorB.post(`/b/p/${pid}/snapshots`,
	    { as_of: today, label: 'x', csrf: ecsrf });
	assert.equal(r.status, 403, 'expected an editor to be refused');
	r = await adminB.post(`/b/p/${pid}/snapshots`,
	    { as_of: today, label: 'x', csrf: FORGED });
	assert.equal(r.status, 403, 'expected a forged CSRF value refused');
	const tomorrow = q1("SELECT to_char(current_date + 1, 'YYYY-MM-DD')");
	r = await adminB.post(`/b/p/${pid}/snapshots`,
	    { as_of: tomorrow, label: `Tuleva ${RUN}`, csrf: await adminCsrf() });
	assert.equal(r.status, 422, 'expected 422 for a future date');
	assert.ok(r.text.includes(`value="${tomorrow}"`) &&
	    r.text.includes(`value="Tuleva ${RUN}"`),
	    'expected the typed date and label kept in the form');
	assert.ok(r.text.includes('Päivä ei ole vielä päättynyt'),
	    'expected the message for a day that has not ended');
	// Today has not ended in Helsinki: refused, nothing stored.
	r = await adminB.post(`/b/p/${pid}/snapshots`,
	    { as_of: helsinkiToday(), label: `Tänään ${RUN}`,
	    csrf: await adminCsrf() });
	assert.equal(r.status, 422, 'expected 422 for today, which has not ended');
	assert.ok(r.text.includes('Päivä ei ole vielä päättynyt'),
	    'expected the message for today');
	// Before the process existed (its actions' history starts
	// 2025-01-10): refused, nothing stored.
	r = await adminB.post(`/b/p/${pid}/snapshots`,
	    { as_of: '2025-01-09', label: `Liian aikaisin ${RUN}`,
	    csrf: await adminCsrf() });
	assert.equal(r.status, 422,
	    'expected 422 for a day before the process existed');
	assert.ok(r.text.includes('Prosessia ei vielä ollut sinä päivänä'),
	    'expected the message for a day before the process existed');
	assert.ok(r.text.includes('min="2025-01-10"') &&
	    r.text.includes(`max="${helsinkiYesterday()}"`) &&
	    r.text.includes('10.1.2025'),
	    'expected the form to say the first day and yesterday');
	r = await adminB.post(`/b/p/${pid}/snapshots`,
	    { as_of: '2025-13-01', label: '', csrf: await adminCsrf() });
	assert.equal(r.status, 422, 'expected 422 for a month 13');
	assert.equal(snapshots(), before, 'expected no snapshot made');
});

test('a snapshot of a past date shows the status before it changed',
    async () => {
	const r = await adminB.post(`/b/p/${pid}/snapshots`,
	    { as_of: '2025-06-30', label: `Raportti 6/2025 ${RUN}`,
	    csrf: await adminCsrf() });
	assert.equal(r.status, 303, 'expected the snapshot to be made');
	assert.match(r.location, new RegExp(`/b/p/${pid}/snapshots\\?saved=1`));
	const sid = q1(`SELECT max(id) FROM snapshot WHERE process_id = ${pid}`);
	assert.equal(q1(`SELECT count(*) FROM audit_log WHERE event =
	    'snapshot.create' AND object = 'snapshot/${sid}'`), '1',
	    'expected an audit row');
	const page = await fresh(`/p/${SLUG}/s/${sid}`, (x) => x.status === 200);
	assert.equal(page.status, 200, 'expected the public snapshot page');
	const rowA = page.text.split('<tr').find((t) =>
	    t.includes(`/a/${actionA}"`));
	assert.ok(rowA, 'expected a row for action A');
	assert.match(rowA, /<td[^>]*><span class="status status-3">Käynnissä<\/span><\/td><td[^>]*><span class="status status-5 status-final">Toteutettu<\/span><\/td>/,
	    'expected A in progress then and done now');
	assert.ok(rowA.includes('Muuttunut'), 'expected A marked as changed');
	const rowB = page.text.split('<tr').find((t) =>
	    t.includes(`Toimenpide B ${RUN}`));
	assert.ok(rowB && rowB.includes('Lisätty sen jälkeen'),
	    'expected B (made today) marked as added since');
	const rowC = page.text.split('<tr').find((t) =>
	    t.includes(`Toimenpide C ${RUN}`));
	assert.ok(rowC && !rowC.includes('change-marker'),
	    'expected C unchanged since its March 2025 change');
	// Another process's address, and the report's list.
	assert.equal((await get(`/p/asukaspaneeli-2024/s/${sid}`)).status, 404,
	    'expected 404 for the snapshot under another process');
	const rep = await get(`/p/${SLUG}/report`);
	assert.ok(rep.text.includes(`href="/p/${SLUG}/s/${sid}"`),
	    'expected the report to link to the snapshot');
	// The default period now starts after the snapshot.
	assert.ok(rep.text.includes('Muutokset 1.7.2025–'),
	    'expected the default period to start the day after the snapshot');
	// As of yesterday, the day that ended last: A's change of today
	// and B, made today, come after it.
	const r2 = await adminB.post(`/b/p/${pid}/snapshots`,
	    { as_of: helsinkiYesterday(), label: '', csrf: await adminCsrf() });
	assert.equal(r2.status, 303, 'expected a snapshot as of yesterday');
	const sid2 = q1(`SELECT max(id) FROM snapshot WHERE process_id = ${pid}`);
	const y = await fresh(`/p/${SLUG}/s/${sid2}`, (x) => x.status === 200);
	const yA = y.text.split('<tr').find((t) => t.includes(`/a/${actionA}"`));
	assert.ok(yA && yA.includes('Muuttunut'),
	    "expected A changed since yesterday (it became done today)");
});
