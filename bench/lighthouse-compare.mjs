// toteuma beside the county's present way (bench/datatables.mjs: the
// same 1,000 rows in one page made interactive by DataTables, served by
// nginx with gzip): Lighthouse (mobile preset, Debian's chromium) on
// toteuma's default view and its per=all view of the process, and on the
// DataTables page, each the median of LIGHTHOUSE_RUNS (3) runs. Prints
// performance, largest contentful paint, total blocking time, bytes
// transferred and DOM elements side by side; the per=all view is judged
// against performance 90.
//
// Usage: node bench/lighthouse-compare.mjs KORE_URL SLUG DATATABLES_URL
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { median, root } from './lighthouse-lib.mjs';

const [kore, slug, dt] = process.argv.slice(2);
if (!dt) {
	console.error('usage: node bench/lighthouse-compare.mjs KORE_URL SLUG ' +
	    'DATATABLES_URL');
	process.exit(2);
}
const RUNS = Number(process.env.LIGHTHOUSE_RUNS || 3);
const out = join(root, 'var/lighthouse');
mkdirSync(out, { recursive: true });
const pages = [
	['toteuma, default view', `${kore}/p/${slug}`],
	['toteuma, per=all', `${kore}/p/${slug}?per=all`],
	['DataTables page (nginx, gzip)', dt],
];
const pad = (s, n) => String(s).padStart(n);
console.log(`${'page'.padEnd(31)} ${pad('perf', 5)} ${pad('LCP ms', 7)} ` +
    `${pad('TBT ms', 7)} ${pad('bytes', 8)} ${pad('DOM', 6)}  runs`);
let failed = 0;
for (const [i, [label, url]] of pages.entries()) {
	const [r, runs] = median(url, (n) => join(out, `compare-${i}-${n}.json`),
	    RUNS, 'performance');
	const perf = Math.round(r.categories.performance.score * 100);
	const a = (id) => Math.round(r.audits[id].numericValue);
	let judged = '';
	if (i === 1) {
		judged = perf >= 90 ? '  PASS (>= 90)' : '  FAIL (< 90)';
		if (perf < 90) failed++;
	}
	console.log(`${label.padEnd(31)} ${pad(perf, 5)} ` +
	    `${pad(a('largest-contentful-paint'), 7)} ` +
	    `${pad(a('total-blocking-time'), 7)} ` +
	    `${pad(a('total-byte-weight'), 8)} ${pad(a('dom-size'), 6)}  ` +
	    runs.map((x) => Math.round(x.categories.performance.score * 100))
		.join('/') + judged);
}
process.exit(failed ? 1 : 0);
