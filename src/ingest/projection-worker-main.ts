// The worker thread of projection-worker.ts: runs the column projector on the chunks it is sent
// and sends back what it keeps, in order. An error (the projector's doubt) goes back as a message.
import { parentPort, workerData } from 'node:worker_threads';
import { ColumnProjector, type ProjectionOptions } from './projection.js';

const projector = new ColumnProjector(workerData as ProjectionOptions);
const port = parentPort!;

function send(out: Buffer): void {
  // The output is a view of its own allocation: hand the memory over instead of copying it.
  const ab = out.buffer as ArrayBuffer;
  port.postMessage({ type: 'out', buf: ab, offset: out.byteOffset, length: out.length }, [ab]);
}

port.on('message', (m: { type: 'chunk'; chunk: Uint8Array } | { type: 'end' }) => {
  try {
    if (m.type === 'chunk')
      send(projector.feed(Buffer.from(m.chunk.buffer, m.chunk.byteOffset, m.chunk.length)));
    else {
      projector._flush((err, data) => {
        if (err) throw err;
        if (data) send(Buffer.from(data as Buffer));
      });
      port.postMessage({ type: 'done' });
    }
  } catch (err) {
    port.postMessage({ type: 'error', message: (err as Error).message });
  }
});
