import type { TestProject } from 'vitest/node';
import { startServer } from './server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /** The server's data directory: its SQLite file (for the admin command), its written mail. */
    dataDir: string;
  }
}

/**
 * Starts the real, built server on a fresh SQLite file with the demo basin, exactly as `npm start` does, and gives
 * its URL to the scenarios. (The first-run scenario starts its own, on an empty database.)
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startServer();
  project.provide('baseUrl', server.baseUrl);
  project.provide('dataDir', server.dataDir);
  return () => server.stop();
}
