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

/** Live proof: a cluster token presented to STS with a deny-all session policy. */
export * from './types';
export { DENY_ALL_SESSION_POLICY, LIVE_PROOF_SESSION_SECONDS, planLiveProof } from './planLiveProof';
export type { LiveProofPlan } from './planLiveProof';
export { liveProofRefused, liveProved } from './liveProofOutcome';
