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

import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { paths } from './paths';

const execFileAsync = promisify(execFile);

/** File locations of the sandbox's own certificate authority and the loopback serving cert. */
export interface Pki {
  caCert: string;
  caKey: string;
  /** Serving certificate for 127.0.0.1/localhost, signed by the CA; used by apiservers and webhooks. */
  servingCert: string;
  servingKey: string;
}

async function openssl(args: string[]): Promise<void> {
  try {
    await execFileAsync('openssl', args);
  } catch (e) {
    throw new Error(
      `openssl ${args[0]} failed: ${(e as { stderr?: string }).stderr ?? e}`,
    );
  }
}

/**
 * Creates (once) a CA and a loopback serving certificate under `.sandbox/pki`. They are reused
 * across runs: generating RSA keys is the slow part of a warm start, and nothing secret is
 * protected by them (everything binds to loopback).
 */
export async function ensurePki(dir = paths.pki): Promise<Pki> {
  const pki: Pki = {
    caCert: join(dir, 'ca.crt'),
    caKey: join(dir, 'ca.key'),
    servingCert: join(dir, 'serving.crt'),
    servingKey: join(dir, 'serving.key'),
  };
  if (existsSync(pki.servingCert) && existsSync(pki.caCert)) return pki;
  mkdirSync(dir, { recursive: true });
  await openssl([
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '3650',
    '-keyout',
    pki.caKey,
    '-out',
    pki.caCert,
    '-subj',
    '/CN=aws-identity-sandbox-ca',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  const csr = join(dir, 'serving.csr');
  const ext = join(dir, 'serving.ext');
  // Go clients ignore the CN, so the SANs carry the names that clients dial.
  writeFileSync(
    ext,
    'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\n',
  );
  await openssl([
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    pki.servingKey,
    '-out',
    csr,
    '-subj',
    '/CN=127.0.0.1',
  ]);
  await openssl([
    'x509',
    '-req',
    '-in',
    csr,
    '-CA',
    pki.caCert,
    '-CAkey',
    pki.caKey,
    '-CAcreateserial',
    '-days',
    '3650',
    '-out',
    pki.servingCert,
    '-extfile',
    ext,
  ]);
  return pki;
}

/** Creates (once) an RSA key used to sign service-account tokens for one cluster. */
export async function ensureServiceAccountKey(
  clusterName: string,
  dir = paths.pki,
): Promise<string> {
  const key = join(dir, `sa-${clusterName}.key`);
  if (existsSync(key)) return key;
  mkdirSync(dir, { recursive: true });
  await openssl(['genrsa', '-out', key, '2048']);
  return key;
}
