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
 * What an approved role request delivers: files for the infrastructure repository and the text
 * of the change for its reviewers.
 *
 * @public
 */
export interface DeliveryChange {
  /** The request's id; the branch name and the PR lookup derive from it. */
  requestId: string;
  title: string;
  /** Markdown: the plan, the findings and the approval record. */
  body: string;
  /** Repository-relative path → file content. */
  files: Record<string, string>;
}

/**
 * Where a delivered change lives.
 *
 * @public
 */
export interface DeliveryReceipt {
  kind: 'github-pull-request' | 'git-branch';
  branch: string;
  /** Pull request or branch URL, for people. */
  url: string;
  /** Pull request number (GitHub only). */
  number?: number;
  /** Whether this call found the change already delivered and reused it. */
  reused: boolean;
}

/**
 * State of a delivered change, as the tracker follows it.
 *
 * @public
 */
export type DeliveryState = 'open' | 'merged' | 'closed';

/**
 * Delivers an approved role request as a change to the infrastructure repository. Both calls
 * are idempotent: delivering the same request twice yields one branch and one pull request.
 *
 * @public
 */
export interface RoleDelivery {
  deliver(change: DeliveryChange): Promise<DeliveryReceipt>;
  state(receipt: DeliveryReceipt): Promise<DeliveryState>;
}

/**
 * The branch of a request: deterministic, so a retry or a restarted backend finds its own work.
 *
 * @public
 */
export function deliveryBranch(requestId: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(requestId)) {
    throw new Error(`Request id "${requestId}" cannot name a branch`);
  }
  return `aws-identity/request-${requestId}`;
}
