import { route } from '../api/route';
import {
  AssetHistoryPage,
  AssetHistoryQuery,
  ComputerPage,
  ComputerParams,
  ComputerQuery,
  ComputerView,
  EditComputerBody,
} from './computer.schemas';
import type { ComputerService } from './computer.service';

export function computerRoutes(computers: ComputerService) {
  return [
    route({
      method: 'get',
      path: '/api/v1/assets',
      summary:
        'The assets of your entities and your own, newest first: search by name, serial, user, maker or model; filter by kind, state, maker, model, entity',
      tag: 'Inventory',
      allow: 'everyone',
      query: ComputerQuery,
      response: ComputerPage,
      handle: ({ user, query }) => computers.list(user, query),
    }),
    route({
      method: 'get',
      path: '/api/v1/assets/:id',
      summary:
        'An asset of your entities or your own: a computer with its hardware, network cards, installed software, the history of its changes and the tickets about it',
      tag: 'Inventory',
      allow: 'everyone',
      params: ComputerParams,
      response: ComputerView,
      handle: ({ user, params }) => computers.getOrFail(user, params.id),
    }),
    route({
      method: 'get',
      path: '/api/v1/assets/:id/history',
      summary: "An asset's history, latest first, by pages (`cursor`: the asset's `olderHistory`, then each page's `nextCursor`)",
      tag: 'Inventory',
      allow: 'everyone',
      params: ComputerParams,
      query: AssetHistoryQuery,
      response: AssetHistoryPage,
      handle: ({ user, params, query }) => computers.historyOrFail(user, params.id, query),
    }),
    route({
      method: 'patch',
      path: '/api/v1/assets/:id',
      summary:
        "Edit an asset's name, state, location, purchase or warranty date, or its person (the desk); each change goes to its history",
      tag: 'Inventory',
      allow: 'desk',
      params: ComputerParams,
      body: EditComputerBody,
      response: ComputerView,
      handle: ({ user, params, body }) => computers.edit(user, params.id, body),
    }),
  ];
}
