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
import { DRIFT_REPAIRS, DriftRepair, DriftRepairOption, IdentityRequest } from '../api/requests';

/**
 * Who asks for a repair, as the backend decided it: their entity ref and whether they hold
 * `aws-identity.request.create` (a repair is a new request).
 *
 * @public
 */
export interface DriftRepairActor {
  ref: string;
  mayRequest: boolean;
}

/**
 * Why a repair cannot be asked for: `permission` (the actor may not submit requests), `state`
 * (not a drifted role request) or `open-repair` (an earlier repair of the drift is still open).
 *
 * @public
 */
export interface DriftRepairProblem {
  kind: 'permission' | 'state' | 'open-repair';
  message: string;
}

/**
 * Why `actor` may not ask for `repair` of `request` now, or `undefined` when they may: only a
 * drifted role request can be repaired, by someone who may submit requests, and only while no
 * earlier repair of it is still open (`openRepair`, the id of such a request). Approving the
 * repair is a decision like any other (four eyes, no critical plan); asking for it is not.
 *
 * @public
 */
export function driftRepairProblem(
  request: Pick<IdentityRequest, 'id' | 'state' | 'kind'>,
  repair: DriftRepair,
  actor: DriftRepairActor,
  openRepair?: string,
): DriftRepairProblem | undefined {
  if (request.kind === 'migration') return { kind: 'state', message: 'only role requests can be restored or accepted' };
  if (request.state !== 'drifted') {
    return {
      kind: 'state',
      message: `the request is ${request.state}; only a drifted request can be ${repair === 'restore' ? 'restored' : 'accepted'}`,
    };
  }
  if (!actor.mayRequest) return { kind: 'permission', message: 'Missing permission aws-identity.request.create' };
  if (openRepair) {
    return { kind: 'open-repair', message: `request ${openRepair} already repairs this drift; decide or withdraw it first` };
  }
  return undefined;
}

/**
 * Every {@link DriftRepair} with whether `actor` may ask for it now ({@link driftRepairProblem}).
 *
 * @public
 */
export function driftRepairOptions(
  request: Pick<IdentityRequest, 'id' | 'state' | 'kind'>,
  actor: DriftRepairActor,
  openRepair?: string,
): DriftRepairOption[] {
  return DRIFT_REPAIRS.map(repair => {
    const problem = driftRepairProblem(request, repair, actor, openRepair);
    return problem ? { repair, allowed: false, reason: problem.message } : { repair, allowed: true };
  });
}
