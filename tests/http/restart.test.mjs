// The server survives a database restart: connections broken by it are
// reset, pages come back, and nothing needs a server restart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { get, eventually } from './lib.mjs';

test('pages come back after the database restarts', async () => {
	const dir = process.env.TOTEUMA_TEST_PGDIR;
	assert.ok(dir, 'TOTEUMA_TEST_PGDIR is set by tests/env.sh');
	// Open every pooled connection of both workers before the restart:
	// a recommendation page holds two at once, and concurrent requests
	// reach both workers.
	const page = await get('/p/asukaspaneeli-2024?per=all');
	const recs = [...new Set([...page.text.matchAll(
	    /href="(\/p\/asukaspaneeli-2024\/r\/\d+)/g)].map((m) => m[1]))];
	assert.ok(recs.length >= 4, 'recommendation links on the page');
	const rs = await Promise.all(['fi', 'sv', 'en'].flatMap((lang) =>
	    recs.map((r) => get(r + '?lang=' + lang))));
	assert.deepEqual(rs.map((r) => r.status), rs.map(() => 200));
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
	// The database is back (cluster.sh waits for it): a connection
	// broken by the restart is reset and the query repeated, so no
	// request fails, whichever worker and pooled connection it meets.
	assert.deepEqual(statuses, statuses.map(() => 200),
	    'every request after the restart succeeds: ' + statuses.join());
	for (let i = 0; i < 12; i++) {
		const r = await get('/p/asukaspaneeli-2024?sort=status&q=c' + i);
		assert.equal(r.status, 200, 'request ' + i + ' after the restart');
	}
});
