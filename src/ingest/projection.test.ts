import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ColumnProjector, DROPPED_FLAG_HEADER, ProjectionAbort } from './projection.js';

// Feeds the text in chunks of `size` bytes (so every state is cut at a chunk's end somewhere).
function project(text: string, keep: number[], width: number, size = 3, skipLines = 0): string {
  const p = new ColumnProjector({ keep, width, delimiter: 0x2c, skipLines });
  const bytes = Buffer.from(text, 'latin1');
  const parts: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) parts.push(p.feed(bytes.subarray(i, i + size)));
  // The tail of a file without a final line end comes out of flush.
  let tail: Buffer = Buffer.alloc(0);
  p._flush((err, data) => {
    if (err) throw err;
    if (data) tail = data as Buffer;
  });
  return Buffer.concat([...parts, tail]).toString('latin1');
}

const F = DROPPED_FLAG_HEADER;

test('keeps the chosen columns in file order, quoted text and escaped quotes as they are', () => {
  for (const size of [1, 2, 3, 7, 1000]) {
    const out = project('"a","b","c","d"\r\n"1","x,y","say ""hi""",4\r\n', [2, 0], 4, size);
    assert.equal(out, `"a","c",${F}\r\n"1","say ""hi""",1\r\n`, `chunk ${size}`);
  }
});

test('flags a row whose dropped fields hold something; empty and "" are nothing', () => {
  const out = project('a,b,c\n1,,\n,"",\n,x,\n,,\n', [0, 2], 3, 2);
  assert.equal(out, `a,c,${F}\n1,,\n,,\n,,1\n,,\n`);
});

test('keeps empty kept fields and newlines inside kept quotes', () => {
  const out = project('a,b,c\n,"l1\nl2",\n', [1, 2], 3, 4);
  assert.equal(out, `b,c,${F}\n"l1\nl2",,\n`);
});

test('passes the title lines above the header through and reads a last line without a line end', () => {
  const out = project('title,"x\n\nh1,h2\n1,2', [1], 2, 5, 2);
  assert.equal(out, `title,"x\n\nh2,${F}\n2,1\n`);
});

test('gives up on anything DuckDB might read another way', () => {
  const cases = [
    'a,b\n1,2,3\n', // more fields
    'a,b\n1\n', // fewer fields
    'a,b\n1,x"y\n', // quote inside an unquoted field
    'a,b\n1,"x"y\n', // text after a closing quote
    'a,b\n1,2\r3,4\n', // bare CR
    'a,b\n\n1,2\n', // empty line
    'a,b\n1,"open\n', // unclosed quote
  ];
  for (const text of cases)
    assert.throws(() => project(text, [0], 2, 2), ProjectionAbort, JSON.stringify(text));
});

test('in a worker thread: the same bytes in the same order, and its doubt comes back as a ProjectionAbort', async () => {
  const { Readable } = await import('node:stream');
  const { WorkerProjector } = await import('./projection-worker.js');
  const rows = Array.from({ length: 5000 }, (_, i) => `"${i}","x,${i}","",${i % 7}`).join('\r\n');
  const text = `"a","b","c","d"\r\n${rows}\r\n`;
  const run = async (t: string) => {
    const parts: Buffer[] = [];
    const bytes = Buffer.from(t, 'latin1');
    const chunks = Array.from({ length: Math.ceil(bytes.length / 997) }, (_, k) =>
      bytes.subarray(k * 997, (k + 1) * 997),
    );
    const stream = Readable.from(chunks).pipe(
      new WorkerProjector({ keep: [0, 3], width: 4, delimiter: 0x2c, skipLines: 0 }),
    );
    for await (const p of stream) parts.push(p as Buffer);
    return Buffer.concat(parts).toString('latin1');
  };
  assert.equal(await run(text), project(text, [0, 3], 4, 997));
  await assert.rejects(run('a,b,c,d\n1,2\n'), ProjectionAbort);
});
