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
import {
  EntityIdentityResponse,
  IdentityRequest,
} from '@internal/plugin-aws-identity-common';
import { useCallback, useEffect, useState } from 'react';
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
 * Loads the AWS identity of an entity (and its pending requests).
 *
 * @public
 */
export function useEntityIdentity(entityRef: string): EntityIdentityState {
  const api = useApi(awsIdentityApiRef);
  const [attempt, setAttempt] = useState(0);
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
          setState({
            loading: false,
            requests: [],
            error: error instanceof Error ? error : new Error(String(error)),
          });
        }
      },
    );
    return () => {
      cancelled = true;
    };
  }, [api, entityRef, attempt]);

  const retry = useCallback(() => setAttempt(a => a + 1), []);
  return { ...state, retry };
}
