// The writing history where the server has no file system (the web): the client keeps
// it in the editor's storage and answers fic/history/read and fic/history/append. The
// server's guarantees stay: records are only ever appended, and a store that fails keeps
// them in memory to try again (server.ts).

import {
  HistoryAppendRequestMethod,
  HistoryReadRequestMethod,
  type HistoryAppendParams,
  type HistoryReadParams,
} from '../protocol';
import type { HistoryStore } from '../server';
import type { RequestSender } from './clientWorkspace';

export function clientHistory(connection: RequestSender): HistoryStore {
  return {
    async read(file) {
      const text = await connection.sendRequest<unknown>(HistoryReadRequestMethod, { file } satisfies HistoryReadParams);
      if (typeof text !== 'string') throw new Error('the editor answered no text');
      return text;
    },
    async append(file, lines) {
      await connection.sendRequest<unknown>(HistoryAppendRequestMethod, { file, lines } satisfies HistoryAppendParams);
    },
  };
}
