import { describe, expect, it } from '@jest/globals';
import { TtyProgress } from '../../bin/progress.js';

function terminal() {
  let text = '';
  return { out: { write: (t: string) => ((text += t), true), isTTY: true, columns: 200 }, text: () => text };
}

// Issue 12 (progress people can read): per cluster and operation the pages, simulations done out of planned,
// retries and throttling, and the time left.
describe('TtyProgress', () => {
  it('shows per active cluster the pages per operation and the simulations done out of planned, with retries, throttling and the time left', () => {
    let now = 0;
    const t = terminal();
    const progress = new TtyProgress(t.out, 'kube-aws-audit', () => now);
    progress.stage({ cluster: 'prod-east', stage: 'collect' });
    progress.callDone({ cluster: 'prod-east', operation: 'ec2:DescribeInstances', attempts: 1 });
    progress.callDone({ cluster: 'prod-east', operation: 'ec2:DescribeInstances', attempts: 3 });
    progress.callFailed({ cluster: 'prod-east', operation: 'ec2:DescribeSubnets', attempts: 6, throttled: true });
    progress.stage({ cluster: 'prod-east', stage: 'evaluate' });
    progress.planned({ cluster: 'prod-east', operation: 'iam:SimulatePrincipalPolicy', count: 6 });
    now = 1000;
    progress.callDone({ cluster: 'prod-east', operation: 'iam:SimulatePrincipalPolicy', attempts: 1 });
    now = 3000;
    progress.callDone({ cluster: 'prod-east', operation: 'iam:SimulatePrincipalPolicy', attempts: 1 });
    expect(progress.statusLine()).toBe('kube-aws-audit: 3s, about 8s left | retries 7, throttled 1 | prod-east evaluating (instances 2, simulations 2/6)');
    expect(t.text()).toContain('kube-aws-audit: prod-east: collecting\n');
    expect(t.text()).toContain('kube-aws-audit: prod-east: evaluating\n');
    expect(t.text()).toContain('\r\x1b[2Kkube-aws-audit: ');
  });

  it('draws nothing but the stage lines until an AWS call (a snapshot audit)', () => {
    const t = terminal();
    const progress = new TtyProgress(t.out, 'kube-aws-audit', () => 0);
    progress.stage({ cluster: 'a', stage: 'collect' });
    progress.stage({ cluster: 'a', stage: 'evaluate' });
    progress.finish();
    expect(t.text()).toBe('kube-aws-audit: a: collecting\nkube-aws-audit: a: evaluating\n');
  });

  it('clears its status line before a stage line and when finished, and leaves finished clusters out', () => {
    const t = terminal();
    let now = 0;
    const progress = new TtyProgress(t.out, 'kube-aws-audit', () => now);
    progress.stage({ cluster: 'a', stage: 'collect' });
    now = 500;
    progress.callDone({ cluster: 'a', operation: 'sts:GetCallerIdentity', attempts: 1 });
    progress.stage({ cluster: 'a', stage: 'report' });
    progress.stage({ cluster: 'b', stage: 'collect' });
    expect(progress.statusLine()).toBe('kube-aws-audit: 1s | b collecting');
    progress.finish();
    expect(t.text().endsWith('\r\x1b[2K')).toBe(true);
    expect(t.text()).toContain('\r\x1b[2Kkube-aws-audit: a: reporting\n');
  });
});
