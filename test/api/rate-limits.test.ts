// Limits that fit an office behind one address: people are counted one by one, API tokens one by
// one, and the address alone only for requests without a valid identity; every API process counts
// in the same MariaDB rows. Two apps over one database stand for two processes behind a balancer.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createApp } from '../../api/app';
import type { RateLimits } from '../../api/rate-limits';
import { launchChromium, loggedInPage } from '../support/browser';
import { startStack, type Stack, type TestUser } from '../support/stack';

const LIMITS: RateLimits = { perIpPerMinute: 1000, perUserPerMinute: 8, perTokenPerMinute: 1000, scope: `limits-${randomUUID()}:` };

let stack: Stack;
let second: Server;
let secondUrl: string;
let browser: Browser | undefined;

beforeAll(async () => {
  stack = await startStack({ relay: false, rateLimits: LIMITS });
  second = createApp(stack.routes, LIMITS).listen(0, '127.0.0.1');
  await new Promise((resolve) => second.once('listening', resolve));
  secondUrl = `http://127.0.0.1:${(second.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await browser?.close();
  second?.close();
  await stack?.close();
});

const get = (base: string, user: TestUser) =>
  fetch(`${base}/api/v1/tickets?limit=1`, { headers: { authorization: `Bearer ${user.token}` } });

describe('rate limits', () => {
  it('count each person across every API process, and leave colleagues behind the same address alone', async () => {
    const busy = await stack.userWith('technician');
    const colleague = await stack.userWith('technician');
    const statuses: number[] = [];
    let refused: Response | undefined;
    for (let i = 0; i < 10; i += 1) {
      const response = await get(i % 2 === 0 ? stack.baseUrl : secondUrl, busy);
      statuses.push(response.status);
      if (response.status === 429) refused = response;
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 429, 429]);
    expect(Number(refused!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await refused!.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
    for (const base of [stack.baseUrl, secondUrl]) expect((await get(base, colleague)).status).toBe(200);
  });
});

// Two more API processes with a tight limit per address, as an office's NAT or proxy makes one address of everyone.
async function officeApps(limits: RateLimits): Promise<{ urls: string[]; close: () => void }> {
  const servers = [createApp(stack.routes, limits).listen(0, '127.0.0.1'), createApp(stack.routes, limits).listen(0, '127.0.0.1')];
  await Promise.all(servers.map((server) => new Promise((resolve) => server.once('listening', resolve))));
  return {
    urls: servers.map((server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    close: () => servers.forEach((server) => server.close()),
  };
}

describe('an office behind one address', () => {
  it('lets sixteen people work at once while an anonymous client hammering the login is limited', async () => {
    const office = await officeApps({
      perIpPerMinute: 20,
      perUserPerMinute: 100,
      perTokenPerMinute: 100,
      scope: `office-${randomUUID()}:`,
    });
    try {
      const people = await Promise.all(Array.from({ length: 16 }, (_, i) => stack.userWith(i % 4 === 0 ? 'manager' : 'technician')));
      // Eight requests each, eight times the address's limit in all, spread over both processes.
      const statuses = await Promise.all(
        people.flatMap((person, i) => Array.from({ length: 8 }, (_, j) => get(office.urls[(i + j) % 2]!, person).then((r) => r.status))),
      );
      expect(statuses.filter((status) => status !== 200)).toEqual([]);
      expect(statuses).toHaveLength(128);
      const logins: number[] = [];
      for (let i = 0; i < 25; i += 1) {
        const response = await fetch(`${office.urls[i % 2]}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ login: 'nobody-at-all', password: `guess-${i}` }),
        });
        logins.push(response.status);
      }
      expect(logins.slice(0, 20).every((status) => status === 401)).toBe(true);
      expect(logins.slice(20)).toEqual([429, 429, 429, 429, 429]);
    } finally {
      office.close();
    }
  });
});

describe('the web UI', () => {
  it('waits as long as Retry-After says when the limit is reached, then asks again', async () => {
    const short = await startStack({
      relay: false,
      rateLimits: { ...LIMITS, perUserPerMinute: 5, windowMs: 2000, scope: `ui-${randomUUID()}:` },
    });
    let opened: Page | undefined;
    try {
      const technician = await short.userWith('technician', 'N1');
      browser = await launchChromium();
      // Refusals with 429 are expected here; any other console error is not.
      const { page, errors } = await loggedInPage(browser, short.baseUrl, technician, (message) =>
        message.text().includes('status of 429'),
      );
      opened = page;
      const seen: { url: string; status: number; at: number; retryAfter: number }[] = [];
      page.on('response', (response) => {
        if (response.url().includes('/api/v1/'))
          seen.push({
            url: response.url(),
            status: response.status(),
            at: Date.now(),
            retryAfter: Number(response.headers()['retry-after'] ?? 0),
          });
      });
      // The list page asks for several things at once: past five in two seconds.
      await page.reload();
      await page.getByRole('heading', { name: 'Tickets' }).waitFor();
      await expect.poll(() => seen.filter((answer) => answer.status === 429).length, { timeout: 20_000 }).toBeGreaterThan(0);
      const refused = seen.filter((answer) => answer.status === 429);
      // Each refused call is asked again once its Retry-After has passed, not before, and then answered.
      await expect
        .poll(() => refused.every((no) => seen.some((later) => later.url === no.url && later.at > no.at && later.status === 200)), {
          timeout: 30_000,
        })
        .toBe(true);
      for (const no of refused) {
        const next = seen.find((later) => later.url === no.url && later.at > no.at)!;
        expect(no.retryAfter).toBeGreaterThan(0);
        expect(next.at - no.at).toBeGreaterThanOrEqual(no.retryAfter * 1000 - 100);
      }
      expect(errors).toEqual([]);
    } finally {
      // The page's change stream would keep the server from closing.
      await opened?.context().close();
      await short.close();
    }
  }, 90_000);
});
