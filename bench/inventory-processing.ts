// Inventories from FusionInventory agents: GUICHET_BENCH_INVENTORIES workstations (default 500),
// each an agent's real XML (test/inventory/fixtures/debian-vm.xml) with its own name, device id and
// MAC and GUICHET_BENCH_SOFTWARE packages (default 150), sent zlib-compressed to the agents' door by
// 8 agents at once; then processed by one inventory processor (each a new computer), sent again and
// processed again (each matched, nothing changed). Prints the rates of each step; the last line is JSON.
import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { QueryTypes } from 'sequelize';
import { inventoryAgentRouter } from '../inventory/agent-door.routes';
import { createAgentInventoryService } from '../inventory/agent-inventory.service';
import { insertAgentToken } from '../inventory/agent-token.repository';
import { processNextInventory } from '../inventory/inventory-processor';
import { startBenchApi } from './bench-api';
import { percentile } from './bench-client';

const INVENTORIES = Number(process.env['GUICHET_BENCH_INVENTORIES'] ?? 500);
const SOFTWARE = Number(process.env['GUICHET_BENCH_SOFTWARE'] ?? 150);
const { sequelize, refs, close } = await startBenchApi();

const run = `bench${Date.now().toString(36)}`;
const secret = `gia_${run}`;
await sequelize.transaction((transaction) =>
  insertAgentToken(sequelize, { name: run, entity: 1, secret, createdBy: refs.technician }, transaction),
);
const door = express().use('/inventory', inventoryAgentRouter(createAgentInventoryService(sequelize)));
const server = door.listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/inventory`;

// One workstation's inventory: the fixture's, made this workstation's own, with SOFTWARE packages.
const fixture = readFileSync(new URL('../test/inventory/fixtures/debian-vm.xml', import.meta.url), 'utf8');
const packages = Array.from(
  { length: SOFTWARE },
  (_, i) =>
    `<SOFTWARES><ARCH>amd64</ARCH><FROM>deb</FROM><NAME>package-${i}</NAME><PUBLISHER>Debian</PUBLISHER><VERSION>1.${i}.0</VERSION></SOFTWARES>`,
).join('');
const inventoryOf = (i: number) => {
  const mac = `02:be:${[(i >> 24) & 255, (i >> 16) & 255, (i >> 8) & 255, i & 255].map((b) => b.toString(16).padStart(2, '0')).join(':')}`;
  return deflateSync(
    fixture
      .replace('<DEVICEID>vm-2026-12-06-03-40-03</DEVICEID>', `<DEVICEID>${run}-${i}</DEVICEID>`)
      .replace('<NAME>vm</NAME>', `<NAME>${run}-${i}</NAME>`)
      .replaceAll('02:fc:00:00:00:01', mac)
      .replace(/<SOFTWARES>[\s\S]*<\/SOFTWARES>/, packages),
  );
};
const bodies = Array.from({ length: INVENTORIES }, (_, i) => inventoryOf(i));
const authorization = `Basic ${Buffer.from(`agent:${secret}`).toString('base64')}`;

// Sends every inventory, 8 agents at once; answers the rate and the latencies of the sends.
async function sendAll(): Promise<{ perSecond: number; p50: number; p99: number }> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < bodies.length) {
        const body = bodies[next++]!;
        const t0 = performance.now();
        const answer = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/x-compress-zlib', authorization },
          body,
        });
        if (answer.status !== 200) throw new Error(`the door answered ${answer.status}: ${await answer.text()}`);
        await answer.arrayBuffer();
        latencies.push(performance.now() - t0);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return {
    perSecond: bodies.length / ((performance.now() - started) / 1000),
    p50: Math.round(percentile(latencies, 50)),
    p99: Math.round(percentile(latencies, 99)),
  };
}

// Processes what is queued, as the worker's processor does; answers inventories per second.
async function processAll(): Promise<number> {
  const started = performance.now();
  let processed = 0;
  while (await processNextInventory(sequelize)) processed += 1;
  if (processed !== INVENTORIES) throw new Error(`processed ${processed} inventories of ${INVENTORIES}`);
  return processed / ((performance.now() - started) / 1000);
}

const received = await sendAll();
console.log(`received: ${received.perSecond.toFixed(1)}/s, answer p50 ${received.p50} ms, p99 ${received.p99} ms`);
const created = await processAll();
console.log(`processed, each a new computer: ${created.toFixed(1)}/s`);
await sendAll();
const updated = await processAll();
console.log(`processed again, each matched and unchanged: ${updated.toFixed(1)}/s`);
const [{ computers }] = (await sequelize.query<{ computers: number }>('SELECT COUNT(*) AS computers FROM assets WHERE name LIKE ?', {
  replacements: [`${run}-%`],
  type: QueryTypes.SELECT,
})) as [{ computers: number }];
console.log(
  JSON.stringify({
    inventories: INVENTORIES,
    software: SOFTWARE,
    computers: Number(computers),
    receivePerSecond: Math.round(received.perSecond),
    receiveP99Ms: received.p99,
    createPerSecond: Math.round(created),
    updatePerSecond: Math.round(updated),
  }),
);
server.close();
await close();
