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


import { ConfigReader } from '@backstage/config';
import { AuthorizeResult, createPermission } from '@backstage/plugin-permission-common';
import { awsIdentityRequestApprovePermission } from '@internal/plugin-aws-identity-common';
import { AwsIdentityPermissionPolicy, FALLBACK_POLICIES } from './AwsIdentityPermissionPolicy';

const user = (ownershipEntityRefs: string[]) => ({
  identity: { type: 'user' as const, userEntityRef: ownershipEntityRefs[0], ownershipEntityRefs },
  info: { userEntityRef: ownershipEntityRefs[0], ownershipEntityRefs },
  token: 'token',
  credentials: {} as any,
});

describe('AwsIdentityPermissionPolicy', () => {
  const policy = AwsIdentityPermissionPolicy.fromConfig(new ConfigReader({}));
  const approve = { permission: awsIdentityRequestApprovePermission };

  it('lets members of the platform group approve', async () => {
    const decision = await policy.handle(approve, user(['user:default/alice', 'group:default/platform-team']) as any);
    expect(decision.result).toBe(AuthorizeResult.ALLOW);
  });

  it('denies approval to everyone else and to anonymous callers', async () => {
    expect((await policy.handle(approve, user(['user:default/bob', 'group:default/app-team']) as any)).result).toBe(
      AuthorizeResult.DENY,
    );
    expect((await policy.handle(approve, undefined)).result).toBe(AuthorizeResult.DENY);
  });

  it('takes the approver groups from config', async () => {
    const custom = AwsIdentityPermissionPolicy.fromConfig(
      new ConfigReader({ awsIdentity: { approvers: { groups: ['group:default/cloud'] } } }),
    );
    expect((await custom.handle(approve, user(['user:default/x', 'group:default/cloud']) as any)).result).toBe(
      AuthorizeResult.ALLOW,
    );
    expect((await custom.handle(approve, user(['user:default/a', 'group:default/platform-team']) as any)).result).toBe(
      AuthorizeResult.DENY,
    );
  });

  it('allows other permissions', async () => {
    const other = createPermission({ name: 'catalog.entity.read', attributes: {} });
    expect((await policy.handle({ permission: other }, undefined)).result).toBe(AuthorizeResult.ALLOW);
  });

  // The helper decides one permission and leaves the rest to the organisation's policy
  // (Backstage permission framework: a PermissionPolicy answers every authorize request).
  describe('as a helper around an organisation policy', () => {
    const asked: string[] = [];
    const organisation = {
      handle: async (request: { permission: { name: string } }) => {
        asked.push(request.permission.name);
        return { result: request.permission.name === 'catalog.entity.delete' ? AuthorizeResult.DENY : AuthorizeResult.ALLOW };
      },
    };
    const wrapped = AwsIdentityPermissionPolicy.fromConfig(new ConfigReader({}), { fallback: organisation as any });
    beforeEach(() => {
      asked.length = 0;
    });

    it('hands every other permission, and its decision, to the fallback', async () => {
      const remove = createPermission({ name: 'catalog.entity.delete', attributes: { action: 'delete' } });
      const create = createPermission({ name: 'aws-identity.request.create', attributes: { action: 'create' } });
      const member = user(['user:default/alice', 'group:default/platform-team']) as any;
      expect((await wrapped.handle({ permission: remove }, member)).result).toBe(AuthorizeResult.DENY);
      expect((await wrapped.handle({ permission: create }, member)).result).toBe(AuthorizeResult.ALLOW);
      expect(asked).toEqual(['catalog.entity.delete', 'aws-identity.request.create']);
    });

    it('decides approval itself, without asking the fallback', async () => {
      expect((await wrapped.handle(approve, user(['user:default/alice', 'group:default/platform-team']) as any)).result).toBe(
        AuthorizeResult.ALLOW,
      );
      expect((await wrapped.handle(approve, user(['user:default/bob']) as any)).result).toBe(AuthorizeResult.DENY);
      expect(asked).toEqual([]);
    });

    it('has the fallbacks the module offers by name', async () => {
      const other = createPermission({ name: 'catalog.entity.read', attributes: {} });
      expect((await FALLBACK_POLICIES.deny.handle({ permission: other })).result).toBe(AuthorizeResult.DENY);
      expect((await FALLBACK_POLICIES.allow.handle({ permission: other })).result).toBe(AuthorizeResult.ALLOW);
    });
  });
});
