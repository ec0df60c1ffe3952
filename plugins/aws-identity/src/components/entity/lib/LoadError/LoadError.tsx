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

import { Alert, Button, Text } from '@backstage/ui';
import {
  backendMessage,
  backendStatus,
} from '../../../shared/presentation/errors';

/**
 * The failure of the identity request: permission denied, unknown entity, or
 * any other error with a retry.
 *
 * @public
 */
export function LoadError(props: { error: Error; onRetry: () => void }) {
  const { error, onRetry } = props;
  const status = backendStatus(error);
  if (status === 403) {
    return (
      <Alert
        status="warning"
        icon
        data-testid="aws-identity-permission-denied"
        title="You do not have permission to see the AWS identity of this component"
        description={
          <Text variant="body-small">
            Ask the component's owners or your platform team for the
            aws-identity read permission. ({backendMessage(error)})
          </Text>
        }
      />
    );
  }
  if (status === 404) {
    return (
      <Alert
        status="info"
        icon
        data-testid="aws-identity-not-found"
        title="The aws-identity backend does not know this entity"
        description={backendMessage(error)}
      />
    );
  }
  return (
    <Alert
      status="danger"
      icon
      data-testid="aws-identity-error"
      title="The AWS identity could not be loaded"
      description={backendMessage(error)}
      customActions={
        <Button size="small" variant="secondary" onPress={onRetry}>
          Retry
        </Button>
      }
    />
  );
}
