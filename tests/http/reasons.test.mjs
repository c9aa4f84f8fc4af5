// Reasons: the list of reason categories that admins keep (/b/reasons,
// labels in three languages, five sensible defaults); a category asked
// when a recommendation is not accepted or only partly (the response
// form) and when an action will not be done (the action form), refused
// with a message when missing or unknown and nothing changed; shown on
// the public pages; counted by category in the reports.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import Ajv2020 from 'ajv/dist/2020.js';
import { get, importCsv, HEADER, RUN, psql, lit, signIn, signInNew,
    addUser, PW, unescapeHtml } from './lib.mjs';

const SLUG = 'syyt-' + RUN;
const UNIT = 'Syyyksikkö ' + RUN;
let admin, editor, rec, aid, noFunding;

importCsv(SLUG, HEADER +
    `1. Suositus syistä,,Syytoimi,Jatkuvaa,Käynnissä,${UNIT},\n`,
    'Syytesti');

before(async () => {
	rec = psql('SELECT r.id FROM recommendation r JOIN process p ON ' +
	    `p.id = r.process_id WHERE p.slug = ${lit(SLUG)}`);
	aid = psql('SELECT a.id FROM action a JOIN process p ON p.id = ' +
	    `a.process_id WHERE p.slug = ${lit(SLUG)}`);
	noFunding = psql("SELECT id FROM reason_category WHERE code = " +
	    "'no_funding'");
	admin = await signInNew('syyt-admin');
	addUser(`syyt-ed-${RUN}@example.fi`, 'editor', [UNIT], PW);
	editor = await signIn(`syyt-ed-${RUN}@example.fi`);
});

const recState = () => psql('SELECT concat_ws(\'|\', response, ' +
    'response_reason, response_reason_category) FROM recommendation ' +
    `WHERE id = ${rec}`);
const actState = () => psql('SELECT concat_ws(\'|\', revision, status_id, ' +
    `reason_category) FROM action WHERE id = ${aid}`);

test('admins keep the list: five defaults, a new one, bad labels refused',
    async () => {
	const list = await admin.get('/b/reasons');
	assert.equal(list.status, 200);
	for (const l of ['Ei rahoitusta', 'Lainsäädäntö estää',
	    'On jo käytössä', 'Korvattu toisella toimenpiteellä'])
		assert.ok(list.text.includes(l), l);
	assert.ok(list.text.includes('Outside the county&#39;s powers') ||
	    list.text.includes('Outside the county&#x27;s powers'));
	const code = 'leikkaus_' + RUN.replace(/[^a-z]/g, '');
	const bad = [
		[{ code, label_fi: 'Leikkaus', label_sv: '', label_en: 'Cut' },
		    'Anna nimi suomeksi, ruotsiksi ja englanniksi.'],
		[{ code, label_fi: 'x'.repeat(81), label_sv: 'S', label_en: 'E' },
		    'Nimessä voi olla enintään 80 merkkiä.'],
		[{ code: 'Iso Koodi', label_fi: 'L', label_sv: 'S', label_en: 'E' },
		    'Koodi on lyhyt nimi'],
		[{ code: 'no_funding', label_fi: 'L', label_sv: 'S',
		    label_en: 'E' }, 'Tällä koodilla on jo syy.'],
	];
	const count = psql('SELECT count(*) FROM reason_category');
	for (const [form, message] of bad) {
		const r = await admin.post('/b/reasons/new', { csrf: admin.csrf,
		    ...form });
		assert.equal(r.status, 422, JSON.stringify(form).slice(0, 60));
		assert.ok(unescapeHtml(r.text).includes(message), message);
	}
	assert.equal(psql('SELECT count(*) FROM reason_category'), count,
	    'nothing added');
	const ok = await admin.post('/b/reasons/new', { csrf: admin.csrf, code,
	    label_fi: 'Säästöt <i>leikkasivat</i>', label_sv: 'Besparingar',
	    label_en: 'Savings' });
	assert.equal(ok.status, 303);
	const after = await admin.get('/b/reasons');
	assert.ok(after.text.includes('Säästöt &lt;i&gt;leikkasivat&lt;/i&gt;'),
	    'a label with markup is text');
});

