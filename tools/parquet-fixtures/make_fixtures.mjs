// Writes the parquet fixtures the workbench's reader is tested on, with a writer the workbench
// did not write: arrow-rs (the Rust parquet implementation) compiled to WebAssembly.
//
//   cd tools/parquet-fixtures && npm install && node make_fixtures.mjs
//
// Output: app/core/src/test/resources/parquet/ (the same bytes on every run).
//   variants/<name>.parquet  one table, written with every compression and encoding a reader meets
//   variants/expected.json   the rows the table holds, to compare with what the reader returns
//   mteb-retrieval/...       helpdesk-mini in the layout MTEB publishes retrieval sets on the Hub
//   mteb-sts/...             sentence pairs in MTEB's STS layout
import * as arrow from 'apache-arrow';
import * as pq from 'parquet-wasm';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');
const out = join(repo, 'app', 'core', 'src', 'test', 'resources', 'parquet');

function write(path, table, props) {
  const wasmTable = pq.Table.fromIPCStream(arrow.tableToIPC(table, 'stream'));
  const bytes = pq.writeParquet(wasmTable, props.build());
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes);
  console.log(path.substring(repo.length + 1), bytes.length, 'bytes');
}

// ---- variants: every column type the reader converts, nulls, multi-byte text, 1,000 rows ----
const n = 1000;
const words = ['vpn', 'passwort', 'café', '東京', 'naïve', 'wifi', 'printer', 'ключ', '😀 emoji', 'tab\there'];
const rows = [];
for (let i = 0; i < n; i++) {
  rows.push({
    id: 'doc-' + String(i).padStart(5, '0'),
    text: words[i % words.length] + ' ' + 'x'.repeat(i % 37) + ' ' + words[(i * 7) % words.length],
    title: i % 5 === 0 ? null : 'title ' + (i % 13),
    score: (i % 11) * 0.25 - 1.0,
    grade: i % 4,
    big: i * 4294967311,
    ratio: Math.fround((i % 9) / 8),
    flag: i % 3 === 0,
  });
}
const variantsTable = new arrow.Table({
  id: arrow.vectorFromArray(rows.map((r) => r.id), new arrow.Utf8()),
  text: arrow.vectorFromArray(rows.map((r) => r.text), new arrow.Utf8()),
  title: arrow.vectorFromArray(rows.map((r) => r.title), new arrow.Utf8()),
  score: arrow.vectorFromArray(rows.map((r) => r.score), new arrow.Float64()),
  grade: arrow.vectorFromArray(rows.map((r) => r.grade), new arrow.Int32()),
  big: arrow.vectorFromArray(rows.map((r) => BigInt(r.big)), new arrow.Int64()),
  ratio: arrow.vectorFromArray(rows.map((r) => r.ratio), new arrow.Float32()),
  flag: arrow.vectorFromArray(rows.map((r) => r.flag), new arrow.Bool()),
});
const E = pq.Encoding;
const C = pq.Compression;
const variants = {
  'snappy-dictionary-v1': () => new pq.WriterPropertiesBuilder().setCompression(C.SNAPPY),
  'plain-uncompressed-v1': () =>
    new pq.WriterPropertiesBuilder().setCompression(C.UNCOMPRESSED).setDictionaryEnabled(false),
  'zstd-rowgroups-smallpages-v1': () =>
    new pq.WriterPropertiesBuilder()
      .setCompression(C.ZSTD)
      .setMaxRowGroupSize(300)
      .setDataPageSizeLimit(512),
  'gzip-dictionary-v2': () =>
    new pq.WriterPropertiesBuilder().setCompression(C.GZIP).setWriterVersion(pq.WriterVersion.V2),
  'lz4raw-delta-v2': () =>
    new pq.WriterPropertiesBuilder()
      .setCompression(C.LZ4_RAW)
      .setWriterVersion(pq.WriterVersion.V2)
      .setDictionaryEnabled(false)
      .setColumnEncoding('id', E.DELTA_BYTE_ARRAY)
      .setColumnEncoding('text', E.DELTA_LENGTH_BYTE_ARRAY)
      .setColumnEncoding('title', E.DELTA_BYTE_ARRAY)
      .setColumnEncoding('grade', E.DELTA_BINARY_PACKED)
      .setColumnEncoding('big', E.DELTA_BINARY_PACKED)
      .setColumnEncoding('score', E.BYTE_STREAM_SPLIT)
      .setColumnEncoding('ratio', E.BYTE_STREAM_SPLIT)
      .setDataPageSizeLimit(2048),
  'uncompressed-v2-plain': () =>
    new pq.WriterPropertiesBuilder()
      .setCompression(C.UNCOMPRESSED)
      .setWriterVersion(pq.WriterVersion.V2)
      .setDictionaryEnabled(false),
  'brotli-refused': () => new pq.WriterPropertiesBuilder().setCompression(C.BROTLI),
};
for (const [name, props] of Object.entries(variants)) {
  write(join(out, 'variants', name + '.parquet'), variantsTable, props());
}
writeFileSync(
  join(out, 'variants', 'expected.json'),
  JSON.stringify(rows.map((r) => ({ ...r, big: String(r.big) })), null, 0).replace(/\},\{/g, '},\n{') + '\n',
);

