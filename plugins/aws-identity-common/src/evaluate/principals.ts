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
import { PrincipalSet } from '../policy/types';
import type { RequestPrincipal } from './evaluatePolicy';

const ACCOUNT_ROOT = /^arn:[^:]+:iam::(\d{12}):root$/;
const ASSUMED_ROLE = /^arn:([^:]+):sts::(\d{12}):assumed-role\/([^/]+)\/.+$/;
const ROLE = /^arn:([^:]+):iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/;

function accountOf(id: string): string | undefined {
  if (/^\d{12}$/.test(id)) return id;
  const m = ACCOUNT_ROOT.exec(id);
  return m ? m[1] : undefined;
}

// IAM User Guide, "IAM role principals": a role ARN in a resource-based or
// trust policy grants the role's sessions. A session ARN names the role
// without its path; role names are unique within an account whatever the
// path, so partition, account and name identify the role.
function roleOfSession(roleArn: string, sessionArn: string): boolean {
  const session = ASSUMED_ROLE.exec(sessionArn);
  if (!session) return false;
  const role = ROLE.exec(roleArn);
  return (
    role !== null &&
    role[1] === session[1] &&
    role[2] === session[2] &&
    role[3] === session[3]
  );
}

/**
 * Why a principal is in a `Principal` / `NotPrincipal` set (a short phrase),
 * or undefined when it is not. `"*"` is the only wildcard: IAM does not match
 * part of a principal ARN with `*`.
 *
 * @internal
 */
export function principalInSet(
  set: PrincipalSet,
  principal: RequestPrincipal,
): string | undefined {
  if (set.any) return '"*"';
  const ids = set.byType[principal.type];
  if (!ids) return undefined;
  for (const id of ids) {
    if (id === '*') return `${principal.type} "*"`;
    if (principal.type === 'Service') {
      if (id.toLowerCase() === principal.id.toLowerCase())
        return `Service ${id}`;
      continue;
    }
    if (id === principal.id) return `${principal.type} ${id}`;
    if (principal.type === 'AWS') {
      // An account principal ("123456789012" or "…:root") stands for every
      // principal of that account, subject to its own IAM policies.
      const account = accountOf(id);
      if (account && account === principal.accountId)
        return `AWS account ${id}`;
      if (roleOfSession(id, principal.id)) return `AWS role ${id} (session)`;
    }
  }
  return undefined;
}
