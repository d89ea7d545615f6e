import { describe, expect, it } from '@jest/globals';
import { publishReport } from '../../../bin/commands/publish-report.js';
import { configSchema } from '../../../lib/domain/config/schema.js';
import { FakePublisher } from '../../support/fake-delivery.js';
import { aMixedReport, aReport } from '../../support/findings.js';

const TOPIC = 'arn:aws:sns:us-west-1:123456789012:kube-aws-audit';
const config = (alerts: Record<string, unknown>) =>
  configSchema.parse({ clusters: [{ name: 'prod', region: 'us-west-1', roles: { worker: 'arn:aws:iam::123456789012:role/w' } }], alerts });

describe('publishReport (audit --publish)', () => {
  it('publishes every finding at or above minSeverity in mode all, since the CLI keeps no previous report', async () => {
    // Arrange
    const publisher = new FakePublisher();

    // Act
    const line = await publishReport(aMixedReport(), config({ topicArn: TOPIC, minSeverity: 'low', mode: 'changes' }), publisher);

    // Assert
    expect(publisher.published).toHaveLength(1);
    expect(publisher.published[0]?.topicArn).toBe(TOPIC);
    expect(line).toBe(`published ${publisher.messages().length} message(s) to ${TOPIC}`);
  });

  it('publishes nothing and says why when no finding reaches minSeverity', async () => {
    // Arrange
    const publisher = new FakePublisher();

    // Act
    const line = await publishReport(aReport(), config({ topicArn: TOPIC }), publisher);

    // Assert
    expect(publisher.published).toEqual([]);
    expect(line).toMatch(/^nothing published \(/);
  });

  it('lets a publishing failure through (the CLI reports it on one line)', async () => {
    const publisher = new FakePublisher(new Error('AuthorizationError: not allowed to publish'));

    await expect(publishReport(aMixedReport(), config({ topicArn: TOPIC, minSeverity: 'info' }), publisher)).rejects.toThrow('AuthorizationError');
  });
});
