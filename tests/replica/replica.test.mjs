// Two servers behind one nginx, writing to the primary and reading
// public pages from a streaming replica (tests/replica.sh starts them).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execSync, execFileSync } from 'node:child_process';
import { addUser, hiddenValue, psql } from '../http/lib.mjs';
import { signInCode } from '../totp.mjs';

const A = process.env.TOTEUMA_NODE_A;
const B = process.env.TOTEUMA_NODE_B;
const FRONT = process.env.TOTEUMA_FRONT;
const SLUG = 'asukaspaneeli-2024';

function onReplica(sql) {
	return execFileSync('psql', ['-X', '-At', process.env.TOTEUMA_REPLICA,
	    '-c', sql], { encoding: 'utf8' }).trim();
}

async function page(base, path) {
	const r = await fetch(base + path, { redirect: 'manual' });
	return { status: r.status, text: await r.text(), headers: r.headers };
}

// A signed-in admin on one node: cookies kept by hand. The admin has a
// second factor (toteumactl user totp): its code follows the password.
async function signIn(base, email, password) {
	execFileSync(process.env.TOTEUMA_CTL, ['user', 'totp', email]);
	const f = await fetch(base + '/login');
	const cookie = f.headers.getSetCookie().map((c) => c.split(';')[0])
	    .join('; ');
	const csrf = hiddenValue(await f.text(), 'csrf');
	const r = await fetch(base + '/login', { method: 'POST',
	    redirect: 'manual', headers: { cookie, origin: base,
	    'content-type': 'application/x-www-form-urlencoded' },
	    body: new URLSearchParams({ email, password, csrf }) });
	assert.equal(r.status, 303, 'the admin signs in on node A');
	assert.equal(r.headers.get('location'), '/login/code');
	const half = r.headers.getSetCookie().map((c) => c.split(';')[0])
	    .join('; ');
	const c = await fetch(base + '/login/code', { headers: { cookie: half } });
	const code = await fetch(base + '/login/code', { method: 'POST',
	    redirect: 'manual', headers: { cookie: half, origin: base,
	    'content-type': 'application/x-www-form-urlencoded' },
	    body: new URLSearchParams({ code: signInCode(email),
	    csrf: hiddenValue(await c.text(), 'csrf') }) });
	assert.equal(code.status, 303, 'and gives the code');
	const session = code.headers.getSetCookie().map((x) => x.split(';')[0])
	    .join('; ');
	return { base, cookie: session };
}

async function post(s, path, form) {
	const p = await fetch(s.base + path, { headers: { cookie: s.cookie } });
	const csrf = hiddenValue(await p.text(), 'csrf');
	return fetch(s.base + path, { method: 'POST', redirect: 'manual',
	    headers: { cookie: s.cookie, origin: s.base,
	    'content-type': 'application/x-www-form-urlencoded' },
	    body: new URLSearchParams({ ...form, csrf }) });
}

test('public pages are read from the replica', async () => {
	for (const base of [A, B])
		assert.equal((await page(base, '/p/' + SLUG + '?r=1')).status, 200);
	const n = Number(onReplica("SELECT count(*) FROM pg_stat_activity " +
	    "WHERE usename = 'toteuma_app' AND datname = 'toteuma'"));
	assert.ok(n >= 2, 'both servers hold connections to the replica: ' + n);
});

// The primary's NOTIFY reaches node B before the replica it reads from
// has replayed the commit: B keeps reading the version until the
// replica has it. A poll alone (once a second) would miss 400 ms in
// most of ten trials.
test('a save through node A shows on node B\'s public page within ' +
    '400 ms, every time', async () => {
	const email = 'replica-' + Date.now() + '@example.org';
	addUser(email, 'admin', [], 'replika-salasana-1');
	const s = await signIn(A, email,
	    'replika-salasana-1');
	const pid = psql(`SELECT id FROM process WHERE slug = '${SLUG}'`);
	const times = [];
	for (let i = 0; i < 10; i++) {
		const title = `Asukaspaneeli 2024 (${Date.now()})`;
		const r = await post(s, `/b/p/${pid}`, { title,
		    kind: 'resident_panel', year: '2024', published: '1' });
		assert.equal(r.status, 303, 'saved on the primary');
		const t0 = Date.now();
		let seen = false;
		while (Date.now() - t0 < 5000) {
			const p = await page(B, '/p/' + SLUG);
			if (p.text.includes(title)) { seen = true; break; }
			await new Promise((res) => setTimeout(res, 10));
		}
		times.push(Date.now() - t0);
		assert.ok(seen, 'node B shows the new title');
	}
	console.log('# seen on node B after ' + times.join(', ') + ' ms');
	assert.ok(Math.max(...times) < 400, times.join(' '));
	// Through the one address too.
	assert.equal((await page(FRONT, '/p/' + SLUG)).status, 200);
});

test('a replica that stays behind is left for the primary', async () => {
	const su = process.env.TOTEUMA_REPLICA.replace('user=toteuma_app',
	    'user=postgres');
	const sql = (q) => execFileSync('psql', ['-X', '-At', su, '-c', q],
	    { encoding: 'utf8' }).trim();
	sql('SELECT pg_wal_replay_pause()');
	try {
		const title = `Paneeli viiveellä ${Date.now()}`;
		psql(`UPDATE process SET title = '${title}' WHERE slug = '${SLUG}'`);
		const t0 = Date.now();
		let seen = false;
		while (Date.now() - t0 < 12000) {
			if ((await page(B, '/p/' + SLUG)).text.includes(title)) {
				seen = true;
				break;
			}
			await new Promise((res) => setTimeout(res, 200));
		}
		const ms = Date.now() - t0;
		console.log('# behind replica left after ' + ms + ' ms');
		assert.ok(seen, 'node B shows the change from the primary');
		assert.ok(ms >= 4000, 'not before the replica was 5 s behind');
	} finally {
		sql('SELECT pg_wal_replay_resume()');
	}
});

test('with the replica stopped, public pages answer from the primary',
    async () => {
	execSync(process.env.TOTEUMA_REPLICA_STOP, { stdio: 'ignore' });
	for (const base of [A, B, FRONT]) {
		const r = await page(base, '/p/' + SLUG + '?q=nuorten&t=' +
		    Date.now());
		assert.equal(r.status, 200, base);
		assert.match(r.text, /role="status"/, "a whole page");
	}
	const m = await (await fetch(process.env.TOTEUMA_METRICS_B +
	    '/metrics')).text();
	assert.match(m, /toteuma_read_replica_fallbacks_total [1-9]/);
});
