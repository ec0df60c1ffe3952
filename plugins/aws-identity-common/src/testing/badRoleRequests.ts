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
import { RoleRequestDraft } from '../generate/planRoleRequest';

/**
 * One bad-input case: a patch onto a valid role request, and the field the
 * rejection must name.
 *
 * @public
 */
export interface BadRoleRequestCase {
  name: string;
  patch: RoleRequestDraft;
  field: string;
}

const s3 = (bucket: string) => [{ resource: `arn:aws:s3:::${bucket}`, accessLevel: 'read' }];
const resource = (arn: string, accessLevel = 'read') => [{ resource: arn, accessLevel }];
const podIdentity: RoleRequestDraft = { binding: 'pod-identity' };
const sessionPolicy = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::sandbox-reports/*' }],
});
const longSessionPolicy = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Action: 's3:GetObject', Resource: Array.from({ length: 60 }, (_, i) => `arn:aws:s3:::sandbox-reports-${i}/*`) },
  ],
});
const cases: Array<[string, RoleRequestDraft, string]> = [
  // 1. namespaces
  ['namespace path traversal', { namespace: '../kube-system' }, 'namespace'],
  ['namespace with slash', { namespace: 'a/b' }, 'namespace'],
  ['namespace upper case', { namespace: 'Payments' }, 'namespace'],
  ['namespace leading dash', { namespace: '-ns' }, 'namespace'],
  ['namespace trailing dash', { namespace: 'ns-' }, 'namespace'],
  ['namespace 64 characters', { namespace: 'a'.repeat(64) }, 'namespace'],
  ['namespace empty', { namespace: '' }, 'namespace'],
  ['namespace kube-system', { namespace: 'kube-system' }, 'namespace'],
  ['namespace default', { namespace: 'default' }, 'namespace'],
  ['namespace kube-public', { namespace: 'kube-public' }, 'namespace'],
  ['namespace with newline', { namespace: 'ns\nkind: Secret' }, 'namespace'],
  ['namespace with Nunjucks', { namespace: '${{ parameters.x }}' }, 'namespace'],
  ['namespace with look-alike letter', { namespace: 'n\u0455' }, 'namespace'],
  ['namespace not a string', { namespace: 123 }, 'namespace'],
  // 2. service accounts
  ['service account *', { serviceAccount: '*' }, 'serviceAccount'],
  ['service account with colon', { serviceAccount: 'sa:evil' }, 'serviceAccount'],
  ['service account traversal', { serviceAccount: 'sa/../x' }, 'serviceAccount'],
  ['service account upper case', { serviceAccount: 'Reports' }, 'serviceAccount'],
  ['service account 254 characters', { serviceAccount: 'a'.repeat(254) }, 'serviceAccount'],
  ['service account default', { serviceAccount: 'default' }, 'serviceAccount'],
  ['service account with ?', { serviceAccount: 'sa?' }, 'serviceAccount'],
  ['service account empty', { serviceAccount: '' }, 'serviceAccount'],
  ['service account with space', { serviceAccount: 'sa name' }, 'serviceAccount'],
  ['service account with Nunjucks tag', { serviceAccount: '{% raw %}' }, 'serviceAccount'],
  // 3. role names and paths
  ['role name with space', { roleName: 'has space' }, 'roleName'],
  ['role name with slash', { roleName: 'a/b' }, 'roleName'],
  ['role name 65 characters', { roleName: 'r'.repeat(65) }, 'roleName'],
  ['role name empty', { roleName: '' }, 'roleName'],
  ['role name with quote', { roleName: 'role"name' }, 'roleName'],
  ['role name with interpolation', { roleName: 'role${var.x}' }, 'roleName'],
  ['role name non-ASCII', { roleName: 'r\u00f4le' }, 'roleName'],
  ['role path without slashes', { rolePath: 'no-slash' }, 'rolePath'],
  ['role path over 512 characters', { rolePath: `/${'a'.repeat(512)}/` }, 'rolePath'],
  ['role path with space', { rolePath: '/a b/' }, 'rolePath'],
  // 4. clusters
  ['cluster not configured', { clusters: ['unknown'] }, 'clusters[0]'],
  ['no cluster', { clusters: [] }, 'clusters'],
  ['nine clusters', { clusters: Array.from({ length: 9 }, (_, i) => `c${i}`) }, 'clusters'],
  ['cluster listed twice', { clusters: ['sandbox-east', 'sandbox-east'] }, 'clusters[1]'],
  ['configured issuer overridden', { clusters: [{ name: 'sandbox-east', issuer: 'https://evil.example.com/id/X' }] }, 'clusters[0].issuer'],
  ['cluster without issuer', { clusters: ['sandbox-west'], accountId: '222222222222' }, 'clusters[0].issuer'],
  ['issuer over http', { clusters: [{ name: 'sandbox-west', issuer: 'http://oidc.example.com/id/X' }], accountId: '222222222222' }, 'clusters[0].issuer'],
  ['issuer with injection', { clusters: [{ name: 'sandbox-west', issuer: 'https://a.example.com/"}' }], accountId: '222222222222' }, 'clusters[0].issuer'],
  ['trust policy over the quota', { trustPolicyQuota: 100 }, 'clusters'],
  ['pod identity across accounts', { binding: 'pod-identity', accountId: '222222222222' }, 'clusters'],
  // 5. accounts and partitions
  ['account 5 digits', { accountId: '12345' }, 'accountId'],
  ['account 13 digits', { accountId: '1234567890123' }, 'accountId'],
  ['account with letter', { accountId: '11111111111a' }, 'accountId'],
  ['account not allowed', { accountId: '333333333333' }, 'accountId'],
  ['account empty', { accountId: '' }, 'accountId'],
  ['account as ARN', { accountId: 'arn:aws:iam::111111111111:root' }, 'accountId'],
  ['resource in aws-cn', { access: resource('arn:aws-cn:s3:::my-bucket') }, 'access[0].resource'],
  ['resource in aws-us-gov', { access: resource('arn:aws-us-gov:s3:::my-bucket') }, 'access[0].resource'],
  // 6. buckets
  ['bucket *', { access: resource('*') }, 'access[0].resource'],
  ['bucket name with wildcard', { access: resource('my-bucket*') }, 'access[0].resource'],
  ['bucket ARN wildcard', { access: s3('*') }, 'access[0].resource'],
  ['bucket upper case', { access: s3('MyBucket') }, 'access[0].resource'],
  ['bucket too short', { access: s3('ab') }, 'access[0].resource'],
  ['bucket 64 characters', { access: s3('b'.repeat(64)) }, 'access[0].resource'],
  ['bucket as IP address', { access: s3('192.168.5.4') }, 'access[0].resource'],
  ['bucket with double dot', { access: s3('a..b') }, 'access[0].resource'],
  ['bucket prefix xn--', { access: s3('xn--bucket') }, 'access[0].resource'],
  ['bucket prefix sthree-', { access: s3('sthree-bucket') }, 'access[0].resource'],
  ['bucket prefix amzn-s3-demo-', { access: s3('amzn-s3-demo-bucket') }, 'access[0].resource'],
  ['bucket suffix -s3alias', { access: s3('bucket-s3alias') }, 'access[0].resource'],
  ['bucket suffix --ol-s3', { access: s3('bucket--ol-s3') }, 'access[0].resource'],
  ['bucket suffix .mrap', { access: s3('bucket.mrap') }, 'access[0].resource'],
  ['bucket suffix --x-s3', { access: s3('bucket--x-s3') }, 'access[0].resource'],
  ['bucket suffix --table-s3', { access: s3('bucket--table-s3') }, 'access[0].resource'],
  // 7. prefixes, wildcards, injection
  ['object prefix traversal', { access: s3('my-bucket/../x') }, 'access[0].resource'],
  ['object prefix wildcard', { access: s3('my-bucket/*') }, 'access[0].resource'],
  ['ARN with quote and brace', { access: s3('my-bucket"}') }, 'access[0].resource'],
  ['ARN with newline', { access: s3('my-bucket\nx') }, 'access[0].resource'],
  ['ARN with Nunjucks', { access: s3('${{ secrets.token }}') }, 'access[0].resource'],
  ['ARN with HCL interpolation', { access: s3('${file("/etc/passwd")}') }, 'access[0].resource'],
  ['SQS ARN wildcard', { access: resource('arn:aws:sqs:us-east-1:111111111111:*', 'write') }, 'access[0].resource'],
  ['KMS alias wildcard', { access: resource('arn:aws:kms:us-east-1:111111111111:alias/*') }, 'access[0].resource'],
  ['KMS key *', { access: resource('arn:aws:kms:us-east-1:111111111111:key/*') }, 'access[0].resource'],
  ['SNS ARN wildcard', { access: resource('arn:aws:sns:us-east-1:111111111111:*', 'write') }, 'access[0].resource'],
  ['queue in another account', { access: resource('arn:aws:sqs:us-east-1:333333333333:orders', 'write') }, 'access[0].resource'],
  ['IAM ARN as resource', { access: [{ resource: 'arn:aws:iam::111111111111:role/admin', preset: 's3-read' }] }, 'access[0].resource'],
  // 8./9. presets and access levels
  ['access level admin', { access: [{ resource: 'arn:aws:s3:::my-bucket', accessLevel: 'admin' }] }, 'access[0].accessLevel'],
  ['access level write-all', { access: [{ resource: 'arn:aws:s3:::my-bucket', accessLevel: 'write-all' }] }, 'access[0].accessLevel'],
  ['unknown preset', { access: [{ resource: 'arn:aws:s3:::my-bucket', preset: 'iam-admin' }] }, 'access[0].preset'],
  ['preset *', { access: [{ resource: 'arn:aws:s3:::my-bucket', preset: '*' }] }, 'access[0].preset'],
  ['no access', { access: [] }, 'access'],
  ['eleven access requests', { access: Array.from({ length: 11 }, () => s3('my-bucket')[0]) }, 'access'],
  ['access item not an object', { access: ['arn:aws:s3:::my-bucket'] }, 'access[0]'],
  ['access without preset or level', { access: [{ resource: 'arn:aws:s3:::my-bucket' }] }, 'access[0]'],
  ['level without preset for the service', { access: resource('arn:aws:sns:us-east-1:111111111111:events', 'read') }, 'access[0].accessLevel'],
  ['binding unknown', { binding: 'kiam' }, 'binding'],
  // 12. quotas as token-expiration style numbers
  ['quota 0', { trustPolicyQuota: 0 }, 'trustPolicyQuota'],
  ['quota -1', { trustPolicyQuota: -1 }, 'trustPolicyQuota'],
  ['quota abc', { trustPolicyQuota: 'abc' }, 'trustPolicyQuota'],
  ['quota 999999', { trustPolicyQuota: 999999 }, 'trustPolicyQuota'],
  ['quota fraction', { trustPolicyQuota: 1.5 }, 'trustPolicyQuota'],
  // 13. entity refs
  ['entity ref of a group', { entityRef: 'group:default/team' }, 'entityRef'],
  ['entity ref empty', { entityRef: '' }, 'entityRef'],
  ['entity ref with space', { entityRef: 'component:default/a b' }, 'entityRef'],
  ['entity ref with Nunjucks', { entityRef: 'component:default/${{ x }}' }, 'entityRef'],
  ['entity ref very long', { entityRef: `component:default/${'a'.repeat(10000)}` }, 'entityRef'],
  // 14. declared owners: a group or user ref the catalog could hold
  ['owner of a component', { owner: 'component:default/reports-api' }, 'owner'],
  ['owner of a system', { owner: 'system:default/data-platform' }, 'owner'],
  ['owner empty', { owner: '' }, 'owner'],
  ['owner not a string', { owner: 42 }, 'owner'],
  ['owner not an entity ref', { owner: 'group:/app-team' }, 'owner'],
  ['owner with extra slash', { owner: 'group:default/app/team' }, 'owner'],
  ['owner with space', { owner: 'group:default/app team' }, 'owner'],
  ['owner with newline', { owner: 'group:default/team\nkind: Secret' }, 'owner'],
  ['owner with Nunjucks', { owner: 'group:default/${{ parameters.x }}' }, 'owner'],
  ['owner namespace with underscore', { owner: 'group:app_ns/app-team' }, 'owner'],
  ['owner 256 characters', { owner: `group:default/${'a'.repeat(242)}` }, 'owner'],
  // 15. Pod Identity association options (EKS CreatePodIdentityAssociation)
  ['target role with IRSA', { targetRoleArn: 'arn:aws:iam::333333333333:role/target' }, 'targetRoleArn'],
  ['session policy with IRSA', { sessionPolicy: sessionPolicy, disableSessionTags: true }, 'sessionPolicy'],
  ['disableSessionTags with IRSA', { disableSessionTags: true }, 'disableSessionTags'],
  ['target role not an ARN', { ...podIdentity, targetRoleArn: 'target-role' }, 'targetRoleArn'],
  ['target role is a user ARN', { ...podIdentity, targetRoleArn: 'arn:aws:iam::333333333333:user/alice' }, 'targetRoleArn'],
  ['target role with wildcard', { ...podIdentity, targetRoleArn: 'arn:aws:iam::333333333333:role/*' }, 'targetRoleArn'],
  ['target role without account', { ...podIdentity, targetRoleArn: 'arn:aws:iam:::role/target' }, 'targetRoleArn'],
  ['target role in another partition', { ...podIdentity, targetRoleArn: 'arn:aws-cn:iam::333333333333:role/target' }, 'targetRoleArn'],
  ['target role is the requested role', { ...podIdentity, accountId: '111111111111', roleName: 'same-role', targetRoleArn: 'arn:aws:iam::111111111111:role/same-role' }, 'targetRoleArn'],
  ['target role not a string', { ...podIdentity, targetRoleArn: 42 }, 'targetRoleArn'],
  ['target role with access requests', { ...podIdentity, targetRoleArn: 'arn:aws:iam::333333333333:role/target' }, 'access'],
  ['session policy without disableSessionTags', { ...podIdentity, sessionPolicy }, 'sessionPolicy'],
  ['session policy with session tags enabled', { ...podIdentity, sessionPolicy, disableSessionTags: false }, 'sessionPolicy'],
  ['session policy not JSON', { ...podIdentity, disableSessionTags: true, sessionPolicy: '{"Version":' }, 'sessionPolicy'],
  ['session policy a JSON array', { ...podIdentity, disableSessionTags: true, sessionPolicy: '[]' }, 'sessionPolicy'],
  ['session policy without statements', { ...podIdentity, disableSessionTags: true, sessionPolicy: '{"Version":"2012-10-17"}' }, 'sessionPolicy'],
  ['session policy with a bad effect', { ...podIdentity, disableSessionTags: true, sessionPolicy: '{"Version":"2012-10-17","Statement":[{"Effect":"Maybe","Action":"s3:GetObject","Resource":"*"}]}' }, 'sessionPolicy'],
  ['session policy over 2,048 characters', { ...podIdentity, disableSessionTags: true, sessionPolicy: longSessionPolicy }, 'sessionPolicy'],
  ['session policy a number', { ...podIdentity, disableSessionTags: true, sessionPolicy: 7 }, 'sessionPolicy'],
  ['disableSessionTags a string', { ...podIdentity, disableSessionTags: 'true' }, 'disableSessionTags'],
];

/**
 * The bad-input suite of security.md §3: role requests every surface must
 * reject, each naming the offending field. Patches apply to a valid request
 * for cluster `sandbox-east` (account 111111111111, issuer configured) with
 * `sandbox-west` (account 222222222222, no issuer configured) also known.
 *
 * @public
 */
export const badRoleRequestCases: ReadonlyArray<BadRoleRequestCase> = cases.map(([name, patch, field]) => ({
  name,
  patch,
  field,
}));
