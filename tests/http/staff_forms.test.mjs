// Generated posts to every form of a process's staff pages: the process,
// its recommendations, its actions and their milestones. Each post
// sends the form's own fields (read from the page), each kept, left out,
// emptied, given twice, or given a value from a list of awkward ones
// (each field's maxlength and one more, other choices, numbers out of
// range, markup, SQL, control characters, other scripts), with the
// session's CSRF token or, now and then, a wrong one. Nothing may answer
// 5xx or write a broken character; a post that is not saved (anything
// but a 303) changes nothing of the process; an editor of another unit
// is refused every form. Only this file's own process is touched.
// tests/run runs this file against the server built with ASan/UBSan
// too. The seed is printed; TOTEUMA_SEED repeats a run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HEADER, RUN, importCsv, pageForms, psql, seeded, signInNew }
    from './lib.mjs';

const { seed, rnd, pick } = seeded();
const POSTS = process.env.TOTEUMA_SANITIZED === '1' ? 80 : 300;

const SLUG = 'lomakkeet-' + RUN;
importCsv(SLUG, HEADER +
    '1. Nuorten palvelut,,Nuorisotalo avataan,1/2025 – 12/2025,' +
    'Käynnissä,Tietohallinto,Lisätieto\r\n' +
    '1.1 Tarkennus,,Ohjaamo laajenee,Jatkuvaa,Suunnitteilla,' +
    'Tietohallinto,\r\n' +
    '2. Toinen suositus,,Toinen toimenpide,3/2026,Toteutettu,' +
    'Tietohallinto,\r\n', 'Lomaketesti');
// The unit of another process, whose editor may touch none of this one.
const OTHER_UNIT = 'Muu lomakeyksikkö ' + RUN;
importCsv(SLUG + '-muu', HEADER + '1. Muu,,Muu toimenpide,Jatkuvaa,' +
    `Suunnitteilla,${OTHER_UNIT},\r\n`, 'Lomaketesti, muu');
const pid = psql(`SELECT id FROM process WHERE slug = '${SLUG}'`);
const recs = psql(`SELECT id FROM recommendation WHERE process_id = ${pid} ` +
    'ORDER BY id').split('\n');
const acts = psql(`SELECT id FROM action WHERE process_id = ${pid} ` +
    'ORDER BY id').split('\n');
const OWN = new RegExp(`^/b/(p/${pid}|r/(${recs.join('|')})|` +
    `a/(${acts.join('|')}))(/|\\?|$)`);

// What of the process a refused post must leave as it was.
function digest() {
	const of = `(SELECT id FROM action WHERE process_id = ${pid})`;
	return psql('SELECT md5(concat_ws(\'|\', ' +
	    `(SELECT row_to_json(p)::text FROM process p WHERE id = ${pid}), ` +
	    '(SELECT json_agg(r ORDER BY r.id)::text FROM recommendation r ' +
	    `WHERE process_id = ${pid}), ` +
	    '(SELECT json_agg(a ORDER BY a.id)::text FROM action a ' +
	    `WHERE process_id = ${pid}), ` +
	    '(SELECT json_agg(x ORDER BY x.recommendation_id, x.action_id)' +
	    `::text FROM recommendation_action x WHERE action_id IN ${of}), ` +
	    '(SELECT json_agg(x ORDER BY x.action_id, x.unit_id)::text ' +
	    `FROM action_unit x WHERE action_id IN ${of}), ` +
	    '(SELECT json_agg(x ORDER BY x.id)::text FROM action_pending x ' +
	    `WHERE action_id IN ${of})))`);
}

const AWKWARD = ['', ' ', '0', '-1', '1', '101', '99999999999999999999',
    'x', '3.x', '13/2025', '2025-02-30', '2025-12', '12/2025', '1/2025',
    '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>',
    "'; DROP TABLE action; --", 'a\u0001b', 'rivi\r\ntoinen', '\t',
    'javascript:alert(1)', 'https://example.org/x', 'Åland ääkköset',
    'тест 日本 😀', '%00', 'a'.repeat(300), 'new', 'on', 'true'];

