/** The judge's keyboard, pure: which command a key press means, or null (letters typed into a field are text). */
export type ReviewCommand = 'confirm' | 'reject' | 'note' | 'next' | 'previous' | 'undo' | 'zoomIn' | 'zoomOut' | 'zoomFit';

export interface KeyPress {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
  /** The focus is in a text field, a select or a content-editable element. */
  readonly inField: boolean;
}

const PLAIN: Readonly<Record<string, ReviewCommand>> = {
  c: 'confirm', r: 'reject', n: 'note', j: 'next', k: 'previous', u: 'undo',
  '+': 'zoomIn', '=': 'zoomIn', '-': 'zoomOut', '0': 'zoomFit',
};

export function reviewCommand(e: KeyPress): ReviewCommand | null {
  if (e.altKey) return null;
  if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'z' && !e.inField) return 'undo';
  if (e.ctrlKey || e.metaKey || e.inField) return null;
  return PLAIN[e.key.toLowerCase()] ?? null;
}
