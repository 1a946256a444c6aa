// Side by side on Lethe's held-out free-text corpus: Lethe (findings exported by NerEvaluationTest) against
// npm PII detectors a team could install instead. Token-level precision, recall and F2 per type and
// type-agnostic (ANY), counted as presidio-research's evaluator does, with the same tokenisation as the
// Java test (white space and delimiters break; trailing . : ! ? = are stripped).
//
//   ./mvnw -B -ntp -o test -pl classifier -Dtest=NerEvaluationTest     # writes the corpus file
//   (cd bench/ner-peers && npm ci && node compare.cjs ../../classifier/target/ner-eval-corpus.jsonl)
'use strict';
const fs = require('fs');
const { OpenRedaction } = require('@openredaction/openredaction');
const nlp = require('compromise');
const { SyncRedactor } = require('redact-pii');

const TYPES = ['PERSON', 'ADDRESS', 'LOCATION', 'ORGANIZATION', 'PHONE', 'EMAIL', 'AGE', 'NATIONALITY', 'RELIGION',
  'POLITICAL_GROUP', 'TITLE', 'DATE_TIME', 'ZIP_CODE', 'DOMAIN_NAME', 'USERNAME'];
const BREAKS = new Set([...' \t\n\r\f\u00a0"\'()[]{}<>,;|`\u201c\u201d\u2018\u2019\u00ab\u00bb']);
const TRAILING = new Set([...'.:!?=']);

function tokens(text) {
  const out = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && BREAKS.has(text[i])) i++;
    const start = i;
    while (i < text.length && !BREAKS.has(text[i])) i++;
    let end = i;
    while (end > start && TRAILING.has(text[end - 1])) end--;
    if (end > start) out.push({ start, end, word: text.slice(start, end) });
  }
  return out;
}

function labels(toks, spans) {
  const out = new Array(toks.length).fill(null);
  for (const s of spans) {
    toks.forEach((t, i) => { if (t.start < s.end && s.start < t.end) out[i] = s.type; });
  }
  return out;
}

function count(counts, gold, predicted) {
  const of = (k) => (counts[k] ??= [0, 0, 0]);
  if (gold !== null && gold === predicted) of(gold)[0]++;
  else {
    if (predicted !== null) of(predicted)[1]++;
    if (gold !== null) of(gold)[2]++;
  }
  if (gold !== null && predicted !== null) of('ANY')[0]++;
  else if (predicted !== null) of('ANY')[1]++;
  else if (gold !== null) of('ANY')[2]++;
}

const p = (c) => (c && c[0] + c[1] ? c[0] / (c[0] + c[1]) : 0);
const r = (c) => (c && c[0] + c[2] ? c[0] / (c[0] + c[2]) : 0);
const f2 = (c) => { const a = p(c), b = r(c); return a + b ? (5 * a * b) / (4 * a + b) : 0; };

function mapType(t) {
  const u = t.toUpperCase();
  if (u.includes('EMAIL')) return 'EMAIL';
  if (u.includes('PHONE')) return 'PHONE';
  if (u.includes('USERNAME') || u.includes('HANDLE')) return 'USERNAME';
  if (u.includes('DOMAIN')) return 'DOMAIN_NAME';
  if (u.includes('DATE') || u.includes('TIME')) return 'DATE_TIME';
  if (u.includes('NATIONALITY')) return 'NATIONALITY';
  if (u.includes('RELIGIO')) return 'RELIGION';
  if (u.includes('POLITIC')) return 'POLITICAL_GROUP';
  if (u === 'TITLE') return 'TITLE';
  if (u.includes('NAME') || u === 'PERSON') return 'PERSON';
  // a peer's postcode usually sits inside an address: counted as ADDRESS, as before (kinder to the peers)
  if (u.includes('ADDRESS') || u.includes('STREET') || u.includes('ZIP') || u.includes('POSTCODE') || u.includes('POSTAL')) return 'ADDRESS';
  if (u.includes('CITY') || u.includes('LOCATION') || u.includes('COUNTRY') || u.includes('PLACE')) return 'LOCATION';
  if (u.includes('ORG') || u.includes('COMPANY')) return 'ORGANIZATION';
  if (u === 'AGE') return 'AGE';
  return 'OTHER';
}