test('a response "not accepted" or "partly" needs a category from the ' +
    'list; the public page shows it', async () => {
	const before = recState();
	const missing = await admin.post(`/b/r/${rec}`, { csrf: admin.csrf,
	    response: 'partly', reason: 'Osittain', reason_category: '' });
	assert.equal(missing.status, 422);
	assert.ok(unescapeHtml(missing.text).includes('Valitse, miksi ' +
	    'suositusta ei hyväksytä kokonaan.'));
	const unknown = await admin.post(`/b/r/${rec}`, { csrf: admin.csrf,
	    response: 'not_accepted', reason: 'Ei', reason_category: '999999' });
	assert.equal(unknown.status, 422);
	assert.ok(unknown.text.includes('Valitse syyluokka luettelosta.'),
	    'the list is of reason categories');
	assert.equal(recState(), before, 'nothing changed');
	const ok = await admin.post(`/b/r/${rec}`, { csrf: admin.csrf,
	    response: 'not_accepted', reason: 'Rahat <b>loppuivat</b>',
	    reason_category: noFunding });
	assert.equal(ok.status, 303);
	assert.equal(recState(), `not_accepted|Rahat <b>loppuivat</b>|` +
	    noFunding);
	const page = await get(`/p/${SLUG}/r/${rec}`);
	assert.match(page.text, /<p class="reason-category">Syy: Ei rahoitusta<\/p>/);
	assert.ok(page.text.includes('Rahat &lt;b&gt;loppuivat&lt;/b&gt;'));
	const sv = await get(`/p/${SLUG}/r/${rec}?lang=sv`);
	assert.match(sv.text, /Skäl: Ingen finansiering/);
	const accepted = await admin.post(`/b/r/${rec}`, { csrf: admin.csrf,
	    response: 'accepted', reason: '', reason_category: noFunding });
	assert.equal(accepted.status, 303);
	assert.equal(recState(), 'accepted|', 'accepted: no category kept');
	await admin.post(`/b/r/${rec}`, { csrf: admin.csrf,
	    response: 'not_accepted', reason: 'Rahat loppuivat',
	    reason_category: noFunding });
});

function actionForm(fields) {
	return { csrf: editor.csrf, revision: psql('SELECT revision FROM ' +
	    `action WHERE id = ${aid}`), status: 'rejected',
	    status_note: 'Ei toteuteta.', schedule_kind: 'continuous',
	    start: '', end: '', schedule_text: '', actual_start: '',
	    actual_end: '', info: '', evidence: '', status_note_sv: '',
	    status_note_en: '', info_sv: '', info_en: '', reason: '',
	    ...fields };
}

test('an action that will not be done needs a category; the public page ' +
    'and the report show it', async () => {
	const before = actState();
	const missing = await editor.post(`/b/a/${aid}`, actionForm({}));
	assert.equal(missing.status, 422);
	assert.ok(unescapeHtml(missing.text).includes('Valitse, miksi ' +
	    'toimenpidettä ei toteuteta.'));
	assert.match(missing.text, /<select id="reason" name="reason" [^>]*aria-invalid="true"/);
	const unknown = await editor.post(`/b/a/${aid}`, actionForm({
	    reason: '999999' }));
	assert.equal(unknown.status, 422);
	assert.ok(unknown.text.includes('Valitse syy luettelosta.'));
	assert.equal(actState(), before, 'nothing changed');
	const ok = await editor.post(`/b/a/${aid}`, actionForm({
	    reason: noFunding }));
	assert.equal(ok.status, 303, ok.text.slice(0, 300));
	const page = await get(`/p/${SLUG}/a/${aid}`);
	assert.match(page.text, /<dt>Miksi ei toteuteta<\/dt>\n<dd>Ei rahoitusta<\/dd>/);
	const report = await get(`/p/${SLUG}/report`);
	assert.equal(report.status, 200);
	const row = report.text.match(/<tr><th scope="row">Ei rahoitusta<\/th>[^\n]*/);
	assert.ok(row, 'the report has a row for the category');
	assert.match(row[0], /data-label="Suositukset">1<\/td><td class="num" data-label="Toimenpiteet">1<\/td>/,
	    'one recommendation and one action: ' + row[0]);
	// The JSON API gives both, as the OpenAPI document says.
	const spec = JSON.parse((await get('/api/v1/openapi.json')).text);
	const ajv = new Ajv2020({ strict: false, validateFormats: false });
	ajv.addSchema({ $id: 'openapi', components: spec.components });
	const act = JSON.parse((await get(`/api/v1/actions/${aid}`)).text);
	const v = ajv.compile({ $ref: 'openapi#/components/schemas/Action' });
	assert.ok(v(act), JSON.stringify(v.errors));
	assert.deepEqual(act.reason_category, { code: 'no_funding', label: {
	    fi: 'Ei rahoitusta', sv: 'Ingen finansiering', en: 'No funding' } });
	const proc = JSON.parse((await get(`/api/v1/processes/${SLUG}`)).text);
	const pv = ajv.compile({ $ref: 'openapi#/components/schemas/Process' });
	assert.ok(pv(proc), JSON.stringify(pv.errors));
	assert.equal(proc.recommendations[0].response.reason_category.code,
	    'no_funding');
	const inProgress = await editor.post(`/b/a/${aid}`, actionForm({
	    status: 'in_progress', reason: noFunding }));
	assert.equal(inProgress.status, 303);
	assert.match(actState(), /\|\d+$/, 'in progress: no category kept');
});

