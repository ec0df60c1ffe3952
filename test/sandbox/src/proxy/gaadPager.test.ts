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
  encodeMarker,
  GaadValidationError,
  parseGaad,
  readPageRequest,
  renderGaadPage,
} from './gaadPager';

const member = (name: string) =>
  `<member><RoleName>${name}</RoleName><AttachedManagedPolicies><member><PolicyName>p</PolicyName></member></AttachedManagedPolicies><Tags/></member>`;

const motoXml = (roles: string[]) =>
  `<GetAccountAuthorizationDetailsResponse><GetAccountAuthorizationDetailsResult><UserDetailList/><GroupDetailList/>` +
  `<RoleDetailList>${roles
    .map(member)
    .join(
      '',
    )}</RoleDetailList><Policies><member><PolicyName>x</PolicyName></member></Policies>` +
  `<IsTruncated>false</IsTruncated></GetAccountAuthorizationDetailsResult></GetAccountAuthorizationDetailsResponse>`;

describe('gaadPager', () => {
  it('splits only top-level members (nested <member> stay inside)', () => {
    const items = parseGaad(motoXml(['a', 'b', 'c']));
    expect(items.UserDetailList).toEqual([]);
    expect(items.RoleDetailList).toHaveLength(3);
    expect(items.RoleDetailList[1]).toContain('<RoleName>b</RoleName>');
    expect(items.Policies).toHaveLength(1);
  });

  it('pages across lists with IsTruncated and an opaque Marker', () => {
    const items = parseGaad(motoXml(['a', 'b', 'c']));
    const first = renderGaadPage(items, { maxItems: 2, offset: 0 }, 'r1');
    expect(first).toContain('<IsTruncated>true</IsTruncated>');
    expect(first).toContain(`<Marker>${encodeMarker(2)}</Marker>`);
    expect(first).toContain('<Policies/>');
    const params = new URLSearchParams({
      MaxItems: '2',
      Marker: encodeMarker(2),
    });
    const second = renderGaadPage(items, readPageRequest(params, 100), 'r2');
    expect(second).toContain('<RoleName>c</RoleName>');
    expect(second).toContain('<PolicyName>x</PolicyName>');
    expect(second).toContain('<IsTruncated>false</IsTruncated>');
    expect(second).not.toContain('<Marker>');
  });

  it('defaults MaxItems like IAM (100) and validates input', () => {
    expect(readPageRequest(new URLSearchParams(), 100)).toEqual({
      maxItems: 100,
      offset: 0,
    });
    expect(() =>
      readPageRequest(new URLSearchParams({ MaxItems: '0' }), 100),
    ).toThrow(GaadValidationError);
    expect(() =>
      readPageRequest(new URLSearchParams({ MaxItems: '1001' }), 100),
    ).toThrow(GaadValidationError);
    expect(() =>
      readPageRequest(new URLSearchParams({ Marker: 'bogus' }), 100),
    ).toThrow(GaadValidationError);
  });
});
