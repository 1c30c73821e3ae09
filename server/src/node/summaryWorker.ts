// A worker thread of the Node server and CLI: reads chapters and summarises them, so that
// indexing a workspace uses every core and a huge chapter never holds up the thread that
// answers the editor. The summary is the service's own (summariseBytes); this only carries it.

import { parentPort } from 'node:worker_threads';
import { summariseBytes } from '../service/work/summaryBytes';
import { FsWorkspace } from './fsWorkspace';
import type { SummaryJob, SummaryResult } from './summaryPool';

const fs = new FsWorkspace([]);

parentPort?.on('message', (job: SummaryJob) => {
  void (async (): Promise<SummaryResult> => {
    try {
      const bytes = await fs.readBytes(job.uri);
      if (bytes === null) return { id: job.id, summary: null, problem: fs.problem(job.uri) };
      return { id: job.id, summary: summariseBytes(job.canonical, bytes), problem: null };
    } catch (error) {
      return { id: job.id, summary: null, problem: `it could not be summarised: ${String(error)}` };
    }
  })().then((result) => parentPort?.postMessage(result));
});
