/**
 * A client's file name as we keep and show it, or why it is refused. Names are only ever shown, never used
 * as paths (originals are named by SHA-256), but a name with a folder in it is a client bug or an attack,
 * so it is refused rather than silently cut. Unicode is kept (NFC), control and bidirectional-override
 * characters are not, and a name must fit 255 UTF-8 bytes.
 */
export function checkFilename(raw: string): { ok: true; name: string } | { ok: false; message: string } {
  const name = raw.normalize('NFC').trim();
  if (name.length === 0) return { ok: false, message: 'the file has no name' };
  if (/[/\\]/.test(name)) return { ok: false, message: `file name "${printable(name)}" contains a folder separator` };
  if (name === '.' || name === '..') return { ok: false, message: `"${name}" is not a file name` };
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/.test(name)) return { ok: false, message: `file name "${printable(name)}" contains control characters` };
  if (Buffer.byteLength(name, 'utf8') > 255) return { ok: false, message: 'file name longer than 255 bytes' };
  return { ok: true, name };
}

function printable(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, '?').slice(0, 120);
}
