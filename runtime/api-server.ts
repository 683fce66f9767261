import { createServer as createHttpServer, type RequestListener, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';

export interface TlsSettings {
  tlsCert?: string;
  tlsKey?: string;
}

/** The API's server: HTTPS when a certificate and its key are configured, plain HTTP (local use) otherwise. */
export function apiServer(app: RequestListener, tls: TlsSettings): { server: Server; scheme: 'https' | 'http' } {
  if ((tls.tlsCert === undefined) !== (tls.tlsKey === undefined)) {
    throw new Error('Set both GUICHET_TLS_CERT and GUICHET_TLS_KEY (or their _FILE forms) to serve HTTPS, or neither');
  }
  if (tls.tlsCert !== undefined && tls.tlsKey !== undefined) {
    return { server: createHttpsServer({ cert: tls.tlsCert, key: tls.tlsKey, minVersion: 'TLSv1.2' }, app), scheme: 'https' };
  }
  return { server: createHttpServer(app), scheme: 'http' };
}
