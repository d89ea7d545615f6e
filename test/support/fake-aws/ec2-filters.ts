type Json = Record<string, unknown>;
type Tag = { Key: string; Value: string };

export interface Filter {
  Name: string;
  Value: string[];
}

const glob = (pattern: string) =>
  new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);

function tags(resource: Json): Tag[] {
  return (resource.Tags as Tag[] | undefined) ?? [];
}

/** Values a DescribeX filter name reads from a resource, following the EC2 API reference's filter names. */
function valuesFor(resource: Json, name: string): string[] {
  if (name.startsWith('tag:')) {
    const key = name.slice(4);
    return tags(resource).filter((t) => t.Key === key).map((t) => t.Value);
  }
  switch (name) {
    case 'tag-key':
      return tags(resource).map((t) => t.Key);
    case 'instance-id':
      return [resource.InstanceId as string];
    case 'instance-state-name':
      return [(resource.State as Json | undefined)?.Name as string];
    case 'iam-instance-profile.arn':
      return [(resource.IamInstanceProfile as Json | undefined)?.Arn as string];
    case 'subnet-id':
      return [resource.SubnetId as string];
    case 'vpc-id':
      return [resource.VpcId as string];
    case 'group-id':
      return [resource.GroupId as string];
    case 'route-table-id':
      return [resource.RouteTableId as string];
    case 'association.subnet-id':
      return ((resource.Associations as Json[] | undefined) ?? []).map((a) => a.SubnetId as string);
    case 'association.main':
      return ((resource.Associations as Json[] | undefined) ?? []).map((a) => String(a.Main));
    case 'availability-zone':
      return [(resource.AvailabilityZone ?? (resource.Placement as Json | undefined)?.AvailabilityZone) as string];
    case 'instance.group-id':
      return ((resource.SecurityGroups as Json[] | undefined) ?? []).map((g) => g.GroupId as string);
    default:
      throw new FilterError(name);
  }
}

export class FilterError extends Error {
  constructor(readonly filterName: string) {
    super(`The filter '${filterName}' is invalid`);
  }
}

/** EC2 semantics: every filter must match (AND); within a filter any value matches (OR); `*` and `?` wildcards. */
export function matchesFilters(resource: Json, filters: Filter[]): boolean {
  return filters.every((f) => {
    const have = valuesFor(resource, f.Name).filter((v) => v !== undefined);
    return f.Value.some((want) => have.some((h) => glob(want).test(h)));
  });
}
