// The Gemini stand-in plus a loopback endpoint for the tests inside the extension host: the requests it
// received (what reached "Gemini"), and holding answers back so a test can look at a run mid-way.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GeminiStandin } from '../../support/gemini-standin.ts';
import type { StandinRequestSummary } from '../protocol.ts';

export interface LoggedStandin {
  standin: GeminiStandin;
  /** GET returns StandinRequestSummary[]. */
  requestsUrl: string;
  /** POST hold, POST release?count=N, POST resume; each returns StandinHold. */
  controlUrl: string;
  close(): Promise<void>;
}

export async function startLoggedStandin(): Promise<LoggedStandin> {
  const standin = await GeminiStandin.start();
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const reply = (body: unknown) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (request.method === 'POST' && url.pathname === '/control/hold') standin.holdAnswers = true;
    else if (request.method === 'POST' && url.pathname === '/control/release') standin.release(Number(url.searchParams.get('count') ?? Infinity));
    else if (request.method === 'POST' && url.pathname === '/control/resume') {
      standin.holdAnswers = false;
      standin.release();
    } else if (request.method === 'GET' && url.pathname === '/requests') {
      const summaries: StandinRequestSummary[] = standin.requests.map(({ kind, imageKey, status, model }) => ({ kind, imageKey, status, model }));
      return reply(summaries);
    } else if (!(request.method === 'GET' && url.pathname === '/control')) {
      response.writeHead(404).end();
      return;
    }
    reply({ holding: standin.holdAnswers, held: standin.heldCount });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    standin,
    requestsUrl: `${base}/requests`,
    controlUrl: `${base}/control`,
    close: async () => {
      standin.release();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await standin.close();
    },
  };
}
