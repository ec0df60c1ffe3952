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

import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import {
  ApiBlueprint,
  coreApis,
  createFrontendPlugin,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import { AwsIdentityClient } from './api/AwsIdentityClient';
import { awsIdentityApiRef } from './api/AwsIdentityApi';
import { isAwsIdentityAvailable } from './filters';
import { IDENTITY_TAB_PATH } from './components/shared/identityTab/useIdentityTabHref';
import { RequestsIcon } from './components/requests/RequestsIcon/RequestsIcon';
import { RolesIcon } from './components/roles/RolesIcon/RolesIcon';
import {
  requestDetailRouteRef as legacyRequestDetailRouteRef,
  requestsRouteRef as legacyRequestsRouteRef,
  rolesRouteRef as legacyRolesRouteRef,
} from './routes';

/**
 * The aws-identity API client, backed by the aws-identity backend.
 *
 * @public
 */
export const awsIdentityApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: awsIdentityApiRef,
      deps: { discoveryApi: coreApis.discovery, fetchApi: coreApis.fetch },
      factory: ({ discoveryApi, fetchApi }) =>
        new AwsIdentityClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * The "AWS identity" tab on catalog entities whose workloads run on Kubernetes
 * or that declare an expected AWS identity.
 *
 * @public
 */
export const awsIdentityEntityContent = EntityContentBlueprint.make({
  name: 'aws-identity',
  params: {
    path: IDENTITY_TAB_PATH,
    title: 'AWS identity',
    filter: isAwsIdentityAvailable,
    loader: () =>
      import('./components/entity/AwsIdentityContent/AwsIdentityContent').then(
        m => <m.AwsIdentityContent />,
      ),
  },
});

/**
 * The AWS identity card of the entity overview: verdict and top finding.
 *
 * @public
 */
export const awsIdentityEntityCard = EntityCardBlueprint.make({
  name: 'aws-identity',
  params: {
    filter: isAwsIdentityAvailable,
    loader: () =>
      import('./components/entity/AwsIdentityCard/AwsIdentityCard').then(m => (
        <m.AwsIdentityCard />
      )),
  },
});

/**
 * Route of the approvals page (the role request queue); the same route the legacy plugin mounts.
 *
 * @public
 */
export const requestsRouteRef = convertLegacyRouteRef(legacyRequestsRouteRef);

/**
 * Route of one role request's detail, under the approvals page.
 *
 * @public
 */
export const requestDetailRouteRef = convertLegacyRouteRef(
  legacyRequestDetailRouteRef,
);

/**
 * The approvals page at `/aws-identity/requests`: the role request queue and,
 * at `/aws-identity/requests/:id`, a request's detail. Appears in the nav.
 *
 * @public
 */
export const awsIdentityRequestsPage = PageBlueprint.make({
  name: 'requests',
  params: {
    path: '/aws-identity/requests',
    title: 'AWS role requests',
    icon: <RequestsIcon />,
    routeRef: requestsRouteRef,
    loader: () =>
      import('./components/requests/RequestsPage/RequestsPage').then(m => (
        <m.RequestsPage />
      )),
  },
});

/**
 * Route of the AWS roles page; the same route the legacy plugin mounts.
 *
 * @public
 */
export const rolesRouteRef = convertLegacyRouteRef(legacyRolesRouteRef);

/**
 * The AWS roles page at `/aws-identity/roles`: every role of every read account with its
 * owner, bindings, last use, trust breadth and findings. Appears in the nav.
 *
 * @public
 */
export const awsIdentityRolesPage = PageBlueprint.make({
  name: 'roles',
  params: {
    path: '/aws-identity/roles',
    title: 'AWS roles',
    icon: <RolesIcon />,
    routeRef: rolesRouteRef,
    loader: () =>
      import('./components/roles/RolesPage/RolesPage').then(m => (
        <m.RolesPage />
      )),
  },
});

/**
 * The `AwsIdentityClusterPicker` scaffolder field (`ui:field: AwsIdentityClusterPicker`): the
 * clusters the user may request roles for, with account, region and EKS Pod Identity readiness.
 *
 * @public
 */
export const awsIdentityClusterPickerFormField = FormFieldBlueprint.make({
  name: 'cluster-picker',
  params: {
    field: () =>
      import('./components/scaffolder/AwsIdentityClusterPicker/field').then(
        m => m.awsIdentityClusterPickerField,
      ),
  },
});

/**
 * The aws-identity frontend plugin (new frontend system).
 *
 * @public
 */
export const awsIdentityPlugin = createFrontendPlugin({
  pluginId: 'aws-identity',
  extensions: [
    awsIdentityApi,
    awsIdentityEntityContent,
    awsIdentityEntityCard,
    awsIdentityRequestsPage,
    awsIdentityRolesPage,
    awsIdentityClusterPickerFormField,
  ],
  routes: {
    requests: requestsRouteRef,
    requestDetail: requestDetailRouteRef,
    roles: rolesRouteRef,
  },
});
