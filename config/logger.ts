import { pino } from 'pino';
import { config } from './config';

/**
 * The process logger; authorization headers, passwords, tokens and webhook secrets are never
 * written, nor the rows a database error carries.
 */
export const logger = pino({
  level: config.logLevel,
  redact: [
    'req.headers.authorization',
    'req.headers.cookie',
    '*.password',
    '*.token',
    '*.secret',
    'password',
    'token',
    'secret',
    'err.errors[*].instance',
    'err.aggregateErrors[*].instance',
  ],
});
