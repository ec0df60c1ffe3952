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
 * Pinned versions of every stand-in. Binaries are cached as `.sandbox/bin/<name>-<version>`,
 * so bumping a version here (and the matching go.mod) triggers exactly one rebuild.
 */
export const versions = {
  kubernetes: 'v1.37.2',
  etcd: 'v3.7.3',
  podIdentityWebhook: 'v0.6.17',
  moto: '5.2.5',
} as const;
