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
import { ShadowingSource } from './types';

/**
 * Which credential provider of the SDKs' default chain a shadowing source feeds, and whether it
 * comes before the role's provider.
 *
 * @public
 */
export interface PrecedenceVerdict {
  /** `always`: every SDK uses it instead of the role; `sdk-dependent`: some SDKs do. */
  wins: 'always' | 'sdk-dependent' | 'never';
  /** The provider that wins, in the words of the SDKs' documentation. */
  winner: string;
  /** Why, citing the chain order. */
  reason: string;
}

const STATIC = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'];

/**
 * Decides whether a source shadows the role the binding gives, by the default credential
 * provider chain (AWS SDKs and Tools Reference Guide, "Understand the credential provider
 * chain"): environment keys first; then web identity (IRSA) and the shared config /
 * credentials files — in that order in botocore, Java v2 and Go v2, the other way round in
 * the JavaScript SDK v3's `fromNodeProviderChain` (fromIni before fromTokenFile); the container
 * provider (EKS Pod Identity) only after both.
 *
 * @public
 */
export function credentialPrecedence(
  source: Pick<ShadowingSource, 'variable' | 'via'>,
  path: 'irsa' | 'pod-identity',
): PrecedenceVerdict {
  if (source.via !== 'file-mount' && STATIC.includes(source.variable)) {
    return {
      wins: 'always',
      winner: 'environment variables (static keys)',
      reason:
        'Every SDK reads AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (with AWS_SESSION_TOKEN) before web identity and container credentials.',
    };
  }
  if (path === 'pod-identity') {
    return {
      wins: 'always',
      winner: 'shared config / credentials file',
      reason:
        'Every SDK reads the shared config and credentials files (AWS_PROFILE, AWS_SHARED_CREDENTIALS_FILE, AWS_CONFIG_FILE, ~/.aws) before the container credentials EKS Pod Identity injects.',
    };
  }
  return {
    wins: 'sdk-dependent',
    winner: 'shared config / credentials file',
    reason:
      "The JavaScript SDK v3 reads the shared files (fromIni) before the web identity token file, and botocore uses a profile's role_arn (assume-role provider) before it; otherwise botocore, Java v2 and Go v2 use IRSA's web identity first.",
  };
}
