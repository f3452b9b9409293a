/**
 * The optional online base map: a tile URL template (https://host/{z}/{x}/{y}.png) kept in this browser.
 * Off by default, so that no request leaves the machine unless the analyst asks for one.
 */
export const BASE_MAP_KEY = 'outfall.baseMapUrl';

/** A usable template: http(s), with {z}, {x} and {y}. */
export function isTileTemplate(url: string): boolean {
  const s = url.trim();
  if (!/^https?:\/\/[^\s/]+\/\S*$/i.test(s)) return false;
  return ['{z}', '{x}', '{y}'].every((k) => s.includes(k));
}
