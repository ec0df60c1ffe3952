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

// Test and benchmark helpers only: never exported from the package entry point, so they may
// use the devDependencies (test backend, sandbox, yaml).
/* eslint-disable @backstage/no-undeclared-imports */

import { paths } from '@internal/aws-identity-test';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { AddressInfo, Socket } from 'node:net';
import { join } from 'node:path';

/**
 * One request the proxy forwarded (or answered itself), classified the way the apiserver's
 * audit log would: `list`, `watch`, `get` or the HTTP method for writes.
 *
 * @public
 */
export interface KubeRequestRecord {
  verb: string;
  /** The resource path without the query, e.g. `/api/v1/serviceaccounts`. */
  path: string;
  /** Whether the request carried a `continue` token (a later page of a LIST). */
  continued: boolean;
  /** The `resourceVersion` query parameter, if any: where a watch resumes. */
  resourceVersion?: string;
  /** HTTP status sent to the client. */
  status?: number;
}

/**
 * What an interceptor decides for a request: pass it on (after doing whatever it likes, e.g.
 * compacting etcd), or answer it with this status and JSON body.
 *
 * @public
 */
export type KubeInterception =
  | { action: 'pass' }
  | { action: 'answer'; status: number; body: unknown };

/**
 * A TLS-terminating HTTP proxy in front of one sandbox kube-apiserver. It presents the
 * sandbox's own serving certificate (so clients that trust the sandbox CA accept it), forwards
 * every request unchanged (watches are streamed), counts requests by verb, and can be taken
 * down (the port refuses connections, as a stopped apiserver's would) and brought back.
 *
 * Tests and benchmarks point the backend's cluster URL at {@link KubeApiProxy.url} to observe
 * exactly which LIST/WATCH calls the backend makes, without an audit policy on the apiserver.
 *
 * @public
 */
export class KubeApiProxy {
  private readonly records: KubeRequestRecord[] = [];
  private readonly sockets = new Set<Socket>();
  private readonly openWatches = new Set<() => void>();
  private readonly upstream: URL;
  private readonly ca: Buffer;
  private server: https.Server;
  private port = 0;
  private up = false;
  private interceptor?: (
    record: KubeRequestRecord,
    url: URL,
  ) => Promise<KubeInterception> | KubeInterception;

  private constructor(options: { upstream: string; caFile: string }) {
    this.upstream = new URL(options.upstream);
    this.ca = readFileSync(options.caFile);
    this.server = this.createServer();
  }

  /** Starts a proxy for `upstream` (the apiserver URL) on a free loopback port. */
  static async start(options: {
    upstream: string;
    caFile: string;
  }): Promise<KubeApiProxy> {
    const proxy = new KubeApiProxy(options);
    await proxy.listen();
    return proxy;
  }

  /** `https://127.0.0.1:<port>`, valid for the sandbox's serving certificate. */
  get url(): string {
    return `https://127.0.0.1:${this.port}`;
  }

  /** Every request seen since the last {@link KubeApiProxy.reset}. */
  requests(): readonly KubeRequestRecord[] {
    return this.records;
  }

  /** Requests counted by `verb path`, e.g. `list /api/v1/serviceaccounts`. */
  counts(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const r of this.records) {
      const key = `${r.verb} ${r.path}`;
      counts[key] = (counts[key] ?? 0) + 1;
    }
    return counts;
  }

  /** Forgets the recorded requests. */
  reset(): void {
    this.records.length = 0;
  }

  /** Installs (or with no argument removes) a per-request interceptor. */
  intercept(
    interceptor?: (
      record: KubeRequestRecord,
      url: URL,
    ) => Promise<KubeInterception> | KubeInterception,
  ): void {
    this.interceptor = interceptor;
  }

  /**
   * Ends every open watch stream cleanly, as the apiserver does when a watch's timeout expires
   * (the server stays up): a client that keeps its place resumes from its last resourceVersion.
   */
  endWatches(): void {
    for (const end of [...this.openWatches]) end();
    this.openWatches.clear();
  }

  /** Stops listening and cuts open connections (watches included): the cluster is unreachable. */
  async takeDown(): Promise<void> {
    if (!this.up) return;
    this.up = false;
    const closed = new Promise<void>(resolve => this.server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }

  /** Listens again on the same port. */
  async bringUp(): Promise<void> {
    if (this.up) return;
    this.server = this.createServer();
    await this.listen(this.port);
  }

  /** Stops the proxy for good. */
  async stop(): Promise<void> {
    await this.takeDown();
  }

  private createServer(): https.Server {
    const server = https.createServer(
      {
        cert: readFileSync(join(paths.pki, 'serving.crt')),
        key: readFileSync(join(paths.pki, 'serving.key')),
      },
      (req, res) => void this.handle(req, res),
    );
    server.on('connection', socket => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    return server;
  }

  private listen(port = 0): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => {
        this.port = (this.server.address() as AddressInfo).port;
        this.up = true;
        resolve();
      });
    });
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? '/', this.upstream);
    const record = classify(req.method ?? 'GET', url);
    this.records.push(record);
    try {
      const decision = (await this.interceptor?.(record, url)) ?? {
        action: 'pass',
      };
      if (decision.action === 'answer') {
        record.status = decision.status;
        res.writeHead(decision.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(decision.body));
        return;
      }
    } catch (error) {
      record.status = 502;
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`kube proxy interceptor failed: ${error}`);
      return;
    }
    const upstream = https.request(
      url,
      {
        method: req.method,
        headers: { ...req.headers, host: this.upstream.host },
        ca: this.ca,
      },
      up => {
        record.status = up.statusCode;
        res.writeHead(up.statusCode ?? 502, up.headers);
        if (record.verb === 'watch') {
          // Stop the upstream first, so that nothing is written after the end.
          const end = () => {
            up.unpipe(res);
            up.destroy();
            res.end();
          };
          this.openWatches.add(end);
          res.on('close', () => this.openWatches.delete(end));
        }
        up.pipe(res);
      },
    );
    upstream.on('error', error => {
      if (!res.headersSent) {
        record.status = 502;
        res.writeHead(502, { 'content-type': 'text/plain' });
      }
      res.end(`kube proxy: ${error.message}`);
    });
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  }
}

function classify(method: string, url: URL): KubeRequestRecord {
  const query = url.searchParams;
  const path = url.pathname;
  let verb = method.toLowerCase();
  if (method === 'GET') {
    // A collection path has an even number of segments after the group/version prefix
    // (`/api/v1/pods`, `/api/v1/namespaces/ns/pods`); an object path has an odd one.
    const segments = path.split('/').filter(Boolean);
    const prefix = segments[0] === 'api' ? 2 : 3;
    const rest = segments.slice(prefix);
    const collection =
      rest.length > 0 &&
      (rest.length === 1 || (rest[0] === 'namespaces' && rest.length === 3));
    if (query.get('watch') === 'true' || query.get('watch') === '1') verb = 'watch';
    else if (collection) verb = 'list';
    else verb = 'get';
  }
  const resourceVersion = query.get('resourceVersion') ?? undefined;
  return { verb, path, continued: Boolean(query.get('continue')), ...(resourceVersion ? { resourceVersion } : {}) };
}
