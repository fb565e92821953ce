/** File names and types of the files an import reads, from what the vendor said about them. */

const EXTENSION_BY_TYPE: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/heic': 'heic',
  'image/tiff': 'tif',
  'image/svg+xml': 'svg',
  'video/mp4': 'mp4',
  'video/quicktime': 'mov',
  'application/pdf': 'pdf',
  'application/zip': 'zip',
};

/** `name` with the extension of `contentType` (none for a type this list does not know). */
export function withExtensionFor(name: string, contentType: string): string {
  const extension = EXTENSION_BY_TYPE[mediaTypeOf(contentType)];
  return extension ? `${name}.${extension}` : name;
}

/** The file name a Content-Disposition value gives (RFC 6266: `filename*` first), if any. */
export function filenameFromDisposition(disposition: string): string | undefined {
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition);
  if (extended) {
    try {
      return safeFileName(decodeURIComponent(extended[1]!.trim()));
    } catch {
      // A malformed percent-encoding: fall back to the plain parameter.
    }
  }
  const plain = /filename\s*=\s*(?:"([^"]*)"|([^;]+))/i.exec(disposition);
  return safeFileName((plain?.[1] ?? plain?.[2] ?? '').trim());
}

/** A name without any directory part or control characters; undefined when nothing is left. */
export function safeFileName(name: string): string | undefined {
  // eslint-disable-next-line no-control-regex
  const base = name.replace(/[\u0000-\u001f\u007f]/g, '').split(/[/\\]/).pop()!.trim();
  return base === '' || base === '.' || base === '..' ? undefined : base;
}

function mediaTypeOf(contentType: string): string {
  return contentType.split(';', 1)[0]!.trim().toLowerCase();
}
