// Monitoring: /metrics in Prometheus' text format on the internal
// listener only (the public port answers 404), counting what every
// worker does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { get } from './lib.mjs';

const internal = process.env.TOTEUMA_METRICS_URL;

async function counters() {
	const r = await fetch(internal + '/metrics');
	assert.equal(r.status, 200);
	assert.match(r.headers.get('content-type'), /^text\/plain; version=0\.0\.4/);
	const m = new Map();
	for (const line of (await r.text()).split('\n')) {
		if (line === '' || line.startsWith('#'))
			continue;
		const [name, value] = line.split(' ');
		assert.match(name, /^toteuma_[a-z_]+(\{[a-z]+="[^"]*"\})?$/, line);
		assert.match(value, /^[0-9]+$/, line);
		m.set(name, Number(value));
	}
	return m;
}

test('/metrics is on the internal listener only', async () => {
	assert.equal((await get('/metrics')).status, 404);
	const h = await fetch(internal + '/healthz');
	assert.equal(h.status, 200);
});

test('the counters count answers by class and the page cache, over ' +
    'every worker', async () => {
	const before = await counters();
	// A search no one has made: the first answer of each worker is a
	// miss, the others hits.
	const path = '/p/asukaspaneeli-2024?q=mittari' + Date.now();
	for (let i = 0; i < 6; i++)
		assert.equal((await get(path)).status, 200);
	for (let i = 0; i < 3; i++)
		assert.equal((await get('/p/no-such-process')).status, 404);
	const after = await counters();
	const d = (k) => after.get(k) - before.get(k);
	assert.ok(d('toteuma_answers_total{class="2xx"}') >= 6, '2xx');
	assert.ok(d('toteuma_answers_total{class="4xx"}') >= 3, '4xx');
	assert.ok(d('toteuma_page_cache_total{result="hit"}') >= 4,
	    'the same page again comes from a cache');
	assert.ok(d('toteuma_page_cache_total{result="miss"}') >= 1);
	assert.equal(after.get('toteuma_answers_total{class="5xx"}'),
	    before.get('toteuma_answers_total{class="5xx"}'));
});

test('every answer has its own request id, for a person to quote', async () => {
	const a = await get('/p/asukaspaneeli-2024');
	const b = await get('/no/such/page');
	const ida = a.headers.get('x-request-id');
	const idb = b.headers.get('x-request-id');
	assert.match(ida, /^[0-9]+-[0-9]+$/);
	assert.match(idb, /^[0-9]+-[0-9]+$/);
	assert.notEqual(ida, idb);
});
