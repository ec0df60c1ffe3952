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

import { useApi } from '@backstage/frontend-plugin-api';
import { useSignal } from '@backstage/plugin-signals-react';
import {
  entitySignalChannel,
  EntityIdentityResponse,
  IdentityRequest,
} from '@internal/plugin-aws-identity-common';
import { useCallback, useEffect, useState } from 'react';

/**
 * How often the tab re-reads the identity in an app without the signal API; with it, the tab
 * re-reads when the backend signals a change of the entity.
 *
 * @public
 */
export const IDENTITY_POLL_INTERVAL_MS = 30_000;
import { awsIdentityApiRef } from '../../api/AwsIdentityApi';

/**
 * State of the identity request for one entity.
 *
 * @public
 */
export interface EntityIdentityState {
  loading: boolean;
  error?: Error;
  value?: EntityIdentityResponse;
  requests: IdentityRequest[];
  retry: () => void;
}

/**
 * Loads the AWS identity of an entity (and its pending requests), and loads it again when the
 * backend signals on the entity's channel that its identity or one of its requests changed;
 * in an app without signals, every {@link IDENTITY_POLL_INTERVAL_MS}. A reload keeps the shown
 * value until the new one arrives.
 *
 * @public
 */
export function useEntityIdentity(entityRef: string): EntityIdentityState {
  const api = useApi(awsIdentityApiRef);
  const [attempt, setAttempt] = useState(0);
  const { lastSignal, isSignalsAvailable } = useSignal(
    entitySignalChannel(entityRef),
  );
  const [state, setState] = useState<Omit<EntityIdentityState, 'retry'>>({
    loading: true,
    requests: [],
  });

  useEffect(() => {
    let cancelled = false;
    setState(s => ({ ...s, loading: true, error: undefined }));
    Promise.all([
      api.getEntityIdentity(entityRef),
      // Requests are an extra: their failure must not hide the identity.
      api.getPendingRequests(entityRef).catch(() => [] as IdentityRequest[]),
    ]).then(
      ([value, requests]) => {
        if (!cancelled) setState({ loading: false, value, requests });
      },
      error => {
        if (!cancelled) {
          // A failed reload keeps what the tab shows (with the error beside it).
          setState(s => {
            const kept = s.value?.entityRef === entityRef ? s : undefined;
            return {
              loading: false,
              value: kept?.value,
              requests: kept?.requests ?? [],
              error: error instanceof Error ? error : new Error(String(error)),
            };
          });
        }
      },
    );
    const timer = isSignalsAvailable
      ? undefined
      : setTimeout(() => setAttempt(a => a + 1), IDENTITY_POLL_INTERVAL_MS);
    return () => {
      cancelled = true;
      if (timer) clearTimeout(timer);
    };
  }, [api, entityRef, attempt, isSignalsAvailable]);

  useEffect(() => {
    // Each signal is a new object: the entity changed again.
    if (lastSignal) setAttempt(a => a + 1);
  }, [lastSignal]);

  const retry = useCallback(() => setAttempt(a => a + 1), []);
  return { ...state, retry };
}
