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
import { ConfigReader } from '@backstage/config';
import { readDeliveryConfig } from './delivery';

describe('readDeliveryConfig', () => {
  it('configures no delivery without the section', () => {
    expect(readDeliveryConfig(new ConfigReader({}))).toEqual({ directory: 'aws-identity' });
  });

  it('pushes a branch to a git remote, with defaults for the base branch and the author', () => {
    expect(readDeliveryConfig(new ConfigReader({ awsIdentity: { delivery: { type: 'git', remote: 'file:///srv/infra.git' } } }))).toEqual({
      directory: 'aws-identity',
      delivery: {
        type: 'git',
        remote: 'file:///srv/infra.git',
        baseBranch: 'main',
        author: { name: 'aws-identity', email: 'aws-identity@backstage.invalid' },
      },
    });
  });

  it('opens a pull request on a GitHub repository, of github.com or an Enterprise host', () => {
    const read = (repoUrl: string) =>
      readDeliveryConfig(
        new ConfigReader({ awsIdentity: { delivery: { type: 'github', repoUrl, reviewers: ['alice'], teamReviewers: ['platform'] } } }),
      ).delivery;
    expect(read('https://github.com/acme/infra')).toEqual({
      type: 'github',
      repoUrl: 'https://github.com/acme/infra',
      host: 'github.com',
      owner: 'acme',
      repo: 'infra',
      baseBranch: undefined,
      reviewers: ['alice'],
      teamReviewers: ['platform'],
    });
    expect(read('https://ghe.acme.example/platform/iam.git')).toMatchObject({ host: 'ghe.acme.example', owner: 'platform', repo: 'iam' });
  });

  it.each([
    [{ type: 'github', repoUrl: 'git@github.com:acme/infra.git' }, 'awsIdentity.delivery.repoUrl must look like https://github.com/<owner>/<repo>'],
    [{ type: 'github' }, "awsIdentity.delivery.repoUrl"],
    [{ type: 'git' }, "awsIdentity.delivery.remote"],
    [{ type: 'gitlab' }, 'awsIdentity.delivery.type must be github or git, got gitlab'],
  ])('names the key of a bad delivery: %j', (delivery, message) => {
    expect(() => readDeliveryConfig(new ConfigReader({ awsIdentity: { delivery } }))).toThrow(message);
  });
});
