import { pino } from 'pino';
import { config } from './config';

/** The process logger; authorization headers and passwords are never written. */
export const logger = pino({
  level: config.logLevel,
  redact: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.token', 'password', 'token'],
});
