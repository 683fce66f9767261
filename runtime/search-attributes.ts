import type { Client } from '@temporalio/client';
// A CommonJS package: Node's ESM loader sees only its default export.
import proto from '@temporalio/proto';

const { INDEXED_VALUE_TYPE_KEYWORD, INDEXED_VALUE_TYPE_INT } = proto.temporal.api.enums.v1.IndexedValueType;
const GRPC_ALREADY_EXISTS = 6;
const GRPC_UNIMPLEMENTED = 12;

/** The custom search attributes ticket workflows upsert; a namespace without them fails every transition. */
export const TICKET_SEARCH_ATTRIBUTES = { TicketStatus: INDEXED_VALUE_TYPE_KEYWORD, TicketPriority: INDEXED_VALUE_TYPE_INT };

const grpcCode = (error: unknown): number | undefined => (error as { code?: number }).code;

/** Registers the ticket search attributes in `namespace` when they are missing. */
export async function ensureTicketSearchAttributes(client: Client, namespace: string): Promise<void> {
  const operator = client.connection.operatorService;
  let missing = Object.entries(TICKET_SEARCH_ATTRIBUTES);
  try {
    const existing = await operator.listSearchAttributes({ namespace });
    missing = missing.filter(([name]) => !(name in (existing.customAttributes ?? {})));
  } catch (error) {
    // The time-skipping test server cannot list them: add them all and let it say they exist.
    if (grpcCode(error) !== GRPC_UNIMPLEMENTED) throw error;
  }
  if (missing.length === 0) return;
  try {
    await operator.addSearchAttributes({ namespace, searchAttributes: Object.fromEntries(missing) });
  } catch (error) {
    if (grpcCode(error) !== GRPC_ALREADY_EXISTS) throw error;
  }
}
