// Completion of Fandom, Characters, Pairing and Tags values from the writer's other
// stories, most used first: AO3 tags must be spelled the same every time.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createFicService, FicSource, MemoryWorkspace } from '../../server/src/service';
import { cursor } from '../support/fixtures';
import { chapter } from '../support/works';

const OTHERS = {
  'file:///s/a.fic': chapter({ Title: 'A', Fandom: 'Original Work', Characters: 'Ines Calder, Tomas Reyes', Pairing: 'Ines Calder/Mae Pell', Tags: 'Fluff, Slow Burn' }, 'a'),
  'file:///s/b.fic': chapter({ Title: 'B', Fandom: 'Original Work, Sea Stories', Characters: 'Ines Calder', Tags: 'Slow Burn' }, 'b'),
  'file:///s/c.fic': chapter({ Title: 'C', Fandom: 'Sea Stories', Characters: 'ines calder, Ro', Tags: 'Slow Burn, Angst' }, 'c'),
};

async function labels(textWithCursor: string): Promise<string[]> {
  const service = createFicService(undefined, new MemoryWorkspace(OTHERS));
  await service.works.index();
  const { text, position } = cursor(textWithCursor);
  const source = new FicSource('file:///s/new.fic', text, 1);
  service.works.open(source);
  return service.completion(source, position).items.map((i) => i.label);
}

describe('completion from the writer\'s other stories', () => {
  it('offers fandoms most used first', async () => {
    assert.deepEqual(await labels('Title: New\nFandom: |\n\nText.'), ['Original Work', 'Sea Stories']);
  });

  it('counts a tag once per story, whatever its case, and offers characters most used first', async () => {
    assert.deepEqual(await labels('Title: New\nCharacters: |\n\nText.'), ['Ines Calder', 'Ro', 'Tomas Reyes']);
  });

  it('leaves out the values already in the field', async () => {
    assert.deepEqual(await labels('Title: New\nTags: Slow Burn, |\n\nText.'), ['Angst', 'Fluff']);
  });

  it('offers relationships under Pairing and its aliases', async () => {
    assert.deepEqual(await labels('Title: New\nRelationships: |\n\nText.'), ['Ines Calder/Mae Pell']);
  });

  it('never counts the story being typed in', async () => {
    assert.deepEqual(await labels('Title: New\nFandom: Harbour Tales, |\n\nText.'), ['Original Work', 'Sea Stories']);
  });

  it('replaces only the value being typed', async () => {
    const service = createFicService(undefined, new MemoryWorkspace(OTHERS));
    await service.works.index();
    const { text, position } = cursor('Title: New\nFandom: Sea Stories, Orig|\n\nText.');
    const source = new FicSource('file:///s/new.fic', text, 1);
    const item = service.completion(source, position).items.find((i) => i.label === 'Original Work');
    assert.deepEqual(item?.textEdit && 'range' in item.textEdit ? item.textEdit.range : null, { start: { line: 1, character: 21 }, end: { line: 1, character: 25 } });
  });
});
