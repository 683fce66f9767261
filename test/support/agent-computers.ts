import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import pino from 'pino';
import { runInventoryProcessor } from '../../inventory/inventory-processor';
import { eventually, type Stack, type TestUser } from './stack';

// Computers filed as their agents file them: a real agent's inventory (the fixture's), made each
// computer's own, sent to the agents' door and filed by the inventory processor.
const fixture = readFileSync(new URL('../inventory/fixtures/debian-vm.xml', import.meta.url), 'utf8');
const xmlText = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export interface AgentComputer {
  /** Its name and device id; found by it once filed. */
  name: string;
  /** The MAC address of its physical card. */
  mac: string;
  maker: string;
  model: string;
}

/** The agents of an entity of `stack`, with an inventory processor filing what they send until `stop()`. */
export async function startAgents(stack: Stack, admin: TestUser, entity = 1) {
  const processing = new AbortController();
  const processor = runInventoryProcessor(stack.sequelize, { idleMs: 100, logger: pino({ level: 'silent' }) }, processing.signal);
  const token = await stack.call('POST', '/api/v1/inventory/agent-tokens', {
    token: admin.token,
    body: { name: `Agents ${Math.random().toString(36).slice(2, 8)}`, entity },
  });
  if (token.status !== 201) throw new Error(`no agent token: ${JSON.stringify(token.body)}`);
  const authorization = `Basic ${Buffer.from(`agent:${token.body.token}`).toString('base64')}`;
  return {
    /** Sends the computer's inventory and waits until it is filed; its asset id, as `reader` finds it. */
    async file(computer: AgentComputer, reader: TestUser): Promise<number> {
      const inventory = fixture
        .replace('<DEVICEID>vm-2026-12-06-03-40-03</DEVICEID>', `<DEVICEID>${xmlText(computer.name)}</DEVICEID>`)
        .replace('<NAME>vm</NAME>', `<NAME>${xmlText(computer.name)}</NAME>`)
        .replace(
          '<SSN></SSN>',
          `<SSN>SN-${xmlText(computer.name)}</SSN><SMANUFACTURER>${xmlText(computer.maker)}</SMANUFACTURER><SMODEL>${xmlText(computer.model)}</SMODEL>`,
        )
        .replaceAll('02:fc:00:00:00:01', computer.mac);
      const sent = await fetch(`${stack.baseUrl}/inventory`, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/x-compress-zlib' },
        body: deflateSync(inventory),
      });
      if (sent.status !== 200) throw new Error(`inventory refused: ${sent.status}`);
      const filed = await eventually(async () => {
        const page = await stack.call('GET', `/api/v1/assets?search=${encodeURIComponent(computer.name)}`, { token: reader.token });
        return (page.body.items as { id: number; name: string }[]).find((item) => item.name === computer.name);
      });
      return filed.id;
    },
    async stop() {
      processing.abort();
      await processor;
    },
  };
}
