// A change in one process leaves the cached pages of every other
// process in place; a change to what every page shows (here the
// settings) does not. Seen from outside: process B's title is changed
// in the database with its triggers off (so nothing says B changed);
// after a change in process A, B's pages still show the old title,
// because they were not made again; after a settings change they show
// the new one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { availableParallelism } from 'node:os';
import {
  base, importCsv, HEADER, psql, eventually, addUser, actionIds, lit, PW,
  RUN, rowCount,
} from './lib.mjs';

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
  // Every worker makes (and keeps) B's page: a loaded machine may hand
  // every connection of a burst to one worker.
  assert.ok(await eventually(async () =>
    (await everyWorker('/p/http-pv-b')).every((t) => t.includes('Beeta yksi'))));
  await all('/p/http-pv-b/feed.atom');
  psql(`BEGIN; ALTER TABLE process DISABLE TRIGGER USER;
    UPDATE process SET title = 'Beeta kaksi' WHERE slug = 'http-pv-b';
    ALTER TABLE process ENABLE TRIGGER USER; COMMIT;`);
  psql("UPDATE process SET title = 'Alfa kaksi' WHERE slug = 'http-pv-a'");
  assert.ok(await eventually(async () =>
    (await all('/p/http-pv-a')).every((t) => t.includes('Alfa kaksi'))),
    'process A shows its change');
  const b = [...await all('/p/http-pv-b'), ...await everyWorker('/p/http-pv-b')];
  assert.ok(b.every((t) => t.includes('Beeta yksi')),
    'process B\'s page was kept as it was made, in every worker');
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
async function counter(name) {
  const r = await fetch(process.env.TOTEUMA_METRICS_URL + '/metrics');
  const m = (await r.text()).match(new RegExp(`^${name} (\\d+)$`, 'm'));
  assert.ok(m, `expected the counter ${name}`);
  return Number(m[1]);
}
const indexLoads = () => counter('toteuma_search_index_loads_total');
const patchedRows = () => counter('toteuma_search_index_patched_rows_total');

test('a change and a search in one process keep another\'s search index',
  async () => {
    const search = async (slug, i) => page(`/p/${slug}?q=eka${i}`);
    // Searches four at a time, so that every worker loads B's index.
    const searches = async (slug, from) => {
      for (let i = from; i < from + 8; i += 4)
        await Promise.all([0, 1, 2, 3].map((k) => search(slug, i + k)));
    };
    await searches('http-pv-b', 0);
    await everyWorker('/p/http-pv-b?q=eka99');
    psql("UPDATE process SET title = 'Alfa neljä' WHERE slug = 'http-pv-a'");
    assert.ok(await eventually(async () =>
      (await all('/p/http-pv-a')).every((t) => t.includes('Alfa neljä'))));
    await searches('http-pv-a', 0);
    await everyWorker('/p/http-pv-a?q=eka99');
    const before = await indexLoads();
    await searches('http-pv-b', 10);
    assert.equal(await indexLoads(), before,
      'expected no index of process B to be loaded again');
  });

// The answer of every worker (the first part of X-Request-Id names it)
// to path, asked on new connections until each has answered.
async function everyWorker(path) {
  const want = Number(process.env.KORE_WORKERS) || availableParallelism();
  const seen = new Map();
  for (let i = 0; i < 100 && seen.size < want; i++) {
    for (const r of await Promise.all([0, 1, 2, 3].map(() =>
      fetch(base + path, { headers: { connection: 'close' } })))) {
      const w = r.headers.get('x-request-id').split('-')[0];
      const text = await r.text();
      if (!seen.has(w)) seen.set(w, text);
    }
  }
  assert.equal(seen.size, want, `expected answers from ${want} workers`);
  return [...seen.values()];
}

// A saved status note changes one action's rows in place: every worker
// patches its index of the process with those rows (no load), and
// finds the action by its new words and no longer by the old ones.
test('a saved status note patches the search index of every worker',
  async () => {
    const slug = 'http-pv-c';
    importCsv(slug, HEADER + '1. Eka,,Ceetoimi,,Käynnissä,,\r\n' +
      ',,Deetoimi,,Käynnissä,,\r\n', 'Ceeta');
    const email = `patch-${RUN}@example.fi`;
    addUser(email, 'admin', [], PW);
    const id = actionIds(slug).Ceetoimi;
    const save = (note, word) => psql(`SELECT action_save(u.id, a.id,
      a.revision, jsonb_build_object('status', s.code, 'status_note',
      ${lit(note)}, 'schedule_kind', a.schedule_kind, 'schedule_text',
      a.schedule_text, 'info', a.info, 'lexemes',
      jsonb_build_array(${lit(word)})),
      '127.0.0.1') FROM action a LEFT JOIN status s ON s.id = a.status_id,
      app_user u WHERE a.id = ${id} AND u.email = ${lit(email)}`);
    const counts = async (q) => (await everyWorker(`/p/${slug}?q=${q}`))
      .map((t) => rowCount(t));
    const found = (c, n) => c.every((k) => k === n);
    assert.ok(await eventually(async () =>
      found(await counts('ceetoimi'), 1)), 'every worker loads the index');
    const loads = await indexLoads();
    const patched = await patchedRows();
    save('Kvasaarikello soi', 'kvasaarikello');
    assert.ok(await eventually(async () =>
      found(await counts('kvasaarikello'), 1)),
      'every worker finds the new note');
    save('Pulsarikello soi', 'pulsarikello');
    assert.ok(await eventually(async () =>
      found(await counts('pulsarikello'), 1)),
      'and the next one');
    assert.ok(found(await counts('kvasaarikello'), 0),
      'the old note is no longer found');
    assert.ok(found(await counts('ceetoimi'), 1), 'nor is the action lost');
    assert.ok(found(await counts('isaarikell'), 0) &&
      found(await counts('ulsarikell'), 1), 'parts of words follow too');
    assert.ok(found(await counts('deetoimi'), 1), 'the other action stays');
    assert.equal(await indexLoads(), loads,
      'expected no index to be loaded again');
    // The sanitized run searches in PostgreSQL (TOTEUMA_SEARCH_INDEX=off,
    // tests/run): the same answers, no index to patch.
    if (process.env.TOTEUMA_SANITIZED !== '1')
      assert.ok(await patchedRows() > patched,
        'expected rows patched into the indexes');
  });
