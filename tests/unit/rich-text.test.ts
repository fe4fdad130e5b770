import { blocksToText, toBlocks } from '../../src/domain/rich-text';

describe('rich text', () => {
  it('turns paragraphs and lists into Strapi blocks and back into text', () => {
    const blocks = toBlocks(['Our international activity includes:', { list: ['exchanges', 'projects'] }]);
    expect(blocks).toEqual([
      { type: 'paragraph', children: [{ type: 'text', text: 'Our international activity includes:' }] },
      {
        type: 'list',
        format: 'unordered',
        children: [
          { type: 'list-item', children: [{ type: 'text', text: 'exchanges' }] },
          { type: 'list-item', children: [{ type: 'text', text: 'projects' }] },
        ],
      },
    ]);
    expect(blocksToText(blocks)).toBe('Our international activity includes:\nexchanges\nprojects');
  });

  it('reads nothing from something that is not blocks', () => {
    expect(blocksToText(null)).toBe('');
  });
});
