// Lighthouse (mobile preset, Debian's chromium) for the bench scripts:
// one run of a URL, and the median of several.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bench/lighthouse/node_modules/.bin/lighthouse');

// One Lighthouse run of url; returns its report (also kept in file).
// A run that Lighthouse itself could not record (it says "Runtime
// error", such as NO_NAVSTART: the trace of the load went missing) is
// made again, at most twice. A low score is no error: a recorded run
// is judged as it came out.
export function lighthouse(url, file, categories =
    'performance,accessibility,best-practices,seo') {
	for (let attempt = 1; ; attempt++) {
		try {
			execFileSync(bin, [url, '--quiet', '--output=json',
			    `--output-path=${file}`,
			    `--only-categories=${categories}`,
			    '--chrome-flags=--headless=new --no-sandbox ' +
			    '--disable-gpu'],
			    { env: { ...process.env, CHROME_PATH: '/usr/bin/chromium' },
			    stdio: ['ignore', 'ignore', 'inherit'] });
			return JSON.parse(readFileSync(file, 'utf8'));
		} catch (e) {
			if (attempt >= 3)
				throw e;
			console.error(`  Lighthouse could not record ${url}; again (${attempt + 1} of 3)`);
		}
	}
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
