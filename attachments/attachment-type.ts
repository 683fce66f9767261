import { fileTypeFromBuffer } from 'file-type';

/** The types a desk takes: pictures, documents, archives and text. Anything else is refused by name. */
const ALLOWED = [
  /^image\/(png|jpeg|gif|webp|bmp|tiff|heic|heif|avif)$/,
  /^application\/pdf$/,
  /^text\/plain$/,
  /^application\/vnd\.openxmlformats-officedocument\./,
  /^application\/vnd\.oasis\.opendocument\./,
  /^application\/(x-cfb|msword|vnd\.ms-excel|vnd\.ms-powerpoint|rtf)$/,
  /^application\/(zip|gzip|x-7z-compressed|x-tar)$/,
  /^message\/rfc822$/,
];

/** Images a browser may show inline (as thumbnails). */
export const isPicture = (type: string): boolean => /^image\/(png|jpeg|gif|webp|bmp|avif)$/.test(type);

// Text is what has no NUL and decodes as UTF-8.
function looksLikeText(head: Buffer): boolean {
  if (head.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, Math.max(0, head.length - 4)));
    return true;
  } catch {
    return false;
  }
}

/** The type of a file from its first bytes, whatever its name or sender says. */
export async function sniffedType(head: Buffer): Promise<string> {
  const found = await fileTypeFromBuffer(head);
  if (found) return found.mime;
  return looksLikeText(head) ? 'text/plain' : 'application/octet-stream';
}

export const isAllowedType = (type: string): boolean => ALLOWED.some((pattern) => pattern.test(type));

const RUNNABLE = /\.(exe|com|bat|cmd|scr|pif|msi|vbs|vbe|js|jse|wsf|wsh|ps1|hta|cpl|jar|dll|lnk)$/i;

/** The name of a program inside a zip archive (read from its local file headers), if any. */
export function programInZip(bytes: Buffer): string | null {
  for (let at = bytes.indexOf('PK\x03\x04'); at >= 0 && at + 30 <= bytes.length; at = bytes.indexOf('PK\x03\x04', at + 4)) {
    const nameLength = bytes.readUInt16LE(at + 26);
    const name = bytes.subarray(at + 30, at + 30 + nameLength).toString('utf8');
    if (RUNNABLE.test(name)) return name;
  }
  return null;
}
