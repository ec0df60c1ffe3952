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

import https from 'node:https';
import { readFileSync } from 'node:fs';

/** Error from the Kubernetes API with its HTTP status. */
export class KubeApiError extends Error {
  constructor(readonly status: number, readonly body: string, what: string) {
    super(`${what}: HTTP ${status}: ${body.slice(0, 500)}`);
  }
}

/** Connection details of one apiserver identity. */
export interface KubeConnection {
  server: string;
  caFile: string;
  token?: string;
}

/**
 * Minimal JSON client for the sandbox's own bootstrap and seeding. (Tests use the real
 * `@kubernetes/client-node`; the sandbox itself avoids depending on an ESM-only package.)
 */
export class KubeClient {
  private readonly ca: Buffer;

  constructor(private readonly conn: KubeConnection) {
    this.ca = readFileSync(conn.caFile);
  }

  /** Sends a request and parses the JSON answer. Throws {@link KubeApiError} on non-2xx. */
  request<T = any>(
    method: string,
    path: string,
    body?: unknown,
    contentType = 'application/json',
  ): Promise<T> {
    const url = new URL(path, this.conn.server);
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolveReq, reject) => {
      const req = https.request(
        url,
        {
          method,
          ca: this.ca,
          headers: {
            accept: 'application/json',
            ...(this.conn.token
              ? { authorization: `Bearer ${this.conn.token}` }
              : {}),
            ...(payload
              ? {
                  'content-type': contentType,
                  'content-length': Buffer.byteLength(payload),
                }
              : {}),
          },
        },
        res => {
          const chunks: Buffer[] = [];
          res.on('data', c => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            const status = res.statusCode ?? 0;
            if (status < 200 || status >= 300) {
              reject(new KubeApiError(status, text, `${method} ${path}`));
              return;
            }
            try {
              resolveReq(text === '' ? undefined : JSON.parse(text));
            } catch {
              resolveReq(text as T);
            }
          });
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  /**
   * Creates the object, or replaces its spec-like fields when it exists (idempotent seeding).
   * `collectionPath` is e.g. `/api/v1/namespaces/ns/serviceaccounts`.
   */
  async apply<
    T extends { metadata: { name: string; resourceVersion?: string } },
  >(
    collectionPath: string,
    object: T,
    options: { replace?: boolean } = { replace: true },
  ): Promise<T> {
    try {
      return await this.request<T>('POST', collectionPath, object);
    } catch (e) {
      if (!(e instanceof KubeApiError) || e.status !== 409) throw e;
    }
    const itemPath = `${collectionPath}/${object.metadata.name}`;
    const current = await this.request<T>('GET', itemPath);
    if (options.replace === false) return current;
    return this.request<T>('PUT', itemPath, {
      ...object,
      metadata: {
        ...object.metadata,
        resourceVersion: current.metadata.resourceVersion,
      },
    });
  }
}
