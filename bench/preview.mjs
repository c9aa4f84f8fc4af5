// The backend's preview of an import: an admin signed in through the
// form (with the second factor, as tests/http/lib.mjs does it) uploads a
// CSV to /b/import and waits for the preview page; each run's time is
// from the request to the whole answer. Two uploads: the file as the
// table of a new process, and the file as process SLUG's table (which
// holds it already) with every tenth row's last cell changed, so that
// the preview lists those changes. Nothing is imported (a preview only
// keeps the upload).
//
// Usage: TOTEUMA_URL=... TOTEUMA_DATABASE=... TOTEUMA_CTL=./toteumactl \
//     node bench/preview.mjs CSV SLUG [RUNS]
// Prints "new_median new_max changed_median changed_max" in ms.
import { readFileSync } from 'node:fs';

import { base, signInNew } from '../tests/http/lib.mjs';

const [file, slug, runs = '3'] = process.argv.slice(2);
const csv = readFileSync(file, 'utf8');
// Quoted cells may hold line feeds, never CRLF: rows end in CRLF.
const changed = csv.split('\r\n').map((line, i) => i > 0 && i % 10 === 0 &&
    line !== '' && !line.endsWith('"') ? line + ' Päivitetty.' : line)
    .join('\r\n');
const admin = await signInNew('bench-preview', 'admin');

// One upload's time in ms; throws unless the answer is a preview.
async function preview(body, fields) {
	const fd = new FormData();
	fd.append('csrf', admin.csrf);
	for (const [k, v] of Object.entries(fields)) fd.append(k, v);
	fd.append('sheet', '');
	fd.append('file', new Blob([body], { type: 'text/csv' }),
	    'taulukko.csv');
	const t0 = process.hrtime.bigint();
	const res = await fetch(base + '/b/import', { method: 'POST', body: fd,
	    redirect: 'manual', headers: { cookie: 'toteuma_session=' +
	    admin.cookie('toteuma_session') } });
	const text = await res.text();
	const took = Number(process.hrtime.bigint() - t0) / 1e6;
	if (res.status !== 200 || !/action="\/b\/import\/\d+"/.test(text))
		throw new Error(`preview answered ${res.status}: ` +
		    text.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ')
		    .slice(0, 400));
	return took;
}

async function series(body, fields) {
	const ms = [];
	for (let i = 0; i < Number(runs); i++)
		ms.push(await preview(body, typeof fields === 'function' ?
		    fields() : fields));
	ms.sort((a, b) => a - b);
	return `${ms[Math.floor(ms.length / 2)].toFixed(0)} ` +
	    `${ms[ms.length - 1].toFixed(0)}`;
}

const asNew = await series(csv, () => ({ process: '',
    new_slug: `bench-preview-${Date.now()}`, title: 'Esikatselu' }));
const asChange = await series(changed, { process: slug, new_slug: '',
    title: '' });
console.log(`${asNew} ${asChange}`);
