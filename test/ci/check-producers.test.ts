import { describe, expect, it } from 'vitest';
import { namePattern } from '../../src/ci/check-producers.js';

describe('namePattern', () => {
  it('matches a plain name exactly', () => {
    const matches = namePattern('lint');
    expect(matches('lint')).toBe(true);
    expect(matches('lint ')).toBe(false);
    expect(matches('Lint')).toBe(false);
    expect(matches('lint (ubuntu)')).toBe(false);
    expect(matches('')).toBe(false);
  });

  it('takes regular expression characters in a plain name literally', () => {
    const matches = namePattern('build+test (node.js) [x] ^$');
    expect(matches('build+test (node.js) [x] ^$')).toBe(true);
    expect(matches('buildtest (nodexjs) x')).toBe(false);
  });

  it('lets each expression stand for any text, and keeps the literal parts', () => {
    const matches = namePattern('test (${{ matrix.os }}, node ${{ matrix.node }})');
    expect(matches('test (ubuntu-latest, node 20)')).toBe(true);
    expect(matches('test (, node )')).toBe(true);
    expect(matches('test ubuntu, node 20')).toBe(false);
    expect(matches('unit test (ubuntu, node 20)')).toBe(false);
    expect(matches('test (ubuntu, node 20) extra')).toBe(false);
  });

  it('takes regular expression characters around an expression literally', () => {
    const matches = namePattern('a.b ${{ x }} c+');
    expect(matches('a.b anything c+')).toBe(true);
    expect(matches('axb anything cc')).toBe(false);
  });

  it('matches any text, newlines included, for a name that is only an expression', () => {
    const matches = namePattern('${{ matrix.name }}');
    expect(matches('whatever')).toBe(true);
    expect(matches('')).toBe(true);
    expect(matches('two\nlines')).toBe(true);
  });

  it('ends each expression at its first closing braces, and reads one that spans lines', () => {
    expect(namePattern('x ${{ a }} y ${{ b }}')('x 1 y 2')).toBe(true);
    expect(namePattern('x ${{ a\n }} y')('x 1 y')).toBe(true);
    expect(namePattern('x ${{ a\n }} y')('x 1 z')).toBe(false);
  });

  it('takes an unclosed expression as literal text', () => {
    const matches = namePattern('x ${{ y');
    expect(matches('x ${{ y')).toBe(true);
    expect(matches('x anything')).toBe(false);
  });
});