// One field's pairs in a generated body.
function generated(name, f) {
	const pairs = (v) => [[name, v]];
	const kept = f.values.map((v) => [name, v]);
	if (name === 'csrf')
		return rnd(10) === 0 ? pairs('x'.repeat(43)) : kept;
	switch (rnd(9)) {
	case 0: case 1: case 2:
		return kept;
	case 3:
		return [];
	case 4:
		return [[name, f.values[0] ?? ''], [name, pick(AWKWARD)]];
	case 5:
		return f.choices.length > 0 ? pairs(pick(f.choices)) :
		    pairs(pick(AWKWARD));
	case 6:
		if (f.max > 0)
			return pairs(pick(['ä', 'a', '€', '😀']).repeat(
			    f.max + rnd(2)));
		return pairs(pick(AWKWARD));
	default:
		return pairs(pick(AWKWARD));
	}
}

function body(form) {
	const pairs = [];
	for (const [name, f] of form.fields)
		pairs.push(...generated(name, f));
	if (rnd(8) === 0)
		pairs.push([pick(['unknown', 'id', 'user_id', 'process_id']),
		    pick(AWKWARD)]);
	return pairs;
}

test('generated posts to a process\'s staff forms: no 5xx, no broken ' +
    `text, and what is not saved changes nothing (seed ${seed})`,
    { timeout: 600000 }, async (t) => {
	const admin = await signInNew('lomakkeet');
	const editor = await signInNew('lomakkeet-muu', 'editor',
	    [OTHER_UNIT]);
	let answers = {}, refusals = 0, denied = 0, saves = 0;
	let all = [];
	const refresh = async () => {
		all = [];
		const pages = [`/b/p/${pid}`, ...recs.map((r) => `/b/r/${r}`),
		    ...acts.flatMap((a) => [`/b/a/${a}`, `/b/a/${a}/m/new`])];
		for (const p of pages) {
			const r = await admin.get(p);
			if (r.status === 200)
				all.push(...pageForms(r.text, (a) => OWN.test(a)));
		}
	};
	await refresh();
	const kinds = new Set(all.map((f) => f.action.replace(/[0-9]+/g, 'N')));
	assert.ok(kinds.size >= 12, 'the forms found: ' + [...kinds].join(' '));
	for (let i = 0; i < POSTS; i++) {
		if (i % 25 === 0)
			await refresh();
		const form = pick(all);
		const who = rnd(6) === 0 ? editor : admin;
		// An editor posts with a token of its own session.
		const sent = body(form).map(([n, v]) => [n, n === 'csrf' &&
		    who === editor && v === admin.csrf ? editor.csrf : v]);
		const before = digest();
		const r = await who.post(form.action, sent);
		const what = `${who === editor ? 'editor' : 'admin'} ` +
		    `${form.action} ${new URLSearchParams(sent)}`.slice(0, 600);
		answers[r.status] = (answers[r.status] ?? 0) + 1;
		assert.ok(r.status < 500, `${r.status}: ${what}`);
		assert.ok(!r.text.includes('\ufffd'),
		    `a broken character in the answer: ${what}`);
		if (who === editor) {
			assert.ok(r.status >= 400, `another unit's editor ` +
			    `${r.status}: ${what}`);
			denied += r.status === 403;
		}
		if (r.status !== 303) {
			refusals++;
			assert.equal(digest(), before, `${r.status} changed the ` +
			    `process: ${what}`);
		} else
			saves += digest() !== before;
	}
	t.diagnostic(`answers: ${JSON.stringify(answers)}, editor denied: ` +
	    denied);
	assert.ok(denied > 0, 'the editor is denied, not only refused');
	assert.ok(saves > 0, 'a save changes what the digest reads');
	assert.ok(refusals > POSTS / 4 && refusals < POSTS,
	    'some posts are saved and some refused: ' + JSON.stringify(answers));
	const home = await admin.get('/b');
	assert.equal(home.status, 200, 'the server keeps serving');
});
