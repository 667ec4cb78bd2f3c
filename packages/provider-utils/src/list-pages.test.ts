import { describe, expect, it } from 'vitest';
import { nextPageNumberCursor, readPageNumberCursor } from './list-pages';

describe('page-number job lists', () => {
  it('reads the cursor and the page size, and refuses what the API cannot take', () => {
    const settings = { api: 'Seedance', defaultLimit: 10, maxLimit: 500 };
    expect(readPageNumberCursor({}, settings)).toStrictEqual({ pageNumber: 1, pageSize: 10 });
    expect(readPageNumberCursor({ after: '3', limit: 50 }, settings)).toStrictEqual({ pageNumber: 3, pageSize: 50 });
    expect(() => readPageNumberCursor({ after: 'abc' }, settings)).toThrow(
      'Not a Seedance list cursor (a page number from 1): abc.',
    );
    expect(() => readPageNumberCursor({ limit: 501 }, settings)).toThrow(
      'Seedance lists 1 to 500 jobs per page; got 501.',
    );
    expect(() => readPageNumberCursor({ limit: 0 }, { api: 'MiniMax', defaultLimit: 10 })).toThrow(
      'MiniMax lists at least 1 jobs per page; got 0.',
    );
  });

  it('finds the next page from the page count, the total, or a full page', () => {
    expect(nextPageNumberCursor({ pageNumber: 1, pageSize: 10, received: 10, totalPages: 1 })).toBeUndefined();
    expect(nextPageNumberCursor({ pageNumber: 1, pageSize: 10, received: 10, total: 11 })).toBe('2');
    expect(nextPageNumberCursor({ pageNumber: 2, pageSize: 10, received: 1, total: 11 })).toBeUndefined();
    expect(nextPageNumberCursor({ pageNumber: 1, pageSize: 10, received: 10 })).toBe('2');
    expect(nextPageNumberCursor({ pageNumber: 1, pageSize: 10, received: 9 })).toBeUndefined();
  });
});
