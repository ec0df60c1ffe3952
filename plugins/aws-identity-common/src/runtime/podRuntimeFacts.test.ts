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
import { annotationWrittenAt } from './annotationWrittenAt';
import { credentialPrecedence } from './credentialPrecedence';
import { podRuntimeFacts } from './podRuntimeFacts';
import { RuntimeContainer, RuntimePod } from './types';

const ROLE = 'arn:aws:iam::111122223333:role/s3-reader';

// The env and volume the pod identity webhook adds for IRSA (webhook README, "Usage").
const IRSA_CONTAINER: RuntimeContainer = {
  name: 'app',
  env: [
    { name: 'AWS_ROLE_ARN', value: ROLE },
    {
      name: 'AWS_WEB_IDENTITY_TOKEN_FILE',
      value: '/var/run/secrets/eks.amazonaws.com/serviceaccount/token',
    },
  ],
  volumeMounts: [
    { name: 'aws-iam-token', mountPath: '/var/run/secrets/eks.amazonaws.com/serviceaccount' },
  ],
};
const IRSA_VOLUME = {
  name: 'aws-iam-token',
  projected: {
    sources: [
      {
        serviceAccountToken: {
          audience: 'sts.amazonaws.com',
          expirationSeconds: 86400,
          path: 'token',
        },
      },
    ],
  },
};
// What EKS sets for Pod Identity (EKS User Guide, "pod-id-how-it-works").
const POD_IDENTITY_CONTAINER: RuntimeContainer = {
  name: 'app',
  env: [
    { name: 'AWS_CONTAINER_CREDENTIALS_FULL_URI', value: 'http://169.254.170.23/v1/credentials' },
    {
      name: 'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE',
      value: '/var/run/secrets/pods.eks.amazonaws.com/serviceaccount/eks-pod-identity-token',
    },
  ],
};
const POD_IDENTITY_VOLUME = {
  name: 'eks-pod-identity-token',
  projected: {
    sources: [
      {
        serviceAccountToken: {
          audience: 'pods.eks.amazonaws.com',
          expirationSeconds: 86400,
          path: 'eks-pod-identity-token',
        },
      },
    ],
  },
};

function pod(spec: RuntimePod['spec'], metadata: RuntimePod['metadata'] = {}): RuntimePod {
  return {
    metadata: { name: 'api-1', namespace: 'app', ...metadata },
    spec: { serviceAccountName: 'api', ...spec },
  };
}

