import { describe, expect, it } from '@jest/globals';
import { globalEndpointRegion, serviceRequestContext } from '../../../lib/domain/requirements/request-context.js';

const clusterContext = { 'aws:ResourceTag/kubernetes.io/cluster/prod': ['owned'], 'aws:RequestedRegion': ['eu-central-1'] };

describe('serviceRequestContext', () => {
  it('keeps the cluster region for regional services', () => {
    expect(serviceRequestContext(clusterContext, 'elasticloadbalancing')).toEqual(clusterContext);
    expect(serviceRequestContext(clusterContext, 'ecr')).toEqual(clusterContext);
  });

  it('sends IAM requests to the global endpoint region of the partition', () => {
    expect(serviceRequestContext(clusterContext, 'iam')).toEqual({ ...clusterContext, 'aws:RequestedRegion': ['us-east-1'] });
    expect(serviceRequestContext({ 'aws:RequestedRegion': ['cn-northwest-1'] }, 'IAM')).toEqual({ 'aws:RequestedRegion': ['cn-north-1'] });
  });

  it('adds ec2:Region to EC2 requests', () => {
    expect(serviceRequestContext(clusterContext, 'ec2')).toEqual({ ...clusterContext, 'ec2:Region': ['eu-central-1'] });
  });

  it('leaves a context without aws:RequestedRegion as it is, and never changes its input', () => {
    const context = { 'aws:ResourceTag/KubernetesCluster': ['prod'] };
    expect(serviceRequestContext(context, 'iam')).toEqual(context);
    expect(serviceRequestContext(context, 'ec2')).toEqual(context);
    serviceRequestContext(clusterContext, 'iam');
    expect(clusterContext['aws:RequestedRegion']).toEqual(['eu-central-1']);
  });
});

describe('globalEndpointRegion', () => {
  it('is us-east-1, cn-north-1 or us-gov-west-1 by partition', () => {
    expect(globalEndpointRegion('ap-southeast-2')).toBe('us-east-1');
    expect(globalEndpointRegion('cn-north-1')).toBe('cn-north-1');
    expect(globalEndpointRegion('us-gov-east-1')).toBe('us-gov-west-1');
  });
});