const openRedaction = new OpenRedaction();
async function openredactionSpans(text) {
  const result = await openRedaction.detect(text);
  return result.detections.map((d) => ({ type: mapType(d.type), start: d.position[0], end: d.position[1] }));
}

function compromiseSpans(text) {
  const doc = nlp(text);
  const out = [];
  const add = (view, type) => view.json({ offset: true }).forEach((m) =>
    out.push({ type, start: m.offset.start, end: m.offset.start + m.offset.length }));
  add(doc.people(), 'PERSON');
  add(doc.places(), 'LOCATION');
  add(doc.organizations(), 'ORGANIZATION');
  add(doc.phoneNumbers(), 'PHONE');
  add(doc.emails(), 'EMAIL');
  return out;
}

// redact-pii only returns redacted text: align its tokens with the original's (longest common
// subsequence); original tokens left unmatched were redacted, typed by the placeholder in their gap.
const redactor = new SyncRedactor();
function redactPiiSpans(text) {
  const a = tokens(text);
  const b = tokens(redactor.redact(text));
  const n = a.length, m = b.length;
  const dp = Array.from({ length: n + 1 }, () => new Int32Array(m + 1));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      dp[i][j] = a[i].word === b[j].word ? dp[i + 1][j + 1] + 1 : Math.max(dp[i + 1][j], dp[i][j + 1]);
  const out = [];
  let i = 0, j = 0, gapA = [], gapB = [];
  const flush = () => {
    if (gapA.length) {
      const placeholder = gapB.find((t) => /^[A-Z_]+$/.test(t.word));
      const type = placeholder ? mapType(placeholder.word) : 'OTHER';
      gapA.forEach((t) => out.push({ type, start: t.start, end: t.end }));
    }
    gapA = []; gapB = [];
  };
  while (i < n || j < m) {
    if (i < n && j < m && a[i].word === b[j].word) { flush(); i++; j++; }
    else if (j >= m || (i < n && dp[i + 1][j] >= dp[i][j + 1])) gapA.push(a[i++]);
    else gapB.push(b[j++]);
  }
  flush();
  return out;
}

async function main() {
  const file = process.argv[2] || '../../classifier/target/ner-eval-corpus.jsonl';
  const corpus = fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  const tools = {
    'Lethe (exported findings)': async (s) => s.lethe,
    '@openredaction/openredaction': (s) => openredactionSpans(s.text),
    'redact-pii': async (s) => redactPiiSpans(s.text),
    'compromise': async (s) => compromiseSpans(s.text),
  };
  const head = ['tool', ...TYPES.map((t) => `${t} F2`), 'ANY P', 'ANY R', 'ANY F2', 'sentences/s'];
  console.log(`${corpus.length} sentences\n`);
  console.log(`| ${head.join(' | ')} |\n|${head.map(() => '---').join('|')}|`);
  for (const [name, run] of Object.entries(tools)) {
    const counts = {};
    const t0 = process.hrtime.bigint();
    const predictions = [];
    for (const s of corpus) predictions.push(await run(s));
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    corpus.forEach((s, k) => {
      const toks = tokens(s.text);
      const g = labels(toks, s.gold);
      const q = labels(toks, predictions[k]);
      toks.forEach((_, i) => count(counts, g[i], q[i]));
    });
    const speed = name.startsWith('Lethe') ? 'see README' : (corpus.length / seconds).toFixed(0);
    const row = [name, ...TYPES.map((t) => f2(counts[t]).toFixed(3)),
      p(counts.ANY).toFixed(3), r(counts.ANY).toFixed(3), f2(counts.ANY).toFixed(3), speed];
    console.log(`| ${row.join(' | ')} |`);
  }
}

main();
