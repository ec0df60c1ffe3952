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
 * Pagination for IAM `GetAccountAuthorizationDetails`, which moto does not paginate (it ignores
 * `MaxItems`/`Marker` and always answers `IsTruncated=false`). The proxy fetches the full answer
 * from moto and cuts pages itself with real IAM semantics: `MaxItems` (default 100, 1–1000)
 * counts items across the four lists in document order, and an opaque `Marker` is returned
 * with `IsTruncated=true` while items remain.
 */

/** The four GAAD lists, in the order IAM returns them. */
export const gaadLists = [
  'UserDetailList',
  'GroupDetailList',
  'RoleDetailList',
  'Policies',
] as const;

type GaadList = (typeof gaadLists)[number];

/** Members of each list as raw XML fragments (`<member>…</member>`). */
export type GaadItems = Record<GaadList, string[]>;

/** Extracts the direct `<member>` children of each GAAD list from moto's XML. */
export function parseGaad(xml: string): GaadItems {
  const items = {} as GaadItems;
  for (const list of gaadLists) {
    items[list] = [];
    if (new RegExp(`<${list}\\s*/>`).test(xml)) continue;
    const open = xml.indexOf(`<${list}>`);
    const close = xml.indexOf(`</${list}>`, open);
    if (open < 0 || close < 0) continue;
    const inner = xml.slice(open + list.length + 2, close);
    // Depth-aware split: members contain nested <member> elements (attached policies, tags...).
    const tag = /<(\/?)member(\s*\/)?>/g;
    let depth = 0;
    let start = -1;
    for (let m = tag.exec(inner); m; m = tag.exec(inner)) {
      if (m[2]) continue; // <member/>: empty nested element
      if (m[1] === '') {
        if (depth === 0) start = m.index;
        depth++;
      } else {
        depth--;
        if (depth === 0)
          items[list].push(inner.slice(start, m.index + m[0].length));
      }
    }
  }
  return items;
}

/** Parsed pagination input; `marker` is the offset decoded from an opaque IAM marker. */
export interface GaadPageRequest {
  maxItems: number;
  offset: number;
}

/** Thrown for a bad `MaxItems` or `Marker`; maps to IAM's `ValidationError`. */
export class GaadValidationError extends Error {}

const markerPrefix = 'sandbox-gaad:';

/** Encodes an offset as an opaque marker string. */
export function encodeMarker(offset: number): string {
  return Buffer.from(`${markerPrefix}${offset}`).toString('base64');
}

/** Reads `MaxItems` and `Marker` from the form parameters. */
export function readPageRequest(
  params: URLSearchParams,
  defaultPageSize: number,
): GaadPageRequest {
  const rawMax = params.get('MaxItems');
  const maxItems = rawMax === null ? defaultPageSize : Number(rawMax);
  if (!Number.isInteger(maxItems) || maxItems < 1 || maxItems > 1000) {
    throw new GaadValidationError(
      `1 validation error detected: Value '${rawMax}' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and 1000`,
    );
  }
  const marker = params.get('Marker');
  if (marker === null) return { maxItems, offset: 0 };
  const decoded = Buffer.from(marker, 'base64').toString('utf8');
  const offset = Number(decoded.slice(markerPrefix.length));
  if (
    !decoded.startsWith(markerPrefix) ||
    !Number.isInteger(offset) ||
    offset < 0
  ) {
    throw new GaadValidationError('Invalid Marker');
  }
  return { maxItems, offset };
}

/** Renders one page of a GAAD response. */
export function renderGaadPage(
  items: GaadItems,
  page: GaadPageRequest,
  requestId: string,
): string {
  const flat: { list: GaadList; xml: string }[] = [];
  for (const list of gaadLists)
    for (const xml of items[list]) flat.push({ list, xml });
  const slice = flat.slice(page.offset, page.offset + page.maxItems);
  const next = page.offset + slice.length;
  const truncated = next < flat.length;
  const lists = gaadLists
    .map(list => {
      const members = slice.filter(i => i.list === list).map(i => i.xml);
      return members.length === 0
        ? `<${list}/>`
        : `<${list}>${members.join('')}</${list}>`;
    })
    .join('');
  return [
    `<GetAccountAuthorizationDetailsResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">`,
    `<GetAccountAuthorizationDetailsResult>${lists}<IsTruncated>${truncated}</IsTruncated>`,
    truncated ? `<Marker>${encodeMarker(next)}</Marker>` : '',
    `</GetAccountAuthorizationDetailsResult><ResponseMetadata><RequestId>${requestId}</RequestId>`,
    `</ResponseMetadata></GetAccountAuthorizationDetailsResponse>`,
  ].join('');
}
