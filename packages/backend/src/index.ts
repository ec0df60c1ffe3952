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

import { createBackend } from '@backstage/backend-defaults';
import { sandboxSignInModule } from './sandboxSignIn';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

// auth: guest sign-in for the local portal. The sandbox portal also trusts an
// oauth2-proxy in front of it (auth.providers.oauth2Proxy, set only by the sandbox's
// config overlay), which is how its end-to-end tests sign in as a second person; that
// provider is installed only with the overlay, and only on a loopback listen host.
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(sandboxSignInModule);

// catalog
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

// permissions
backend.add(import('@backstage/plugin-permission-backend'));
// Role requests are approved by the platform group (awsIdentity.approvers.groups); the
// rest is allowed, as in a portal that has not written its own policy yet.
backend.add(import('@internal/plugin-aws-identity-backend/permission-policy'));

// scaffolder, with the aws-identity actions
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(
  import('@backstage/plugin-scaffolder-backend-module-notifications'),
);
backend.add(import('@internal/plugin-scaffolder-backend-module-aws-identity'));
// publish:github and publish:github:pull-request, which the example template uses when the
// portal has a GitHub integration (examples/templates/new-service-with-s3-access/README.md).
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));

// search over the catalog (in-memory Lunr engine)
backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));

// kubernetes: its cluster configuration is the one aws-identity reads too
backend.add(import('@backstage/plugin-kubernetes-backend'));

backend.add(import('@backstage/plugin-user-settings-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

// aws-identity
backend.add(import('@internal/plugin-aws-identity-backend'));

// MCP: the actions of the plugins in backend.actions.pluginSources (app-config.yaml) as tools
// of the Streamable HTTP endpoint /api/mcp-actions/v1, for AI agents acting as the signed-in user.
backend.add(import('@backstage/plugin-mcp-actions-backend'));

backend.start();
