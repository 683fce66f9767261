import { BpmnModdle } from 'bpmn-moddle';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeTimer } from '../../lifecycles/state-timers';
import { startDesk, type Desk } from '../support/stack';

let desk: Desk;

beforeAll(async () => {
  desk = await startDesk();
});
afterAll(async () => desk?.stack.close());

const get = (path: string, token: string | null = desk.alice.token) =>
  fetch(`${desk.stack.baseUrl}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

describe('GET /api/v1/lifecycles/{key}/versions/{version}/diagram.svg', () => {
  it('draws the version as SVG, in French by default and in English on request', async () => {
    const response = await get('/api/v1/lifecycles/incident/versions/1/diagram.svg');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    const svg = await response.text();
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('<tspan');
    expect(svg).toContain('>Résolu</tspan>');
    expect(await (await get('/api/v1/lifecycles/incident/versions/1/diagram.svg?lang=en')).text()).toContain('>Resolved</tspan>');
  });

  it("draws the change lifecycle's board timer on its task and the standard approval's condition", async () => {
    const svg = await (await get('/api/v1/lifecycles/change/versions/1/diagram.svg?lang=en')).text();
    expect(svg).toContain('<g class="timer-event" data-id="Timer_approval_board_1" data-attached-to="Task_approval_board">');
    expect(svg).toContain(`>${describeTimer({ after: 'P10D', action: 'reassess' }, 'en')}</text>`);
    expect(svg).toContain('>Approve (standard change) [priority ≤ 2]</text>');
  });

  it('answers 404 for an unknown lifecycle or version, 400 for a malformed one, 401 without a token', async () => {
    expect((await get('/api/v1/lifecycles/nope/versions/1/diagram.svg')).status).toBe(404);
    expect((await get('/api/v1/lifecycles/incident/versions/99/diagram.svg')).status).toBe(404);
    expect((await get('/api/v1/lifecycles/incident/versions/first/diagram.svg')).status).toBe(400);
    expect((await get('/api/v1/lifecycles/incident/versions/1/diagram.svg', null)).status).toBe(401);
  });
});

describe('GET /api/v1/lifecycles/{key}/versions/{version}/diagram.bpmn', () => {
  it('exports the version as BPMN 2.0 XML that parses back without warnings', async () => {
    const response = await get('/api/v1/lifecycles/change/versions/1/diagram.bpmn');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/xml/);
    const { rootElement, warnings } = await BpmnModdle().fromXML(await response.text());
    expect(warnings).toEqual([]);
    const process = (rootElement as any).rootElements.find((e: any) => e.$type === 'bpmn:Process');
    expect(process.flowElements.find((e: any) => e.id === 'Task_approval_board').name).toBe('Au comité des changements (CAB)');
    const timer = process.flowElements.find((e: any) => e.$type === 'bpmn:BoundaryEvent');
    expect(timer.attachedToRef.id).toBe('Task_approval_board');
    expect(timer.eventDefinitions[0].timeDuration.body).toBe('P10D');
  });

  it('answers 404 for an unknown lifecycle or version', async () => {
    expect((await get('/api/v1/lifecycles/nope/versions/1/diagram.bpmn')).status).toBe(404);
    expect((await get('/api/v1/lifecycles/change/versions/99/diagram.bpmn')).status).toBe(404);
  });
});

describe('GET /api/v1/lifecycles/{key}/versions/{version}/diagram.mmd', () => {
  it("draws the version as a Mermaid state diagram, the board's timer as a transition", async () => {
    const response = await get('/api/v1/lifecycles/change/versions/1/diagram.mmd');
    expect(response.status).toBe(200);
    const diagram = await response.text();
    expect(diagram.startsWith('stateDiagram-v2\n')).toBe(true);
    expect(diagram).toContain(
      `  approval_board --> assessment: ⏱ ${describeTimer({ after: 'P10D', action: 'reassess' }, 'fr')} → reassess\n`,
    );
  });
});

describe('the change lifecycle', () => {
  it('is published beside incident and request, and a ticket may be filed on it', async () => {
    const list = await desk.stack.call('GET', '/api/v1/lifecycles', { token: desk.alice.token });
    expect(list.body.items.map((l: any) => l.key)).toEqual(expect.arrayContaining(['incident', 'request', 'change']));
    const created = await desk.stack.call('POST', '/api/v1/tickets', {
      token: desk.alice.token,
      body: {
        title: 'Migration du serveur de messagerie',
        description: 'Passage à la nouvelle version, un samedi.',
        type: 'request',
        urgency: 3,
        impact: 3,
        lifecycle: 'change',
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ state: 'new', status: 'new', lifecycle: { key: 'change', version: 1 } });
  });
});
