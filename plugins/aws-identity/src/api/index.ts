export { awsIdentityApiRef } from './AwsIdentityApi';
export type { AwsIdentityApi, PendingRoleRequest } from './AwsIdentityApi';
export { AwsIdentityClient } from './AwsIdentityClient';
