import type {
  Instance as SdkInstance,
  RouteTable as SdkRouteTable,
  SecurityGroup as SdkSecurityGroup,
  Subnet as SdkSubnet,
} from '@aws-sdk/client-ec2';
import type { Instance, RouteTable, SecurityGroup, Subnet } from '../../domain/model/account-view.js';
import { tagsFromList } from '../aws/tags.js';

/** An EC2 instance as the view holds it (DescribeInstances `Instances[]` shape, as the SDK and the CLI return it). */
export function instanceFromSdk(instance: SdkInstance): Instance {
  const out: Instance = {
    instanceId: instance.InstanceId ?? '',
    state: instance.State?.Name ?? 'unknown',
    privateDnsName: instance.PrivateDnsName ?? '',
    securityGroupIds: (instance.SecurityGroups ?? []).flatMap((g) => (g.GroupId === undefined ? [] : [g.GroupId])),
    tags: tagsFromList(instance.Tags),
  };
  if (instance.PrivateIpAddress !== undefined) out.privateIpAddress = instance.PrivateIpAddress;
  if (instance.Placement?.AvailabilityZone !== undefined) out.availabilityZone = instance.Placement.AvailabilityZone;
  if (instance.SubnetId !== undefined && instance.SubnetId !== '') out.subnetId = instance.SubnetId;
  if (instance.VpcId !== undefined && instance.VpcId !== '') out.vpcId = instance.VpcId;
  if (instance.IamInstanceProfile?.Arn !== undefined) out.instanceProfileArn = instance.IamInstanceProfile.Arn;
  const m = instance.MetadataOptions;
  if (m !== undefined) {
    out.metadataOptions = {};
    if (m.HttpEndpoint !== undefined) out.metadataOptions.httpEndpoint = m.HttpEndpoint;
    if (m.HttpTokens !== undefined) out.metadataOptions.httpTokens = m.HttpTokens;
    if (m.HttpPutResponseHopLimit !== undefined) out.metadataOptions.httpPutResponseHopLimit = m.HttpPutResponseHopLimit;
    if (m.State !== undefined) out.metadataOptions.state = m.State;
  }
  return out;
}

export function subnetFromSdk(subnet: SdkSubnet): Subnet {
  const out: Subnet = {
    subnetId: subnet.SubnetId ?? '',
    vpcId: subnet.VpcId ?? '',
    availabilityZone: subnet.AvailabilityZone ?? '',
    tags: tagsFromList(subnet.Tags),
  };
  if (subnet.CidrBlock !== undefined) out.cidrBlock = subnet.CidrBlock;
  if (subnet.OutpostArn !== undefined) out.outpostArn = subnet.OutpostArn;
  return out;
}

export function routeTableFromSdk(table: SdkRouteTable): RouteTable {
  return {
    routeTableId: table.RouteTableId ?? '',
    vpcId: table.VpcId ?? '',
    associations: (table.Associations ?? []).map((a) => ({ ...(a.SubnetId === undefined ? {} : { subnetId: a.SubnetId }), main: a.Main === true })),
    routes: (table.Routes ?? []).map((r) => {
      const route: RouteTable['routes'][number] = {};
      if (r.DestinationCidrBlock !== undefined) route.destinationCidrBlock = r.DestinationCidrBlock;
      if (r.DestinationIpv6CidrBlock !== undefined) route.destinationIpv6CidrBlock = r.DestinationIpv6CidrBlock;
      if (r.GatewayId !== undefined) route.gatewayId = r.GatewayId;
      if (r.NatGatewayId !== undefined) route.natGatewayId = r.NatGatewayId;
      if (r.InstanceId !== undefined) route.instanceId = r.InstanceId;
      if (r.State !== undefined) route.state = r.State;
      return route;
    }),
    tags: tagsFromList(table.Tags),
  };
}

export function securityGroupFromSdk(group: SdkSecurityGroup): SecurityGroup {
  const out: SecurityGroup = { groupId: group.GroupId ?? '', groupName: group.GroupName ?? '', tags: tagsFromList(group.Tags) };
  if (group.VpcId !== undefined) out.vpcId = group.VpcId;
  return out;
}
