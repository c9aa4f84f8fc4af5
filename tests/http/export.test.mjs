// Downloads and the JSON API, read by real clients: LibreOffice opens the
// workbook, the CSV goes back in through toteumactl import, and every
// JSON document is checked against the OpenAPI file the server serves.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, writeFileSync, readFileSync, readdirSync, rmSync }
    from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { base, get, importCsv, HEADER, psql, resultCount } from './lib.mjs';

const execFileAsync = promisify(execFile);

const SLUG = 'vienti-testi';
const LICENCE = 'https://creativecommons.org/licenses/by/4.0/';

// Cells a spreadsheet would run as formulas, and ordinary text.
const CSV = HEADER +
    '1. Suositus yksi,,"=HYPERLINK(""http://example.com"";""klikkaa"")",' +
    '1/2025 – 6/2025,Käsitelty =1+1,Perhekeskus,+358 40 123\r\n' +
    ',,@SUM(A1:A2),Jatkuvaa,Toteutettu,Perhekeskus,-5 % kuluista\r\n' +
    '2. Suositus kaksi,"2.1. Tarkennus ""lainattu""; puolipiste",' +
    '"Rivi yksi\nrivi kaksi",3/2026,Ei aloitettu,Tietohallinto,\r\n' +
    '3. Suositus ilman toimenpiteitä,,,,,,\r\n';

async function fetchBytes(path, headers = {}) {
	const res = await fetch(base + path, { headers, redirect: 'manual' });
	return { status: res.status, headers: res.headers,
	    bytes: Buffer.from(await res.arrayBuffer()) };
}

async function getJson(path) {
	const r = await get(path);
	return { ...r, json: JSON.parse(r.text) };
}

// RFC 4180 records: quoted fields may hold the delimiter, quotes and
// line ends.
function parseCsv(text, delim) {
	const rows = [];
	let row = [], field = '', i = 0, quoted = false;
	while (i < text.length) {
		const c = text[i];
		if (quoted) {
			if (c === '"' && text[i + 1] === '"') { field += '"'; i += 2; continue; }
			if (c === '"') { quoted = false; i++; continue; }
			field += c; i++; continue;
		}
		if (c === '"') { quoted = true; i++; continue; }
		if (c === delim) { row.push(field); field = ''; i++; continue; }
		if (c === '\r' && text[i + 1] === '\n') {
			row.push(field); rows.push(row); row = []; field = '';
			i += 2; continue;
		}
		if (c === '\n') {
			row.push(field); rows.push(row); row = []; field = '';
			i++; continue;
		}
		field += c; i++;
	}
	if (field !== '' || row.length) { row.push(field); rows.push(row); }
	return rows;
}

// LibreOffice (headless) opens the workbook and writes every sheet as
// CSV; returns { sheetName: rows }.
// Asynchronous: a conversion takes long enough for the server to close
// an idle keep-alive connection, and the client must see that happen.
async function libreoffice(xlsx) {
	const dir = mkdtempSync(join(tmpdir(), 'toteuma-xlsx-'));
	writeFileSync(join(dir, 'vienti.xlsx'), xlsx);
	await execFileAsync('soffice', ['-env:UserInstallation=file://' + dir +
	    '/profile', '--headless', '--convert-to',
	    'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,' +
	    'false,false,-1', '--outdir', dir, join(dir, 'vienti.xlsx')],
	    { timeout: 120000 });
	const sheets = {};
	for (const f of readdirSync(dir)) {
		const m = f.match(/^vienti-(.*)\.csv$/);
		if (m) sheets[m[1]] = parseCsv(readFileSync(join(dir, f),
		    'utf8'), ',');
	}
	rmSync(dir, { recursive: true, force: true });
	return sheets;
}

function exportCli(slug) {
	return execFileSync(process.env.TOTEUMA_CTL, ['export', '--process',
	    slug], { env: process.env, encoding: 'utf8' });
}

// The CSV without its last two records (the empty row and the licence).
function withoutFooter(text) {
	const lines = text.split('\r\n');
	return lines.slice(0, -3).join('\r\n') + '\r\n';
}

let ajv, openapi;
function validator(name) {
	return ajv.compile({ $ref: 'openapi#/components/schemas/' + name });
}
function assertSchema(name, doc, what) {
	const v = validator(name);
	assert.ok(v(doc), what + ' matches ' + name + ': ' +
	    JSON.stringify(v.errors, null, 1));
}

before(async () => {
	importCsv(SLUG, CSV, 'Vientitesti');
	const r = await get('/api/v1/openapi.json');
	assert.equal(r.status, 200);
	openapi = JSON.parse(r.text);
	ajv = new Ajv2020({ strict: false, validateFormats: false,
	    allErrors: true });
	ajv.addSchema({ $id: 'openapi', components: openapi.components });
});

