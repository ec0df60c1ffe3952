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
  parseRoleRequestEnvelope,
  validateIacFormat,
  validateIdempotencyKey,
  validateRepoUrl,
  validateRequestedBy,
} from './requestEnvelope';

describe('parseRoleRequestEnvelope', () => {
  const request = { entityRef: 'component:default/payments' };

  it('accepts the smallest envelope and keeps absent fields absent', () => {
    expect(parseRoleRequestEnvelope({ idempotencyKey: 'task-1:request', request })).toEqual({
      ok: true,
      value: { idempotencyKey: 'task-1:request', request },
    });
  });

  it('accepts every optional field', () => {
    const body = {
      idempotencyKey: 'k',
      request,
      format: 'crossplane',
      repoUrl: 'file:///srv/git/payments.git',
      requestedBy: 'user:default/jane',
    };
    expect(parseRoleRequestEnvelope(body)).toEqual({ ok: true, value: body });
  });

  it.each([
    ['body', 'not an object'],
    ['body', ['an', 'array']],
    ['body', null],
    ['idempotencyKey', { request }],
    ['idempotencyKey', { idempotencyKey: 'a b', request }],
    ['idempotencyKey', { idempotencyKey: 'k'.repeat(201), request }],
    ['request', { idempotencyKey: 'k' }],
    ['request', { idempotencyKey: 'k', request: [request] }],
    ['format', { idempotencyKey: 'k', request, format: 'pulumi' }],
    ['repoUrl', { idempotencyKey: 'k', request, repoUrl: 'https://x/"}' }],
    ['requestedBy', { idempotencyKey: 'k', request, requestedBy: 'group:default/x' }],
  ])('names %s for %j', (field, body) => {
    expect(parseRoleRequestEnvelope(body)).toMatchObject({ ok: false, field });
  });

  it('names the kind of a migration request, and refuses an unknown kind naming the field', () => {
    expect(parseRoleRequestEnvelope({ kind: 'migration', idempotencyKey: 'k', request })).toEqual({
      ok: true,
      value: { kind: 'migration', idempotencyKey: 'k', request },
    });
    expect(parseRoleRequestEnvelope({ kind: 'rotation', idempotencyKey: 'k', request })).toEqual({
      ok: false,
      field: 'kind',
      error: '"rotation" must be one of role, migration',
    });
  });
});

describe('envelope field checks', () => {
  it('takes idempotency keys of the scaffolder form <task id>:<step id>', () => {
    expect(validateIdempotencyKey('0b6f2c1e-9d1a-4c51-8a7e-2f3b4c5d6e7f:request')).toEqual({
      ok: true,
      value: '0b6f2c1e-9d1a-4c51-8a7e-2f3b4c5d6e7f:request',
    });
    expect(validateIdempotencyKey('')).toEqual({ ok: false, error: '1–200 characters of letters, digits and ._:/@-' });
    expect(validateIdempotencyKey('k\n')).toMatchObject({ ok: false });
  });

  it('takes repository URLs of any scheme, but nothing that breaks out of Markdown or YAML', () => {
    expect(validateRepoUrl('https://github.com/acme/infra')).toMatchObject({ ok: true });
    expect(validateRepoUrl('file:///srv/git/reports-api.git')).toMatchObject({ ok: true });
    for (const bad of ['github.com/acme/infra', 'https://x/a b', 'https://x/`rm`', 'https://x/{{x}}', 42]) {
      expect(validateRepoUrl(bad)).toEqual({ ok: false, error: 'must be a URL without whitespace, quotes or braces' });
    }
  });

  it('takes only user entity refs as requestedBy', () => {
    expect(validateRequestedBy('user:default/jane')).toMatchObject({ ok: true });
    expect(validateRequestedBy('jane')).toMatchObject({ ok: false });
    expect(validateRequestedBy('user:default/jane\nadmin')).toMatchObject({ ok: false });
  });

  it('names the formats a rejected one may be', () => {
    expect(validateIacFormat('ack')).toEqual({ ok: true, value: 'ack' });
    expect(validateIacFormat('pulumi')).toEqual({
      ok: false,
      error: '"pulumi" must be one of terraform, ack, crossplane, eksctl',
    });
  });
});
