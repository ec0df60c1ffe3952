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
import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { AwsIdentityFactory } from './factory';

/**
 * One change to deliver to the infrastructure repository.
 *
 * @public
 */
export interface DeliveryChange {
  /** The request's id; the branch name and the lookup of an earlier delivery derive from it. */
  requestId: string;
  title: string;
  /** Markdown: the plan, the findings and the approval record. */
  body: string;
  /** Repository-relative path → file content. */
  files: Record<string, string>;
}

/**
 * Where a change was delivered.
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
 * Whether a delivered change is still open, merged into the base branch, or closed unmerged.
 *
 * @public
 */
export type DeliveryState = 'open' | 'merged' | 'closed';

/**
 * What {@link RoleDelivery.retract} found and did: `retracted` (an open change was closed and its
 * branch deleted), `nothing-delivered` (no branch, no open change), or `merged` (the change is
 * already in the base branch, which a delivery cannot undo; nothing was touched).
 *
 * @public
 */
export type DeliveryRetraction = 'retracted' | 'nothing-delivered' | 'merged';

/**
 * Delivers approved role requests as reviewable changes and reports on them. Every method must
 * be idempotent: a crash or a second replica calls them again for the same request, and the
 * second call must find and reuse the first change instead of opening another.
 *
 * @public
 */
export interface RoleDelivery {
  deliver(change: DeliveryChange): Promise<DeliveryReceipt>;
  state(receipt: DeliveryReceipt): Promise<DeliveryState>;
  /**
   * Takes back whatever a delivery of the request left open — the pull request is closed and
   * the request's branch deleted — also when no receipt was recorded (a delivery that pushed and
   * then crashed, or lost a race with a withdraw). Throws when the remote cannot be changed.
   */
  retract(target: { requestId: string; receipt?: DeliveryReceipt }): Promise<DeliveryRetraction>;
}

/**
 * The interface of {@link awsIdentityDeliveryExtensionPoint}.
 *
 * @public
 */
export interface AwsIdentityDeliveryExtensionPoint {
  /**
   * Replaces how approved requests are delivered (default: `awsIdentity.delivery`, a GitHub pull
   * request or a pushed git branch, or none), or wraps it through `getDefault`. `undefined`
   * means no delivery: approved requests wait.
   */
  setDelivery(delivery: AwsIdentityFactory<RoleDelivery | undefined>): void;
}

/**
 * How aws-identity hands approved role requests to the infrastructure repository (an SCM).
 *
 * @public
 */
export const awsIdentityDeliveryExtensionPoint = createExtensionPoint<AwsIdentityDeliveryExtensionPoint>({
  id: 'aws-identity.delivery',
});
