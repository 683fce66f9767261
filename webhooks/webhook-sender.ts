import { lookup, type LookupAddress, type LookupOptions } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { mayDeliverTo } from './webhook-address';

/** How one attempt went, as the delivery log keeps it. */
export interface AttemptOutcome {
  status: number | null;
  /** A 2xx answer. */
  delivered: boolean;
  /** 410: the receiver wants no more deliveries. */
  gone: boolean;
  error: string | null;
  /** The answer's first bytes, as text. */
  answerHead: string | null;
  durationMs: number;
}

const TIMEOUT_MS = 10_000;
/** What is read of an answer at most; the rest is dropped with the connection. */
const ANSWER_CAP_BYTES = 64 * 1024;
const HEAD_CHARS = 500;

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

// Resolves the receiver's name and refuses it when any of its addresses may not be called, so a
// name cannot point somewhere else between the check and the connection.
const guardedLookup =
  (allowPrivate: boolean) =>
  (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const refused = addresses.find((one) => !mayDeliverTo(one.address, allowPrivate));
      if (refused) return callback(Object.assign(new Error(`address ${refused.address} is not allowed`), { code: 'EADDRNOTALLOWED' }), []);
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };

/**
 * POSTs `body` to `url` once: no redirect followed, 10 s for the whole exchange, at most 64 KiB of
 * the answer read, and only to addresses `mayDeliverTo` allows.
 */
export function sendWebhook(url: string, headers: Record<string, string>, body: string, allowPrivate: boolean): Promise<AttemptOutcome> {
  const started = Date.now();
  const outcome = (fields: Partial<AttemptOutcome>): AttemptOutcome => ({
    status: null,
    delivered: false,
    gone: false,
    error: null,
    answerHead: null,
    durationMs: Date.now() - started,
    ...fields,
  });
  const target = new URL(url);
  const host = target.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) && !mayDeliverTo(host, allowPrivate)) return Promise.resolve(outcome({ error: `address ${host} is not allowed` }));
  const send = target.protocol === 'https:' ? https.request : http.request;
  return new Promise((resolve) => {
    const request = send(
      target,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'guichet-webhooks', ...headers },
        lookup: guardedLookup(allowPrivate),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      },
      (response) => {
        const chunks: Buffer[] = [];
        let read = 0;
        const finish = () => {
          const status = response.statusCode ?? null;
          const answerHead = Buffer.concat(chunks).toString('utf8').slice(0, HEAD_CHARS);
          resolve(outcome({ status, delivered: status !== null && status >= 200 && status < 300, gone: status === 410, answerHead }));
        };
        response.on('data', (chunk: Buffer) => {
          if (read < ANSWER_CAP_BYTES) chunks.push(chunk.subarray(0, ANSWER_CAP_BYTES - read));
          read += chunk.length;
          if (read >= ANSWER_CAP_BYTES) {
            response.destroy();
            finish();
          }
        });
        response.on('end', finish);
        response.on('error', () => finish());
      },
    );
    request.on('error', (error: NodeJS.ErrnoException) =>
      resolve(
        outcome({
          error: error.name === 'AbortError' || error.name === 'TimeoutError' ? 'no answer within 10 s' : error.message.slice(0, 255),
        }),
      ),
    );
    request.end(body);
  });
}
