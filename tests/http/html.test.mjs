// Every kind of public page is valid HTML5 (html-validate, the
// standard rule set: what the HTML specification requires).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { get, htmlProblems } from './lib.mjs';

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
	const bad = await htmlProblems([['bad', '<!DOCTYPE html><html ' +
	    'lang="fi"><head><title>x</title></head><body><table><p>x</p>' +
	    '<td>y</td></table><a href="/"><a href="/">z</a></a></body></html>']]);
	assert.ok(bad.length > 0, 'a known-invalid page must fail');
});

test('public pages are valid HTML5', async () => {
	const list = await pages();
	const texts = [];
	for (const path of list)
		texts.push([path, (await get(path)).text]);
	const problems = await htmlProblems(texts);
	assert.ok(list.length >= 14);
	assert.deepEqual(problems, [], problems.join('\n'));
});
