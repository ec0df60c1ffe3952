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
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';

/** The one plugin that may send `requestedBy`: it acts on behalf of the user running a task. */
export const SCAFFOLDER_SUBJECT = 'plugin:scaffolder';

/**
 * Who submits a request, as the caller's credentials say: a signed-in user (directly, or
 * through a plugin acting on their behalf, `actor`), or a backend service on its own.
 *
 * @public
 */
export interface RequestSubmitter {
  /** The user's entity ref, or the service's subject (`plugin:ci`). */
  ref: string;
  kind: 'user' | 'service';
  /** For a user: the service that called on the user's behalf (`plugin:scaffolder`), if any. */
  actor?: string;
  /** The caller's credentials, for reads made as the caller (the catalog entity a request is about). */
  credentials?: BackstageCredentials;
}

/**
 * The requester recorded for a submission, and so the person four eyes is checked against.
 * It always comes from the credentials, never from the body: `requestedBy` is accepted only from
 * the scaffolder acting on behalf of that same user (the scaffolder sends it so that a task's
 * request says whose it is), and the scaffolder's own service credentials are refused, because a
 * request recorded for `plugin:scaffolder` could be approved by the person who ran the task.
 * A refusal is a 403 naming the field.
 */
export function requesterOf(submitter: RequestSubmitter, requestedBy: string | undefined): string {
  if (submitter.kind === 'service' && submitter.ref === SCAFFOLDER_SUBJECT) {
    throw new NotAllowedError(
      'requestedBy: the scaffolder must submit on behalf of the user who runs the task, not with its own credentials',
    );
  }
  if (requestedBy === undefined) return submitter.ref;
  if (submitter.kind !== 'user' || submitter.actor !== SCAFFOLDER_SUBJECT) {
    throw new NotAllowedError(
      'requestedBy: only the scaffolder, acting on behalf of the signed-in user, may send requestedBy',
    );
  }
  if (requestedBy !== submitter.ref) {
    throw new NotAllowedError(
      `requestedBy: must be the user the scaffolder acts for (${submitter.ref}), not ${requestedBy}`,
    );
  }
  return submitter.ref;
}

/** The entity ref of a user, or the subject of a service (`plugin:scaffolder`). */
export function principalRef(credentials: BackstageCredentials): string {
  const principal = credentials.principal as { type: string; userEntityRef?: string; subject?: string };
  return principal.type === 'user' ? principal.userEntityRef! : principal.subject ?? 'unknown';
}

/**
 * Who submits, as the credentials say: the user (and the plugin acting for them), or a service.
 * Every way in (`POST /requests`, the `create-request` action) reads the submitter here.
 */
export function submitterOf(credentials: BackstageCredentials): RequestSubmitter {
  const principal = credentials.principal as { type: string; actor?: { subject: string } };
  return principal.type === 'user'
    ? { ref: principalRef(credentials), kind: 'user', actor: principal.actor?.subject, credentials }
    : { ref: principalRef(credentials), kind: 'service', credentials };
}
