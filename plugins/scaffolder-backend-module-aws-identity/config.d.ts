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

/** Configuration read by the aws-identity scaffolder actions. */
export interface Config {
  awsIdentity?: {
    /**
     * OIDC issuers of the clusters in `kubernetes.clusterLocatorMethods[type=config].clusters`, by cluster name.
     * A configured issuer cannot be overridden by an action input; a cluster without one needs the issuer as input.
     */
    clusters?: Array<{
      /** Cluster name as in the Kubernetes plugin configuration. */
      name: string;
      /** Issuer URL, e.g. `https://oidc.eks.us-east-1.amazonaws.com/id/ABC`. */
      issuer: string;
    }>;
    /** Settings of the scaffolder actions. */
    scaffolder?: {
      /** Default IaC format of `aws-identity:role:render`: terraform (default), ack, crossplane or eksctl. */
      defaultFormat?: 'terraform' | 'ack' | 'crossplane' | 'eksctl';
      /** `aws-identity:git:publish`: publishes to bare repositories under a local directory (sandbox, demos). */
      gitPublish?: {
        /** Directory holding `<name>.git` bare repositories; created on demand. */
        baseDir: string;
        /** Branch to push. Default `main`. */
        defaultBranch?: string;
        /** Commit author name. Default `aws-identity scaffolder`. */
        authorName?: string;
        /** Commit author e-mail. Default `scaffolder@aws-identity.invalid`. */
        authorEmail?: string;
      };
    };
  };
}
