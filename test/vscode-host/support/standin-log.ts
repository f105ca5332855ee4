// The Gemini stand-in plus a loopback endpoint listing the requests it received, so the tests inside
// the extension host can check what reached "Gemini".
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GeminiStandin } from '../../support/gemini-standin.ts';
import type { StandinRequestSummary } from '../protocol.ts';

export interface LoggedStandin {
  standin: GeminiStandin;
  /** GET returns StandinRequestSummary[]. */
  requestsUrl: string;
  close(): Promise<void>;
}

export async function startLoggedStandin(): Promise<LoggedStandin> {
  const standin = await GeminiStandin.start();
  const server: Server = createServer((_request, response) => {
    const summaries: StandinRequestSummary[] = standin.requests.map(({ kind, imageKey, status, model }) => ({ kind, imageKey, status, model }));
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(summaries));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    standin,
    requestsUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/requests`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await standin.close();
    },
  };
}