describe('podRuntimeFacts', () => {
  it('recognises a pod the webhook mutated for IRSA', () => {
    const facts = podRuntimeFacts(
      pod({ containers: [IRSA_CONTAINER], volumes: [IRSA_VOLUME] }, { creationTimestamp: new Date('2026-03-01T10:00:00Z') }),
    );
    expect(facts).toMatchObject({
      irsaEnv: true,
      irsaVolume: true,
      podIdentityInjected: false,
      roleArns: [ROLE],
      credentialEnv: [],
      serviceAccountTokens: [{ volume: 'aws-iam-token', audience: 'sts.amazonaws.com', expirationSeconds: 86400 }],
      createdAt: '2026-03-01T10:00:00.000Z',
    });
  });

  it('recognises a pod EKS set up for Pod Identity, and its hostNetwork', () => {
    const facts = podRuntimeFacts(
      pod({ hostNetwork: true, containers: [POD_IDENTITY_CONTAINER], volumes: [POD_IDENTITY_VOLUME] }),
    );
    expect(facts).toMatchObject({ podIdentityEnv: true, podIdentityInjected: true, irsaEnv: false, hostNetwork: true });
  });

  it('needs every mutated container injected, but not those in eks.amazonaws.com/skip-containers', () => {
    const sidecar = { name: 'sidecar' };
    const both = pod({ containers: [IRSA_CONTAINER, sidecar], volumes: [IRSA_VOLUME] });
    expect(podRuntimeFacts(both).irsaEnv).toBe(false);
    const skipped = { ...both, metadata: { annotations: { 'eks.amazonaws.com/skip-containers': 'sidecar' } } };
    expect(podRuntimeFacts(skipped).irsaEnv).toBe(true);
  });

  it('tells Fargate pods by scheduler name, Fargate profile label or node label', () => {
    expect(podRuntimeFacts(pod({ schedulerName: 'fargate-scheduler' })).fargate).toBe(true);
    expect(podRuntimeFacts(pod({}, { labels: { 'eks.amazonaws.com/fargate-profile': 'fp-default' } })).fargate).toBe(true);
    expect(podRuntimeFacts(pod({}), { labels: { 'eks.amazonaws.com/compute-type': 'fargate' } }).fargate).toBe(true);
    expect(podRuntimeFacts(pod({ schedulerName: 'default-scheduler' })).fargate).toBe(false);
  });

  it('tells literal credential variables from Secret and ConfigMap references, and keeps envFrom sources by name', () => {
    const facts = podRuntimeFacts(
      pod({
        containers: [
          {
            name: 'app',
            env: [
              { name: 'AWS_ACCESS_KEY_ID', value: 'AKIAIOSFODNN7EXAMPLE' },
              { name: 'AWS_SECRET_ACCESS_KEY', valueFrom: { secretKeyRef: { name: 'aws-keys', key: 'secret' } } },
              { name: 'AWS_PROFILE', valueFrom: { configMapKeyRef: { name: 'aws-config', key: 'profile' } } },
              { name: 'AWS_REGION', value: 'eu-west-1' },
            ],
            envFrom: [{ secretRef: { name: 'legacy-creds' } }, { prefix: 'APP_', configMapRef: { name: 'settings' } }],
          },
        ],
      }),
    );
    expect(facts.staticKeys).toBe(true);
    expect(facts.credentialEnv).toEqual([
      { variable: 'AWS_ACCESS_KEY_ID', via: 'literal' },
      { variable: 'AWS_SECRET_ACCESS_KEY', via: 'secret-key', source: 'aws-keys' },
      { variable: 'AWS_PROFILE', via: 'config-map-key', source: 'aws-config' },
    ]);
    expect(facts.envFrom).toEqual([
      { kind: 'Secret', name: 'legacy-creds' },
      { kind: 'ConfigMap', name: 'settings', prefix: 'APP_' },
    ]);
    // Values never leave the pod spec: only names are kept.
    expect(JSON.stringify(facts)).not.toContain('AKIAIOSFODNN7EXAMPLE');
  });

  it('finds credentials files mounted at ~/.aws or where AWS_SHARED_CREDENTIALS_FILE points', () => {
    const facts = podRuntimeFacts(
      pod({
        containers: [
          {
            name: 'app',
            env: [{ name: 'AWS_SHARED_CREDENTIALS_FILE', value: '/etc/aws/credentials' }],
            volumeMounts: [
              { name: 'dot-aws', mountPath: '/root/.aws' },
              { name: 'creds', mountPath: '/etc/aws' },
              { name: 'data', mountPath: '/data' },
            ],
          },
        ],
      }),
    );
    expect(facts.credentialsFileMounts).toEqual(['/root/.aws', '/etc/aws']);
  });

  it("lets a container's securityContext override the pod's (Kubernetes SecurityContext semantics)", () => {
    // The pod asks for a non-root user; the only container runs as root: the token is readable.
    const root = pod({ securityContext: { runAsUser: 1000 }, containers: [{ name: 'app', securityContext: { runAsUser: 0 } }] });
    expect(podRuntimeFacts(root).nonRootWithoutFsGroup).toBe(false);
    // Only the container sets runAsNonRoot: it still counts.
    const nonRoot = pod({ containers: [{ name: 'app', securityContext: { runAsNonRoot: true } }] });
    expect(podRuntimeFacts(nonRoot).nonRootWithoutFsGroup).toBe(true);
    const withFsGroup = pod({ securityContext: { fsGroup: 65534 }, containers: [{ name: 'app', securityContext: { runAsUser: 1000 } }] });
    expect(podRuntimeFacts(withFsGroup).nonRootWithoutFsGroup).toBe(false);
  });

  it('keeps a projected token without audience or lifetime as such (API server audience, 3600 s default)', () => {
    const facts = podRuntimeFacts(
      pod({ volumes: [{ name: 'aws-iam-token', projected: { sources: [{ serviceAccountToken: { path: 'token' } }] } }] }),
    );
    expect(facts.serviceAccountTokens).toEqual([{ volume: 'aws-iam-token' }]);
  });

  it("names the admission controller's kube-api-access-<suffix> token volume without its per-pod suffix", () => {
    // Kubernetes adds a projected volume "kube-api-access-<random>" to every pod (ServiceAccount admission).
    const defaultVolume = (name: string) => ({
      name,
      projected: { sources: [{ serviceAccountToken: { expirationSeconds: 3607, path: 'token' } }] },
    });
    const a = podRuntimeFacts(pod({ volumes: [defaultVolume('kube-api-access-x7k2p')] }));
    const b = podRuntimeFacts(pod({ volumes: [defaultVolume('kube-api-access-9qzvd')] }));
    expect(a.serviceAccountTokens).toEqual([{ volume: 'kube-api-access', expirationSeconds: 3607 }]);
    expect(b.serviceAccountTokens).toEqual(a.serviceAccountTokens);
    // A hand-named volume keeps its name.
    const own = podRuntimeFacts(pod({ volumes: [defaultVolume('kube-api-access-custom-token')] }));
    expect(own.serviceAccountTokens[0].volume).toBe('kube-api-access-custom-token');
  });
});

