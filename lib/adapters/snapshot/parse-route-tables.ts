import * as z from 'zod';
import type { Route, RouteTable, RouteTableAssociation } from '../../domain/model/account-view.js';
import { awsTagsSchema, definedOnly, uniqueBy } from './aws-cli-fields.js';
import type { SnapshotFile } from './snapshot-files.js';
import { validatePages } from './validate-snapshot-json.js';

const associationSchema = z.looseObject({ SubnetId: z.string().optional(), Main: z.boolean().optional() });

const routeSchema = z.looseObject({
  DestinationCidrBlock: z.string().optional(),
  DestinationIpv6CidrBlock: z.string().optional(),
  GatewayId: z.string().optional(),
  NatGatewayId: z.string().optional(),
  InstanceId: z.string().optional(),
  State: z.string().optional(),
});

const routeTableSchema = z.looseObject({
  RouteTableId: z.string(),
  VpcId: z.string(),
  Associations: z.array(associationSchema).optional(),
  Routes: z.array(routeSchema).optional(),
  Tags: awsTagsSchema,
});

const pageSchema = z.looseObject({ RouteTables: z.array(routeTableSchema) });

/**
 * Parses `ec2-describe-route-tables.json` (`aws ec2 describe-route-tables --output json`). Associations that are
 * neither a subnet association nor the main one (edge associations with a GatewayId) are left out: they do not
 * decide which table a subnet uses.
 *
 * @throws SnapshotError naming the file and JSON path of a wrong shape
 */
export function parseRouteTables(file: SnapshotFile): RouteTable[] {
  const pages = validatePages(pageSchema, file, { pageKeys: ['RouteTables'], requiredKey: 'RouteTables' });
  return uniqueBy(
    pages.flatMap((page) => page.RouteTables),
    (table) => table.RouteTableId,
  ).map(
    (raw): RouteTable => ({
      routeTableId: raw.RouteTableId,
      vpcId: raw.VpcId,
      associations: (raw.Associations ?? [])
        .filter((association) => association.SubnetId !== undefined || association.Main === true)
        .map((association): RouteTableAssociation => ({ ...definedOnly('subnetId', association.SubnetId), main: association.Main === true })),
      routes: (raw.Routes ?? []).map(
        (route): Route => ({
          ...definedOnly('destinationCidrBlock', route.DestinationCidrBlock),
          ...definedOnly('destinationIpv6CidrBlock', route.DestinationIpv6CidrBlock),
          ...definedOnly('gatewayId', route.GatewayId),
          ...definedOnly('natGatewayId', route.NatGatewayId),
          ...definedOnly('instanceId', route.InstanceId),
          ...definedOnly('state', route.State),
        }),
      ),
      tags: raw.Tags,
    }),
  );
}
