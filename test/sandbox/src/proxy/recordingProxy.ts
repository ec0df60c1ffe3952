/*
 * Copyright 2026 The aws-identity Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

/**
 * Recording proxy in front of moto. It forwards every AWS call unchanged, except that it:
 * - counts calls per (account, service, action) so benchmarks can assert API usage;
 * - paginates IAM GetAccountAuthorizationDetails itself (moto ignores MaxItems);
 * - injects throttling errors, other AWS errors and latency on demand (TS API or HTTP admin);
 * - serves EKS Pod Identity associations through {@link PodIdentityShim} and EKS add-ons through
 *   {@link EksAddonShim} (moto lacks both).
 *
 * Admin endpoint (JSON, same port): GET/DELETE `/__sandbox/calls`, GET/POST/DELETE
 * `/__sandbox/faults`, GET `/__sandbox/pod-identity-associations`.
 */
import { randomUUID } from 'node:crypto';
import http, { IncomingMessage, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { AwsCall, awsError, classify } from './awsProtocol';
import {
  GaadValidationError,
  parseGaad,
  readPageRequest,
  renderGaadPage,
} from './gaadPager';
import { EksAddonShim, isAddonPath } from './eksAddonShim';
import {
  PodIdentityAssociation,
  PodIdentityShim,
  ShimContext,
  isPodIdentityPath,
} from './podIdentityShim';

/** moto's account when a request names none. */
export const MOTO_DEFAULT_ACCOUNT = '123456789012';

/** One fault rule. Unset selectors match everything. */
export interface FaultRule {
  service?: string;
  action?: string;
  accountId?: string;
  /** `throttle` = 400 `Throttling` (query) / `ThrottlingException` (JSON); `error` = custom; `latency` = delay only. */
  kind: 'throttle' | 'error' | 'latency';
  /** Delay in ms before answering (any kind). */
  latencyMs?: number;
  /** For `error`: HTTP status, code and message. */
  status?: number;
  code?: string;
  message?: string;
  /** How many matching calls the rule affects; unlimited when unset. */
  times?: number;
  /** Chance (0–1) that a matching call is affected; 1 when unset. */
  probability?: number;
}

/** A fault rule as stored, with its id and the number of calls it still affects. */
export interface ActiveFault extends FaultRule {
  id: string;
  remaining?: number;
  hits: number;
}

/** Calls counted for one (account, service, action). */
export interface CallCount {
  accountId: string;
  service: string;
  action: string;
  /** All calls that reached the proxy, including faulted ones. */
  count: number;
  /** Calls answered with an injected error. */
  faulted: number;
}

/** Options for {@link RecordingProxy.start}. */
export interface RecordingProxyOptions {
  /** Base URL of moto, e.g. `http://127.0.0.1:5000`. */
  motoUrl: string;
  port?: number;
  /** GAAD page size when the caller sends no MaxItems (IAM's default is 100). */
  gaadDefaultPageSize?: number;
  /** Called when Pod Identity associations change (the sandbox feeds the webhook from it). */
  onPodIdentityChange?(
    ctx: ShimContext,
    clusterName: string,
    associations: PodIdentityAssociation[],
  ): void;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', c => chunks.push(c));
    req.on('end', () => resolveBody(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

interface Upstream {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** See the module comment. */
export class RecordingProxy {
  /** The Pod Identity stand-in, exposed for tests. */
  readonly podIdentity: PodIdentityShim;
  /** The EKS add-on stand-in, exposed for tests and seeding. */
  readonly addons: EksAddonShim;
  private readonly counts = new Map<string, CallCount>();
  private faults: ActiveFault[] = [];
  /** Access key → account, learned from STS responses (moto routes assumed-role keys the same way). */
  private readonly keyAccounts = new Map<string, string>();
  private readonly motoUrl: URL;
  private gaadPagination = true;

  private constructor(
    private readonly server: http.Server,
    private readonly options: RecordingProxyOptions,
  ) {
    this.motoUrl = new URL(options.motoUrl);
    this.podIdentity = new PodIdentityShim({
      clusterExists: (ctx, name) => this.clusterExists(ctx, name),
      onChange: options.onPodIdentityChange,
    });
    this.addons = new EksAddonShim({
      clusterExists: (ctx, name) => this.clusterExists(ctx, name),
    });
  }

  /** Starts the proxy on 127.0.0.1. */
  static async start(options: RecordingProxyOptions): Promise<RecordingProxy> {
    const server = http.createServer();
    const proxy = new RecordingProxy(server, options);
    server.on('request', (req, res) => {
      proxy.handle(req, res).catch(e => {
        if (!res.headersSent)
          res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`sandbox proxy error: ${String(e)}`);
      });
    });
    await new Promise<void>((resolveListen, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen());
    });
    return proxy;
  }

  /** `http://127.0.0.1:<port>` — give this to the AWS SDK as `endpoint`. */
  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Counted calls, optionally filtered. */
  callCounts(
    filter: Partial<Pick<CallCount, 'accountId' | 'service' | 'action'>> = {},
  ): CallCount[] {
    return [...this.counts.values()].filter(
      c =>
        (filter.accountId === undefined || c.accountId === filter.accountId) &&
        (filter.service === undefined || c.service === filter.service) &&
        (filter.action === undefined || c.action === filter.action),
    );
  }

  /** Total calls matching the filter. */
  count(
    filter: Partial<Pick<CallCount, 'accountId' | 'service' | 'action'>> = {},
  ): number {
    return this.callCounts(filter).reduce((n, c) => n + c.count, 0);
  }

  /** Forgets all counted calls. */
  resetCounts(): void {
    this.counts.clear();
  }

  /** Adds a fault rule; returns its id. */
  addFault(rule: FaultRule): string {
    const id = randomUUID();
    this.faults.push({ ...rule, id, remaining: rule.times, hits: 0 });
    return id;
  }

  /** Active fault rules. */
  listFaults(): ActiveFault[] {
    return this.faults.map(f => ({ ...f }));
  }

  /** Removes one rule, or all rules when `id` is omitted. */
  clearFaults(id?: string): void {
    this.faults = id ? this.faults.filter(f => f.id !== id) : [];
  }

  /** Turns GAAD pagination off (moto's unpaginated answer passes through) or on. */
  setGaadPagination(enabled: boolean): void {
    this.gaadPagination = enabled;
  }

  /** Stops listening and closes open connections. */
  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>(r => this.server.close(() => r()));
  }

  private async handle(
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://proxy');
    const body = await readBody(req);
    if (url.pathname.startsWith('/__sandbox/')) {
      this.admin(req.method ?? 'GET', url.pathname, body, res);
      return;
    }
    const call = classify(req.method ?? 'GET', url.pathname, req.headers, body);
    const accountId = this.accountOf(req, call);
    const counter = this.record(accountId, call);

    const fault = this.pickFault(accountId, call);
    if (fault.latencyMs > 0)
      await new Promise(r => setTimeout(r, fault.latencyMs));
    if (fault.error) {
      counter.faulted++;
      res.writeHead(fault.error.status, fault.error.headers);
      res.end(fault.error.body);
      return;
    }

    if (call.service === 'eks' && isPodIdentityPath(url.pathname)) {
      const out = await this.podIdentity.handle(
        { accountId, region: call.region },
        req.method ?? 'GET',
        url.pathname,
        url.searchParams,
        body.toString('utf8'),
      );
      res.writeHead(out.status, out.headers);
      res.end(out.body);
      return;
    }

    if (call.service === 'eks' && isAddonPath(url.pathname)) {
      const out = await this.addons.handle(
        { accountId, region: call.region },
        req.method ?? 'GET',
        url.pathname,
        url.searchParams,
        body.toString('utf8'),
      );
      res.writeHead(out.status, out.headers);
      res.end(out.body);
      return;
    }

    if (
      call.action === 'GetAccountAuthorizationDetails' &&
      call.params &&
      this.gaadPagination
    ) {
      await this.paginateGaad(req, call.params, res);
      return;
    }

    const upstream = await this.forward(
      req.method ?? 'GET',
      req.url ?? '/',
      req.headers,
      body,
    );
    if (call.service === 'sts' && upstream.status === 200)
      this.learnKeys(upstream.body.toString('utf8'));
    // Keys of IAM users belong to the account they were created in; moto routes them so, and
    // the Pod Identity shim (which moto does not serve) must too.
    if (call.action === 'CreateAccessKey' && upstream.status === 200) {
      const key = /<AccessKeyId>([^<]+)<\/AccessKeyId>/.exec(
        upstream.body.toString('utf8'),
      )?.[1];
      if (key) this.keyAccounts.set(key, accountId);
    }
    res.writeHead(upstream.status, upstream.headers);
    res.end(upstream.body);
  }

  private accountOf(req: IncomingMessage, call: AwsCall): string {
    const header = req.headers['x-moto-account-id'];
    if (typeof header === 'string' && header !== '') return header;
    return (
      (call.accessKeyId && this.keyAccounts.get(call.accessKeyId)) ||
      MOTO_DEFAULT_ACCOUNT
    );
  }

  private record(accountId: string, call: AwsCall): CallCount {
    const key = `${accountId}|${call.service}|${call.action}`;
    let counter = this.counts.get(key);
    if (!counter) {
      counter = {
        accountId,
        service: call.service,
        action: call.action,
        count: 0,
        faulted: 0,
      };
      this.counts.set(key, counter);
    }
    counter.count++;
    return counter;
  }

  private pickFault(accountId: string, call: AwsCall) {
    let latencyMs = 0;
    let error: ReturnType<typeof awsError> | undefined;
    for (const f of this.faults) {
      if (f.service !== undefined && f.service !== call.service) continue;
      if (f.action !== undefined && f.action !== call.action) continue;
      if (f.accountId !== undefined && f.accountId !== accountId) continue;
      if (f.remaining !== undefined && f.remaining <= 0) continue;
      if (f.probability !== undefined && Math.random() >= f.probability)
        continue;
      if (f.kind !== 'latency' && error) continue; // one error per call; later rules wait
      if (f.remaining !== undefined) f.remaining--;
      f.hits++;
      latencyMs += f.latencyMs ?? 0;
      if (f.kind === 'throttle') {
        error =
          call.protocol === 'query'
            ? awsError(call, 400, 'Throttling', f.message ?? 'Rate exceeded')
            : awsError(
                call,
                f.status ?? 429,
                'ThrottlingException',
                f.message ?? 'Rate exceeded',
              );
      } else if (f.kind === 'error') {
        error = awsError(
          call,
          f.status ?? 500,
          f.code ?? 'ServiceFailure',
          f.message ?? 'Injected failure',
        );
      }
    }
    return { latencyMs, error };
  }

  private forward(
    method: string,
    path: string,
    headers: http.IncomingHttpHeaders,
    body: Buffer,
  ): Promise<Upstream> {
    return new Promise((resolveUp, reject) => {
      const outHeaders = {
        ...headers,
        host: this.motoUrl.host,
        'content-length': String(body.length),
      };
      delete outHeaders['transfer-encoding'];
      const upstream = http.request(
        {
          host: this.motoUrl.hostname,
          port: this.motoUrl.port,
          method,
          path,
          headers: outHeaders,
        },
        up => {
          const chunks: Buffer[] = [];
          up.on('data', c => chunks.push(c));
          up.on('end', () => {
            const responseHeaders = { ...up.headers };
            delete responseHeaders['transfer-encoding'];
            const data = Buffer.concat(chunks);
            responseHeaders['content-length'] = String(data.length);
            resolveUp({
              status: up.statusCode ?? 502,
              headers: responseHeaders,
              body: data,
            });
          });
          up.on('error', reject);
        },
      );
      upstream.on('error', reject);
      upstream.end(body);
    });
  }

  private async paginateGaad(
    req: IncomingMessage,
    params: URLSearchParams,
    res: ServerResponse,
  ) {
    let page;
    try {
      page = readPageRequest(params, this.options.gaadDefaultPageSize ?? 100);
    } catch (e) {
      if (!(e instanceof GaadValidationError)) throw e;
      const err = awsError(
        { protocol: 'query' },
        400,
        'ValidationError',
        e.message,
      );
      res.writeHead(err.status, err.headers);
      res.end(err.body);
      return;
    }
    const full = new URLSearchParams(params);
    full.delete('MaxItems');
    full.delete('Marker');
    const upstream = await this.forward(
      'POST',
      '/',
      req.headers,
      Buffer.from(full.toString()),
    );
    if (upstream.status !== 200) {
      res.writeHead(upstream.status, upstream.headers);
      res.end(upstream.body);
      return;
    }
    const xml = renderGaadPage(
      parseGaad(upstream.body.toString('utf8')),
      page,
      randomUUID(),
    );
    res.writeHead(200, {
      'content-type': 'text/xml',
      'content-length': Buffer.byteLength(xml),
    });
    res.end(xml);
  }

  /** Remembers which account assumed-role credentials belong to. */
  private learnKeys(xml: string): void {
    const key = /<AccessKeyId>([^<]+)<\/AccessKeyId>/.exec(xml)?.[1];
    const account = /<Arn>arn:aws[a-z-]*:sts::(\d{12}):assumed-role\//.exec(
      xml,
    )?.[1];
    if (key && account) this.keyAccounts.set(key, account);
  }

  private async clusterExists(
    ctx: ShimContext,
    name: string,
  ): Promise<boolean> {
    // Ask moto with a minimal SigV4-looking header: moto routes on the scope, it does not verify.
    const up = await this.forward(
      'GET',
      `/clusters/${encodeURIComponent(name)}`,
      {
        authorization: `AWS4-HMAC-SHA256 Credential=sandbox/20260101/${ctx.region}/eks/aws4_request, SignedHeaders=host, Signature=0`,
        'x-moto-account-id': ctx.accountId,
      },
      Buffer.alloc(0),
    );
    return up.status === 200;
  }

  private admin(
    method: string,
    path: string,
    body: Buffer,
    res: ServerResponse,
  ): void {
    const send = (status: number, value: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(value));
    };
    if (path === '/__sandbox/calls') {
      if (method === 'DELETE') {
        this.resetCounts();
        send(200, { ok: true });
      } else send(200, { calls: this.callCounts() });
      return;
    }
    if (path === '/__sandbox/faults') {
      if (method === 'POST') {
        try {
          const rule = JSON.parse(body.toString('utf8')) as FaultRule;
          if (!['throttle', 'error', 'latency'].includes(rule.kind))
            throw new Error('kind');
          send(200, { id: this.addFault(rule) });
        } catch {
          send(400, {
            error:
              'body must be a FaultRule JSON with kind throttle|error|latency',
          });
        }
      } else if (method === 'DELETE') {
        this.clearFaults();
        send(200, { ok: true });
      } else send(200, { faults: this.listFaults() });
      return;
    }
    if (path === '/__sandbox/gaad-pagination' && method === 'POST') {
      this.setGaadPagination(body.toString('utf8').trim() !== 'false');
      send(200, { enabled: this.gaadPagination });
      return;
    }
    send(404, { error: `unknown admin route ${method} ${path}` });
  }
}
