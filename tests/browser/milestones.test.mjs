// Milestones in a real browser: an editor adds them through their form
// (the form's error summary on a bad month), and the
// action's public page shows the timeline; axe-core (WCAG 2.1 A/AA) on
// the form with its errors in Finnish at phone width and on the
// timeline in Swedish at desktop width. Screenshots of both, in Finnish
// and Swedish at 375 and 1280 px, under TOTEUMA_SCREENSHOTS=1.
//
// Works on a process of its own, so the demo data stays as it is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import AxeBuilderModule from '@axe-core/playwright';
import {
  useBrowser, url, open, formatViolations, WCAG_TAGS, psql, sqlString,
  uniqueEmail, createStaffUser, signIn, submitAndWait, shot, SCREENSHOTS,
} from './lib.mjs';

const AxeBuilder = AxeBuilderModule.default || AxeBuilderModule;
const b = useBrowser();
const RUN = Date.now().toString(36) + process.pid.toString(36);
const SLUG = 'bvalitavoitteet-' + RUN;
const UNIT = 'Selaimen välitavoiteyksikkö ' + RUN;
const CSV = '\ufeffSuositus,Tarkennus,Toimenpide,Aikataulu,Status,Vastuu,' +
    'Lisätieto\n' +
    `1. Nuorten mielen hyvinvointi,,Matalan kynnyksen palvelu,Jatkuvaa,` +
    `Käynnissä,${UNIT},\n`;

function importProcess() {
  const file = `/tmp/${SLUG}.csv`;
  execFileSync('sh', ['-c', `cat > ${file}`], { input: CSV });
  execFileSync(process.env.TOTEUMA_CTL, ['import', '--process', SLUG,
    '--title', 'Välitavoitteet selaimessa', file], { env: process.env });
  psql(`UPDATE process SET published = true WHERE slug = ${sqlString(SLUG)}`);
}

async function axe(page, what) {
  const r = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  assert.equal(r.violations.length, 0, `${what}:\n` +
    formatViolations(r.violations));
}

test('an editor adds milestones through their form; the public page ' +
    'shows the timeline; both pass axe', async () => {
  importProcess();
  const aid = psql('SELECT a.id FROM action a JOIN process p ON p.id = ' +
    `a.process_id WHERE p.slug = ${sqlString(SLUG)}`);
  const user = createStaffUser(uniqueEmail('milestone'),
    'Selenium-free-horse-42', 'editor', [UNIT]);
  await b.withPage({ viewport: { width: 375, height: 800 } }, async (page) => {
    await signIn(page, user);
    await open(page, url(`/b/a/${aid}/m/new`));
    await page.locator('#title').fill('Palvelun suunnitelma valmis');
    await page.locator('#target').fill('13/2025');
    let resp = await submitAndWait(page);
    assert.equal(resp.status(), 422, 'an impossible month is refused');
    const summary = page.locator('main .errors[role="alert"] a[href="#target"]');
    assert.equal(await summary.count(), 1, 'the summary links to the month');
    assert.equal(await page.locator('#target').getAttribute('aria-invalid'),
      'true');
    await axe(page, 'the milestone form with its error (fi, 375 px)');
    await shot(page, 'var/test-out/milestone-form-error-fi-375.png');
    await page.locator('#target').fill('1/2020');
    resp = await submitAndWait(page);
    assert.equal(resp.status(), 200);
    assert.match(new URL(page.url()).pathname, new RegExp(`/b/a/${aid}$`),
      'back on the action\'s form');
    await open(page, url(`/b/a/${aid}/m/new`));
    await page.locator('#title').fill('Palvelu auki');
    await page.locator('#title_sv').fill('Tjänsten öppen');
    await page.locator('#target').fill('6/2030');
    await page.locator('#note').fill('Aukioloajat <b>ilmoitetaan</b> myöhemmin.');
    await submitAndWait(page);
    const items = page.locator('#milestones ~ ol.timeline li');
    assert.equal(await items.count(), 2, 'the form lists both milestones');
  });
  psql(`UPDATE action SET milestones = jsonb_set(milestones, '{0,done}', ` +
    `'"2020-01-20"') WHERE id = ${aid}`);
  psql('UPDATE action SET milestones = (SELECT jsonb_agg(x ORDER BY ' +
    "x->>'target') FROM jsonb_array_elements(milestones || " +
    "jsonb_build_array(jsonb_build_object('id', 3, 'title', 'Arviointi', " +
    `'target', '2021-03-01', 'done', null))) x) WHERE id = ${aid}`);
  await b.withPage({ viewport: { width: 1280, height: 900 } },
    async (page) => {
    await open(page, url(`/p/${SLUG}/a/${aid}`, { lang: 'sv' }));
    const items = page.locator('ol.timeline > li');
    assert.equal(await items.count(), 3);
    const texts = (await items.allInnerTexts()).map((t) =>
      t.replace(/\s+/g, ' ').trim());
    assert.match(texts[0], /^1\/2020 Palvelun suunnitelma valmis Klart 20\.1\.2020/);
    assert.match(texts[1], /Arviointi Försenat/, 'late, in words');
    assert.match(texts[2], /Tjänsten öppen Planerat Aukioloajat <b>ilmoitetaan<\/b>/,
      'markup is text');
    await axe(page, 'the action page with its timeline (sv, 1280 px)');
  });
  if (!SCREENSHOTS)
    return;
  for (const lang of ['fi', 'sv']) {
    for (const width of [375, 1280]) {
      await b.withPage({ viewport: { width, height: 900 } }, async (page) => {
        await open(page, url(`/p/${SLUG}/a/${aid}`, lang === 'fi' ? {} :
          { lang }));
        await shot(page, `var/test-out/milestones-${lang}-${width}.png`);
        await signIn(page, user, lang);
        await open(page, url(`/b/a/${aid}/m/1`, lang === 'fi' ? {} :
          { lang }));
        await shot(page, `var/test-out/milestone-form-${lang}-${width}.png`);
        await open(page, url(`/b/a/${aid}`, lang === 'fi' ? {} : { lang }));
        await page.locator('#milestones').scrollIntoViewIfNeeded();
        await shot(page, `var/test-out/milestone-list-${lang}-${width}.png`,
          false);
      });
    }
  }
});
