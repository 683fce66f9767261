import type { Upload } from '../core/file-transfer';
import type { z } from 'zod';
import type { Rights } from '../users/profiles';
import type { CurrentUser } from '../users/user';

/** What a handler receives: parsed, validated input and the caller (when the route needs one). */
export interface RouteInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  user: CurrentUser;
  header: (name: string) => string | undefined;
  /** The client's address: the connection's, or the one the trusted proxies forward. */
  ip: string | null;
  /** The caller's Idempotency-Key on a write, when sent: the request is answered once per key. */
  idempotencyKey?: string;
  /** For a route that takes a file (multipart/form-data): the file, streamed as it arrives. */
  upload?: Upload;
  /** Aborts when the client goes before its answer is sent, or the server stops: a held request stops waiting. */
  gone: AbortSignal;
  /** For a `text/event-stream` route: where its events go, and when the client has gone. */
  stream?: EventStream;
}

/** Server-sent events to one client; the handler returns once `closed` aborts. */
export interface EventStream {
  send: (event: string, data: unknown) => void;
  closed: AbortSignal;
}

/**
 * One HTTP route: its schemas validate requests at the edge and are also the source of the
 * OpenAPI document, so the two cannot drift apart.
 */
export interface Route<P = unknown, Q = unknown, B = unknown> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  summary: string;
  tag: string;
  /** Who may call it: `anonymous` for the few open routes, else the profiles of users/profiles.ts. */
  allow: Rights | 'anonymous';
  /** True when an API token of any profile may call it too, for what is its own (its webhook subscriptions). */
  tokensToo?: boolean;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  response: z.ZodType;
  /** Media type of the answer; anything but JSON is sent as the handler's string. */
  produces?:
    | 'application/json'
    | 'text/vnd.mermaid'
    | 'text/csv'
    | 'image/svg+xml'
    | 'application/xml'
    | 'text/event-stream'
    | 'application/octet-stream';
  /** The multipart/form-data field that carries the route's file (see `Upload`); its other fields are the body. */
  uploadField?: string;
  status?: number;
  /** The status of this answer, when it depends on it (the route's `status` is the one documented). */
  statusOf?: (result: unknown) => number;
  /** What the audit log keeps of a change besides its route and subject (never a secret). */
  auditDetails?: (result: unknown) => Record<string, unknown>;
  /** True when the answer's `version` is sent as its ETag. */
  etag?: boolean;
  /** True when the route may answer 202: its ticket's workflow took the change and records it shortly. */
  mayAccept?: boolean;
  /** Optional request headers the route reads. */
  headers?: string[];
  handle: (input: RouteInput<P, Q, B>) => Promise<unknown>;
}

/** Declares a route with its types inferred from its schemas. */
export const route = <P, Q, B>(spec: Route<P, Q, B>): Route => spec as unknown as Route;