test('a changed reason category is its own line of the action\'s public ' +
    'history, named by its label in the page\'s language', async () => {
	const legislation = psql("SELECT id FROM reason_category WHERE code = " +
	    "'legislation'");
	const first = await editor.post(`/b/a/${aid}`, actionForm({
	    reason: noFunding }));
	assert.equal(first.status, 303, first.text.slice(0, 300));
	// Only the category changes: the status and its note stay.
	const second = await editor.post(`/b/a/${aid}`, actionForm({
	    reason: legislation }));
	assert.equal(second.status, 303, second.text.slice(0, 300));
	const row = (html) => html.split('<tr').slice(1).find((r) =>
	    r.includes('Lainsäädäntö estää') || r.includes('Lagstiftningen ' +
	    'hindrar') || r.includes('Legislation</td>'));
	const fi = row((await get(`/p/${SLUG}/a/${aid}`)).text);
	assert.ok(fi, 'a line for the change of category');
	assert.match(fi, /data-label="Mikä muuttui">Syyluokka<\/th><td data-label="Ennen">Ei rahoitusta<\/td><td data-label="Jälkeen">Lainsäädäntö estää<\/td>/,
	    'Finnish: the field and both categories by their labels: ' + fi);
	assert.doesNotMatch(fi, /Tila/, 'a line of its own, not the status\'s');
	const sv = row((await get(`/p/${SLUG}/a/${aid}?lang=sv`)).text);
	assert.match(sv, />Skälkategori<\/th><td data-label="[^"]*">Ingen finansiering<\/td><td data-label="[^"]*">Lagstiftningen hindrar<\/td>/,
	    'Swedish labels, without a Finnish lang attribute: ' + sv);
	const en = row((await get(`/p/${SLUG}/a/${aid}?lang=en`)).text);
	assert.match(en, />Reason category<\/th><td data-label="[^"]*">No funding<\/td><td data-label="[^"]*">Legislation<\/td>/);
	// The feed of the process says it too.
	const feed = await get(`/p/${SLUG}/feed.atom`);
	assert.match(feed.text, /Syyluokka muuttui/, 'the feed has the change');
});

test('the recommendation\'s page has the history of the county\'s ' +
    'response: a changed category is its own line, by its label',
    async () => {
	const legislation = psql("SELECT id FROM reason_category WHERE code = " +
	    "'legislation'");
	const r = await admin.post(`/b/r/${rec}`, { csrf: admin.csrf,
	    response: 'not_accepted', reason: 'Rahat loppuivat',
	    reason_category: legislation });
	assert.equal(r.status, 303, r.text.slice(0, 300));
	const lines = (html) => html.slice(html.indexOf('id="history-caption"'))
	    .split('<tr').slice(1).filter((x) => x.includes('data-label="'));
	const page = await get(`/p/${SLUG}/r/${rec}`);
	assert.match(page.text, /<caption id="history-caption">Muutokset hyvinvointialueen vastaukseen, uusin ensin<\/caption>/);
	const fi = lines(page.text);
	assert.match(fi[0], />Syyluokka<\/th><td data-label="Ennen">Ei rahoitusta<\/td><td data-label="Jälkeen">Lainsäädäntö estää<\/td>/,
	    'the newest line: only the category changed: ' + fi[0]);
	assert.ok(fi.some((x) => />Hyvinvointialueen vastaus<\/th><td data-label="Ennen">Hyväksytty<\/td><td data-label="Jälkeen">Ei hyväksytty<\/td>/.test(x)),
	    'the response by its label');
	assert.ok(fi.some((x) => x.includes('>Rahat &lt;b&gt;loppuivat&lt;/b&gt;</td>')),
	    'the reason as text');
	const sv = lines((await get(`/p/${SLUG}/r/${rec}?lang=sv`)).text);
	assert.match(sv[0], />Skälkategori<\/th><td data-label="[^"]*">Ingen finansiering<\/td><td data-label="[^"]*">Lagstiftningen hindrar<\/td>/,
	    'Swedish labels: ' + sv[0]);
	assert.ok(sv.some((x) => /<td data-label="[^"]*" lang="fi">Rahat loppuivat<\/td>/.test(x)),
	    'the reason is Finnish text, marked so');
});
