/**
 * The files of a drop, folders included: a dropped folder arrives as one entry whose files must be read
 * (the browser's `dataTransfer.files` holds the folder itself, not what is in it). Each file keeps its path
 * under the dropped folder. Written against the small part of the File and Directory Entries API it uses,
 * so it can be tested without a browser.
 */
export interface FileEntryLike {
  readonly isFile: true;
  readonly isDirectory: false;
  readonly fullPath: string;
  file(ok: (f: File) => void, fail: (e: unknown) => void): void;
}

export interface DirectoryEntryLike {
  readonly isFile: false;
  readonly isDirectory: true;
  readonly fullPath: string;
  createReader(): { readEntries(ok: (entries: EntryLike[]) => void, fail: (e: unknown) => void): void };
}

export type EntryLike = FileEntryLike | DirectoryEntryLike;

/** Every file under the entries, depth first, in the order the browser lists them; unreadable entries are skipped. */
export async function filesOfEntries(entries: readonly EntryLike[]): Promise<File[]> {
  const out: File[] = [];
  const walk = async (entry: EntryLike): Promise<void> => {
    if (entry.isFile) {
      const file = await new Promise<File | null>((resolve) => entry.file(resolve, () => resolve(null)));
      if (file) out.push(file);
      return;
    }
    const reader = entry.createReader();
    // readEntries answers in batches (100 at a time in Chrome) until it answers an empty one.
    for (;;) {
      const batch = await new Promise<EntryLike[]>((resolve) => reader.readEntries(resolve, () => resolve([])));
      if (batch.length === 0) break;
      for (const child of batch) await walk(child);
    }
  };
  for (const e of entries) await walk(e);
  return out;
}
