// The REST client against a real HTTP server on a random port: what people read when the platform
// refuses something is the ProblemDetail's detail, and the token goes where the contract says.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiError, ChorusApi } from './http';

let server: Server;
let base = '';
let last: { method?: string; url?: string; auth?: string; body: string } = { body: '' };
let reply: { status: number; type?: string; body?: unknown } = { status: 200, body: {} };

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      last = { method: req.method, url: req.url, auth: req.headers.authorization, body };
      res.writeHead(reply.status, { 'Content-Type': reply.type ?? 'application/json' });
      res.end(reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('REST client', () => {
  it('sends the bearer token and JSON body to the contract path', async () => {
    reply = { status: 201, body: { id: 'm1', text: 'hi' } };
    const api = new ChorusApi(() => 'tok', () => {}, base);
    const message = await api.postMessage('room 1', 'hi');
    expect(message).toEqual({ id: 'm1', text: 'hi' });
    expect(last).toEqual({ method: 'POST', url: '/api/v1/rooms/room%201/messages', auth: 'Bearer tok', body: '{"text":"hi"}' });
  });

  it('turns a ProblemDetail refusal into an error carrying its detail', async () => {
    reply = {
      status: 409,
      type: 'application/problem+json',
      body: { type: 'https://chorus.dev/problems/stage-full', title: 'Stage full', status: 409, detail: 'The stage is full (10 speakers).' },
    };
    const api = new ChorusApi(() => 'tok', () => {}, base);
    const error = await api.acceptInvitation('r1').catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.message).toBe('The stage is full (10 speakers).');
    expect(error.status).toBe(409);
    expect(error.problemType).toBe('https://chorus.dev/problems/stage-full');
  });

  it('says something readable when the body is not a ProblemDetail', async () => {
    reply = { status: 503, type: 'text/html', body: '<h1>Bad gateway</h1>' };
    const error = await new ChorusApi(() => null, () => {}, base).hallway().catch((e) => e);
    expect(error.message).toBe('Chorus had a problem. Please try again.');
  });

  it('reports a refused token once, so the app can sign the person out', async () => {
    reply = { status: 401, type: 'application/problem+json', body: { status: 401, detail: 'The token has expired.' } };
    const expired = vi.fn();
    const error = await new ChorusApi(() => 'old', expired, base).me().catch((e) => e);
    expect(error.message).toBe('The token has expired.');
    expect(expired).toHaveBeenCalledOnce();
  });

  it('does not sign out on a wrong password (no token yet)', async () => {
    reply = { status: 401, type: 'application/problem+json', body: { status: 401, detail: 'Wrong username or password.' } };
    const expired = vi.fn();
    const error = await new ChorusApi(() => null, expired, base).login('ann', 'nope').catch((e) => e);
    expect(error.message).toBe('Wrong username or password.');
    expect(expired).not.toHaveBeenCalled();
  });

  it('answers nothing for 204', async () => {
    reply = { status: 204 };
    await expect(new ChorusApi(() => 'tok', () => {}, base).leave('r1')).resolves.toBeUndefined();
    expect(last.method).toBe('POST');
    expect(last.url).toBe('/api/v1/rooms/r1/leave');
  });
});
