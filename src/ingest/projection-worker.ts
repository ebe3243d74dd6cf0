// The column projector (projection.ts) in a worker thread, as a stream stage: the import's own
// thread reads, checks the encoding line by line, decodes and writes while the worker cuts the
// columns, so on a machine with two cores the two halves of the transcode overlap (about half
// of its time on a 1M-line 楽天 export). Chunks go in order and come back in order; at most a
// few are in flight. Where no worker can be started the projector runs in this thread.
import { existsSync } from 'node:fs';
import { Transform, type TransformCallback } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ColumnProjector, ProjectionAbort, type ProjectionOptions } from './projection.js';

const IN_FLIGHT = 4;

// Starts the worker: the compiled entry, or from the TypeScript sources through tsx's loader
// (a worker does not inherit the --import hooks of the thread that starts it).
function startWorker(opts: ProjectionOptions): Worker {
  const here = fileURLToPath(import.meta.url);
  const js = here.replace(/projection-worker\.(ts|js)$/, 'projection-worker-main.js');
  if (existsSync(js)) return new Worker(js, { workerData: opts });
  const ts = pathToFileURL(js.replace(/\.js$/, '.ts')).href;
  const api = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(ts)}); })`;
  return new Worker(boot, { eval: true, workerData: opts });
}

type Reply =
  | { type: 'out'; buf: ArrayBuffer; offset: number; length: number }
  | { type: 'done' }
  | { type: 'error'; message: string };

/** A byte stream that keeps only the chosen columns, cut in a worker thread. */
export class WorkerProjector extends Transform {
  private readonly worker: Worker;
  private inFlight = 0;
  private waiting: TransformCallback | null = null;
  private flushed: TransformCallback | null = null;
  private failed = false;
  private finished = false;

  constructor(opts: ProjectionOptions) {
    super();
    this.worker = startWorker(opts);
    this.worker.on('message', (m: Reply) => this.reply(m));
    // A worker that cannot run (no thread, a loader missing) is not the file's fault: the import
    // then transcodes the whole file in this thread, as for any line the projector doubts.
    this.worker.on('error', (err) =>
      this.fail(new ProjectionAbort(`worker failed: ${err.message}`)),
    );
    // Ending before its last answer (killed, out of memory) is a failure too, not a wait forever.
    this.worker.on('exit', (code) => {
      if (!this.finished) this.fail(new ProjectionAbort(`worker stopped (exit ${code})`));
    });
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.inFlight++;
    this.worker.postMessage({ type: 'chunk', chunk });
    if (this.inFlight < IN_FLIGHT) done();
    else this.waiting = done;
  }

  override _flush(done: TransformCallback): void {
    this.flushed = done;
    this.worker.postMessage({ type: 'end' });
  }

  override _destroy(err: Error | null, done: (error?: Error | null) => void): void {
    this.finished = true;
    void this.worker.terminate();
    done(err);
  }

  private reply(m: Reply): void {
    if (this.failed) return;
    if (m.type === 'error') {
      // The projector's doubt, or anything else that went wrong there: the whole-file transcode.
      this.fail(new ProjectionAbort(m.message.replace(/^column projection abandoned: /, '')));
      return;
    }
    if (m.type === 'done') {
      this.finished = true;
      const done = this.flushed;
      this.flushed = null;
      void this.worker.terminate();
      done?.();
      return;
    }
    this.push(Buffer.from(m.buf, m.offset, m.length));
    this.inFlight--;
    const next = this.waiting;
    this.waiting = null;
    next?.();
  }

  private fail(err: Error): void {
    if (this.failed) return;
    this.failed = true;
    void this.worker.terminate();
    this.destroy(err);
  }
}

/** Returns the projector stage: in a worker thread where one can be started, else in this thread. */
export function projectorStage(opts: ProjectionOptions): Transform {
  try {
    return new WorkerProjector(opts);
  } catch {
    return new ColumnProjector(opts);
  }
}
