import { assertIdempotencyKey, assertKind, assertRefs, likePrefix } from './reminder-input';

describe('reminder input rules', () => {
  it('accepts dotted lower-case kinds only', () => {
    expect(() => assertKind('playbook.step-due')).not.toThrow();
    expect(() => assertKind('Playbook')).toThrow('kind');
    expect(() => assertKind('a..b')).toThrow('kind');
  });

  it('accepts only the kinds the product sends', () => {
    expect(() => assertKind('notice')).not.toThrow();
    expect(() => assertKind('playbook.step-sent')).toThrow('is not a kind of reminder');
  });

  it('accepts ids only in refs', () => {
    expect(() => assertRefs({ stepInstanceId: '0b6f1f2e-4a4c-4d59-9c1e-2f0a3b4c5d6e', version: '3' })).not.toThrow();
    expect(() => assertRefs({ email: 'jane@example.com' })).toThrow('refs.email');
    expect(() => assertRefs({ note: 'call Jane Doe' })).toThrow('refs.note');
    expect(() => assertRefs({ 'bad name': 'x' })).toThrow('refs');
  });

  it('refuses empty or spaced idempotency keys', () => {
    expect(() => assertIdempotencyKey('step:123:due')).not.toThrow();
    expect(() => assertIdempotencyKey('')).toThrow();
    expect(() => assertIdempotencyKey('a b')).toThrow();
  });

  it('escapes LIKE wildcards in prefixes', () => {
    expect(likePrefix('step:1_2%')).toBe('step:1\\_2\\%%');
  });
});
