// Progress as numbers and bars: each recommendation's and process's
// progress on the table, the recommendation page, the front page, the
// reports and in the JSON documents, computed by the database
// (sql/functions/progress.sql).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { get, importCsv, HEADER, RUN, psql, lit, eventually, signInNew,
    hiddenValue, textareaValue } from './lib.mjs';

const SLUG = 'edistyminen-' + RUN;
const NBSP = '\u00a0';

// 1: in progress (50) and no status (0) -> 25; "will not be done" left
//    out. 2: only "will not be done" -> none. 3: no actions -> 0.
// 4: 4.1 done (100), 4.2 planned (10) -> 55. The process: the mean of
//    1, 3 and 4 = (25 + 0 + 55) / 3 = 26.7 -> 27; 2 is left out.
importCsv(SLUG, HEADER +
    '1. Ensimmäinen suositus,,Käynnissä oleva,,Käynnissä,Yksikkö,\n' +
    ',,Ilman tilaa,,,Yksikkö,\n' +
    ',,Hylätty,,Ei toteuteta Ei rahoitusta.,Yksikkö,\n' +
    '2. Toinen suositus,,Vain hylätty,,Ei toteuteta,Yksikkö,\n' +
    '3. Kolmas suositus,,,,,,\n' +
    '4. Neljäs suositus,4.1. Alasuositus yksi,Valmis,,Toteutettu,Yksikkö,\n' +
    ',4.2. Alasuositus kaksi,Suunniteltu,,Suunnitteilla,Yksikkö,\n',
    'Edistymistesti');
const recs = Object.fromEntries(psql('SELECT r.number || \'=\' || r.id ' +
    'FROM recommendation r JOIN process p ON p.id = r.process_id ' +
    `WHERE p.slug = ${lit(SLUG)} ORDER BY r.id`).split('\n')
    .map((l) => l.split('=')));
const actionId = psql('SELECT a.id FROM action a JOIN process p ON ' +
    `p.id = a.process_id WHERE p.slug = ${lit(SLUG)} AND a.body = ` +
    "'Hylätty'");

// The recommendation header cell of the table for recommendation n.
function recCell(html, n) {
	const cells = html.match(/<th scope="rowgroup"[\s\S]*?<\/th>/g) || [];
	return cells.find((c) => c.includes(`/r/${recs[n]}"`) ||
	    c.includes(`/r/${recs[n]}?`));
}

function bar(step) {
	return `<span class="progress-bar" aria-hidden="true"><span ` +
	    `class="progress-fill progress-${step}"></span></span>`;
}

// The percentage of "in progress" as the demo has it, put back if a
// test stopped before it did.
after(() => {
	if (psql("SELECT progress FROM status WHERE code = 'in_progress'") !==
	    '50')
		psql("UPDATE status SET progress = 50 WHERE code = " +
		    "'in_progress'");
});

test('the table says each recommendation\'s progress as text, with a ' +
    'bar that only decorates', async () => {
	const r = await get(`/p/${SLUG}`);
	assert.equal(r.status, 200);
	for (const [n, text, step] of [['1', `25${NBSP}%`, 25],
	    ['3', `0${NBSP}%`, 0], ['4', `55${NBSP}%`, 55]]) {
		const cell = recCell(r.text, n);
		assert.ok(cell, 'expected the header cell of recommendation ' + n);
		assert.ok(cell.includes(`<span class="progress-text">` +
		    `Edistyminen: ${text}</span>` + bar(step)),
		    `recommendation ${n}: expected "Edistyminen: ${text}" and ` +
		    `the bar at ${step}: ${cell}`);
	}
	const two = recCell(r.text, '2');
	assert.match(two, /Edistyminen: ei lainkaan, ei toteuteta<\/span><\/span>/,
	    'recommendation 2, every action will not be done: said so, no bar');
	assert.doesNotMatch(two, /progress-bar/, 'and no bar');
	const sv = await get(`/p/${SLUG}?lang=sv`);
	assert.ok(recCell(sv.text, '1').includes(`Framsteg: 25${NBSP}%`),
	    'Swedish: "Framsteg: 25 %"');
	const en = await get(`/p/${SLUG}?lang=en&sort=status`);
	assert.ok(en.text.includes('Progress: 25%</span>'),
	    'English, sorted by status (a header cell per row): "Progress: 25%"');
	assert.doesNotMatch(r.text, /style=/, 'no inline style (strict CSP)');
});

