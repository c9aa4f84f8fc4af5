// The next search after a change: each trial gives one action of the
// process a new status note holding a word found nowhere else (as a save
// does: the action, then process_rows_refresh_action()), then, on one
// kept-alive connection to each worker (the first part of X-Request-Id
// names it), searches for that word until the answer finds it; the time
// of that answer is the worker's first search after the change, which
// brings its index up to date. The same trials with the rows rebuilt
// (process_rows_rebuild(), as adding an action does) are measured beside
// them: there every worker loads its index again (TRIALS / 5 of them,
// at least 10: each costs seconds at 10,000 actions).
//
// Usage: node bench/patch.mjs BASE_URL CONNINFO SLUG WORKERS [TRIALS]
// Prints "patch_p50 patch_p99 patch_max rebuild_p50 rebuild_p99
// rebuild_max" in milliseconds.
import { Agent, get } from 'node:http';
import { psqlSession } from './psql.mjs';

const [base, conninfo, slug, workers = '2', n = '100'] = process.argv.slice(2);
const psql = psqlSession(conninfo);
const sql = psql.sql;

// The search through agent: [worker, milliseconds, body].
function search(agent, q) {
	const t0 = process.hrtime.bigint();
	return new Promise((resolve, reject) => {
		get(`${base}/p/${slug}?q=${q}`, { agent }, (res) => {
			let body = '';
			res.setEncoding('utf8');
			res.on('data', (c) => { body += c; });
			res.on('end', () => resolve([String(
			    res.headers['x-request-id']).split('-')[0],
			    Number(process.hrtime.bigint() - t0) / 1e6, body]));
		}).on('error', reject);
	});
}

// A new kept-alive connection that worker w answers.
async function connectTo(w) {
	for (let i = 0; i < 512; i++) {
		const agent = new Agent({ keepAlive: true, maxSockets: 1 });
		const [got] = await search(agent, 'toimenpide');
		if (got === w) return agent;
		agent.destroy();
	}
	throw new Error(`no connection reached worker ${w}`);
}

const byWorker = new Map();
for (let i = 0; i < 512 && byWorker.size < Number(workers); i++) {
	const agent = new Agent({ keepAlive: true, maxSockets: 1 });
	const [w] = await search(agent, 'toimenpide');
	if (!byWorker.has(w)) byWorker.set(w, agent);
}
if (byWorker.size < Number(workers))
	throw new Error(`reached ${byWorker.size} of ${workers} workers`);

const [pid, aid] = (await sql(`SELECT p.id, min(a.id) FROM process p ` +
    `JOIN action a ON a.process_id = p.id WHERE p.slug = '${slug}' ` +
    'GROUP BY p.id;')).split('|');
const old = await sql(`SELECT coalesce(status_note, '') FROM action ` +
    `WHERE id = ${aid};`);

async function trials(rebuild, count) {
	const ms = [];
	for (let i = 0; i < count; i++) {
		const word = `patch${rebuild ? 'r' : 'p'}${Date.now()}x${i}`;
		await sql(`BEGIN; UPDATE action SET status_note = '${word}', ` +
		    `lexemes = ARRAY['${word}'] WHERE id = ${aid}; ` +
		    `SELECT process_rows_refresh_action(${aid}); ` +
		    (rebuild ? `SELECT process_rows_rebuild(${pid}); ` : '') +
		    'COMMIT;');
		if (rebuild) await psql.line();
		const t0 = Date.now();
		const pending = new Set(byWorker.keys());
		while (pending.size > 0) {
			for (const w of [...pending]) {
				const agent = byWorker.get(w);
				const [got, took, body] = await search(agent, word);
				// A connection the server closed was opened again,
				// perhaps to the other worker.
				if (got !== w) {
					byWorker.get(got)?.destroy();
					byWorker.set(got, agent);
					byWorker.set(w, await connectTo(w));
				}
				if (pending.has(got) && body.includes(word)) {
					ms.push(took);
					pending.delete(got);
				}
				if (Date.now() - t0 > 10000)
					throw new Error(`worker ${w} never found ${word}`);
			}
		}
	}
	ms.sort((a, b) => a - b);
	const at = (q) => ms[Math.min(ms.length - 1, Math.ceil(q * ms.length) - 1)];
	return `${at(0.5).toFixed(1)} ${at(0.99).toFixed(1)} ${ms[ms.length - 1].toFixed(1)}`;
}

const patched = await trials(false, Number(n));
const rebuilt = await trials(true, Math.max(10, Math.round(Number(n) / 5)));
await sql(`BEGIN; UPDATE action SET status_note = '${old.replace(/'/g, "''")}' ` +
    `WHERE id = ${aid}; SELECT process_rows_refresh_action(${aid}); COMMIT;`);
psql.end();
for (const agent of byWorker.values()) agent.destroy();
console.log(`${patched} ${rebuilt}`);
