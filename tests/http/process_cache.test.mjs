// A change in one process leaves the cached pages of every other
// process in place; a change to what every page shows (here the
// settings) does not. Seen from outside: process B's title is changed
// in the database with its triggers off (so nothing says B changed);
// after a change in process A, B's pages still show the old title,
// because they were not made again; after a settings change they show
// the new one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { base, importCsv, HEADER, psql, eventually } from './lib.mjs';

async function page(path) {
  const r = await fetch(base + path, { headers: { connection: 'close' } });
  return r.text();
}

// Several answers on new connections at once, so that every worker
// answers (a worker takes one new connection at a time): one after
// another, they could all reach the same worker.
async function all(path, n = 16) {
  const out = [];
  for (let round = 0; round < 2; round++)
    out.push(...await Promise.all(Array.from({ length: n / 2 },
      () => page(path))));
  return out;
}

test('a change in one process does not remake another\'s pages', async () => {
  importCsv('http-pv-a', HEADER + '1. Eka,,Aa,,Käynnissä,,\r\n', 'Alfa yksi');
  importCsv('http-pv-b', HEADER + '1. Eka,,Bee,,Käynnissä,,\r\n', 'Beeta yksi');
  psql("UPDATE process SET published = true WHERE slug IN ('http-pv-a', 'http-pv-b')");
  assert.ok(await eventually(async () =>
    (await all('/p/http-pv-b')).every((t) => t.includes('Beeta yksi'))));
  await all('/p/http-pv-b/feed.atom');
  psql(`BEGIN; ALTER TABLE process DISABLE TRIGGER USER;
    UPDATE process SET title = 'Beeta kaksi' WHERE slug = 'http-pv-b';
    ALTER TABLE process ENABLE TRIGGER USER; COMMIT;`);
  psql("UPDATE process SET title = 'Alfa kaksi' WHERE slug = 'http-pv-a'");
  assert.ok(await eventually(async () =>
    (await all('/p/http-pv-a')).every((t) => t.includes('Alfa kaksi'))),
    'process A shows its change');
  const b = await all('/p/http-pv-b');
  assert.ok(b.every((t) => t.includes('Beeta yksi')),
    'process B\'s page was kept as it was made');
  // What every page shows changed: every process's pages are made again.
  psql('UPDATE setting SET stale_days = stale_days');
  assert.ok(await eventually(async () =>
    (await all('/p/http-pv-b')).every((t) => t.includes('Beeta kaksi'))),
    'after a settings change, process B\'s page is made again');
});

test('the front page, which lists every process, follows any change',
  async () => {
    psql("UPDATE process SET title = 'Alfa kolme' WHERE slug = 'http-pv-a'");
    assert.ok(await eventually(async () =>
      (await all('/')).every((t) => t.includes('Alfa kolme'))));
  });

// The search indexes of the workers (toteuma_search_index_loads_total
// on the internal /metrics): a change and a search in process A leave
// process B's index, and B's next searches load nothing.
async function indexLoads() {
  const r = await fetch(process.env.TOTEUMA_METRICS_URL + '/metrics');
  const m = (await r.text()).match(/^toteuma_search_index_loads_total (\d+)$/m);
  assert.ok(m, 'expected the index load counter');
  return Number(m[1]);
}

test('a change and a search in one process keep another\'s search index',
  async () => {
    const search = async (slug, i) => page(`/p/${slug}?q=eka${i}`);
    // Searches four at a time, so that every worker loads B's index.
    const searches = async (slug, from) => {
      for (let i = from; i < from + 8; i += 4)
        await Promise.all([0, 1, 2, 3].map((k) => search(slug, i + k)));
    };
    await searches('http-pv-b', 0);
    psql("UPDATE process SET title = 'Alfa neljä' WHERE slug = 'http-pv-a'");
    assert.ok(await eventually(async () =>
      (await all('/p/http-pv-a')).every((t) => t.includes('Alfa neljä'))));
    await searches('http-pv-a', 0);
    const before = await indexLoads();
    await searches('http-pv-b', 10);
    assert.equal(await indexLoads(), before,
      'expected no index of process B to be loaded again');
  });
