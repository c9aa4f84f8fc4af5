// Freshness: how long after a commit every worker serves the change.
// Each trial renames a process through one long-lived psql session,
// which reads the database's clock right after the commit (the same
// clock as this machine's); then the page is asked for on one kept-alive
// connection to each worker (the first part of X-Request-Id names it)
// in turn until every worker has answered with the new title. The time
// is from the commit to the first fresh answer of the last worker.
//
// Usage: node bench/fresh.mjs BASE_URL CONNINFO SLUG WORKERS [TRIALS]
// Prints "p50 p99 max" in milliseconds.
import { Agent, get } from 'node:http';
import { psqlSession } from './psql.mjs';

const [base, conninfo, slug, workers = '2', n = '100'] = process.argv.slice(2);
const psql = psqlSession(conninfo);
const sql = psql.sql;

// The page through agent (one kept-alive connection): [worker, body].
function page(agent) {
	return new Promise((resolve, reject) => {
		get(`${base}/p/${slug}`, { agent }, (res) => {
			let body = '';
			res.setEncoding('utf8');
			res.on('data', (c) => { body += c; });
			res.on('end', () => resolve([String(
			    res.headers['x-request-id']).split('-')[0], body]));
		}).on('error', reject);
	});
}

// One connection to each worker: connections are opened until every
// worker has one.
const byWorker = new Map();
for (let i = 0; i < 512 && byWorker.size < Number(workers); i++) {
	const agent = new Agent({ keepAlive: true, maxSockets: 1 });
	const [w] = await page(agent);
	if (!byWorker.has(w)) byWorker.set(w, agent);
}
if (byWorker.size < Number(workers))
	throw new Error(`reached ${byWorker.size} of ${workers} workers`);

const old = await sql(`SELECT title FROM process WHERE slug = '${slug}';`);
const ms = [];
for (let i = 0; i < Number(n); i++) {
	const word = `Tuoreus${Date.now()}x${i}`;
	const t0 = Number(await sql(`UPDATE process SET title = '${word}' ` +
	    `WHERE slug = '${slug}'; SELECT extract(epoch FROM ` +
	    'clock_timestamp()) * 1000;'));
	const waiting = new Set(byWorker.keys());
	while (waiting.size > 0 && Date.now() - t0 < 5000) {
		for (const w of [...waiting]) {
			const [got, body] = await page(byWorker.get(w));
			if (got !== w)
				throw new Error(`worker ${w}'s connection went to ${got}`);
			if (body.includes(word)) waiting.delete(w);
		}
	}
	ms.push(Date.now() - t0);
}
await sql(`UPDATE process SET title = '${old.replace(/'/g, "''")}' ` +
    `WHERE slug = '${slug}'; SELECT 1;`);
psql.end();
for (const agent of byWorker.values()) agent.destroy();
ms.sort((a, b) => a - b);
const at = (q) => ms[Math.min(ms.length - 1, Math.ceil(q * ms.length) - 1)];
console.log(`${at(0.5).toFixed(1)} ${at(0.99).toFixed(1)} ${ms[ms.length - 1].toFixed(1)}`);
