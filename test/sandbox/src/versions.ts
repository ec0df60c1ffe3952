/**
 * Pinned versions of every stand-in. Binaries are cached as `.sandbox/bin/<name>-<version>`,
 * so bumping a version here (and the matching go.mod) triggers exactly one rebuild.
 */
export const versions = {
  kubernetes: 'v1.37.2',
  etcd: 'v3.7.3',
  podIdentityWebhook: 'v0.6.17',
  moto: '5.2.5',
} as const;
