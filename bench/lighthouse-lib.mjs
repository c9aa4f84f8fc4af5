// Lighthouse (mobile preset, Debian's chromium) for the bench scripts:
// one run of a URL, and the median of several.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bench/lighthouse/node_modules/.bin/lighthouse');

// One Lighthouse run of url; returns its report (also kept in file).
export function lighthouse(url, file, categories =
    'performance,accessibility,best-practices,seo') {
	execFileSync(bin, [url, '--quiet', '--output=json',
	    `--output-path=${file}`, `--only-categories=${categories}`,
	    '--chrome-flags=--headless=new --no-sandbox --disable-gpu'],
	    { env: { ...process.env, CHROME_PATH: '/usr/bin/chromium' },
	    stdio: ['ignore', 'ignore', 'inherit'] });
	return JSON.parse(readFileSync(file, 'utf8'));
}

// Each page is measured runs times and the run with the median
// performance score is judged, as Lighthouse's own guidance on variance
// advises: one run on a busy two-core machine swings by ten points.
// Returns [median report, every run's report in score order].
export function median(url, fileOf, runs, categories) {
	const all = [];
	for (let n = 0; n < runs; n++)
		all.push(lighthouse(url, fileOf(n), categories));
	const perf = (r) => r.categories.performance.score;
	all.sort((a, b) => perf(a) - perf(b));
	return [all[Math.floor(all.length / 2)], all];
}
