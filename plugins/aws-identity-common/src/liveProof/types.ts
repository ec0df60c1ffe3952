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

import { StsErrorExplanation } from '../explain/explainStsError';

/**
 * The service account a live proof is about.
 *
 * @public
 */
export interface LiveProofTarget {
  cluster: string;
  namespace: string;
  serviceAccount: string;
}

/**
 * What started a live proof: a person's button on the tab, or the scheduled probe of verified
 * requests. Never a page view.
 *
 * @public
 */
export type LiveProofTrigger = 'button' | 'schedule';

/**
 * How a live proof ended:
 * - `proved`: STS accepted the cluster's token for the role (and `GetCallerIdentity` answered
 *   with the role's session);
 * - `refused`: STS (or the cluster's token API) said no; the decoded error says why;
 * - `evaluated`: EKS Pod Identity, which cannot be called from outside a pod: the association and
 *   the engine's evaluation of the role chain are the proof, and the result says so;
 * - `not-provable`: nothing to prove (no binding, or the role is unknown).
 *
 * @public
 */
export type LiveProofOutcome = 'proved' | 'refused' | 'evaluated' | 'not-provable';

/**
 * The result of one live proof, as returned by `POST /live-proof` and recorded. It never holds
 * the token or the session's credentials.
 *
 * @public
 */
export interface LiveProofResult {
  target: LiveProofTarget;
  /** How the service account gets the role (the binding new pods take). */
  via: 'irsa' | 'pod-identity' | 'none';
  roleArn?: string;
  outcome: LiveProofOutcome;
  /** When the proof ran (RFC 3339). */
  at: string;
  trigger: LiveProofTrigger;
  /** One sentence for the tab, e.g. "Proved live at …: the cluster's token was accepted for role X". */
  message: string;
  /** The audience of the token the cluster issued (IRSA only). */
  audience?: string;
  /** The ARN `GetCallerIdentity` answered with: the assumed-role session (IRSA, proved only). */
  callerArn?: string;
  /** A limit of the proof the reader must know, e.g. "emulator: token not validated". */
  caveat?: string;
  /** STS's refusal, decoded for this service account (refused only). */
  error?: StsErrorExplanation;
}

/**
 * What every result of one IRSA proof shares: whom it is about, the role, the token's audience,
 * when, why, and the caveat of an emulator.
 *
 * @public
 */
export interface LiveProofContext {
  target: LiveProofTarget;
  roleArn: string;
  audience: string;
  at: string;
  trigger: LiveProofTrigger;
  caveat?: string;
}
