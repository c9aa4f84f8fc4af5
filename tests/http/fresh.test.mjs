// A committed change is pushed to every worker (LISTEN/NOTIFY on the
// primary) rather than found by the once-a-second poll: after at least
// eight of ten commits both workers answer with the new text within
// 400 ms (two slow trials are allowed for a loaded machine or a
// sanitizer build). With the poll alone, both of two workers would have
// it that soon in about one trial in six (each polls at its own moment),
// and eight of ten about once in 70,000 runs. (make bench measures the
// delay itself.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { base, importCsv, HEADER, psql, eventually } from './lib.mjs';

// A page on a new connection each time, so that both workers answer.
async function page(path) {
  const r = await fetch(base + path, { headers: { connection: 'close' } });
  return r.text();
}

test('a change shows on both workers at once, trial after trial', async () => {
  importCsv('http-fresh', HEADER + '1. Eka,,Alku,,Käynnissä,,\r\n');
  psql("UPDATE process SET published = true WHERE slug = 'http-fresh'");
  assert.ok(await eventually(async () => /Alku/.test(await page('/p/http-fresh'))));
  const delays = [];
  for (let i = 0; i < 10; i++) {
    const word = `Tuore${i}x`;
    psql(`UPDATE process SET title = '${word}' WHERE slug = 'http-fresh'`);
    const t0 = Date.now();
    // Four answers in a row with the word: both workers have it.
    let seen = 0;
    while (seen < 4 && Date.now() - t0 < 2000) {
      seen = new RegExp(word).test(await page('/p/http-fresh')) ? seen + 1 : 0;
    }
    delays.push(Date.now() - t0);
  }
  const quick = delays.filter((d) => d <= 400);
  assert.ok(quick.length >= 8,
    `expected at least 8 of 10 changes on both workers within 400 ms; delays in ms: ${delays.join(', ')}`);
});
