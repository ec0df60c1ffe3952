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

import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

/**
 * Every `awsIdentity.*` key, read by `readAwsIdentityConfig` of `@internal/plugin-aws-identity-node`
 * for the backend plugin, its permission policy and the scaffolder actions. Clusters themselves
 * come from the Kubernetes plugin's `kubernetes.clusterLocatorMethods`, and AWS credentials from
 * `aws.accounts` (`@backstage/integration-aws-node`).
 */
export interface Config {
  /** Settings of the aws-identity plugins. */
  awsIdentity?: {
    /**
     * Accounts to inventory and to accept role requests for (12 digits each). Defaults to every
     * `aws.accounts[].accountId`; credentials always come from `aws.accounts`.
     */
    accounts?: string[];
    /** Region for EKS calls and the IAM/STS clients. Default `us-east-1`. */
    region?: string;
    /** Endpoint override for IAM, STS and EKS (an emulator or a VPC endpoint). */
    endpoint?: string;
    /** Seconds between IAM/EKS syncs. Default 300. */
    syncIntervalSeconds?: number;
    /** Seconds between reloads of the snapshots another replica stored. Default 10. */
    snapshotReloadSeconds?: number;
    /** Seconds after which an account's last good data counts as stale. Default 3 × the sync interval. */
    staleAfterSeconds?: number;
    /** Accounts read at once. Default 4. */
    accountConcurrency?: number;
    /**
     * OIDC issuers of clusters of the Kubernetes plugin's config list, by cluster name, for role
     * requests (trust policies). A configured issuer cannot be overridden by a request; a cluster
     * without one needs the issuer in the request. The inventory reads issuers from EKS instead.
     */
    clusters?: Array<{
      /** Cluster name as in `kubernetes.clusterLocatorMethods[type=config].clusters[].name`. */
      name: string;
      /** Issuer URL, e.g. `https://oidc.eks.us-east-1.amazonaws.com/id/ABC`. */
      issuer: string;
    }>;
    /**
     * Clusters the Kubernetes plugin's `catalog` locator finds. Anyone who may register an entity
     * writes its annotations, and aws-identity sends the backend's credentials to the API server
     * they name, so only the hosts listed here are read; without the list no catalog cluster is
     * (each reports why in its source status). TLS-skip and assume-role annotations of catalog
     * clusters are always ignored.
     */
    catalogClusters?: {
      /** Host names of API servers, e.g. `ABCDEF.gr7.us-east-1.eks.amazonaws.com` (no scheme, no port). */
      allowedApiServerHosts?: string[];
    };
    /**
     * The permission policy module `./permission-policy` decides approval itself and hands every
     * other permission to a fallback: a policy another module sets through its extension point,
     * else this one. Default `allow`.
     */
    permissionPolicy?: {
      fallback?: 'allow' | 'deny';
    };
    /** Organisation policy the identity checks apply. */
    checks?: {
      /**
       * The permissions boundary (an IAM managed policy ARN) every workload role must carry:
       * roles without it get IRSA-P13. Unset: not checked.
       */
      requiredPermissionsBoundaryArn?: string;
    };
    /** Who decides on role requests (read by the permission policy module `./permission-policy`). */
    approvers?: {
      /** Group entity refs whose members may approve and reject. Default `group:default/platform-team`. */
      groups?: string[];
    };
    /** Role requests. */
    requests?: {
      /** Seconds between passes that deliver approved requests and follow delivered ones. Default 30. */
      pollSeconds?: number;
      /** Days after which a submitted request nobody decided on expires. Default 14. */
      expireAfterDays?: number;
      /**
       * Days a merged request may take to go live and match its plan before it fails with the
       * reason; its checks back off exponentially meanwhile. Default 7.
       */
      convergeWithinDays?: number;
    };
    /**
     * Live proof (opt-in): on a person's request (`POST /live-proof`) or on a schedule for verified
     * requests, the backend asks the cluster for a short-lived token of the service account
     * (TokenRequest: the reader needs `create` on `serviceaccounts/token`), presents it to STS
     * `AssumeRoleWithWebIdentity` with a deny-all session policy and asks `GetCallerIdentity`.
     * The token and the session's credentials are never logged, stored or returned.
     */
    liveProof?: {
      /** Whether the route and the probe run. Default false. */
      enabled?: boolean;
      /** Proofs per service account per hour, whoever asks. Default 6. */
      perServiceAccountPerHour?: number;
      /** Proofs a user may ask for per hour. Default 30. */
      perUserPerHour?: number;
      /** Seconds between scheduled proofs of every verified request's service account; absent: no probe. */
      probeVerifiedEverySeconds?: number;
      /**
       * The STS endpoint (`awsIdentity.endpoint`) is an emulator that does not validate web
       * identity tokens: results say "emulator: token not validated". Default false.
       */
      emulator?: boolean;
    };
    /** The roles view ("AWS roles" page, `GET /roles`). */
    roles?: {
      /**
       * Days without use (IAM's last-used date, or the creation date of a role never used) after
       * which a role is reported unused (ROLE-U01). Default 90.
       */
      unusedAfterDays?: number;
      /**
       * A notification digest per team of the roles it owns that are unused (ROLE-U01) or bound
       * but never used (ROLE-U02), through the notifications service. Off unless enabled.
       */
      digest?: {
        /** Send the digest. Default false. */
        enabled?: boolean;
        /**
         * When to send it, as a scheduler task schedule (`frequency`, `timeout`, optional
         * `initialDelay`). Default Mondays at 08:00 UTC: `{ frequency: { cron: '0 8 * * 1' },
         * timeout: { minutes: 15 } }`.
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
    };
    /**
     * Where approved role requests are delivered. `github`: a pull request to `repoUrl`, with
     * credentials from `integrations.github`. `git`: a branch pushed to `remote`. Without it,
     * approved requests wait (unless a module provides a delivery).
     */
    delivery?: {
      type: 'github' | 'git';
      /** `https://github.com/<owner>/<repo>` (github). */
      repoUrl?: string;
      /**
       * Remote URL or path (git). May carry a token (`https://user:token@host/…`), which is why
       * it is secret: receipts, logs and notifications show it without the credentials.
       * @visibility secret
       */
      remote?: string;
      /** Base branch; the repository default (github) or `main` (git). */
      baseBranch?: string;
      /** Folder for the rendered files. Default `aws-identity`. */
      directory?: string;
      /** GitHub users asked to review. */
      reviewers?: string[];
      /** GitHub team slugs asked to review. */
      teamReviewers?: string[];
      /** Commit author name (git). Default `aws-identity`. */
      authorName?: string;
      /** Commit author e-mail (git). Default `aws-identity@backstage.invalid`. */
      authorEmail?: string;
    };
    /** Settings of the scaffolder actions. */
    scaffolder?: {
      /** Default IaC format of `aws-identity:role:render` and `aws-identity:request:create`. Default `terraform`. */
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