describe('annotationWrittenAt', () => {
  // A service account as `kubectl annotate` leaves it (Server-Side Apply field management).
  const metadata = {
    annotations: { 'eks.amazonaws.com/role-arn': ROLE },
    managedFields: [
      { manager: 'kubectl-create', operation: 'Update', time: '2026-01-01T09:00:00Z', fieldsV1: {} },
      {
        manager: 'kubectl-annotate',
        operation: 'Update',
        time: new Date('2026-02-01T12:00:00Z'),
        fieldsV1: { 'f:metadata': { 'f:annotations': { '.': {}, 'f:eks.amazonaws.com/role-arn': {} } } },
      },
    ],
  };

  it('is the time of the managedFields entry that owns the annotation', () => {
    expect(annotationWrittenAt(metadata, 'eks.amazonaws.com/role-arn')).toBe('2026-02-01T12:00:00.000Z');
  });

  it('is unknown when the annotation is absent or no entry owns it', () => {
    expect(annotationWrittenAt(metadata, 'eks.amazonaws.com/audience')).toBeUndefined();
    expect(annotationWrittenAt({ annotations: metadata.annotations }, 'eks.amazonaws.com/role-arn')).toBeUndefined();
  });
});

describe('credentialPrecedence', () => {
  it('puts environment keys before web identity and container credentials in every SDK', () => {
    for (const path of ['irsa', 'pod-identity'] as const) {
      expect(credentialPrecedence({ variable: 'AWS_ACCESS_KEY_ID', via: 'env-from-secret' }, path).wins).toBe('always');
    }
  });

  it('puts the shared files before container credentials, and says when it depends on the SDK for IRSA', () => {
    expect(credentialPrecedence({ variable: '/root/.aws', via: 'file-mount' }, 'pod-identity').wins).toBe('always');
    const irsa = credentialPrecedence({ variable: 'AWS_PROFILE', via: 'literal' }, 'irsa');
    expect(irsa.wins).toBe('sdk-dependent');
    expect(irsa.reason).toContain('fromIni');
  });
});
