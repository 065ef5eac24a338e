import { decodeRadarCursor, encodeRadarCursor } from './radar-cursor';

describe('radar cursor', () => {
  const id = '5f0c8a54-1f7e-4d7e-9a57-1b2c3d4e5f60';

  it('round-trips a position', () => {
    expect(decodeRadarCursor(encodeRadarCursor({ score: 42, clientUserId: id }))).toEqual({
      score: 42,
      clientUserId: id,
    });
    expect(decodeRadarCursor(encodeRadarCursor({ score: 0, clientUserId: id.toUpperCase() }))).toEqual({
      score: 0,
      clientUserId: id,
    });
  });

  it.each([
    '',
    'not a cursor!',
    Buffer.from(`radar|-1|${id}`).toString('base64url'),
    Buffer.from(`other|1|${id}`).toString('base64url'),
    Buffer.from('radar|1|nope').toString('base64url'),
    Buffer.from(`radar|1|${id}|x`).toString('base64url'),
  ])('rejects %p', (cursor) => {
    expect(decodeRadarCursor(cursor)).toBeNull();
  });
});
