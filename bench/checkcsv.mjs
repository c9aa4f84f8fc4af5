#!/usr/bin/env node
// Sanity check of a generated import CSV: RFC 4180 parse, CRLF, 7 columns,
// balanced quotes, numbering rules, cell sizes.  Usage: checkcsv.mjs FILE [ROWS]
import { readFileSync } from 'node:fs';
const [file, want] = process.argv.slice(2);
const t = readFileSync(file, 'utf8');
const rows = []; let row = [], cell = '', i = 0, q = false;
while (i < t.length) {
  const c = t[i];
  if (q) {
    if (c === '"') { if (t[i + 1] === '"') { cell += '"'; i += 2; continue; } q = false; i++; continue; }
    cell += c; i++; continue;
  }
  if (c === '"') { if (cell !== '') throw new Error(`quote inside unquoted cell, row ${rows.length + 1}`); q = true; i++; continue; }
  if (c === ',') { row.push(cell); cell = ''; i++; continue; }
  if (c === '\r') { if (t[i + 1] !== '\n') throw new Error('bare CR'); row.push(cell); rows.push(row); row = []; cell = ''; i += 2; continue; }
  if (c === '\n') throw new Error(`bare LF at row ${rows.length + 1}`);
  cell += c; i++;
}
if (q) throw new Error('unbalanced quote at end');
if (cell !== '' || row.length) throw new Error('missing final CRLF');
const head = rows.shift();
if (head.join(',') !== 'Suositus,Tarkennus,Toimenpide,Aikataulu,Status,Vastuu,Lisätieto') throw new Error('bad header');
const labels = ['Ei aloitettu', 'Suunnitteilla', 'Käynnissä', 'Käsitelty', 'Toteutettu', 'Vakiintunut', 'Ei toteuteta'];
let rec = null, max = 0; const units = new Set();
rows.forEach((r, n) => {
  if (r.length !== 7) throw new Error(`row ${n + 2}: ${r.length} columns`);
  for (const c of r) { max = Math.max(max, c.length); if (c.length >= 2000) throw new Error(`row ${n + 2}: cell ${c.length} chars`); }
  const m = /^(\d+)\. /.exec(r[0]);
  if (r[0] && !m) throw new Error(`row ${n + 2}: bad Suositus`);
  if (m) rec = m[1];
  if (rec === null) throw new Error('first row continues nothing');
  const s = /^(\d+)\.(\d+)\. /.exec(r[1]);
  if (s && s[1] !== rec) throw new Error(`row ${n + 2}: sub ${s[1]}.${s[2]} under ${rec}`);
  if (!labels.some((l) => r[4] === l || r[4].startsWith(l + ' '))) throw new Error(`row ${n + 2}: bad status ${r[4]}`);
  if (r[5]) r[5].split('; ').forEach((u) => units.add(u));
});
if (want && rows.length !== +want) throw new Error(`${rows.length} rows, want ${want}`);
console.log(`${file}: ok, ${rows.length} rows, ${rec} recommendations, ${units.size} units, longest cell ${max}, ${t.length} chars`);
