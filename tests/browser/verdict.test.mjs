// A panel member rates with their link in a real browser: the rating
// page has no WCAG 2.1 A/AA violations (axe, at one width), its radio
// groups are fieldsets with legends, a rating is chosen by its label
// and saved; the public recommendation page shows the aggregate. With
// TOTEUMA_SCREENSHOTS=1 the rating page and the aggregate are captured
// at 375 and 1280 px in Finnish and Swedish (var/test-out/verdict-*).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import AxeBuilderModule from '@axe-core/playwright';
import {
  useBrowser, url, open, formatViolations, WCAG_TAGS, psql, shot,
  SCREENSHOTS, submitAndWait,
} from './lib.mjs';

const AxeBuilder = AxeBuilderModule.default || AxeBuilderModule;
const b = useBrowser();
const SLUG = 'browser-verdict';
const OUT = 'var/test-out';

// A new token and the hex of its SHA-256 (the database keeps only that).
function newToken() {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: createHash('sha256').update(token).digest('hex') };
}

// In one statement: the process with two recommendations (answered
// "partly"), an open round, three members' ratings of the first with a
// comment an admin has read, and the member's own link.
function setUp() {
  const links = [newToken(), newToken(), newToken()];
  const member = newToken();
  const ratings = [[4, 3, 'Hyvä alku, mutta jonot ovat yhä pitkiä.'], [2, 2, ''], [4, 3, '']];
  const out = psql(`
    DELETE FROM verdict WHERE process_id IN (SELECT id FROM process WHERE slug = '${SLUG}');
    DELETE FROM verdict_link WHERE process_id IN (SELECT id FROM process WHERE slug = '${SLUG}');
    DELETE FROM verdict_round WHERE process_id IN (SELECT id FROM process WHERE slug = '${SLUG}');
    INSERT INTO process (slug, title, published) VALUES ('${SLUG}', 'Arvion selaintesti', true)
      ON CONFLICT (slug) DO UPDATE SET published = true;
    INSERT INTO recommendation (process_id, kind, number, body, position, response)
      SELECT p.id, 'recommendation', n, b, pos, 'partly' FROM process p,
      (VALUES ('1', 'Nuorten mielenterveyspalvelut yhdeltä luukulta', 0),
              ('2', 'Koulupsykologeja lisää', 1)) x(n, b, pos)
      WHERE p.slug = '${SLUG}' AND NOT EXISTS (SELECT 1 FROM recommendation r
        WHERE r.process_id = p.id AND r.number = x.n);
    INSERT INTO verdict_round (process_id, closes_on)
      SELECT id, current_date + 14 FROM process WHERE slug = '${SLUG}';
    INSERT INTO verdict_link (process_id, number, token_hash)
      SELECT p.id, k, decode(h, 'hex') FROM process p, unnest(ARRAY[
      '${links[0].hash}', '${links[1].hash}', '${links[2].hash}', '${member.hash}'])
      WITH ORDINALITY u(h, k) WHERE p.slug = '${SLUG}';
    INSERT INTO verdict (link_id, recommendation_id, process_id, response, progress, comment, seen_at)
      SELECT l.id, r.id, p.id, v.resp, v.prog, v.c, now() FROM process p
      JOIN recommendation r ON r.process_id = p.id AND r.number = '1'
      JOIN verdict_link l ON l.process_id = p.id
      JOIN (VALUES ${ratings.map(([a, b, c], i) => `(${i + 1}, ${a}, ${b}, '${c}')`).join(', ')})
        v(k, resp, prog, c) ON v.k = l.number WHERE p.slug = '${SLUG}';
    SELECT p.id || ' ' || r.id FROM process p JOIN recommendation r ON r.process_id = p.id
      AND r.number = '1' WHERE p.slug = '${SLUG}';`);
  const [pid, rec] = out.split(/\s+/);
  return { pid, rec, member };
}

const state = setUp();

after(() => {
  psql(`UPDATE verdict_round SET closed_at = now() WHERE process_id = ${state.pid} AND closed_at IS NULL`);
});

test('the rating page: accessible, fieldsets with legends, a rating saved', async () => {
  if (SCREENSHOTS) mkdirSync(OUT, { recursive: true });
  await b.withPage({ viewport: { width: 1280, height: 900 } }, async (page) => {
    const resp = await open(page, url(`/verdict/${state.member.token}`));
    assert.equal(resp.headers()['referrer-policy'], 'no-referrer');
    const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
    assert.equal(results.violations.length, 0,
      `expected no WCAG 2.1 A/AA violations on the rating page, found ` +
      `${results.violations.length}:\n${formatViolations(results.violations)}`);
    const legends = await page.locator('main fieldset > legend').allInnerTexts();
    assert.deepEqual(legends.slice(0, 2), ['Kuinka hyvä hyvinvointialueen vastaus on?',
      'Kuinka hyvää edistyminen on?'], 'each scale is a fieldset with its legend');
    await page.getByLabel('4 – hyvä').first().check();
    await page.getByLabel('3 – kohtalainen').nth(1).check();
    await page.locator(`#comment-${state.rec}`).fill('Palvelupiste on hyvä, <b>kiitos</b>.');
    const saved = await submitAndWait(page);
    assert.equal(saved.status(), 200);
    assert.match(await page.locator('main [role="status"]').innerText(), /Tallennettu/);
    assert.equal(await page.getByLabel('4 – hyvä').first().isChecked(), true,
      'the saved rating is shown checked');
  });
  if (!SCREENSHOTS) return;
  for (const lang of ['fi', 'sv']) {
    for (const width of [375, 1280]) {
      await b.withPage({ viewport: { width, height: 900 } }, async (page) => {
        const q = lang === 'fi' ? {} : { lang };
        await open(page, url(`/verdict/${state.member.token}`, q));
        await shot(page, `${OUT}/verdict-rating-${lang}-${width}.png`);
        await open(page, url(`/p/${SLUG}/r/${state.rec}`, q));
        await page.locator('section.verdict').waitFor();
        await shot(page, `${OUT}/verdict-aggregate-${lang}-${width}.png`);
      });
    }
  }
});
