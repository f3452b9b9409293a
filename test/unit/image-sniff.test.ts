import { describeNonImage } from '../../src/image/sniff-image';

describe('describeNonImage', () => {
  const bytes = (...b: number[]): Uint8Array => Uint8Array.from(b);
  it.each([
    ['JPEG', bytes(0xff, 0xd8, 0xff, 0xe1, 0, 0)],
    ['PNG', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a)],
    ['TIFF little-endian', bytes(0x49, 0x49, 0x2a, 0x00, 8, 0)],
    ['TIFF big-endian', bytes(0x4d, 0x4d, 0x00, 0x2a, 0, 8)],
    ['WebP', Buffer.from('RIFF\x00\x00\x00\x00WEBPVP8 ', 'latin1')],
    ['HEIC', Buffer.from('\x00\x00\x00\x18ftypheic', 'latin1')],
  ])('accepts %s', (_name, head) => {
    expect(describeNonImage(head)).toBeNull();
  });
  it.each([
    ['an empty file', new Uint8Array(0), /empty file/],
    ['HTML renamed .jpg', Buffer.from('\uFEFF  <!DOCTYPE html><html>'), /HTML page/],
    ['SVG', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"></svg>'), /XML or SVG/],
    ['PDF', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj'), /PDF/],
    ['ZIP', bytes(0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0), /ZIP/],
    ['a few bytes', bytes(1, 2, 3), /too short.*3 bytes/],
    ['text', Buffer.from('hello, this is a plain text file that someone named photo.jpg'), /not a JPEG/],
  ])('describes %s', (_name, head, pattern) => {
    expect(describeNonImage(head)).toMatch(pattern);
  });
});
