// Fixtures for works of many chapters: our own prose, written for the tests.

export const FOLDER = 'file:///stories/tidewater';

/** A chapter file with a header; `body` is the prose. */
export function chapter(fields: Record<string, string>, body: string): string {
  const header = Object.entries(fields).map(([k, v]) => `${k}: ${v}`);
  return `${header.join('\n')}\n\n${body}\n`;
}

export const WORK_FIELDS = {
  Title: 'Tidewater',
  Author: 'Ines Calder',
  Fandom: 'Original Work',
  Rating: 'Teen And Up Audiences',
  Warnings: 'No Archive Warnings Apply',
};

/** Three chapters of one work: 6, 5 and 4 body words. */
export function threeChapters(folder = FOLDER): Record<string, string> {
  return {
    [`${folder}/01-low.fic`]: chapter({ ...WORK_FIELDS, Chapter: '1/3', 'Chapter Title': 'Low Water' }, 'The harbour emptied before the dawn.'),
    [`${folder}/02-slack.fic`]: chapter({ Title: 'Tidewater', Chapter: '2/3', 'Chapter Title': 'Slack' }, 'Nobody rowed out that day.'),
    [`${folder}/03-flood.fic`]: chapter({ Title: 'Tidewater', Chapter: '3/3' }, 'Then the water came.'),
  };
}
