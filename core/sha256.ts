import { createHash } from 'node:crypto';

/** The SHA-256 of a text, in hex: how secrets are stored and looked up, and request bodies compared. */
export const sha256Hex = (value: string): string => createHash('sha256').update(value).digest('hex');
