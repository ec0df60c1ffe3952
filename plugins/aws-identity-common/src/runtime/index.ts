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

/** Runtime facts of pods: what a pod's spec tells about the credentials its SDK will use. */
export * from './constants';
export * from './types';
export { podRuntimeFacts } from './podRuntimeFacts';
export { credentialPrecedence } from './credentialPrecedence';
export type { PrecedenceVerdict } from './credentialPrecedence';
export { annotationWrittenAt } from './annotationWrittenAt';
export type { ManagedObjectMetadata } from './annotationWrittenAt';
