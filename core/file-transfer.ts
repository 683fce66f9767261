import type { Readable } from 'node:stream';

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
