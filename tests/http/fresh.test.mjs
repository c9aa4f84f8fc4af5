// A committed change is pushed to every worker (LISTEN/NOTIFY on the
// primary) rather than found by the once-a-second poll: after each of
// ten commits both workers answer with the new text within 400 ms. A
// poll alone would be that quick in ten trials about once in 10,000.
// (make bench measures the delay itself.)
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
  const slow = delays.filter((d) => d > 400);
  assert.equal(slow.length, 0, `delays in ms: ${delays.join(', ')}`);
});
