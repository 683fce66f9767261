import { readFile } from 'node:fs/promises';
import { ValidationError } from '../core/errors';
import type { PasswordFrom } from './mailbox.schemas';

/** A mailbox's IMAP password, read where its settings say: never stored by the desk, never answered. */
export async function mailboxPassword(from: PasswordFrom): Promise<string> {
  if ('env' in from) {
    const value = process.env[from.env];
    if (value === undefined) throw new ValidationError({ 'imap.passwordFrom': `the environment variable ${from.env} is not set` });
    return value;
  }
  const value = await readFile(from.file, 'utf8').catch(() => {
    throw new ValidationError({ 'imap.passwordFrom': `the file ${from.file} cannot be read` });
  });
  return value.trim();
}
