import { isRetryable, retryDelayMs } from './retry-delay';

/** One file's way through an upload session. */
export type FileState = 'waiting' | 'uploading' | 'retrying' | 'done' | 'skipped' | 'rejected' | 'failed';

export interface QueuedFile<F> {
  readonly file: F;
  readonly sha256: string;
  readonly size: number;
  state: FileState;
  /** Bytes of this file the server has acknowledged or is receiving in the current attempt. */
  sent: number;
  attempts: number;
  /** Why the server refused it, or why it gave up. */
  message: string | null;
  /** The server's code for a refusal (EMPTY_FILE, NOT_AN_IMAGE…), for the page to say it in the user's language. */
  code: string | null;
}

/** What one attempt to send a file ended with. */
export type SendOutcome =
  | { readonly ok: true }
  | { readonly ok: false; readonly status: number; readonly message: string; readonly code?: string };

export interface UploadIo<F> {
  /** Which of these checksums the flight already holds (POST …/photos/check). */
  known(sha256s: readonly string[]): Promise<ReadonlySet<string>>;
  /** Sends one file; reports bytes sent so far. */
  send(file: F, onProgress: (bytesSent: number) => void): Promise<SendOutcome>;
  sleep(ms: number): Promise<void>;
  random(): number;
}

export interface UploadOptions {
  readonly concurrency: number;
  /** Tries per file for a retryable failure, the first included. */
  readonly attempts: number;
  readonly onChange?: (files: readonly QueuedFile<unknown>[]) => void;
}

/**
 * An upload session: skips what the server already has (so a reload or a lost connection resumes without
 * sending a finished file again), sends the rest `concurrency` at a time, retries a network or server
 * failure with growing, jittered delays, and never retries a refusal (a 4xx: not an image, too large…).
 * Pure: the browser passes an XMLHttpRequest sender and its clock; tests pass fakes.
 */
export async function runUpload<F>(entries: readonly { file: F; sha256: string; size: number }[], io: UploadIo<F>, o: UploadOptions): Promise<QueuedFile<F>[]> {
  const files: QueuedFile<F>[] = entries.map((e) => ({ ...e, state: 'waiting', sent: 0, attempts: 0, message: null, code: null }));
  const changed = (): void => o.onChange?.(files);
  const known = await io.known(files.map((f) => f.sha256));
  for (const f of files) {
    if (known.has(f.sha256)) {
      f.state = 'skipped';
      f.sent = f.size;
    }
  }
  changed();
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < files.length; i = next++) {
      const f = files[i]!;
      if (f.state !== 'waiting') continue;
      await sendOne(f, io, o, changed);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, o.concurrency) }, worker));
  return files;
}

async function sendOne<F>(f: QueuedFile<F>, io: UploadIo<F>, o: UploadOptions, changed: () => void): Promise<void> {
  for (;;) {
    f.attempts++;
    f.state = 'uploading';
    f.sent = 0;
    changed();
    const outcome = await io.send(f.file, (bytes) => { f.sent = Math.min(bytes, f.size); changed(); });
    if (outcome.ok) {
      f.state = 'done';
      f.sent = f.size;
      changed();
      return;
    }
    f.sent = 0;
    f.message = outcome.message;
    f.code = outcome.code ?? null;
    if (!isRetryable(outcome.status)) {
      f.state = 'rejected';
      changed();
      return;
    }
    if (f.attempts >= o.attempts) {
      f.state = 'failed';
      changed();
      return;
    }
    f.state = 'retrying';
    changed();
    await io.sleep(retryDelayMs(f.attempts, () => io.random()));
  }
}
