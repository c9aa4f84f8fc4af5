// Compressed answers: brotli or gzip as the request's Accept-Encoding
// allows, the same bytes once decompressed, one weak ETag for the
// encodings of the same content (a 304 whichever the client asks with),
// Vary on every page that may be compressed, and none for what does not
// compress.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { base } from './lib.mjs';

// A GET without the transparent decompression of fetch().
function raw(path, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, base), { headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode,
        headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

const PAGES = ['/', '/p/asukaspaneeli-2024', '/p/asukaspaneeli-2024?per=all',
  '/p/asukaspaneeli-2024.json', '/p/asukaspaneeli-2024.csv',
  '/feed.atom', '/sitemap.xml', '/statuses?lang=sv',
  // The stylesheet every page waits for.
  '/assets/style.css'];

for (const path of PAGES) {
  test(`${path}: brotli, gzip or none as asked; the same bytes`, async () => {
    const plain = await raw(path);
    assert.equal(plain.status, 200);
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.match(plain.headers.vary || '', /accept-encoding/i);
    const br = await raw(path, { 'accept-encoding': 'gzip, deflate, br' });
    assert.equal(br.headers['content-encoding'], 'br');
    assert.match(br.headers.vary || '', /accept-encoding/i);
    assert.ok(brotliDecompressSync(br.body).equals(plain.body),
      'expected the brotli body to decompress to the plain one');
    const gz = await raw(path, { 'accept-encoding': 'gzip' });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.ok(gunzipSync(gz.body).equals(plain.body),
      'expected the gzip body to decompress to the plain one');
    const refused = await raw(path, { 'accept-encoding': 'br;q=0, gzip;q=0' });
    assert.equal(refused.headers['content-encoding'], undefined);
    assert.ok(refused.body.equals(plain.body));
    const etags = new Set([plain, br, gz].map((r) => r.headers.etag));
    assert.equal(etags.size, 1, `expected one ETag: ${[...etags]}`);
    assert.match(plain.headers.etag, /^W\/"[0-9a-f]{16}"$/, 'a weak ETag');
  });
}

// (The small test processes; make bench measures the quarter at 1,000
// actions.)
test('the default view goes on the wire at most a third of its size',
  async () => {
    const plain = await raw('/p/asukaspaneeli-2024');
    const br = await raw('/p/asukaspaneeli-2024', { 'accept-encoding': 'br' });
    const gz = await raw('/p/asukaspaneeli-2024', { 'accept-encoding': 'gzip' });
    assert.ok(br.body.length * 3 <= plain.body.length,
      `brotli ${br.body.length} of ${plain.body.length} bytes`);
    assert.ok(gz.body.length * 3 <= plain.body.length,
      `gzip ${gz.body.length} of ${plain.body.length} bytes`);
  });

test('a 304 answers the ETag whatever the encoding asked for, and ' +
    'the strong form of it too', async () => {
    const path = '/p/asukaspaneeli-2024';
    const br = await raw(path, { 'accept-encoding': 'br' });
    for (const enc of ['br', 'gzip', 'identity']) {
      const again = await raw(path, { 'accept-encoding': enc,
        'if-none-match': br.headers.etag });
      assert.equal(again.status, 304, enc);
      assert.equal(again.body.length, 0);
    }
    const strong = br.headers.etag.slice(2);
    assert.equal((await raw(path, { 'if-none-match': strong })).status, 304);
    const other = await raw(path, { 'if-none-match': 'W/"0000000000000000"' });
    assert.equal(other.status, 200, 'another ETag gets the page');
  });

test('a workbook and an image are sent as they are', async () => {
  const x = await raw('/p/asukaspaneeli-2024.xlsx',
    { 'accept-encoding': 'br, gzip' });
  assert.equal(x.status, 200);
  assert.equal(x.headers['content-encoding'], undefined);
  assert.equal(x.body.subarray(0, 2).toString(), 'PK');
  assert.match(x.headers.etag, /^"[0-9a-f]{16}"$/, 'a strong ETag');
  const ico = await raw('/favicon.ico', { 'accept-encoding': 'br, gzip' });
  assert.equal(ico.headers['content-encoding'], undefined);
});
