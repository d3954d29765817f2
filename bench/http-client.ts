/**
 * The bench's HTTP client: node:http with kept-alive connections, as a load-testing client or an
 * integration calling the API would use. fetch (undici) spent more CPU per call than the API it
 * called (bench/profile.ts), and the bench's clients share the two cores with the system under
 * test, so a heavy client lowered the project's side while the floor's side (gRPC, in-process)
 * paid nothing like it.
 */
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

export interface HttpAnswer {
  status: number;
  text: string;
}

export function httpRequest(
  url: string,
  options: { method: 'GET' | 'POST'; headers?: Record<string, string>; body?: string },
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const headers = {
      ...options.headers,
      ...(options.body === undefined ? {} : { 'content-length': String(Buffer.byteLength(options.body)) }),
    };
    const request = http.request(url, { method: options.method, headers, agent }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
      );
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(options.body);
  });
}
