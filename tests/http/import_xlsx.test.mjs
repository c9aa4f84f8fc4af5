// Importing an Excel workbook (.xlsx) in the backend and with
// toteumactl: the application's own workbook imports back unchanged
// (export.xlsx -> import -> export.csv is the original export.csv), a
// chosen sheet is read, and a workbook that a table of text cannot come
// from (a formula without a saved result, a date stored as a number,
// cells merged across columns, no header row, a million rows, a ZIP
// bomb) is refused with its problems by cell, nothing changed.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { base, importCsv, HEADER, RUN, psql, lit, signInNew,
    unescapeHtml } from './lib.mjs';

const SLUG = `http-xlsx-${RUN}`;
const UNIT = `Työkirjan yksikkö ${RUN}`;
const FIXTURE = HEADER +
    `1. Ensimmäinen suositus,,Toimenpide yksi,1/2025 – 12/2026,` +
    `Käynnissä Alku,${UNIT},Lisätieto yksi\r\n` +
    `,,Toimenpide kaksi,Jatkuvaa,Suunnitteilla,${UNIT},"Rivi yksi\nrivi kaksi"\r\n` +
    `2. Toinen suositus,2.1. Alasuositus,Toimenpide kolme,` +
    `3/2025 – 6/2025,Käsitelty Päätös tehty,${UNIT},=ei kaava\r\n` +
    `,,Toimenpide neljä,Jatkuvaa,Suunnitteilla,${UNIT},\r\n` +
    `3. Kolmas suositus,,,,,,\r\n`;
const HEAD = ['Suositus', 'Tarkennus', 'Toimenpide', 'Aikataulu', 'Status',
    'Vastuu', 'Lisätieto'];
const dir = mkdtempSync(join(tmpdir(), 'toteuma-xlsx-'));
let admin;

// A workbook made by tests/http/xlsx_fixture.py from spec: its bytes.
function workbook(spec, name = 'w.xlsx') {
	const file = join(dir, name);
	execFileSync('/usr/bin/python3', [new URL('./xlsx_fixture.py',
	    import.meta.url).pathname, file], { input: JSON.stringify(spec) });
	return readFileSync(file);
}

// The backend's import form for process slug with a workbook.
function form(bytes, { slug = SLUG, sheet = '', name = 'taulukko.xlsx',
    newSlug = '', title = '' } = {}) {
	const fd = new FormData();
	fd.append('csrf', admin.csrf);
	fd.append('process', slug);
	fd.append('new_slug', newSlug);
	fd.append('title', title);
	fd.append('sheet', sheet);
	fd.append('file', new Blob([bytes], { type: 'application/' +
	    'vnd.openxmlformats-officedocument.spreadsheetml.sheet' }), name);
	return fd;
}

// The problem list of a refused upload: [cell, column, message].
function problems(html) {
	return [...html.matchAll(/<tr><td>([^<]*)<\/td><td lang="fi">([^<]*)<\/td><td>([\s\S]*?)<\/td><\/tr>/g)]
	    .map((m) => [m[1], m[2], unescapeHtml(m[3].replace(/<[^>]*>/g, ''))]);
}

// The CSV export without its footer (the time of the data changes).
async function csvBody(slug) {
	const r = await fetch(`${base}/p/${slug}.csv?per=all`);
	assert.equal(r.status, 200);
	const lines = (await r.text()).split('\r\n');
	return lines.slice(0, lines.findIndex((l) => /^[,;]+$/.test(l)))
	    .join('\r\n');
}

const stored = () => psql('SELECT string_agg(a.body || \'|\' || ' +
    'a.status_note || \'|\' || a.revision, \';\' ORDER BY a.id) FROM ' +
    'action a JOIN process p ON p.id = a.process_id WHERE p.slug = ' +
    lit(SLUG) + ' AND a.deleted_at IS NULL');

before(async () => {
	importCsv(SLUG, FIXTURE, 'Työkirjan testi');
	admin = await signInNew('xlsx-admin');
});

