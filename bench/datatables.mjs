// The county's present way of publishing the same table, for make bench
// to measure beside toteuma: a WordPress TablePress page, i.e. every row
// of the published table in one HTML <table> made interactive in the
// browser by jQuery and DataTables (their defaults: 10 rows a page,
// search and sort in the browser). Writes DIR/index.html from an import
// CSV (bench/gen.mjs) and copies the scripts and style beside it from
// bench/lighthouse/node_modules.
//
// Usage: node bench/datatables.mjs FILE.csv DIR
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const [file, dir] = process.argv.slice(2);
const mods = join(dirname(fileURLToPath(import.meta.url)),
    'lighthouse/node_modules');

// RFC 4180 rows of the CSV.
function parse(t) {
	const rows = [];
	let row = [], cell = '', q = false;
	for (let i = 0; i < t.length; i++) {
		const c = t[i];
		if (q) {
			if (c === '"' && t[i + 1] === '"') { cell += '"'; i++; }
			else if (c === '"') q = false;
			else cell += c;
		} else if (c === '"') q = true;
		else if (c === ',') { row.push(cell); cell = ''; }
		else if (c === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; }
		else if (c !== '\r') cell += c;
	}
	return rows;
}

const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;')
    .replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const [head, ...rows] = parse(readFileSync(file, 'utf8').replace(/^\ufeff/, ''));
mkdirSync(dir, { recursive: true });
copyFileSync(join(mods, 'jquery/dist/jquery.min.js'), join(dir, 'jquery.min.js'));
copyFileSync(join(mods, 'datatables.net/js/dataTables.min.js'),
    join(dir, 'dataTables.min.js'));
copyFileSync(join(mods, 'datatables.net-dt/css/dataTables.dataTables.min.css'),
    join(dir, 'dataTables.dataTables.min.css'));
writeFileSync(join(dir, 'init.js'),
    "jQuery(function ($) { $('#toimenpiteet').DataTable(); });\n");
writeFileSync(join(dir, 'index.html'), `<!doctype html>
<html lang="fi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="Asukaspaneelin suositusten toimenpiteet">
<title>Asukaspaneelin suositukset ja toimenpiteet</title>
<link rel="stylesheet" href="dataTables.dataTables.min.css">
</head>
<body>
<main>
<h1>Asukaspaneelin suositukset ja toimenpiteet</h1>
<table id="toimenpiteet" class="display">
<thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead>
<tbody>
${rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('\n')}
</tbody>
</table>
</main>
<script src="jquery.min.js"></script>
<script src="dataTables.min.js"></script>
<script src="init.js"></script>
</body>
</html>
`);
console.log(`${dir}/index.html: ${rows.length} rows`);
