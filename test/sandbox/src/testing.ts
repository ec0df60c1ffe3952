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
import { createPublicKey, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** GET a JSON document over https trusting `caFile` (no credentials: anonymous). */
export function getJson<T = any>(
  url: string,
  caFile: string,
  token?: string,
): Promise<{ status: number; body: T }> {
  return new Promise((resolveGet, reject) => {
    https
      .get(
        url,
        {
          ca: readFileSync(caFile),
          headers: token ? { authorization: `Bearer ${token}` } : {},
        },
        res => {
          const chunks: Buffer[] = [];
          res.on('data', c => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let body: any = text;
            try {
              body = JSON.parse(text);
            } catch {
              // leave as text
            }
            resolveGet({ status: res.statusCode ?? 0, body });
          });
        },
      )
      .on('error', reject);
  });
}

/** Decodes a JWT without verifying it. */
export function decodeJwt(token: string): { header: any; payload: any } {
  const [h, p] = token.split('.');
  const decode = (s: string) =>
    JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));
  return { header: decode(h), payload: decode(p) };
}

/** Verifies an RS256 JWT against a JWKS document. */
export function verifyJwt(
  token: string,
  jwks: { keys: Record<string, unknown>[] },
): boolean {
  const [h, p, s] = token.split('.');
  const { header } = decodeJwt(token);
  const jwk = jwks.keys.find(k => k.kid === header.kid);
  if (!jwk || header.alg !== 'RS256') return false;
  const key = createPublicKey({ key: jwk as any, format: 'jwk' });
  return verify(
    'RSA-SHA256',
    Buffer.from(`${h}.${p}`),
    key,
    Buffer.from(s, 'base64url'),
  );
}
