import { filesOfEntries, type EntryLike } from './dropped-files';
import type { SendOutcome } from './upload-queue';

/** SHA-256 of a file, hex, in the browser (Web Crypto), to ask the server which files it already holds. */
export async function sha256Hex(file: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Sends one photo to the flight with XMLHttpRequest (fetch has no upload progress), field `photos`.
 * 202 with the file accepted is success; a refusal keeps the server's message; a lost connection is status 0.
 */
export function sendPhoto(token: string, flightId: string, file: File, onProgress: (bytes: number) => void): Promise<SendOutcome> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1/flights/${encodeURIComponent(flightId)}/photos`);
    xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (e) => onProgress(Math.min(e.loaded, file.size));
    xhr.onerror = () => resolve({ ok: false, status: 0, message: 'the connection was lost' });
    xhr.ontimeout = () => resolve({ ok: false, status: 0, message: 'the server did not answer in time' });
    xhr.onload = () => {
      let body: { accepted?: unknown[]; rejected?: { code: string; message: string }[]; error?: { code: string; message: string } } = {};
      try {
        body = JSON.parse(xhr.responseText) as typeof body;
      } catch {
        // not JSON: a proxy's error page; the status says enough
      }
      if (xhr.status === 202 && (body.accepted?.length ?? 0) > 0) resolve({ ok: true });
      else resolve({ ok: false, status: xhr.status === 202 ? 422 : xhr.status, message: body.rejected?.[0]?.message ?? body.error?.message ?? `HTTP ${xhr.status}`, code: body.rejected?.[0]?.code ?? body.error?.code ?? `HTTP_${xhr.status}` });
    };
    const form = new FormData();
    form.append('photos', file, file.name);
    xhr.send(form);
  });
}

/** The files of a drop event's DataTransfer: through entries where the browser has them, else its file list. */
export async function droppedFiles(data: DataTransfer | null): Promise<File[]> {
  if (!data) return [];
  const entries = Array.from(data.items)
    .filter((i) => i.kind === 'file')
    .map((i) => i.webkitGetAsEntry() as unknown as EntryLike | null)
    .filter((e): e is EntryLike => !!e);
  return entries.length > 0 ? filesOfEntries(entries) : Array.from(data.files);
}