test('a recommendation\'s page says how its progress is made up', async () => {
	const r = await get(`/p/${SLUG}/r/${recs['1']}`);
	assert.equal(r.status, 200);
	const sec = r.text.match(/<section class="rec-progress"[\s\S]*?<\/section>/);
	assert.ok(sec, 'expected the progress section');
	assert.match(sec[0], new RegExp(`Edistyminen: 25${NBSP}%`));
	assert.match(sec[0], /toimenpiteiden \(3\) edistymisen keskiarvo/,
	    'its three actions');
	assert.match(sec[0], /Ilman tilaa, lasketaan 0 %:ksi: 1\./,
	    'one without a status, counted as 0');
	assert.match(sec[0], /Ei toteuteta, jätetään laskematta: 1\./,
	    'one that will not be done, left out');
	assert.match(sec[0], /href="\/statuses#progress"/,
	    'links the explanation');
	const sub = await get(`/p/${SLUG}/r/${recs['4.2']}?lang=en`);
	assert.match(sub.text, /Progress: 10%/, 'a sub-recommendation: its own');
	const none = await get(`/p/${SLUG}/r/${recs['3']}?lang=sv`);
	assert.match(none.text, /Inga åtgärder ännu: 0 %\./,
	    'no actions yet: 0 %');
});

test('the front page and the reports show the process\'s progress',
    async () => {
	const home = await get('/');
	const li = home.text.split('<li class="process">')
	    .find((x) => x.includes(`/p/${SLUG}"`));
	assert.ok(li, 'the process is on the front page');
	assert.ok(li.includes(`Edistyminen: 27${NBSP}%</span>` + bar(25)),
	    'expected (25 + 0 + 55) / 3 = 27 % with the bar at 25: ' + li);
	const rep = await get(`/p/${SLUG}/report`);
	const sec = rep.text.match(/<section aria-labelledby="progress">[\s\S]*?<\/table>/);
	assert.ok(sec, 'the report has a progress section with a table');
	assert.match(sec[0], new RegExp(`class="process-progress"><span class="progress"><span class="progress-text">Edistyminen: 27${NBSP}%`));
	assert.match(sec[0], new RegExp(`/r/${recs['2']}">2\\. Toinen suositus</a></th><td data-label="Edistyminen"><span class="progress"><span class="progress-text">Edistyminen: ei lainkaan, ei toteuteta</span></span></td><td class="num" data-label="Toimenpiteet">1</td><td class="num" data-label="Ei toteuteta">1</td>`),
	    'recommendation 2: one action, which will not be done');
	assert.doesNotMatch(sec[0], new RegExp(`/r/${recs['4.1']}"`),
	    'only top-level recommendations are listed');
	const all = await get('/report?lang=en');
	assert.match(all.text, new RegExp(`/p/${SLUG}\\?lang=en"[^>]*>Edistymistesti</a></th><td data-label="Progress"><span class="progress"><span class="progress-text">Progress: 27%</span>[\\s\\S]*?data-label="Recommendations">4</td><td class="num" data-label="Will not be done">1</td>`),
	    'the report of every process: 27 %, 4 recommendations, 1 left out');
	const st = await get('/statuses?lang=sv');
	assert.match(st.text, /<section id="progress"[\s\S]*Hur framstegen räknas[\s\S]*medelvärdet av framstegen i dess rekommendationer/,
	    '/statuses explains how progress is counted');
});

