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
 * How an extension point takes its implementation: the implementation itself, or a factory
 * that may build on the plugin's default (`getDefault`), as kubernetes-backend's initializer
 * does. The default is built only when asked for.
 *
 * @public
 */
export type AwsIdentityFactory<T, TContext extends object = {}> =
  | T
  | ((options: TContext & { getDefault: () => Promise<T> }) => T | Promise<T>);
