import { deflateSync, gunzipSync, gzipSync, inflateSync } from 'node:zlib';
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { logger } from '../config/logger';
import { DomainError, ValidationError } from '../core/errors';
import type { AgentInventoryService, InventoryAgent } from './agent-inventory.service';

const REALM = 'guichet inventory';

// The agent's password, from the Basic credentials it sends once challenged.
function secretOf(req: Request): string | undefined {
  const [scheme, encoded] = (req.get('authorization') ?? '').split(' ');
  if (scheme?.toLowerCase() !== 'basic' || !encoded) return undefined;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : decoded.slice(colon + 1);
}

// Agents compress with zlib (application/x-compress-zlib from FusionInventory 2.6) or gzip, or send
// XML as is (--no-compression).
const compressedWith = (body: Buffer): 'zlib' | 'gzip' | undefined => {
  if (body[0] === 0x1f && body[1] === 0x8b) return 'gzip';
  return body[0] === 0x78 && body.readUInt16BE(0) % 31 === 0 ? 'zlib' : undefined;
};

function xmlOf(req: Request): string {
  const body = req.body as Buffer;
  if (!Buffer.isBuffer(body) || body.length < 2) throw new ValidationError({ body: 'an XML message from the agent is expected' });
  const compression = compressedWith(body);
  try {
    if (compression === 'zlib') return inflateSync(body).toString('utf8');
    if (compression === 'gzip') return gunzipSync(body).toString('utf8');
  } catch {
    throw new ValidationError({ body: `not valid ${compression} data` });
  }
  return body.toString('utf8');
}

// Answers as the agent spoke: compressed, in its content type, when it compressed.
function reply(req: Request, res: Response, xml: string): void {
  const text = `<?xml version="1.0" encoding="UTF-8"?>\n<REPLY>${xml}</REPLY>\n`;
  const compression = compressedWith(req.body as Buffer);
  if (!compression) res.type('application/xml').send(text);
  else res.type(req.get('content-type') ?? 'application/x-compress').send(compression === 'zlib' ? deflateSync(text) : gzipSync(text));
}

/**
 * The door FusionInventory agents speak to (`fusioninventory-agent --server <guichet>/inventory
 * --user agent --password <agent token>`), in their protocol: XML, compressed as they send it.
 * Agents without a valid token are challenged (401), as the agent expects before it sends credentials.
 */
export function inventoryAgentRouter(inventory: AgentInventoryService): Router {
  const router = Router();
  // The token first: the body of an agent without one is never read.
  const authenticated = async (req: Request, res: Response, next: NextFunction) => {
    const secret = secretOf(req);
    const agent = secret ? await inventory.agentOf(secret) : undefined;
    if (!agent) {
      res.set('WWW-Authenticate', `Basic realm="${REALM}"`).status(401).type('text/plain').send('An agent token is required (--password)');
      return;
    }
    res.locals['agent'] = agent;
    next();
  };
  router.post('/', authenticated, express.raw({ type: () => true, limit: '32mb' }), async (req: Request, res: Response) => {
    reply(req, res, await inventory.receive(res.locals['agent'] as InventoryAgent, xmlOf(req)));
  });
  router.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (error instanceof DomainError) {
      const fields = (error.details?.['fields'] ?? {}) as Record<string, string>;
      res
        .status(400)
        .type('text/plain')
        .send(
          Object.entries(fields)
            .map(([field, problem]) => `${field}: ${problem}`)
            .join('\n') || error.message,
        );
      return;
    }
    const tooLarge = (error as { type?: string }).type === 'entity.too.large';
    if (!tooLarge) logger.error({ err: error }, 'inventory: agent request failed');
    res
      .status(tooLarge ? 413 : 500)
      .type('text/plain')
      .send(tooLarge ? 'The inventory is too large' : 'The inventory could not be received; send it again');
  });
  return router;
}
