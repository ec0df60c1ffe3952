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
import {
  AwsIdentityAwsSource,
  AwsIdentityAwsSourceExtensionPoint,
  AwsIdentityClusterLocator,
  AwsIdentityClusterSource,
  AwsIdentityClusterSourceExtensionPoint,
  AwsIdentityDeliveryExtensionPoint,
  AwsIdentityFactory,
  RoleDelivery,
} from '@internal/plugin-aws-identity-node';

/**
 * The one implementation a module set for a seam. A second one is an error: two modules
 * replacing one seam would silently depend on their start order.
 */
export class Override<T> {
  private factory?: AwsIdentityFactory<T>;
  private set_ = false;

  constructor(private readonly seam: string) {}

  set(factory: AwsIdentityFactory<T>): void {
    if (this.set_) throw new Error(`aws-identity: only one module may set the ${this.seam}`);
    this.factory = factory;
    this.set_ = true;
  }

  /** What a module set (a factory gets the default to build on), else the default. */
  async resolve(getDefault: () => Promise<T>): Promise<T> {
    if (!this.set_) return getDefault();
    const factory = this.factory;
    if (typeof factory === 'function') {
      return (factory as (options: { getDefault: () => Promise<T> }) => T | Promise<T>)({ getDefault });
    }
    return factory as T;
  }
}

/**
 * What modules put into the aws-identity extension points, collected while the backend
 * registers its features and read by the initializer.
 */
export class AwsIdentityExtensions {
  readonly awsSource = new Override<AwsIdentityAwsSource>('AWS source');
  readonly clusterSource = new Override<AwsIdentityClusterSource>('cluster source');
  readonly delivery = new Override<RoleDelivery | undefined>('delivery');
  readonly clusterLocators: AwsIdentityClusterLocator[] = [];

  readonly awsSourceExtensionPoint: AwsIdentityAwsSourceExtensionPoint = {
    setAwsSource: source => this.awsSource.set(source),
  };

  readonly clusterSourceExtensionPoint: AwsIdentityClusterSourceExtensionPoint = {
    setClusterSource: source => this.clusterSource.set(source),
    addClusterLocator: locator => {
      this.clusterLocators.push(locator);
    },
  };

  readonly deliveryExtensionPoint: AwsIdentityDeliveryExtensionPoint = {
    setDelivery: delivery => this.delivery.set(delivery),
  };
}
