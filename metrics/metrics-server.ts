import { timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { Logger } from 'pino';
import { registry } from './metrics';

export interface MetricsSettings {
  host: string;
  port: number;
  /** When set, scrapes must send it as a bearer token. */
  token: string | undefined;
}

const sameSecret = (given: string, expected: string) =>
  given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));

/**
 * Serves this process's metrics at `/metrics` on a port of their own, apart from the API: on
 * loopback unless configured, behind a bearer token when one is set.
 */
export function startMetricsServer(settings: MetricsSettings, logger: Logger): Server {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    const given = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
    if (settings.token && !sameSecret(given, settings.token)) {
      res.writeHead(401, { 'www-authenticate': 'Bearer' }).end();
      return;
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
      (error: unknown) => {
        logger.warn({ err: error }, 'metrics not collected');
        res.writeHead(500).end();
      },
    );
  });
  // A busy port costs the metrics, never the process.
  server.on('error', (error) => logger.error({ err: error }, `metrics not served on ${settings.host}:${settings.port}`));
  server.listen(settings.port, settings.host, () => logger.info(`metrics on http://${settings.host}:${settings.port}/metrics`));
  return server;
}
