import assert from 'node:assert/strict';
import { attachmentText } from '../../cards/itemView';

describe('a Bilag on the item card', function () {
  it('is its title as a Markdown link to the file; the title escaped, the link as the URL parser reads it', function () {
    assert.equal(
      attachmentText({ title: 'Bilag 1.1: [udkast] *revideret*', url: 'https://example.sharepoint.com/sites/pid/Bilag%20(1).docx' }),
      '[Bilag 1.1: \\[udkast\\] \\*revideret\\*](https://example.sharepoint.com/sites/pid/Bilag%20%281%29.docx)',
    );
  });

  it('without a link is its title as text', function () {
    assert.equal(attachmentText({ title: 'Bilag 2.1: Uddelt på mødet' }), 'Bilag 2.1: Uddelt på mødet');
  });
});
