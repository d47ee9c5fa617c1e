import { isInClusterHost } from '../../../../../src/compliance/controls/mesh/private/hosts';

describe('isInClusterHost', () => {
  test.each(['reviews', '*', 'reviews.team.svc.cluster.local', '*.svc.cluster.local', '*.local', 'Ledger.Payments.SVC.Cluster.Local.'])('%s is in the cluster', host => {
    expect(isInClusterHost(host)).toBe(true);
  });

  test.each(['api.stripe.com', '*.example.com', 'reviews.team', '', undefined])('%s is not', host => {
    expect(isInClusterHost(host)).toBe(false);
  });
});
