// The second factor as a person's authenticator app has it: RFC 6238
// codes (HMAC-SHA1, 30-second steps, 6 digits) computed here with
// node's crypto, for the test helpers that sign in (http/lib.mjs,
// browser/lib.mjs) and for the tests of the second factor itself.
import { createHmac } from 'node:crypto';
import { execFileSync } from 'node:child_process';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

// The bytes of an RFC 4648 base32 text (padding and spaces ignored).
export function base32Decode(text) {
	const s = text.replace(/[=\s]/g, '').toUpperCase();
	let bits = 0, value = 0;
	const out = [];
	for (const c of s) {
		const v = ALPHABET.indexOf(c);
		if (v < 0) throw new Error('not base32: ' + text);
		value = (value << 5) | v;
		bits += 5;
		if (bits >= 8) {
			out.push((value >>> (bits - 8)) & 0xff);
			bits -= 8;
		}
	}
	return Buffer.from(out);
}

// The code of time step `step` for the secret (bytes).
export function totpCode(secret, step) {
	const msg = Buffer.alloc(8);
	msg.writeBigUInt64BE(BigInt(step));
	const h = createHmac('sha1', secret).update(msg).digest();
	const o = h[h.length - 1] & 0xf;
	const n = (((h[o] & 0x7f) << 24) | (h[o + 1] << 16) | (h[o + 2] << 8) |
	    h[o + 3]) % 1000000;
	return String(n).padStart(6, '0');
}

export const stepNow = () => Math.floor(Date.now() / 30000);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// A step later than `last` whose code the server takes now (it takes
// the step before and after its own): waits for the clock when the
// steps it would take are used up (at most one step).
export async function freshStep(last) {
	for (;;) {
		const now = stepNow();
		const s = Math.max(last + 1, now);
		if (s <= now + 1) return s;
		await sleep((now + 1) * 30000 - Date.now() + 100);
	}
}

function owner(sql) {
	return execFileSync('psql', ['-X', '-q', '-At', '-v', 'ON_ERROR_STOP=1',
	    process.env.TOTEUMA_DATABASE, '-c', sql], { encoding: 'utf8' })
	    .trim();
}

// The secret (bytes) and last used step of email's second factor, as
// the database has it (read as the owner: the server's role can not).
export function totpState(email) {
	const row = owner('SELECT encode(t.secret, \'hex\'), t.last_step ' +
	    'FROM user_totp t JOIN app_user u ON u.id = t.user_id WHERE ' +
	    "u.email = lower('" + email.replace(/'/g, "''") + "') AND " +
	    't.enabled_at IS NOT NULL');
	if (!row) throw new Error('no second factor for ' + email);
	const [hex, last] = row.split('|');
	return { secret: Buffer.from(hex, 'hex'), last: Number(last) };
}

// A code of email's second factor that the server has not taken yet.
export async function nextCode(email) {
	const { secret, last } = totpState(email);
	return totpCode(secret, await freshStep(last));
}

// A code for the sign-in helpers, which sign one account in more often
// than an authenticator could (the server takes a step once, and only
// the step before, at and after its own): when the steps it would take
// now are used up, the account's last step is set back as the owner
// instead of waiting for the clock. The second factor's own tests
// (http/totp.test.mjs) use nextCode(), which waits.
export function signInCode(email) {
	const { secret, last } = totpState(email);
	const now = stepNow();
	let step = Math.max(last + 1, now);
	if (step > now + 1) {
		owner('UPDATE user_totp SET last_step = ' + (now - 1) +
		    ' WHERE user_id = (SELECT id FROM app_user WHERE email = ' +
		    "lower('" + email.replace(/'/g, "''") + "'))");
		step = now;
	}
	return totpCode(secret, step);
}

// The secret of the enrolment page's text (<code id="totp-secret">).
export function secretOfPage(html) {
	const m = html.match(/<code id="totp-secret">([A-Z2-7]+)<\/code>/);
	return m ? base32Decode(m[1]) : null;
}