// ---- MTEB's retrieval layout: one config per kind, shards named <split>-NNNNN-of-NNNNN ----
const src = join(repo, 'datasets', 'helpdesk-mini');
const jsonl = (f) =>
  readFileSync(join(src, f), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));
const corpus = jsonl('corpus.jsonl');
const queries = jsonl('queries.jsonl');
const qrels = readFileSync(join(src, 'qrels', 'test.tsv'), 'utf8')
  .split('\n')
  .slice(1)
  .filter((l) => l.trim())
  .map((l) => l.split('\t'));
const half = Math.ceil(corpus.length / 2);
const corpusTable = (part) =>
  new arrow.Table({
    _id: arrow.vectorFromArray(part.map((d) => d._id), new arrow.Utf8()),
    title: arrow.vectorFromArray(part.map((d) => d.title ?? ''), new arrow.Utf8()),
    text: arrow.vectorFromArray(part.map((d) => d.text), new arrow.Utf8()),
  });
const snappy = () => new pq.WriterPropertiesBuilder().setCompression(C.SNAPPY);
const mteb = join(out, 'mteb-retrieval');
write(join(mteb, 'corpus', 'test-00000-of-00002.parquet'), corpusTable(corpus.slice(0, half)), snappy());
write(join(mteb, 'corpus', 'test-00001-of-00002.parquet'), corpusTable(corpus.slice(half)), snappy());
write(
  join(mteb, 'queries', 'test-00000-of-00001.parquet'),
  new arrow.Table({
    _id: arrow.vectorFromArray(queries.map((q) => q._id), new arrow.Utf8()),
    text: arrow.vectorFromArray(queries.map((q) => q.text), new arrow.Utf8()),
  }),
  snappy(),
);
write(
  join(mteb, 'qrels', 'test-00000-of-00001.parquet'),
  new arrow.Table({
    'query-id': arrow.vectorFromArray(qrels.map((r) => r[0]), new arrow.Utf8()),
    'corpus-id': arrow.vectorFromArray(qrels.map((r) => r[1]), new arrow.Utf8()),
    score: arrow.vectorFromArray(qrels.map((r) => BigInt(r[2])), new arrow.Int64()),
  }),
  snappy(),
);

// ---- MTEB's STS layout: data/<split>-NNNNN-of-NNNNN.parquet with sentence1, sentence2, score ----
const pairs = [
  ['A man is playing a guitar.', 'A man plays the guitar.', 4.8],
  ['A cat\tsleeps.', 'Stocks fell today.', 0.2],
  ['A woman slices an onion.', 'Someone is cutting an onion.', 3.9],
];
write(
  join(out, 'mteb-sts', 'data', 'test-00000-of-00001.parquet'),
  new arrow.Table({
    sentence1: arrow.vectorFromArray(pairs.map((p) => p[0]), new arrow.Utf8()),
    sentence2: arrow.vectorFromArray(pairs.map((p) => p[1]), new arrow.Utf8()),
    score: arrow.vectorFromArray(pairs.map((p) => p[2]), new arrow.Float64()),
  }),
  snappy(),
);

// ---- edge cases: types refused with a reason, a column of nulls only, an empty table ----
const edgeRows = 50;
const edge = new arrow.Table({
  id: arrow.vectorFromArray(Array.from({ length: edgeRows }, (_, i) => 'e' + i), new arrow.Utf8()),
  nothing: arrow.vectorFromArray(Array.from({ length: edgeRows }, () => null), new arrow.Utf8()),
  count32: arrow.vectorFromArray(Array.from({ length: edgeRows }, (_, i) => 4294967295 - i), new arrow.Uint32()),
  big64: arrow.vectorFromArray(
    Array.from({ length: edgeRows }, (_, i) => 18446744073709551615n - BigInt(i)),
    new arrow.Uint64(),
  ),
  day: arrow.vectorFromArray(Array.from({ length: edgeRows }, (_, i) => new Date(Date.UTC(2024, 0, 1 + i))), new arrow.DateDay()),
});
for (const [name, version] of [['edge-v1', pq.WriterVersion.V1], ['edge-v2', pq.WriterVersion.V2]]) {
  write(
    join(out, 'edge', name + '.parquet'),
    edge,
    new pq.WriterPropertiesBuilder().setCompression(C.SNAPPY).setWriterVersion(version),
  );
}
write(
  join(out, 'edge', 'empty.parquet'),
  new arrow.Table({
    _id: arrow.vectorFromArray([], new arrow.Utf8()),
    text: arrow.vectorFromArray([], new arrow.Utf8()),
  }),
  new pq.WriterPropertiesBuilder().setCompression(C.SNAPPY),
);