test('the application\'s own workbook imports back unchanged: export.xlsx ' +
    '-> import -> export.csv equals the original export.csv', async () => {
	const original = await csvBody(SLUG);
	const xlsx = Buffer.from(await (await fetch(
	    `${base}/p/${SLUG}.xlsx?per=all`)).arrayBuffer());
	assert.equal(xlsx.subarray(0, 2).toString(), 'PK');
	// The same table: nothing to import.
	const same = await admin.post('/b/import', form(xlsx));
	assert.equal(same.status, 200, same.text.slice(0, 2000));
	assert.match(same.text, /on sama kuin julkaistu taulukko|nothing to import/);
	// Changed meanwhile, then the workbook is imported back.
	importCsv(SLUG, FIXTURE.replace('Lisätieto yksi', 'Muutettu'),
	    'Työkirjan testi');
	assert.notEqual(await csvBody(SLUG), original);
	const pre = await admin.post('/b/import', form(xlsx));
	assert.equal(pre.status, 200, pre.text.slice(0, 2000));
	const m = pre.text.match(/action="\/b\/import\/(\d+)"/);
	assert.ok(m, 'a preview with a confirm form');
	assert.match(pre.text, /Lisätieto yksi/);
	const conf = await admin.post(`/b/import/${m[1]}`, { csrf: admin.csrf });
	assert.equal(conf.status, 303);
	execFileSync('sleep', ['0.3']);
	assert.equal(await csvBody(SLUG), original);
});

test('toteumactl imports a workbook too, its first sheet or one named ' +
    'with --sheet; export -> import -> export is identical', () => {
	const ctl = process.env.TOTEUMA_CTL;
	const xlsx = join(dir, 'export.xlsx');
	const exp1 = execFileSync(ctl, ['export', '--process', SLUG],
	    { encoding: 'utf8' });
	return fetch(`${base}/p/${SLUG}.xlsx?per=all`).then(async (r) => {
		writeFileSync(xlsx, Buffer.from(await r.arrayBuffer()));
		const copy = `${SLUG}-kopio`;
		const out = execFileSync(ctl, ['import', '--process', copy,
		    xlsx], { encoding: 'utf8' });
		assert.match(out, /imported 3 recommendations and 4 actions/);
		const exp2 = execFileSync(ctl, ['export', '--process', copy],
		    { encoding: 'utf8' });
		assert.equal(exp2, exp1);
		const named = workbook({ sheets: [
		    { name: 'Muistiinpanot', rows: [['ei taulukko']] },
		    { name: 'Taulukko', rows: [HEAD, ['1. Yksi', null,
		    'Toimenpide', 'Jatkuvaa', 'Suunnitteilla', UNIT]] }] },
		    'named.xlsx');
		writeFileSync(join(dir, 'named.xlsx'), named);
		const ok = spawnSync(ctl, ['import', '--process', `${SLUG}-nimi`,
		    '--dry-run', '--sheet', 'Taulukko', join(dir, 'named.xlsx')],
		    { encoding: 'utf8' });
		assert.equal(ok.status, 0, ok.stderr);
		assert.match(ok.stdout, /1 recommendations and 1 actions are valid/);
		const first = spawnSync(ctl, ['import', '--process',
		    `${SLUG}-nimi`, join(dir, 'named.xlsx')], { encoding: 'utf8' });
		assert.equal(first.status, 1);
		assert.match(first.stderr, /named\.xlsx:1: the first row is not the header row/);
		const missing = spawnSync(ctl, ['import', '--process',
		    `${SLUG}-nimi`, '--sheet', 'Ei ole', join(dir, 'named.xlsx')],
		    { encoding: 'utf8' });
		assert.equal(missing.status, 1);
		assert.match(missing.stderr, /no sheet named "Ei ole"; its sheets: Muistiinpanot, Taulukko/);
		assert.equal(psql('SELECT count(*) FROM process WHERE slug = ' +
		    lit(`${SLUG}-nimi`)), '0', 'nothing was written');
	});
});

test('toteumactl and the import form count a title and a sheet name in ' +
    'characters', async () => {
	const name = '€'.repeat(100);
	workbook({ sheets: [{ name: 'Muu', rows: [['ei taulukko']] },
	    { name, rows: [HEAD, ['1. Suositus', '', 'Toimenpide',
	    'Jatkuvaa', 'Suunnitteilla', UNIT, '']] }] }, 'merkit.xlsx');
	const run = (...args) => spawnSync(process.env.TOTEUMA_CTL, ['import',
	    '--process', `${SLUG}-merkit`, '--dry-run', ...args,
	    join(dir, 'merkit.xlsx')], { encoding: 'utf8' });
	const ok = run('--title', 'ä'.repeat(300), '--sheet', name);
	assert.equal(ok.status, 0, '300 and 100 characters of any bytes: ' +
	    ok.stderr);
	assert.match(ok.stdout, /1 recommendations and 1 actions are valid/);
	const title = run('--title', 'ä'.repeat(301));
	assert.equal(title.status, 2);
	assert.match(title.stderr, /a title is 1-300 characters/);
	const sheet = run('--sheet', '€'.repeat(101));
	assert.equal(sheet.status, 2);
	assert.match(sheet.stderr, /a sheet name is 1-100 characters/);
	const r = await admin.post('/b/import', form(readFileSync(join(dir,
	    'merkit.xlsx')), { sheet: name }));
	assert.equal(r.status, 200, r.text.slice(0, 1500));
	assert.match(r.text, /action="\/b\/import\/\d+"/, 'the sheet is read');
});

