import { filenameFromDisposition, safeFileName, withExtensionFor } from '../../src/imports/sources/fileNames';

describe('import file names', () => {
  it.each([
    ['attachment; filename="c35b8b28.jpg"', 'c35b8b28.jpg'],
    ['attachment; filename=plain.jpg', 'plain.jpg'],
    [`attachment; filename="fallback.jpg"; filename*=UTF-8''Baustelle%20S%C3%BCd.jpg`, 'Baustelle Süd.jpg'],
    [`attachment; filename*=UTF-8''%E0%A4%A.jpg; filename="fallback.jpg"`, 'fallback.jpg'],
    ['attachment; filename="../../etc/passwd"', 'passwd'],
    ['attachment; filename="C:\\\\photos\\\\a.jpg"', 'a.jpg'],
    ['attachment; filename=".."', undefined],
    ['attachment', undefined],
  ])('reads %j as %j', (disposition, name) => {
    expect(filenameFromDisposition(disposition)).toBe(name);
  });

  it('strips control characters', () => {
    expect(safeFileName('a\r\nb.zip')).toBe('ab.zip');
  });

  it('adds the extension of a known type only', () => {
    expect(withExtensionFor('id', 'image/jpeg; charset=binary')).toBe('id.jpg');
    expect(withExtensionFor('id', 'video/mp4')).toBe('id.mp4');
    expect(withExtensionFor('id', 'application/x-unknown')).toBe('id');
  });
});
