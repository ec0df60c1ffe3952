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

/**
 * What the backend pushes over Backstage signals, and on which channels. A signal only says
 * *that* something changed (an id, a digest), never what: the frontend re-reads through the
 * permission-gated routes, so a signal reaching someone who may not read the entity tells them
 * nothing they could not guess from the entity's ref.
 */

/** Prefix of every channel of this plugin. */
const CHANNEL_PREFIX = 'aws-identity';

/**
 * The channel of one entity: its requests moved or its identity report changed. Entity refs
 * are case-insensitive in the catalog, so the channel is named by the lower-cased ref and both
 * sides reach the same channel whatever case they hold the ref in.
 *
 * @public
 */
export function entitySignalChannel(entityRef: string): string {
  return `${CHANNEL_PREFIX}:entity:${entityRef.toLowerCase()}`;
}

/**
 * The channel of the approval queue: a request was submitted or moved.
 *
 * @public
 */
export const REQUEST_QUEUE_SIGNAL_CHANNEL = `${CHANNEL_PREFIX}:requests`;

/**
 * A signal on an entity's channel: `request` when one of its requests was submitted or changed
 * state, `identity` when the identity report of its service accounts changed (`digest` is the
 * new report's digest, so a client holding that version may skip the re-read).
 *
 * @public
 */
export type EntitySignal =
  | { type: 'request'; requestId: string }
  | { type: 'identity'; digest: string };

/**
 * A signal on the approval queue's channel: the request that was submitted or changed state.
 *
 * @public
 */
export type RequestQueueSignal = { type: 'request'; requestId: string };
