import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mayDeliverTo } from '../../webhooks/webhook-address';
import { sendWebhook } from '../../webhooks/webhook-sender';
import { startWebhookReceiver } from '../support/webhook-receiver';

let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;

beforeAll(async () => {
  receiver = await startWebhookReceiver(({ path }) => {
    if (path === '/moved') return { status: 302, body: '' };
    if (path === '/chatty') return { status: 200, body: 'x'.repeat(1_000_000) };
    return { status: 204 };
  });
});
afterAll(() => receiver?.close());

describe('where webhooks may be sent', () => {
  it('allows public addresses, and private ones only when told to', () => {
    for (const address of ['8.8.8.8', '2a00:1450:4007:80e::200e']) expect(mayDeliverTo(address, false), address).toBe(true);
    for (const address of ['127.0.0.1', '::1', '10.0.0.5', '192.168.1.10', '169.254.169.254', 'fe80::1', 'fd12::1', '::ffff:127.0.0.1']) {
      expect(mayDeliverTo(address, false), address).toBe(false);
      expect(mayDeliverTo(address, true), address).toBe(true);
    }
    for (const address of ['0.0.0.0', '224.0.0.1', 'not an address']) expect(mayDeliverTo(address, true), address).toBe(false);
  });

  it('refuses a loopback receiver, by address or by name, without reaching it', async () => {
    const before = receiver.received.length;
    const byAddress = await sendWebhook(receiver.url('/hook'), {}, '{}', false);
    const byName = await sendWebhook(receiver.url('/hook').replace('127.0.0.1', 'localhost'), {}, '{}', false);
    expect(byAddress).toMatchObject({ delivered: false, status: null, error: 'address 127.0.0.1 is not allowed' });
    expect(byName).toMatchObject({ delivered: false, status: null });
    expect(byName.error).toMatch(/is not allowed/);
    expect(receiver.received.length).toBe(before);
    expect(await sendWebhook(receiver.url('/hook').replace('127.0.0.1', 'localhost'), {}, '{}', true)).toMatchObject({
      delivered: true,
      status: 204,
    });
  });

  it('follows no redirect and reads only the first bytes of a long answer', async () => {
    const moved = await sendWebhook(receiver.url('/moved'), {}, '{}', true);
    expect(moved).toMatchObject({ delivered: false, status: 302 });
    expect(receiver.received.filter((one) => one.path !== '/moved' && one.path !== '/hook')).toHaveLength(0);
    const chatty = await sendWebhook(receiver.url('/chatty'), {}, '{}', true);
    expect(chatty).toMatchObject({ delivered: true, status: 200 });
    expect(chatty.answerHead).toHaveLength(500);
  });
});
