import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** A file received and hashed, waiting to be kept or thrown away. */
export interface StagedFile {
  path: string;
  sha256: string;
  size: number;
  /** Its first bytes, for sniffing its type. */
  head: Buffer;
  /** True when it was longer than the limit and cut there. */
  tooLarge: boolean;
}

/** Bytes kept in the storage: where (their hash), and how many. */
export interface KeptBytes {
  sha256: string;
  size: number;
}

/** Where attachments' bytes live, once per content; the one interface every backend implements. */
export interface AttachmentStorage {
  /** Receives a file, at most `limitBytes`, while hashing it. */
  stage(source: Readable, limitBytes: number): Promise<StagedFile>;
  /** Keeps a staged file under its hash (a content already kept stays as it is). */
  keep(staged: StagedFile): Promise<void>;
  discard(staged: StagedFile): Promise<void>;
  /** The bytes kept under `sha256`, or null when the storage has none. */
  read(sha256: string): Promise<Readable | null>;
}

const HEAD_BYTES = 4_100;

/** Attachments on the local file system, under `dir`: `<dir>/ab/cd/<sha256>`. */
export function fileAttachmentStorage(dir: string): AttachmentStorage {
  const pathOf = (sha256: string) => join(dir, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  return {
    async stage(source, limitBytes) {
      await mkdir(join(dir, 'incoming'), { recursive: true });
      const path = join(dir, 'incoming', randomUUID());
      const hash = createHash('sha256');
      let size = 0;
      let tooLarge = false;
      const heads: Buffer[] = [];
      let headLength = 0;
      const meter = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          if (tooLarge) return done();
          const room = limitBytes - size;
          const kept = chunk.length > room ? chunk.subarray(0, Math.max(room, 0)) : chunk;
          if (chunk.length > room) tooLarge = true;
          size += kept.length;
          hash.update(kept);
          if (headLength < HEAD_BYTES) {
            heads.push(kept.subarray(0, HEAD_BYTES - headLength));
            headLength += Math.min(kept.length, HEAD_BYTES - headLength);
          }
          done(null, kept);
        },
      });
      await pipeline(source, meter, createWriteStream(path));
      return { path, sha256: hash.digest('hex'), size, head: Buffer.concat(heads), tooLarge };
    },
    async keep(staged) {
      const target = pathOf(staged.sha256);
      await mkdir(join(target, '..'), { recursive: true });
      const exists = await stat(target).then(
        () => true,
        () => false,
      );
      if (exists) await rm(staged.path, { force: true });
      else await rename(staged.path, target);
    },
    discard: (staged) => rm(staged.path, { force: true }),
    async read(sha256) {
      // Opened before answering: a content the storage lost is told to the caller, not found mid-answer.
      const handle = await open(pathOf(sha256)).catch(() => null);
      return handle && handle.createReadStream();
    },
  };
}

/** Reads the whole staged file (for checks that need more than its head, such as a zip's entries). */
export async function stagedBytes(staged: StagedFile): Promise<Buffer> {
  const handle = await open(staged.path);
  try {
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}
