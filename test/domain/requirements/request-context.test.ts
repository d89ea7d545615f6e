import { describe, expect, it } from '@jest/globals';
import { defaultCallWay, globalEndpointRegion, inferCallWay, isAbsentKey, requestContextFor, serviceRequestContext } from '../../../lib/domain/requirements/request-context.js';

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


describe('requestContextFor / isAbsentKey (docs/iam-request-context.md)', () => {
  const facts = { tagKey: 'kubernetes.io/cluster/prod', tagValue: 'owned', region: 'eu-west-1' };
  const tagged = { 'aws:ResourceTag/kubernetes.io/cluster/prod': ['owned'] };

  it('a Describe call names no resource: region keys only, and resource/request tags are certainly absent', () => {
    const way = defaultCallWay('ec2:DescribeInstances');
    const context = requestContextFor('ec2:DescribeInstances', way, facts);
    expect(way).toEqual({ kind: 'no-resource' });
    expect(context).toEqual({ 'aws:RequestedRegion': ['eu-west-1'], 'ec2:Region': ['eu-west-1'] });
    expect(isAbsentKey('ec2:DescribeInstances', way, context, 'aws:ResourceTag/kubernetes.io/cluster/prod')).toBe(true);
    expect(isAbsentKey('ec2:DescribeInstances', way, context, 'aws:RequestTag/x')).toBe(true);
    expect(isAbsentKey('ec2:DescribeInstances', way, context, 'ec2:Vpc')).toBe(true);
    // not modelled: stays "missing context"
    expect(isAbsentKey('ec2:DescribeInstances', way, context, 'aws:SourceIp')).toBe(false);
  });

  it('on an existing resource: the cluster resource tag (and the service alias); other resource tags are unknown', () => {
    const context = requestContextFor('ec2:AuthorizeSecurityGroupIngress', { kind: 'existing' }, facts);
    expect(context).toEqual({ 'aws:RequestedRegion': ['eu-west-1'], 'ec2:Region': ['eu-west-1'], ...tagged, 'ec2:ResourceTag/kubernetes.io/cluster/prod': ['owned'] });
    expect(isAbsentKey('ec2:AuthorizeSecurityGroupIngress', { kind: 'existing' }, context, 'aws:ResourceTag/team')).toBe(false);
    expect(isAbsentKey('ec2:AuthorizeSecurityGroupIngress', { kind: 'existing' }, context, 'aws:RequestTag/team')).toBe(true);
    // a key of another service never reaches EC2
    expect(isAbsentKey('ec2:AuthorizeSecurityGroupIngress', { kind: 'existing' }, context, 'kms:ViaService')).toBe(true);
  });

  it('tag-on-create: request tags, aws:TagKeys and ec2:CreateAction, no resource tag', () => {
    const way = { kind: 'tag-on-create', createAction: 'CreateSecurityGroup' } as const;
    const context = requestContextFor('ec2:CreateTags', way, facts);
    expect(context).toEqual({
      'aws:RequestedRegion': ['eu-west-1'],
      'ec2:Region': ['eu-west-1'],
      'aws:RequestTag/kubernetes.io/cluster/prod': ['owned'],
      'aws:TagKeys': ['kubernetes.io/cluster/prod'],
      'ec2:CreateAction': ['CreateSecurityGroup'],
    });
    expect(isAbsentKey('ec2:CreateTags', way, context, 'aws:ResourceTag/anything')).toBe(true);
  });

  it('iam:CreateServiceLinkedRole carries iam:AWSServiceName of the ELB service, at the global endpoint region', () => {
    const way = defaultCallWay('iam:CreateServiceLinkedRole');
    expect(requestContextFor('iam:CreateServiceLinkedRole', way, facts)).toEqual({
      'aws:RequestedRegion': ['us-east-1'],
      'iam:AWSServiceName': ['elasticloadbalancing.amazonaws.com'],
    });
  });

  it('inferCallWay reads the way back from a context', () => {
    const context = requestContextFor('ec2:CreateTags', { kind: 'tag-on-create', createAction: 'CreateSecurityGroup' }, facts);
    expect(inferCallWay('ec2:CreateTags', context)).toEqual({ kind: 'tag-on-create', createAction: 'CreateSecurityGroup' });
    expect(inferCallWay('ec2:DescribeInstances', {})).toEqual({ kind: 'no-resource' });
    expect(inferCallWay('ec2:DeleteSecurityGroup', tagged)).toEqual({ kind: 'existing' });
  });
});
