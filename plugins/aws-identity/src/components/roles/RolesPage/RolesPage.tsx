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
import { useApi } from '@backstage/frontend-plugin-api';
import { Alert, Button, Container, Flex, Header, Text } from '@backstage/ui';
import {
  RoleListFilter,
  SourceStatus,
} from '@internal/plugin-aws-identity-common';
import { useCallback, useState } from 'react';
import { awsIdentityApiRef } from '../../../api/AwsIdentityApi';
import { usePolled } from '../../requests/usePolled';
import { backendMessage } from '../../shared/presentation/errors';
import { RoleFilters } from '../lib/RoleFilters/RoleFilters';
import { RoleTable } from '../lib/RoleTable/RoleTable';

/** Rows per page; the backend pages. */
const PAGE_SIZE = 50;
/** The roles view changes with inventory syncs, not by the second. */
const REFRESH_MS = 60_000;

function accountIdOf(status: SourceStatus): string {
  return status.source.kind === 'aws-account' ? status.source.accountId : '';
}

/** Accounts whose roles may be missing or old, said per account. */
function AccountProblems(props: { accounts: SourceStatus[] }) {
  const problems = props.accounts.filter(a => a.state !== 'ok');
  if (problems.length === 0) return null;
  return (
    <Alert
      status="warning"
      icon
      data-testid="aws-identity-roles-accounts"
      title="Some accounts could not be read completely"
      description={
        <Flex direction="column" gap="1">
          {problems.map(a => (
            <Text key={accountIdOf(a)} variant="body-small">
              {accountIdOf(a)}:{' '}
              {a.state === 'stale' ? 'data is stale' : 'read failed'}
              {a.error ? ` (${a.error})` : ''}
              {a.lastSuccessAt
                ? `; last good read ${a.lastSuccessAt}`
                : '; never read'}
            </Text>
          ))}
        </Flex>
      }
    />
  );
}

function download(csv: string) {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = 'aws-roles.csv';
  link.click();
  URL.revokeObjectURL(url);
}

/**
 * The roles view for the platform team: every role of every read account with its owner,
 * bindings, last use, trust breadth and findings, filtered and paged by the backend, with a
 * CSV export of everything the filters match.
 *
 * @public
 */
export function RolesView() {
  const api = useApi(awsIdentityApiRef);
  const [filter, setFilter] = useState<RoleListFilter>({});
  const [offset, setOffset] = useState(0);
  const [exportError, setExportError] = useState<Error>();
  const [exporting, setExporting] = useState(false);
  const load = useCallback(
    () => api.listRoles({ ...filter, limit: PAGE_SIZE, offset }),
    [api, filter, offset],
  );
  const { loading, value, error } = usePolled(
    `roles:${JSON.stringify(filter)}:${offset}`,
    load,
    REFRESH_MS,
  );
  const changeFilter = (next: RoleListFilter) => {
    setFilter(next);
    setOffset(0);
  };
  const exportCsv = async () => {
    setExporting(true);
    setExportError(undefined);
    try {
      download(await api.exportRolesCsv(filter));
    } catch (e) {
      setExportError(e instanceof Error ? e : new Error(String(e)));
    } finally {
      setExporting(false);
    }
  };
  const total = value?.totalCount ?? 0;
  const shown = value?.items ?? [];

  return (
    <Flex direction="column" gap="4">
      <RoleFilters
        value={filter}
        accounts={(value?.accounts ?? []).map(accountIdOf).filter(Boolean)}
        onChange={changeFilter}
      />
      {value && <AccountProblems accounts={value.accounts} />}
      {error && (
        <Alert
          status="danger"
          icon
          data-testid="aws-identity-roles-error"
          title="The roles could not be loaded"
          description={backendMessage(error)}
        />
      )}
      {loading && !value && (
        <Text variant="body-small" color="secondary">
          Loading roles…
        </Text>
      )}
      {value && shown.length === 0 && (
        <Text
          variant="body-medium"
          color="secondary"
          data-testid="aws-identity-roles-empty"
        >
          No roles match these filters.
        </Text>
      )}
      {shown.length > 0 && (
        <RoleTable
          roles={shown}
          caption={`Roles ${offset + 1}–${offset + shown.length} of ${total}`}
        />
      )}
      <Flex gap="3" style={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <Button
          variant="secondary"
          isDisabled={offset === 0}
          onPress={() => setOffset(Math.max(0, offset - PAGE_SIZE))}
        >
          Previous page
        </Button>
        <Button
          variant="secondary"
          isDisabled={offset + PAGE_SIZE >= total}
          onPress={() => setOffset(offset + PAGE_SIZE)}
        >
          Next page
        </Button>
        <Button
          variant="secondary"
          isDisabled={exporting || total === 0}
          onPress={exportCsv}
        >
          Export CSV ({total} roles)
        </Button>
      </Flex>
      {exportError && (
        <Alert
          status="danger"
          icon
          title="The export failed"
          description={backendMessage(exportError)}
        />
      )}
    </Flex>
  );
}

/**
 * The "AWS roles" page.
 *
 * @public
 */
export function RolesPage(props: {
  /** Show a page header (legacy apps; the new frontend system adds its own). */
  withHeader?: boolean;
}) {
  return (
    <>
      {props.withHeader && <Header title="AWS roles" />}
      <Container py="4">
        <section aria-label="AWS roles">
          <RolesView />
        </section>
      </Container>
    </>
  );
}

/**
 * The "AWS roles" page with its own header, for legacy apps.
 *
 * @public
 */
export function LegacyRolesPage() {
  return <RolesPage withHeader />;
}
