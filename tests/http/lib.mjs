// Helpers for the HTTP tests: a real server at TOTEUMA_URL with the demo
// data, and toteumactl against the same database.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const base = process.env.TOTEUMA_URL;
if (!base) throw new Error('TOTEUMA_URL is not set: run through tests/run');

export async function get(path, headers = {}) {
	const res = await fetch(base + path, { headers, redirect: 'manual' });
	const text = await res.text();
	return { status: res.status, headers: res.headers, text };
}

// Imports CSV text as process slug; returns toteumactl's output.
export function importCsv(slug, csv, title = 'Testiprosessi') {
	const dir = mkdtempSync(join(tmpdir(), 'toteuma-http-'));
	const file = join(dir, slug + '.csv');
	writeFileSync(file, csv);
	const out = execFileSync(process.env.TOTEUMA_CTL,
	    ['import', '--process', slug, '--title', title, file],
	    { env: process.env, encoding: 'utf8' });
	// Each worker notices a change within a second (see catalog.c).
	execFileSync('sleep', ['1.2']);
	return out;
}

export const HEADER =
    'Suositus,Tarkennus,Toimenpide,Aikataulu,Status,Vastuu,Lisätieto\r\n';

// The text of the result count (role="status").
export function resultCount(html) {
	const m = html.match(/role="status">([^<]*)/);
	return m ? m[1] : null;
}

// Data rows: one per <tr> in a <tbody>.
export function rowCount(html) {
	const bodies = html.match(/<tbody>[\s\S]*?<\/tbody>/g) || [];
	return bodies.reduce((n, b) => n + (b.match(/<tr>/g) || []).length, 0);
}

// Waits until the server shows new data (workers check once a second).
export async function eventually(fn, ms = 4000) {
	const end = Date.now() + ms;
	let last;
	while (Date.now() < end) {
		last = await fn();
		if (last) return last;
		await new Promise((r) => setTimeout(r, 200));
	}
	return last;
}
