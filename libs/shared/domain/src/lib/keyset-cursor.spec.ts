import { decodeCursor, encodeCursor, MAX_PAGE_SIZE, pageSizeProblem } from './keyset-cursor';

describe('keyset cursors', () => {
  const position = { at: new Date('2026-03-04T05:06:07.089Z'), id: '0b6f1f2e-4a4c-4d59-9c1e-2f0a3b4c5d6e' };

  it('round-trips a position, to the millisecond', () => {
    const cursor = encodeCursor(position);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor)).toEqual(position);
  });

  it('refuses anything it did not make', () => {
    expect(decodeCursor('')).toBeNull();
    expect(decodeCursor('not a cursor!')).toBeNull();
    expect(
      decodeCursor(Buffer.from('yesterday|0b6f1f2e-4a4c-4d59-9c1e-2f0a3b4c5d6e').toString('base64url')),
    ).toBeNull();
    expect(decodeCursor(Buffer.from('2026-03-04T05:06:07.089Z|42').toString('base64url'))).toBeNull();
    expect(decodeCursor(Buffer.from(`2026-03-04T05:06:07.089Z|${position.id}|x`).toString('base64url'))).toBeNull();
    expect(decodeCursor(Buffer.from(`2026-13-45T05:06:07.089Z|${position.id}`).toString('base64url'))).toBeNull();
  });

  it('accepts page sizes from 1 to the cap only', () => {
    expect(pageSizeProblem(1)).toBeNull();
    expect(pageSizeProblem(MAX_PAGE_SIZE)).toBeNull();
    expect(pageSizeProblem(0)).toMatch(/from 1 to/);
    expect(pageSizeProblem(MAX_PAGE_SIZE + 1)).toMatch(`${MAX_PAGE_SIZE}`);
    expect(pageSizeProblem(2.5)).not.toBeNull();
  });
});
