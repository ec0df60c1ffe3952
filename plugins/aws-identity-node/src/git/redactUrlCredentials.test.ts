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
import { redactUrlCredentials } from './redactUrlCredentials';

describe('redactUrlCredentials', () => {
  // URL userinfo is `user[:password]@` before the host (RFC 3986 §3.2.1); git accepts a token there.
  it.each([
    ['https://user:ghp_secret@github.com/acme/infra.git', 'https://github.com/acme/infra.git'],
    ['https://x-access-token:abc@github.example.com:8443/acme/infra', 'https://github.example.com:8443/acme/infra'],
    ['https://token@host/a@b', 'https://host/a@b'],
    ['ssh://git:pw@host/acme/infra.git', 'ssh://host/acme/infra.git'],
    ['HTTPS://u:p@host/r', 'HTTPS://host/r'],
  ])('removes the credentials of %s', (remote, expected) => {
    expect(redactUrlCredentials(remote)).toBe(expected);
  });

  it.each([['/srv/git/infra.git'], ['file:///srv/git/infra.git'], ['git@github.com:acme/infra.git'], ['https://github.com/acme/infra']])(
    'leaves %s as it is',
    remote => {
      expect(redactUrlCredentials(remote)).toBe(remote);
    },
  );
});
