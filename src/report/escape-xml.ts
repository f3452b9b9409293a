/** Characters XML 1.0 cannot hold at all, escaped or not (C0 controls but tab/LF/CR, lone surrogates, U+FFFE/F). */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

/**
 * Text safe in XML element content and in attribute values (either quote): & < > " ' escaped, tab/LF/CR as
 * character references (so an attribute keeps them and a CR survives line-end normalisation), and characters
 * XML cannot carry replaced by U+FFFD. Everything else, Chinese included, is written as is (the file is UTF-8).
 */
export function escapeXml(text: string): string {
  return text.replace(NOT_XML, '\uFFFD').replace(/[&<>"'\t\n\r]/g, (c) => ENTITIES[c] ?? c);
}
