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
 * A git remote URL without the user name and password it may carry
 * (`https://user:token@host/org/repo.git` → `https://host/org/repo.git`), for everything that
 * stores, logs, notifies or returns a remote. Paths, `file:` URLs and scp-like SSH remotes
 * (`git@host:org/repo.git`, whose user is no secret) come back unchanged.
 *
 * @public
 */
export function redactUrlCredentials(remote: string): string {
  const match = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*@)(.*)$/i.exec(remote);
  if (!match) return remote;
  return `${match[1]}${match[3]}`;
}