test('the backend reads the sheet named in the form', async () => {
	const bytes = workbook({ shared: false, sheets: [
	    { name: 'Ohje', rows: [['Lue tämä']] },
	    { name: 'Tuonti', rows: [HEAD, ['1. Ensimmäinen suositus', null,
	    'Toimenpide yksi', '1/2025 – 12/2026', 'Käynnissä Alku', UNIT,
	    'Lisätieto yksi']] }] });
	const r = await admin.post('/b/import', form(bytes, { sheet: 'Tuonti' }));
	assert.equal(r.status, 200, r.text.slice(0, 1500));
	assert.match(r.text, /action="\/b\/import\/\d+"/);
	const bad = await admin.post('/b/import', form(bytes));
	assert.equal(bad.status, 422);
	assert.match(bad.text, /<th scope="col">Solu<\/th>/, 'cells, not lines');
});

const BAD = [
	['a formula without a saved result', { sheets: [{ name: 'T', rows: [
	    HEAD, ['1. Yksi', null, { f: 'A1&"x"' }, 'Jatkuvaa',
	    'Suunnitteilla', UNIT]] }] }, 'C2', /formula without a saved result|kaava ilman tallennettua tulosta/],
	['a date stored as a number', { sheets: [{ name: 'T', rows: [HEAD,
	    ['1. Yksi', null, 'Toimenpide', { date: 45678 }, 'Suunnitteilla',
	    UNIT]] }] }, 'D2', /lukuna tallennettu päivämäärä \(45678\)/],
	['cells merged across columns', { sheets: [{ name: 'T', rows: [HEAD,
	    ['1. Yksi', null, 'Toimenpide', 'Jatkuvaa', 'Suunnitteilla',
	    UNIT]], merges: ['B2:C2'] }] }, 'B2', /B2:C2 on yhdistetty sarakkeiden yli/],
	['no header row', { sheets: [{ name: 'T', rows: [['1. Yksi', null,
	    'Tehdään jotain', 'Jatkuvaa', 'Suunnitteilla', UNIT]] }] }, '1',
	    /ensimmäinen rivi ei ole otsikkorivi/],
	['a million rows', { rows_million: true, sheets: [{ name: 'T',
	    rows: [HEAD] }] }, '20001', /yli 20000 riviä/],
	['a ZIP bomb', { bomb: true, sheets: [{ name: 'T', rows: [HEAD] }] },
	    '', /purkautuu yli 32 megatavuksi/],
	['not a workbook', null, '', /ei ole Excel-työkirja/],
];

// Made before the requests: a connection left idle while a large one is
// written could be closed by the server just as it is used again.
const made = new Map();
before(() => {
	for (const [name, spec] of BAD)
		made.set(name, spec ? workbook(spec, `bad-${made.size}.xlsx`) :
		    Buffer.from('PK\x03\x04 ei oikeasti zip'));
});

for (const [name, , cell, message] of BAD) {
	test(`a workbook with ${name} is refused at ${cell || 'the file'}, ` +
	    'nothing changed', async () => {
		const before = stored();
		const bytes = made.get(name);
		const r = await admin.post('/b/import', form(bytes));
		assert.equal(r.status, 422, r.text.slice(0, 1500));
		const p = problems(r.text);
		assert.ok(p.length >= 1, 'a list of problems');
		assert.equal(p[0][0], cell, JSON.stringify(p));
		assert.match(p[0][2], message);
		assert.equal(stored(), before, 'nothing changed');
	});
}

test('a formula with its saved result is read as its value', async () => {
	const bytes = workbook({ sheets: [{ name: 'T', rows: [HEAD,
	    ['1. Yksi', null, { f: '"Toimenpide"&" kaava"', v: 'Toimenpide kaava' },
	    'Jatkuvaa', 'Suunnitteilla', UNIT]] }] });
	const r = await admin.post('/b/import', form(bytes, { slug: '',
	    newSlug: `${SLUG}-kaava`, title: 'Kaava' }));
	assert.equal(r.status, 200, r.text.slice(0, 1500));
	assert.match(r.text, /suosituksia 1 ja toimenpiteitä 1/);
});
