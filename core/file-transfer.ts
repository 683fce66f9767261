import type { Readable } from 'node:stream';
import { DomainError } from './errors';

/** A file sent in a multipart/form-data request; its other fields (sent before it) are the route's body. */
export interface Upload {
  /** The file's name as the client gave it. */
  name: string;
  /** Its bytes: the handler must read them to the end. */
  content: Readable;
}

/** A file answered as it is stored: its own type, its name, shown inline or downloaded. */
export interface Download {
  name: string;
  type: string;
  size: number;
  inline: boolean;
  content: Readable;
}

/** The whole of an upload's bytes; past `limitBytes` the rest is drained and the request refused (413, naming `what`). */
export async function bytesOfUpload(content: Readable, limitBytes: number, what: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of content as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limitBytes) {
      content.resume();
      throw new DomainError('payload_too_large', `${what} may weigh at most ${limitBytes / 2 ** 20} MiB`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
