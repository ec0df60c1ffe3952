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
import {
  foreignRoleReason,
  ownershipTags,
  roleNameKey,
  roleNameKeyOfArn,
  validateIamTag,
} from './roleIdentity';

describe('roleNameKey', () => {
  // IAM User Guide, IAM identifiers: "Role names must be unique within the account. They are not
  // distinguished by case, for example, you cannot create roles named both PRODROLE and
  // prodrole." A path does not make a name unique: role/a/X and role/b/X cannot both exist.
  it.each([
    ['arn:aws:iam::111111111111:role/ExternalSecrets', 'arn:aws:iam::111111111111:role/k8s-main/ExternalSecrets'],
    ['arn:aws:iam::111111111111:role/Reports-S3-List', 'arn:aws:iam::111111111111:role/reports-s3-list'],
    ['arn:aws:iam::111111111111:role/PRODROLE', 'arn:aws:iam::111111111111:role/a/b/prodrole'],
  ])('names %s and %s the same role', (a, b) => {
    expect(roleNameKeyOfArn(a)).toBeDefined();
    expect(roleNameKeyOfArn(a)).toBe(roleNameKeyOfArn(b));
  });

  it('keeps accounts and names apart', () => {
    expect(roleNameKey('111111111111', 'x')).not.toBe(roleNameKey('222222222222', 'x'));
    expect(roleNameKeyOfArn('arn:aws:iam::111111111111:role/x')).not.toBe(roleNameKeyOfArn('arn:aws:iam::111111111111:role/x-y'));
    expect(roleNameKeyOfArn('arn:aws:iam::111111111111:role/team/x')).toBe(roleNameKey('111111111111', 'X'));
  });

  it('is undefined for what is not a role ARN', () => {
    expect(roleNameKeyOfArn('arn:aws:iam::111111111111:user/x')).toBeUndefined();
    expect(roleNameKeyOfArn('x')).toBeUndefined();
  });
});

describe('validateIamTag', () => {
  // IAM "Tagging IAM resources": keys 1–128 and values 0–256 characters of Unicode letters,
  // digits, white space and _ . : / = + - @; the aws: prefix is reserved.
  it.each([
    ['managed-by', 'aws-identity'],
    ['aws-identity/entity', 'component:default/payments-api'],
    ['Cost Center', ''],
    ['k'.repeat(128), 'v'.repeat(256)],
    ['Équipe', 'données'],
    ['a+b=c@d', 'x.y:z'],
  ])('accepts %j: %j', (key, value) => {
    expect(validateIamTag(key, value)).toEqual({ ok: true, value: { key, value } });
  });

  it.each([
    ['', 'x'],
    ['k'.repeat(129), 'x'],
    ['k', 'v'.repeat(257)],
    ['aws:createdBy', 'me'],
    ['AWS:x', 'me'],
    ['a,b', 'x'],
    ['a', 'x;y'],
    ['a', 'x"y'],
    ['a*', 'x'],
    ['a', 'line\nbreak'],
  ])('rejects %j: %j', (key, value) => {
    expect(validateIamTag(key, value).ok).toBe(false);
  });

  it('holds for the ownership tags of any component ref', () => {
    const ref = `component:${'a'.repeat(63)}/${'B'.repeat(63)}`;
    for (const [key, value] of Object.entries(ownershipTags(ref))) expect(validateIamTag(key, value).ok).toBe(true);
    expect(ownershipTags('component:default/a.b_c-d')).toEqual({
      'managed-by': 'aws-identity',
      'aws-identity/entity': 'component:default/a.b_c-d',
    });
  });
});

describe('foreignRoleReason', () => {
  const arn = 'arn:aws:iam::111111111111:role/k8s/Payments';
  const entity = 'component:default/payments';
  it.each([
    ['no tags', undefined, /not created by aws-identity/],
    ['another managed-by', { 'managed-by': 'crossplane' }, /not created by aws-identity/],
    ['a managed-by value in another case (values are case-sensitive)', { 'managed-by': 'AWS-Identity' }, /not created by aws-identity/],
    ['another owning entity', { 'managed-by': 'aws-identity', 'aws-identity/entity': 'component:default/billing' }, /belongs to "component:default\/billing"/],
    ['no owning entity', { 'managed-by': 'aws-identity' }, /belongs to no entity/],
  ])('calls a role with %s foreign', (_case, tags, reason) => {
    expect(foreignRoleReason({ arn, tags }, entity)).toMatch(reason);
  });

  it("accepts the portal's role for the entity, tag keys in any case", () => {
    expect(foreignRoleReason({ arn, tags: { 'managed-by': 'aws-identity', 'aws-identity/entity': entity } }, entity)).toBeUndefined();
    expect(foreignRoleReason({ arn, tags: { 'MANAGED-BY': 'aws-identity', 'AWS-Identity/Entity': entity } }, entity)).toBeUndefined();
  });
});