test('the spreadsheet CSV: BOM, semicolons, CRLF, the published layout, ' +
    'licence and time of the data', async () => {
	const r = await fetchBytes('/p/' + SLUG + '.csv');
	assert.equal(r.status, 200);
	assert.match(r.headers.get('content-type'), /^text\/csv; charset=utf-8/);
	assert.match(r.headers.get('content-disposition'),
	    /attachment; filename="vienti-testi\.csv"/);
	assert.match(r.headers.get('link'), /creativecommons.*rel="license"/);
	assert.deepEqual([...r.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf],
	    'starts with the UTF-8 BOM');
	const text = r.bytes.subarray(3).toString('utf8');
	assert.ok(text.startsWith('Suositus;Tarkennus;Toimenpide;Aikataulu;' +
	    'Status;Vastuu;Lisätieto\r\n'), text.slice(0, 80));
	assert.doesNotMatch(text.replace(/\r\n/g, ''), /(?<!")\n(?!rivi)/,
	    'every record ends with CRLF (a bare LF only inside a quoted cell)');
	const rows = parseCsv(text, ';');
	for (const row of rows)
		assert.equal(row.length, 7, 'seven columns: ' + row.join('|'));
	const last = rows[rows.length - 1][0];
	assert.ok(last.startsWith('CC BY 4.0 (' + LICENCE + ')'), last);
	const when = psql("SELECT to_char(changed_at AT TIME ZONE 'UTC', " +
	    "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') FROM data_version");
	assert.ok(last.includes(when), 'the time of the data ' + when +
	    ' is in: ' + last);
	assert.ok(last.includes(base + '/p/' + SLUG), 'the source: ' + last);
});

test('cells a spreadsheet would run as formulas are neutralised in both ' +
    'CSV dialects', async () => {
	for (const [q, delim] of [['', ';'], ['?dialect=rfc4180', ',']]) {
		const r = await get('/p/' + SLUG + '.csv' + q);
		const rows = parseCsv(r.text.replace(/^\ufeff/, ''), delim);
		const cells = rows.flat();
		for (const f of ['=HYPERLINK("http://example.com";"klikkaa")',
		    '@SUM(A1:A2)', '+358 40 123', '-5 % kuluista'])
			assert.ok(cells.includes("'" + f), q + ': expected ' +
			    "'" + f + ' among ' + JSON.stringify(cells));
		for (const c of cells)
			assert.doesNotMatch(c, /^[=+\-@]/, q + ': ' + c);
	}
});

test('RFC 4180 CSV: commas, CRLF, no BOM; import of it gives the same ' +
    'table back', async () => {
	const r = await get('/p/' + SLUG + '.csv?dialect=rfc4180');
	assert.equal(r.status, 200);
	assert.ok(r.text.startsWith('Suositus,Tarkennus,'), 'no BOM');
	assert.equal(withoutFooter(r.text), exportCli(SLUG),
	    'the download is toteumactl export plus the licence row');
	// The download, licence row included, goes back in unchanged.
	const out = importCsv('vienti-paluu', r.text, 'Paluu');
	assert.match(out, /vienti-paluu/);
	assert.equal(exportCli('vienti-paluu'), exportCli(SLUG));
	const back = await get('/p/vienti-paluu.json');
	const orig = await get('/p/' + SLUG + '.json');
	const texts = (d) => JSON.parse(d).rows.map((x) => x.action &&
	    x.action.text.fi);
	assert.deepEqual(texts(back.text), texts(orig.text));
	assert.ok(texts(orig.text).includes('=HYPERLINK("http://example.com";' +
	    '"klikkaa")'), 'the apostrophe is gone after import');
});

test('the spreadsheet CSV goes back in too (BOM and semicolons)',
    async () => {
	const r = await fetchBytes('/p/' + SLUG + '.csv');
	importCsv('vienti-paluu-2', r.bytes.toString('utf8'), 'Paluu 2');
	assert.equal(exportCli('vienti-paluu-2'), exportCli(SLUG));
});

test('LibreOffice opens the workbook; its cells are the JSON rows, as text',
    async () => {
	const r = await fetchBytes('/p/' + SLUG + '.xlsx?lang=en');
	assert.equal(r.status, 200);
	assert.equal(r.headers.get('content-type'), 'application/vnd.' +
	    'openxmlformats-officedocument.spreadsheetml.sheet');
	assert.match(r.headers.get('content-disposition'),
	    /filename="vienti-testi\.xlsx"/);
	const sheets = await libreoffice(r.bytes);
	assert.deepEqual(Object.keys(sheets).sort(), ['About', 'Actions']);
	const rows = sheets.Actions;
	assert.deepEqual(rows[0], ['Recommendation', 'Specification', 'Action',
	    'Schedule', 'Status', 'Responsible', 'Additional information']);
	const doc = (await getJson('/p/' + SLUG + '.json')).json;
	assert.equal(rows.length - 1, doc.rows.length, 'one line per row');
	doc.rows.forEach((row, i) => {
		const cells = rows[i + 1];
		const rec = row.recommendation;
		assert.equal(cells[0], (rec.number ? rec.number + '. ' : '') +
		    rec.text.fi);
		assert.equal(cells[2], row.action ? row.action.text.fi : '');
		if (row.action && row.action.status)
			assert.ok(cells[4].startsWith(
			    row.action.status.label.en), cells[4]);
		assert.equal(cells[5], row.action ? row.action.units.map(
		    (u) => u.name).join('; ') : '');
	});
	// A formula stays the text that was typed.
	assert.equal(rows[1][2], '=HYPERLINK("http://example.com";"klikkaa")');
	assert.equal(rows[1][6], '+358 40 123');
	const about = Object.fromEntries(sheets.About.map((x) => [x[0], x[1]]));
	assert.equal(about.Licence, 'CC BY 4.0 ' + LICENCE);
	assert.equal(about['Data as of'], doc.data_time);
	assert.equal(about.Rows, String(doc.rows.length));
});

test('a download holds what the same query shows on the page', async () => {
	const q = '?q=suositus&status=done&sort=action&dir=desc';
	const page = await get('/p/' + SLUG + q + '&per=all');
	const doc = (await getJson('/p/' + SLUG + '.json' + q)).json;
	assert.equal(doc.total, 1);
	assert.match(resultCount(page.text), /\b1\b/);
	assert.equal(doc.rows[0].action.text.fi, '@SUM(A1:A2)');
	assert.deepEqual(doc.query, { q: 'suositus', status: 'done',
	    sort: 'action', dir: 'desc', per: 'all', page: 1, since: null,
	    state: null,
	    unit: null });
	const csv = await get('/p/' + SLUG + '.csv' + q + '&dialect=rfc4180');
	const rows = parseCsv(csv.text, ',');
	assert.equal(rows.length, 1 + 1 + 2, 'header, one row, licence');
	assert.equal(rows[1][2], "'@SUM(A1:A2)");
	// Paging: per and page as on the page.
	const p2 = (await getJson('/p/asukaspaneeli-2023.json?per=10&page=2'))
	    .json;
	const all = (await getJson('/p/asukaspaneeli-2023.json')).json;
	assert.equal(p2.total, all.total);
	assert.deepEqual(p2.rows, all.rows.slice(10, 20));
	assertSchema('Rows', p2, 'page 2');
});

test('an empty result is a valid empty file in every format', async () => {
	const q = '?q=ei-tällaista-sanaa-missään';
	const csv = await get('/p/' + SLUG + '.csv' + q + '&dialect=rfc4180');
	assert.equal(csv.status, 200);
	const rows = parseCsv(csv.text, ',');
	assert.equal(rows.length, 3, 'header, empty row, licence');
	assert.equal(rows[0][0], 'Suositus');
	const doc = (await getJson('/p/' + SLUG + '.json' + q)).json;
	assert.equal(doc.total, 0);
	assert.deepEqual(doc.rows, []);
	assertSchema('Rows', doc, 'empty result');
	const x = await fetchBytes('/p/' + SLUG + '.xlsx' + q);
	assert.equal(x.status, 200);
	const sheets = await libreoffice(x.bytes);
	assert.equal(sheets.Toimenpiteet.length, 1, 'only the header row');
	assert.equal(sheets.Tietoja.find((r) => r[0] === 'Rivejä')[1], '0');
});

test('every JSON document matches the OpenAPI file', async () => {
	// Translations, a response and evidence, so that no field is only
	// ever null.
	const aid = psql("SELECT min(id) FROM action WHERE process_id = " +
	    "(SELECT id FROM process WHERE slug = '" + SLUG + "')");
	psql("UPDATE action SET body_sv = 'Åtgärd', info_en = 'Info', " +
	    "evidence = '{https://example.fi/raportti}', actual_start = " +
	    "'2025-01-15' WHERE id = " + aid + "; SELECT " +
	    "process_rows_refresh_action(" + aid + "); UPDATE recommendation " +
	    "SET response = 'partly', response_reason = 'Osittain' WHERE " +
	    "process_id = (SELECT id FROM process WHERE slug = '" + SLUG +
	    "') AND number = '1'");
	await new Promise((r) => setTimeout(r, 1200));
	const list = await getJson('/api/v1/processes');
	assertSchema('ProcessList', list.json, '/api/v1/processes');
	const slugs = list.json.processes.map((p) => p.slug);
	assert.deepEqual(slugs.sort(), psql('SELECT slug FROM process WHERE ' +
	    'published ORDER BY slug').split('\n').sort());
	for (const slug of [SLUG, 'asukaspaneeli-2023', 'asukaspaneeli-2024']) {
		const p = await getJson('/api/v1/processes/' + slug);
		assert.equal(p.status, 200);
		assertSchema('Process', p.json, slug);
		const rows = await getJson('/p/' + slug + '.json');
		assertSchema('Rows', rows.json, slug + ' rows');
		const ids = new Set(rows.json.rows.filter((r) => r.action)
		    .map((r) => r.action.id));
		for (const id of ids) {
			const a = await getJson('/api/v1/actions/' + id);
			assert.equal(a.status, 200);
			assertSchema('Action', a.json, 'action ' + id);
		}
	}
	const p = (await getJson('/api/v1/processes/' + SLUG)).json;
	const r1 = p.recommendations.find((r) => r.number === '1');
	assert.equal(r1.response.code, 'partly');
	assert.equal(r1.response.label.sv, 'Delvis godkänd');
	const a = (await getJson('/api/v1/actions/' + aid)).json;
	assert.equal(a.text.sv, 'Åtgärd');
	assert.deepEqual(a.evidence, ['https://example.fi/raportti']);
	assert.equal(a.actual_start, '2025-01-15');
	assert.match(a.updated_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
	assert.equal(a.schedule.start, '2025-01');
	assert.equal(a.status.code, 'processed');
	assertSchema('StatusList', (await getJson('/api/v1/statuses')).json,
	    'statuses');
	assertSchema('UnitList', (await getJson('/api/v1/units')).json,
	    'units');
	for (const path of ['/api/v1/actions/999999999', '/api/v1/nothing',
	    '/api/v1/processes/ei-ole', '/p/ei-ole.json',
	    '/p/' + SLUG + '.json?status=ei_ole', '/api/v1/statuses?lang=de']) {
		const e = await getJson(path);
		assert.ok(e.status === 404 || e.status === 400, path);
		assertSchema('Error', e.json, path);
	}
});

test('bad queries get a clear message and a proper status in every format',
    async () => {
	const sv = await getJson('/p/' + SLUG + '.json?status=ei_ole&lang=sv');
	assert.equal(sv.status, 400);
	assert.equal(sv.json.error.message, 'Det finns ingen sådan status.');
	for (const ext of ['.csv', '.xlsx', '.json']) {
		let r = await get('/p/ei-ole' + ext);
		assert.equal(r.status, 404, ext);
		r = await get('/p/' + SLUG + ext + '?since=2025-02-30');
		assert.equal(r.status, 400, ext + ' impossible date');
		r = await get('/p/' + SLUG + ext + '?dialect=excel');
		assert.equal(r.status, 400, ext + ' unknown dialect');
		r = await get('/p/' + SLUG + ext + '?page=0&per=10');
		assert.equal(r.status, 400, ext + ' page 0');
	}
	const html = await get('/p/' + SLUG + '.csv?status=ei_ole');
	assert.match(html.headers.get('content-type'), /text\/html/);
	assert.match(html.text, /Tällaista tilaa ei ole|ei_ole/);
	// An unpublished process is not there at all.
	psql("UPDATE process SET published = false WHERE slug = " +
	    "'vienti-paluu-2'");
	await new Promise((r) => setTimeout(r, 1200));
	for (const path of ['/p/vienti-paluu-2.csv', '/p/vienti-paluu-2.json',
	    '/api/v1/processes/vienti-paluu-2'])
		assert.equal((await get(path)).status, 404, path);
	const list = (await getJson('/api/v1/processes')).json;
	assert.ok(!list.processes.some((p) => p.slug === 'vienti-paluu-2'));
});

test('downloads answer conditional requests and POST is refused',
    async () => {
	for (const path of ['/p/' + SLUG + '.csv', '/p/' + SLUG + '.xlsx',
	    '/p/' + SLUG + '.json', '/api/v1/processes']) {
		const r = await fetchBytes(path);
		const etag = r.headers.get('etag');
		assert.ok(etag, path + ': ETag');
		const c = await fetchBytes(path, { 'if-none-match': etag });
		assert.equal(c.status, 304, path);
		assert.equal(r.headers.get('access-control-allow-origin'), '*');
		const p = await fetch(base + path, { method: 'POST' });
		assert.ok(p.status === 405 || p.status === 404, path + ' POST: ' +
		    p.status);
	}
});
