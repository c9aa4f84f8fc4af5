// Helpers for the mail tests: the messages the SMTP sink (tests/smtp_sink.py)
// kept in its Maildir (TOTEUMA_MAIL_DIR), parsed as a mail reader would.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { RUN, base } from './lib.mjs';

const dir = process.env.TOTEUMA_MAIL_DIR;

// A fresh address of this run at example.fi: PREFIX-N-RUN@example.fi.
let serial = 0;
export const address = (prefix) =>
    `${prefix}-${++serial}-${RUN}@example.fi`.toLowerCase();

// RFC 2047 encoded words decoded (the whitespace between two words goes).
export function decodeWords(v) {
	return v.replace(/\?=\s+=\?/g, '?==?').replace(
	    /=\?UTF-8\?([BQ])\?([^?]*)\?=/gi, (_, enc, s) =>
	    enc.toUpperCase() === 'B' ? Buffer.from(s, 'base64').toString('utf8')
	    : Buffer.from(s.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi,
	    (__, h) => String.fromCharCode(parseInt(h, 16))), 'latin1')
	    .toString('utf8'));
}

// Headers (names lowercased, folded lines joined, raw) and body of text.
function split(text) {
	const i = text.search(/\r?\n\r?\n/);
	const head = text.slice(0, i).replace(/\r?\n[ \t]+/g, ' ');
	const headers = {};
	for (const line of head.split(/\r?\n/)) {
		const k = line.indexOf(':');
		headers[line.slice(0, k).toLowerCase()] = line.slice(k + 1).trim();
	}
	return { headers, body: text.slice(i).replace(/^\r?\n\r?\n/, '') };
}

function decodeBody(part) {
	const cte = (part.headers['content-transfer-encoding'] || '').toLowerCase();
	return cte === 'base64' ? Buffer.from(part.body.replace(/\s+/g, ''),
	    'base64').toString('utf8') : part.body;
}

// One message: its headers, its subject decoded, and its parts, each
// with its content type and decoded text.
export function parse(raw) {
	const m = split(raw);
	const type = m.headers['content-type'] || '';
	const parts = [];
	const b = type.match(/boundary="([^"]+)"/);
	if (b) {
		const chunks = m.body.split('--' + b[1]);
		for (const c of chunks.slice(1)) {
			if (c.startsWith('--')) break;
			const p = split(c.replace(/^\r?\n/, ''));
			parts.push({ type: p.headers['content-type'],
			    headers: p.headers, text: decodeBody(p) });
		}
	} else {
		parts.push({ type, headers: m.headers, text: decodeBody(m) });
	}
	return { raw, headers: m.headers, subject: decodeWords(
	    m.headers.subject || ''), type, parts,
	    text: (parts.find((p) => /^text\/plain/.test(p.type)) || {}).text,
	    html: (parts.find((p) => /^text\/html/.test(p.type)) || {}).text };
}

// Every message that arrived, parsed.
export function mails() {
	const out = [];
	for (const sub of ['new', 'cur']) {
		let names = [];
		try { names = readdirSync(join(dir, sub)); } catch { continue; }
		for (const n of names)
			out.push(parse(readFileSync(join(dir, sub, n), 'utf8')));
	}
	return out;
}

// The messages to address (as the sink's X-RcptTo says).
export const mailsTo = (addr) => mails().filter((m) =>
    m.headers['x-rcptto'] === addr);

// Kore answers a keep-alive connection that stayed idle longer than its
// request timeout with 408 and closes it; fetch's pool may still hand
// that connection to the next request. A few requests that nothing
// depends on take such connections out of the pool after a wait.
async function settle() {
	for (let i = 0; i < 4; i++) {
		try {
			await (await fetch(base + '/healthz')).text();
		} catch { /* a closed connection: that was the point */ }
	}
}

// Waits until fn() is truthy (the sender works on its own): its value.
export async function until(fn, ms = 10000, what = 'the condition') {
	const end = Date.now() + ms;
	const start = Date.now();
	for (;;) {
		const v = fn();
		if (v) {
			if (Date.now() - start > 1000)
				await settle();
			return v;
		}
		if (Date.now() > end)
			throw new Error(`waited ${ms} ms for ${what}`);
		await new Promise((r) => setTimeout(r, 150));
	}
}

// The one message to addr, once it has arrived.
export async function mailTo(addr, ms = 10000) {
	const got = await until(() => { const l = mailsTo(addr);
	    return l.length ? l : null; }, ms, `a message to ${addr}`);
	return got[0];
}

// Stops and starts the relay (the sink), as an operator would.
export function relay(cmd) {
	const args = [cmd, dir];
	if (cmd === 'start') args.push(process.env.TOTEUMA_SMTP_PORT);
	execFileSync(new URL('../smtp-sink.sh', import.meta.url).pathname, args,
	    { encoding: 'utf8' });
}