test('the JSON documents carry the progress', async () => {
	const list = JSON.parse((await get('/api/v1/processes')).text);
	const p = list.processes.find((x) => x.slug === SLUG);
	assert.deepEqual(p.progress, { percent: 27, recommendations: 4,
	    will_not_be_done: 1 });
	const doc = JSON.parse((await get(`/api/v1/processes/${SLUG}`)).text);
	assert.deepEqual(doc.progress, p.progress);
	const by = Object.fromEntries(doc.recommendations.map((r) =>
	    [r.number, r.progress]));
	assert.deepEqual(by['1'], { percent: 25, actions: 3, not_reported: 1,
	    will_not_be_done: 1, weighted: false });
	assert.deepEqual(by['2'], { percent: null, actions: 1,
	    not_reported: 0, will_not_be_done: 1, weighted: false });
	assert.equal(by['3'].percent, 0);
	assert.equal(by['4'].percent, 55);
	assert.equal(by['4.1'].percent, 100);
	const rows = JSON.parse((await get(`/p/${SLUG}.json`)).text);
	assert.deepEqual(rows.process.progress, p.progress);
	assert.deepEqual(rows.rows[0].recommendation.progress, by['1']);
	assert.equal(rows.rows[0].action.status.progress, 50,
	    'a status carries its percentage');
	const a = JSON.parse((await get(`/api/v1/actions/${actionId}`)).text);
	assert.equal(a.progress, null, 'an action that will not be done: null');
	assert.equal(a.status.progress, null);
	// The CSV keeps the published layout: no progress column.
	const csv = await get(`/p/${SLUG}.csv?dialect=rfc4180`);
	assert.ok(csv.text.startsWith(HEADER), 'the CSV header is unchanged');
});

test('a status\'s new percentage moves every progress at once', async () => {
	psql("UPDATE status SET progress = 70 WHERE code = 'in_progress'");
	// 1: (70 + 0) / 2 = 35; the process (35 + 0 + 55) / 3 = 30.
	const r = await eventually(async () => {
		const t = await get(`/p/${SLUG}`);
		return (recCell(t.text, '1') || '').includes(`35${NBSP}%`) ?
		    t : null;
	});
	assert.ok(r, 'expected recommendation 1 at 35 %');
	const p = JSON.parse((await get('/api/v1/processes')).text).processes
	    .find((x) => x.slug === SLUG);
	assert.equal(p.progress.percent, 30, 'expected the process at 30 %');
	psql("UPDATE status SET progress = 50 WHERE code = 'in_progress'");
	// Back as it was, on every worker, before the next file begins.
	assert.ok(await eventually(async () => {
		for (let i = 0; i < 4; i++) {
			const t = await get(`/p/${SLUG}`);
			if (!(recCell(t.text, '1') || '').includes(`25${NBSP}%`))
				return null;
		}
		return true;
	}), 'expected recommendation 1 back at 25 %');
});

// The admin's action form of action aid as fields to post, with the
// weight fields of every recommendation (as the form shows them).
async function actionForm(admin, aid) {
	const r = await admin.get(`/b/a/${aid}`);
	assert.equal(r.status, 200);
	const f = [['csrf', admin.csrf], ['revision', hiddenValue(r.text,
	    'revision')], ['body', textareaValue(r.text, 'body')]];
	for (const m of r.text.matchAll(/<input type="checkbox" id="(rec|unit)-\d+" name="(\w+)" value="(\d+)" checked>/g))
		f.push([m[2], m[3]]);
	for (const m of r.text.matchAll(/name="(weight-\d+)"[^>]* value="(\d+)"/g))
		f.push([m[1], m[2]]);
	return { page: r.text, fields: f };
}

const linkWeight = (rec, aid) => psql('SELECT weight FROM ' +
    `recommendation_action WHERE recommendation_id = ${rec} AND ` +
    `action_id = ${aid}`);

