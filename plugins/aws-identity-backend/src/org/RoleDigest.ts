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
import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { RoleListItem, TeamRoleDigest, teamRoleDigests } from '@internal/plugin-aws-identity-common';

/** Roles listed by name in one notification; the rest are counted, the roles page has them all. */
const MAX_LISTED_ROLES = 20;

/** The notifications topic of the digest, for users to filter or mute it. */
export const ROLE_DIGEST_TOPIC = 'aws-identity-role-digest';

/**
 * Sends each team the digest of the roles it owns that nobody uses: unused for the configured
 * days (ROLE-U01) or bound but never used (ROLE-U02), as the roles view found them. Which roles
 * a team owns is decided by `teamRoleDigests` of `-common`, from the owner the roles view
 * decided. One notification per team, in one thread per team (its scope), so this week's digest
 * replaces last week's instead of piling up; a team without such roles gets nothing.
 *
 * @public
 */
export class RoleDigest {
  constructor(
    private readonly options: {
      roles: { list(): RoleListItem[] };
      /** The catalog owner of an entity (a requested role's team), from the entity directory. */
      ownerOfEntity: (entityRef: string) => string | undefined;
      notifications: NotificationService;
      logger: LoggerService;
    },
  ) {}

  /** Sends this period's digests; a failed send is logged and the other teams still get theirs. */
  async send(): Promise<{ teams: number; roles: number }> {
    const digests = teamRoleDigests(this.options.roles.list(), this.options.ownerOfEntity);
    let sent = 0;
    for (const digest of digests) {
      try {
        await this.options.notifications.send({
          recipients: { type: 'entity', entityRef: digest.team },
          payload: payloadOf(digest),
        });
        sent += 1;
      } catch (error) {
        this.options.logger.warn(`aws-identity: sending the role digest to ${digest.team} failed: ${error}`);
      }
    }
    const roles = new Set(digests.flatMap(d => d.roles.map(r => r.arn))).size;
    this.options.logger.info(`aws-identity: sent the unused-role digest to ${sent} of ${digests.length} teams (${roles} roles)`);
    return { teams: sent, roles };
  }
}

function payloadOf(digest: TeamRoleDigest) {
  const count = digest.roles.length;
  const lines = digest.roles.slice(0, MAX_LISTED_ROLES).map(role => {
    const checks = role.findings.map(f => `${f.id} ${f.title.toLowerCase()}`).join('; ');
    return `${role.name} (${role.accountId}): ${checks}`;
  });
  if (count > MAX_LISTED_ROLES) lines.push(`… and ${count - MAX_LISTED_ROLES} more on the AWS roles page.`);
  return {
    title: `${count} AWS role${count === 1 ? '' : 's'} of ${digest.team} ${count === 1 ? 'is' : 'are'} unused`,
    description: lines.join('\n'),
    link: '/aws-identity/roles',
    severity: 'low' as const,
    topic: ROLE_DIGEST_TOPIC,
    scope: `${ROLE_DIGEST_TOPIC}:${digest.team}`,
  };
}
