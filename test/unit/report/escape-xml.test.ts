import { escapeXml } from '../../../src/report/escape-xml';

describe('escapeXml', () => {
  it('escapes the five XML specials', () => {
    expect(escapeXml(`a & b < c > d "e" 'f'`)).toBe('a &amp; b &lt; c &gt; d &quot;e&quot; &apos;f&apos;');
  });

  it('keeps unicode as it is, astral characters included', () => {
    expect(escapeXml('排污口 😀.jpg')).toBe('排污口 😀.jpg');
  });

  it('writes tab, LF and CR as character references, so attributes and CRs survive parsing', () => {
    expect(escapeXml('a\tb\nc\rd')).toBe('a&#9;b&#10;c&#13;d');
  });

  it('replaces characters XML 1.0 cannot carry at all', () => {
    expect(escapeXml('a\u0000b\u0001c\u001Fd\uFFFEe\uD800f')).toBe('a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFDf');
  });

  it('does not escape twice what it has escaped once (every & it writes starts an entity)', () => {
    expect(escapeXml('&amp;')).toBe('&amp;amp;');
  });
});
