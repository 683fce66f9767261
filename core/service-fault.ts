import { ConnectionError, TimeoutError } from 'sequelize';

// gRPC status codes (Temporal): the server is down or slow, not the request wrong. A call cancelled
// is one cut before its answer (its connection dropped, or its deadline passed while it was sent).
const GRPC_CANCELLED = 1;
const GRPC_DEADLINE_EXCEEDED = 4;
const GRPC_RESOURCE_EXHAUSTED = 8;
const GRPC_UNAVAILABLE = 14;
const GRPC_CODES = new Set<unknown>([GRPC_CANCELLED, GRPC_DEADLINE_EXCEEDED, GRPC_RESOURCE_EXHAUSTED, GRPC_UNAVAILABLE]);

// Sockets refused, reset, cut or silent.
const NETWORK_CODES = new Set<unknown>(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

// MariaDB's driver and server: the connection lost or killed, the server stopping, no room left on
// its disk, a lock that could not be had in time.
const MARIADB_CODES = new Set<unknown>([
  'ER_SOCKET_UNEXPECTED_CLOSE',
  'ER_CONNECTION_ALREADY_CLOSED',
  'ER_GET_CONNECTION_TIMEOUT',
  'ER_CONNECTION_TIMEOUT',
  'ER_CMD_CONNECTION_CLOSED',
  'ER_CONNECTION_KILLED',
  'ER_SERVER_SHUTDOWN',
  'ER_QUERY_INTERRUPTED',
  'ER_DISK_FULL',
  'ER_RECORD_FILE_FULL',
  'ER_LOCK_WAIT_TIMEOUT',
  'ER_LOCK_DEADLOCK',
]);

// ClickHouse server exceptions: out of disk, out of memory, too many queries, shutting down.
const CLICKHOUSE_CODES = new Set<unknown>(['202', '241', '243', '210', '209']);

interface FaultLike {
  code?: unknown;
  fatal?: unknown;
  cause?: unknown;
  parent?: unknown;
  original?: unknown;
  errors?: unknown;
}

// The error and every error it wraps: Error.cause, Sequelize's parent/original, AggregateError's errors.
function* chainOf(error: unknown, seen = new Set<unknown>()): Generator<unknown> {
  if (!error || typeof error !== 'object' || seen.has(error)) return;
  seen.add(error);
  yield error;
  const { cause, parent, original, errors } = error as FaultLike;
  const wrapped: unknown[] = Array.isArray(errors) ? errors : [];
  for (const inner of [cause, parent, original, ...wrapped]) yield* chainOf(inner, seen);
}

const isFault = (error: unknown): boolean => {
  if (error instanceof ConnectionError || error instanceof TimeoutError) return true;
  const { code, fatal } = error as FaultLike;
  // A fatal driver error closes the connection: whatever the query was, the server is what failed.
  if (fatal === true) return true;
  return GRPC_CODES.has(code) || NETWORK_CODES.has(code) || MARIADB_CODES.has(code) || CLICKHOUSE_CODES.has(code);
};

/**
 * Whether `error` is MariaDB, ClickHouse or Temporal out of reach, cut off, out of room or too busy:
 * nothing the client did wrong, so it may retry (503 with Retry-After).
 */
export function isServiceFault(error: unknown): boolean {
  for (const link of chainOf(error)) if (isFault(link)) return true;
  return false;
}
