// The server survives a database restart: connections broken by it are
// reset, pages come back, and nothing needs a server restart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { get, eventually } from './lib.mjs';

test('pages come back after the database restarts', async () => {
	const dir = process.env.TOTEUMA_TEST_PGDIR;
	assert.ok(dir, 'TOTEUMA_TEST_PGDIR is set by tests/env.sh');
	// Use both workers' connections before the restart.
	for (let i = 0; i < 6; i++)
		assert.equal((await get('/p/asukaspaneeli-2024?sort=unit&q=a' + i))
		    .status, 200);
	execFileSync('scripts/cluster.sh', ['stop', dir]);
	execFileSync('scripts/cluster.sh', ['start', dir]);
	const statuses = [];
	const ok = await eventually(async () => {
		// Every request is new to the page cache and needs the database.
		const r = await get('/p/asukaspaneeli-2024?sort=info&q=b' +
		    statuses.length);
		statuses.push(r.status);
		return statuses.slice(-4).join() === '200,200,200,200';
	}, 10000);
	assert.ok(ok, 'expected four 200s in a row, got ' + statuses.join());
	assert.ok(statuses.every((s) => s === 200 || s === 503),
	    'only 503 while reconnecting: ' + statuses.join());
});
