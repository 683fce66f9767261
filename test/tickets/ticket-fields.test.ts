import { describe, expect, it } from 'vitest';
import { ancestry, descendantIds } from '../../core/tree';
import { DEFAULT_PRIORITY_MATRIX } from '../../tickets/priority-matrix';
import { editTicketFields, type TicketFields } from '../../tickets/ticket-fields';
import { decodeCursorOrFail, encodeCursor, fullTextTerms } from '../../tickets/ticket-list-order';

const fields: TicketFields = {
  title: 'Pas de Wi-Fi sur mon portable',
  description: 'Le portable ne voit plus le réseau du magasin.',
  urgency: 3,
  impact: 3,
  priority: 3,
  priorityOverridden: false,
  category: null,
  entity: 1,
  source: 'helpdesk',
  location: null,
  dueAt: null,
  requesters: [],
  observers: [],
  assets: [],
};

describe('editing ticket fields', () => {
  it('recomputes the priority from the matrix and names every changed field', () => {
    const { next, changes } = editTicketFields(fields, { urgency: 5, impact: 5 }, DEFAULT_PRIORITY_MATRIX);
    expect(next.priority).toBe(5);
    expect(changes).toEqual({ urgency: { from: 3, to: 5 }, impact: { from: 3, to: 5 }, priority: { from: 3, to: 5 } });
  });

  it('keeps a priority set by hand until it is given back to the matrix', () => {
    const major = editTicketFields(fields, { priority: 6 }, DEFAULT_PRIORITY_MATRIX).next;
    expect(editTicketFields(major, { urgency: 1 }, DEFAULT_PRIORITY_MATRIX).next.priority).toBe(6);
    expect(editTicketFields(major, { priority: null, urgency: 1 }, DEFAULT_PRIORITY_MATRIX).next).toMatchObject({
      priority: 2,
      priorityOverridden: false,
    });
  });

  it('compares lists of people as sets', () => {
    const watched = editTicketFields(fields, { observers: [7, 3, 7] }, DEFAULT_PRIORITY_MATRIX);
    expect(watched.changes).toEqual({ observers: { from: [], to: [3, 7] } });
    expect(editTicketFields(watched.next, { observers: [7, 3] }, DEFAULT_PRIORITY_MATRIX).changes).toEqual({});
  });

  it('reports no change for an edit that sets what is already there', () => {
    expect(editTicketFields(fields, { title: fields.title, urgency: 3 }, DEFAULT_PRIORITY_MATRIX).changes).toEqual({});
  });
});

describe('trees of categories and entities', () => {
  const nodes = [
    { id: 1, parent_id: null },
    { id: 2, parent_id: 1 },
    { id: 3, parent_id: 2 },
    { id: 4, parent_id: null },
  ];
  it('finds a node with everything below it, and its chain from the root', () => {
    expect(descendantIds(nodes, 1).sort()).toEqual([1, 2, 3]);
    expect(descendantIds(nodes, 4)).toEqual([4]);
    expect(ancestry(nodes, 3).map((n) => n.id)).toEqual([1, 2, 3]);
    expect(ancestry(nodes, 99)).toEqual([]);
  });
});

describe('listing order', () => {
  it('round-trips a cursor and refuses a forged one', () => {
    expect(decodeCursorOrFail(encodeCursor({ key: 4, id: 1234 }))).toEqual({ key: 4, id: 1234 });
    expect(() => decodeCursorOrFail('1234')).toThrow(/cursor/);
  });

  it('turns a search into required word prefixes, leaving out words too short for the index', () => {
    expect(fullTextTerms('imprimante du 2e étage')).toBe('+imprimante* +étage*');
    expect(fullTextTerms('+"x" -- ()')).toBeNull();
  });
});
