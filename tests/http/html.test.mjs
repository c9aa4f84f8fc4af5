// Every kind of public page is valid HTML5 (html-validate, the
// standard rule set: what the HTML specification requires).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HtmlValidate } from 'html-validate';
import { get } from './lib.mjs';

const validator = new HtmlValidate({ extends: ['html-validate:standard'] });

async function pages() {
	const t = await get('/p/asukaspaneeli-2024');
	const rec = t.text.match(/href="(\/p\/[^"]+\/r\/\d+)"/)[1];
	const act = t.text.match(/href="(\/p\/[^"]+\/a\/\d+)"/)[1];
	return ['/', '/?lang=sv', '/?lang=en', '/p/asukaspaneeli-2023',
	    '/p/asukaspaneeli-2024?lang=sv&q=alusta',
	    '/p/asukaspaneeli-2024?q=xyzzyqqq', '/p/asukaspaneeli-2024?sort=unit&dir=desc',
	    '/p/asukaspaneeli-2024?status=processed&per=10&page=3',
	    rec, rec + '?lang=sv', act, act + '?lang=en', '/p/no-such',
	    '/p/asukaspaneeli-2024?per=7',
	    '/follow?process=asukaspaneeli-2024&lang=sv',
	    act.replace(/^\/p\/[^/]+\/a\//, '/follow?action='),
	    '/follow/manage/' + 'A'.repeat(43), '/actions?lang=sv',
	    '/actions?process=asukaspaneeli-2024&q=palvelu&sort=status',
	    '/embed/actions?lang=en&per=10', '/embed/p/asukaspaneeli-2023'];
}

test('the validator rejects invalid markup', async () => {
	const bad = await validator.validateString('<!DOCTYPE html><html ' +
	    'lang="fi"><head><title>x</title></head><body><table><p>x</p>' +
	    '<td>y</td></table><a href="/"><a href="/">z</a></a></body></html>');
	assert.equal(bad.valid, false, 'a known-invalid page must fail');
});

test('public pages are valid HTML5', async () => {
	const problems = [];
	const list = await pages();
	for (const path of list) {
		const r = await get(path);
		const report = await validator.validateString(r.text);
		for (const res of report.results)
			for (const m of res.messages)
				problems.push(`${path}:${m.line}:${m.column} ` +
				    `${m.ruleId}: ${m.message}`);
	}
	assert.ok(list.length >= 14);
	assert.deepEqual(problems, [], problems.join('\n'));
});
