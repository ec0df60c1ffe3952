import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  brokenResponse,
  notConfiguredResponse,
  riskyResponse,
  verifiedResponse,
} from '../../../__testUtils__/responses';
import {
  entityWith,
  mockApi,
  renderForResponse,
  renderWithEntity,
  responseError,
} from '../../../__testUtils__/testApi';
import { roleRequest } from '../../../__testUtils__/requests';
import { AwsIdentityContent } from './AwsIdentityContent';

function section(key: string) {
  return screen.getByTestId(`aws-identity-sa-${key}`);
}

function findingIds(container: HTMLElement): string[] {
  return within(container)
    .queryAllByTestId('aws-identity-finding-id')
    .map(e => e.textContent ?? '');
}

describe('AwsIdentityContent', () => {
  it('shows a verified service account per cluster with its role and permissions', async () => {
    const api = renderForResponse(<AwsIdentityContent />, verifiedResponse);

    await screen.findByText('2 service accounts: 2 verified.');
    expect(api.getEntityIdentity).toHaveBeenCalledWith(
      'component:default/reports',
    );
    const east = section('sandbox-east/reports/reports');
    expect(east).toHaveAttribute('data-verdict', 'verified');
    expect(
      within(east).getByRole('heading', {
        name: /reports\/reports on sandbox-east/,
      }),
    ).toBeInTheDocument();
    expect(
      within(east).getByText(/Your pods get their AWS role/),
    ).toBeInTheDocument();
    expect(
      within(east).getByText('arn:aws:iam::111111111111:role/reports-s3-list'),
    ).toBeInTheDocument();
    expect(
      within(east).getByRole('button', {
        name: /Copy role ARN arn:aws:iam::111111111111:role\/reports-s3-list/,
      }),
    ).toBeInTheDocument();
    expect(
      within(east).getByRole('link', {
        name: /Open in the AWS console \(account 111111111111\)/,
      }),
    ).toHaveAttribute(
      'href',
      'https://console.aws.amazon.com/iam/home#/roles/details/reports-s3-list',
    );
    expect(
      within(east).getByText(/Allowed: reports\/reports can assume this role/),
    ).toBeInTheDocument();
    expect(
      within(east).getByText(/no other service account, namespace or audience/),
    ).toBeInTheDocument();
    expect(
      within(east).getByRole('grid', {
        name: /Permissions of arn:aws:iam::111111111111:role\/reports-s3-list/,
      }),
    ).toBeInTheDocument();
    expect(findingIds(east)).toEqual([]);
    expect(section('sandbox-west/reports/reports')).toHaveAttribute(
      'data-verdict',
      'verified',
    );
  });

  it('says when the role was last used, or that IAM saw no use', async () => {
    const [east, west] = verifiedResponse.serviceAccounts;
    const response = {
      ...verifiedResponse,
      serviceAccounts: [
        {
          ...east,
          roles: east.roles.map(r => ({
            ...r,
            lastUsed: { at: '2026-11-20T08:00:00.000Z', region: 'us-east-1' },
          })),
        },
        west,
      ],
    };
    renderForResponse(<AwsIdentityContent />, response);

    await screen.findByText('2 service accounts: 2 verified.');
    expect(
      within(section('sandbox-east/reports/reports')).getByText(
        'Last used 2026-11-20 in us-east-1',
      ),
    ).toBeInTheDocument();
    expect(
      within(section('sandbox-west/reports/reports')).getByText(
        /Not used in the last 400 days/,
      ),
    ).toBeInTheDocument();
  });

  it('shows a broken binding with the missing role and a Terraform fix', async () => {
    renderForResponse(<AwsIdentityContent />, brokenResponse);

    const sa = await screen.findByTestId(
      'aws-identity-sa-sandbox-east/mc-role-missing/notifier',
    );
    expect(sa).toHaveAttribute('data-verdict', 'broken');
    expect(
      within(sa).getByText(/cannot get their AWS role/),
    ).toBeInTheDocument();
    expect(findingIds(sa)).toEqual(['IRSA-B02']);
    expect(within(sa).getAllByText(/does not exist/).length).toBeGreaterThan(0);
    expect(
      within(sa).getByRole('region', { name: 'Terraform for IRSA-B02' }),
    ).toBeInTheDocument();
  });

  it('explains a pasted STS error for the service account', async () => {
    renderForResponse(<AwsIdentityContent />, brokenResponse);
    const sa = await screen.findByTestId(
      'aws-identity-sa-sandbox-east/mc-role-missing/notifier',
    );
    await userEvent.click(within(sa).getByText('Why is my pod denied?'));
    await userEvent.type(
      within(sa).getByLabelText(/Paste the error your pod logged/),
      'AccessDenied: Not authorized to perform sts:AssumeRoleWithWebIdentity',
    );
    const answer = within(sa).getByRole('status');
    expect(answer).toHaveTextContent(/^AccessDenied: STS validated the token/);
    expect(answer).toHaveTextContent(
      'Role arn:aws:iam::111111111111:role/mc-role-does-not-exist does not exist.',
    );
  });

  it('shows a risky trust with the deciding statement, who else it admits and a trust-policy fix', async () => {
    renderForResponse(<AwsIdentityContent />, riskyResponse);

    const sa = await screen.findByTestId(
      'aws-identity-sa-sandbox-east/mc-missing-sub/report-generator',
    );
    expect(sa).toHaveAttribute('data-verdict', 'risky');
    expect(findingIds(sa)).toEqual(['IRSA-T01']);
    expect(
      within(sa).getByRole('heading', { name: 'Critical (1)' }),
    ).toBeInTheDocument();
    expect(within(sa).getByText('Deciding statement')).toBeInTheDocument();
    expect(
      within(sa).getByText(
        /IRSA-T01: Statement 0 trusts .* without any sub condition/,
      ),
    ).toBeInTheDocument();
    const json = within(sa).getByRole('region', {
      name: 'Trust policy JSON for IRSA-T01',
    });
    expect(json.textContent).toContain(
      '"oidc.eks.us-east-1.amazonaws.com/id/vZoctesPFj:sub": "system:serviceaccount:mc-missing-sub:report-generator"',
    );
  });

  it('shows a service account without a binding as not configured, with static keys and binding snippets', async () => {
    renderForResponse(<AwsIdentityContent />, notConfiguredResponse);

    const sa = await screen.findByTestId(
      'aws-identity-sa-sandbox-east/edgedelta-env-keys/edgedelta',
    );
    expect(sa).toHaveAttribute('data-verdict', 'not-configured');
    expect(within(sa).getByText(/No AWS role is bound/)).toBeInTheDocument();
    expect(findingIds(sa)).toEqual(['IRSA-B05', 'IRSA-B07']);
    expect(
      within(sa).getByText(/4 pod\(s\) have AWS_ACCESS_KEY_ID/),
    ).toBeInTheDocument();
    expect(
      within(sa).getByRole('link', { name: 'Request an AWS role' }),
    ).toHaveAttribute(
      'href',
      '/create/templates/default/new-service-with-s3-access',
    );
    expect(
      within(sa).getByRole('region', { name: 'Helm values: bind a role' })
        .textContent,
    ).toContain('eks.amazonaws.com/role-arn');
  });

  it('shows the expected identity when the component is not deployed yet', async () => {
    const entity = entityWith('payments', {
      'aws-identity.io/service-account': 'payments/api',
      'aws-identity.io/role-arn': 'arn:aws:iam::111111111111:role/payments-api',
    });
    renderWithEntity(
      <AwsIdentityContent />,
      entity,
      mockApi({
        entityRef: 'component:default/payments',
        selector: {},
        serviceAccounts: [],
        sources: [],
      }),
    );

    const empty = await screen.findByTestId('aws-identity-not-deployed');
    expect(within(empty).getByText('Not deployed yet')).toBeInTheDocument();
    expect(within(empty).getByText('payments/api')).toBeInTheDocument();
    expect(
      within(empty).getByText('arn:aws:iam::111111111111:role/payments-api'),
    ).toBeInTheDocument();
    expect(
      within(empty).getByRole('link', { name: 'Request an AWS role' }),
    ).toBeInTheDocument();
  });

  it('says no AWS access is needed when the entity declares so', async () => {
    const entity = entityWith('static-site', {
      'aws-identity.io/aws-access': 'none',
    });
    renderWithEntity(
      <AwsIdentityContent />,
      entity,
      mockApi({
        entityRef: 'component:default/static-site',
        selector: {},
        serviceAccounts: [],
        sources: [],
      }),
    );
    expect(await screen.findByText('No AWS access needed')).toBeInTheDocument();
  });

  it('explains permission denied', async () => {
    const error = await responseError(
      403,
      'Missing permission aws-identity.identity.read',
    );
    renderWithEntity(
      <AwsIdentityContent />,
      entityWith('reports'),
      mockApi(error),
    );

    const alert = await screen.findByTestId('aws-identity-permission-denied');
    expect(alert).toHaveTextContent('You do not have permission');
    expect(alert).toHaveTextContent(
      'Missing permission aws-identity.identity.read',
    );
  });

  it('shows loading while the backend answers', async () => {
    renderWithEntity(
      <AwsIdentityContent />,
      entityWith('reports'),
      mockApi(new Promise<never>(() => {})),
    );
    expect(await screen.findByRole('status')).toHaveTextContent(
      'Loading the AWS identity',
    );
  });

  it('shows other errors with the server message and retries', async () => {
    const api = mockApi(await responseError(500, 'index not ready'));
    renderWithEntity(<AwsIdentityContent />, entityWith('reports'), api);

    const alert = await screen.findByTestId('aws-identity-error');
    expect(alert).toHaveTextContent('index not ready');
    api.getEntityIdentity.mockResolvedValueOnce(verifiedResponse);
    await userEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    await screen.findByText('2 service accounts: 2 verified.');
  });

  it('shows a failed and a stale source with the error', async () => {
    const response = {
      ...verifiedResponse,
      sources: [
        {
          source: { kind: 'aws-account' as const, accountId: '222222222222' },
          state: 'error' as const,
          error:
            'AccessDenied: not authorized to perform iam:GetAccountAuthorizationDetails',
          lastSuccessAt: '2026-11-23T10:00:00Z',
        },
        {
          source: { kind: 'cluster' as const, cluster: 'sandbox-west' },
          state: 'stale' as const,
          lastSuccessAt: '2026-11-23T09:00:00Z',
        },
        {
          source: { kind: 'cluster' as const, cluster: 'sandbox-east' },
          state: 'ok' as const,
          lastSuccessAt: '2026-11-23T15:00:00Z',
        },
      ],
    };
    renderForResponse(<AwsIdentityContent />, response);

    const problems = await screen.findAllByTestId(
      'aws-identity-source-problem',
    );
    expect(problems).toHaveLength(2);
    expect(problems[0]).toHaveTextContent(
      'AWS account 222222222222: cannot be read',
    );
    expect(problems[0]).toHaveTextContent('AccessDenied: not authorized');
    expect(problems[1]).toHaveTextContent('Cluster sandbox-west: stale');
    expect(screen.getByText(/1 of 3 sources up to date/)).toBeInTheDocument();
  });

  it('lists pending requests with pull request links', async () => {
    renderForResponse(<AwsIdentityContent />, verifiedResponse, [
      roleRequest({
        id: 'r1',
        state: 'pr-open',
        delivery: {
          kind: 'github-pull-request',
          branch: 'aws-identity/r1',
          url: 'https://github.com/acme/infra/pull/7',
          number: 7,
        },
      }),
    ]);
    const region = await screen.findByRole('region', {
      name: 'Pending requests',
    });
    expect(region).toHaveTextContent('pr-open');
    expect(region).toHaveTextContent(
      'arn:aws:iam::111122223333:role/payments-reader',
    );
    expect(region).toHaveTextContent('user:default/dev');
    expect(
      within(region).getByRole('link', { name: 'Pull request #7' }),
    ).toHaveAttribute('href', 'https://github.com/acme/infra/pull/7');
  });

  it('copies a role ARN', async () => {
    const writeText = jest.fn(async () => {});
    Object.assign(navigator, { clipboard: { writeText } });
    renderForResponse(<AwsIdentityContent />, brokenResponse);
    const button = await screen.findByRole('button', { name: /Copy role ARN/ });
    await userEvent.click(button);
    await waitFor(() =>
      expect(writeText).toHaveBeenCalledWith(
        'arn:aws:iam::111111111111:role/mc-role-does-not-exist',
      ),
    );
    expect(button).toHaveTextContent('Copied');
  });
});
