// Progress as numbers and bars: each recommendation's and process's
// progress on the table, the recommendation page, the front page, the
// reports and in the JSON documents, computed by the database
// (sql/functions/progress.sql).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { get, importCsv, HEADER, RUN, psql, lit, eventually } from './lib.mjs';

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
	    will_not_be_done: 1 });
	assert.deepEqual(by['2'], { percent: null, actions: 1,
	    not_reported: 0, will_not_be_done: 1 });
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
