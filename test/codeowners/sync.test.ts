import { describe, expect, it } from 'vitest';
import type { Descriptor } from '../../src/config/descriptor.js';
import { BLOCK_BEGIN, BLOCK_END, renderOwnershipBlock, updateOwnershipBlock } from '../../src/codeowners/sync.js';

const descriptor: Descriptor = {
  kind: 'infrastructure',
  tool: 'flux',
  name: 'platform',
  teams: { platform: '@acme/platform', applications: [{ name: 'checkout', team: '@acme/checkout' }] },
  ownership: {
    '*': 'platform',
    '/tenants/checkout/': ['checkout', 'platform'],
    'my docs/': '@alice',
    '[id]/': 'platform',
  },
};

describe('the generated CODEOWNERS block', () => {
  it('resolves team names, keeps the map order, escapes spaces and aligns the owners', () => {
    const { text, unknown } = renderOwnershipBlock(descriptor, 'github');
    expect(unknown).toEqual([]);
    expect(text.split('\n')).toEqual([
      BLOCK_BEGIN,
      expect.stringMatching(/^# Generated from the ownership map in gitops.yaml/) as unknown as string,
      '*                  @acme/platform',
      '/tenants/checkout/ @acme/checkout @acme/platform',
      'my\\ docs/          @alice',
      '[id]/              @acme/platform',
      BLOCK_END,
      '',
    ]);
  });

  it('escapes a leading bracket for GitLab, which would read a section header', () => {
    expect(renderOwnershipBlock(descriptor, 'gitlab').text).toContain('\n\\[id]/');
  });

  it('names owners that are neither handles nor declared teams', () => {
    expect(
      renderOwnershipBlock({ ...descriptor, ownership: { '/x/': ['platform', 'payments'] } }, 'github').unknown,
    ).toEqual([{ pattern: '/x/', name: 'payments' }]);
  });

  it('goes at the top of a hand-written file, replaces itself in place, and is idempotent', () => {
    const block = renderOwnershipBlock(descriptor, 'github').text;
    const handWritten = '# hand-written\n/legacy/ @acme/legacy\n';
    const inserted = updateOwnershipBlock(handWritten, block);
    expect(inserted.status).toBe('inserted');
    if (inserted.status !== 'inserted') return;
    expect(inserted.text).toBe(`${block}\n${handWritten}`);
    expect(updateOwnershipBlock(inserted.text, block)).toEqual({ status: 'unchanged', text: inserted.text });

    const changed = renderOwnershipBlock({ ...descriptor, ownership: { '*': 'platform' } }, 'github').text;
    const moved = `/first/ @acme/first\n${block}/last/ @acme/last\n`;
    const updated = updateOwnershipBlock(moved, changed);
    expect(updated.status).toBe('updated');
    if (updated.status !== 'updated') return;
    expect(updated.text).toBe(`/first/ @acme/first\n${changed}/last/ @acme/last\n`);
    expect(updateOwnershipBlock(updated.text, changed).status).toBe('unchanged');
  });

  it('fills an empty file with the block alone', () => {
    const block = renderOwnershipBlock(descriptor, 'github').text;
    expect(updateOwnershipBlock('', block)).toMatchObject({ status: 'inserted', text: block });
    expect(updateOwnershipBlock('\n\n', block)).toMatchObject({ status: 'inserted', text: block });
  });

  it('never guesses at broken markers', () => {
    const block = renderOwnershipBlock(descriptor, 'github').text;
    expect(updateOwnershipBlock(`${BLOCK_BEGIN}\n* @x\n`, block)).toEqual({
      status: 'broken',
      line: 1,
      reason: 'unterminated',
    });
    expect(updateOwnershipBlock(`* @x\n${BLOCK_END}\n`, block)).toEqual({
      status: 'broken',
      line: 2,
      reason: 'unopened',
    });
    expect(updateOwnershipBlock(`${block}${block}`, block)).toMatchObject({ status: 'broken', reason: 'repeated' });
  });
});