test('weights: an admin sets how much an action counts in a ' +
    'recommendation\'s progress; the weighted mean shows everywhere, bad ' +
    'weights change nothing', async () => {
	const admin = await signInNew('progress-weights');
	const aid = psql('SELECT a.id FROM action a JOIN process p ON ' +
	    `p.id = a.process_id WHERE p.slug = ${lit(SLUG)} AND a.body = ` +
	    "'Käynnissä oleva'");
	const { page, fields } = await actionForm(admin, aid);
	assert.ok(page.includes(`<label for="weight-${recs['1']}">Paino</label> ` +
	    `<input type="number" id="weight-${recs['1']}" name="weight-` +
	    `${recs['1']}" min="1" max="100" step="1" inputmode="numeric" ` +
	    'value="1" aria-describedby="weight-hint">'),
	    'each recommendation has a weight field, 1 by default');
	assert.match(page, /id="weight-hint">Paino \(1–100\) kertoo/);
	assert.equal(linkWeight(recs['1'], aid), '1', 'every link weighs 1');
	const revision = psql(`SELECT revision FROM action WHERE id = ${aid}`);
	const hist = () => psql('SELECT count(*) FROM history WHERE ' +
	    `table_name = 'recommendation_action' AND row_id = ${aid}`);
	const before = hist();
	// Bad weights: 422, the rule in words, nothing changed.
	for (const bad of ['0', '101', '-1', '2.5', 'kolme', '1000000']) {
		const r = await admin.post(`/b/a/${aid}/define`, fields.map(
		    ([k, v]) => [k, k === `weight-${recs['1']}` ? bad : v]));
		assert.equal(r.status, 422, `weight ${bad}: 422`);
		assert.match(r.text, /Paino on kokonaisluku 1–100\. Mitään ei tallennettu\./,
		    `weight ${bad}: the rule in words`);
		assert.equal(linkWeight(recs['1'], aid), '1', `weight ${bad}: unchanged`);
		assert.equal(psql(`SELECT revision FROM action WHERE id = ${aid}`),
		    revision, `weight ${bad}: the action unchanged`);
	}
	assert.equal(hist(), before, 'no history row for a refused weight');
	// 3 for recommendation 1: (3 * 50 + 0) / 4 = 37.5, rounded 38.
	const ok = await admin.post(`/b/a/${aid}/define`, fields.map(
	    ([k, v]) => [k, k === `weight-${recs['1']}` ? '3' : v]));
	assert.equal(ok.status, 303, ok.text.slice(0, 300));
	assert.equal(linkWeight(recs['1'], aid), '3');
	assert.equal(Number(hist()), Number(before) + 1,
	    'the changed weight left a history row of its link');
	const t = await eventually(async () => {
		const x = await get(`/p/${SLUG}`);
		return (recCell(x.text, '1') || '').includes(`38${NBSP}%`) && x;
	});
	assert.ok(t, 'the table: recommendation 1 at the weighted 38 %');
	const rp = await get(`/p/${SLUG}/r/${recs['1']}`);
	assert.match(rp.text, /Toimenpiteet on painotettu: ylläpitäjä on asettanut, kuinka paljon kukin niistä painaa\./,
	    'the recommendation\'s page says its actions are weighted');
	const four = await get(`/p/${SLUG}/r/${recs['4']}`);
	assert.doesNotMatch(four.text, /painotettu/, 'one with equal weights ' +
	    'does not');
	const doc = JSON.parse((await get(`/api/v1/processes/${SLUG}`)).text);
	const one = doc.recommendations.find((r) => r.number === '1');
	assert.equal(one.progress.percent, 38);
	assert.equal(one.progress.weighted, true);
	const a = JSON.parse((await get(`/api/v1/actions/${aid}`)).text);
	assert.equal(a.recommendations.find((r) => r.number === '1').weight, 3,
	    'the API gives the link\'s weight');
	const rows = JSON.parse((await get(`/p/${SLUG}.json`)).text);
	assert.equal(rows.rows[0].recommendation.progress.percent, 38);
	const st = await get('/statuses');
	assert.match(st.text, /painotettu keskiarvo/, '/statuses says so');
	// An empty field is the default weight again.
	const back = await admin.post(`/b/a/${aid}/define`, fields.map(
	    ([k, v]) => [k, k === `weight-${recs['1']}` ? '' : v]).map(
	    ([k, v]) => k === 'revision' ? [k, psql('SELECT revision FROM ' +
	    `action WHERE id = ${aid}`)] : [k, v]));
	assert.equal(back.status, 303, back.text.slice(0, 300));
	assert.equal(linkWeight(recs['1'], aid), '1', 'empty: 1 again');
	assert.ok(await eventually(async () => {
		const x = await get(`/p/${SLUG}`);
		return (recCell(x.text, '1') || '').includes(`25${NBSP}%`);
	}), 'recommendation 1 back at 25 %');
});
