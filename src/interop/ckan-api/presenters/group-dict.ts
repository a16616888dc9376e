import type { Group } from '../../../catalog/types.ts';
import { ckanTime } from '../ckan-time.ts';

/** The organization dict CKAN embeds in a package dict (package_show `organization`). */
export function embeddedOrgDict(g: Group): Record<string, unknown> {
  return {
    id: g.id,
    name: g.name,
    title: g.title,
    type: 'organization',
    description: g.description,
    image_url: g.imageUrl,
    created: ckanTime(g.created),
    is_organization: true,
    approval_status: 'approved',
    state: g.state,
    // CKAN 2.8 and earlier sent it; kept so clients written against them find every key.
    revision_id: null,
  };
}

/** The group dict CKAN embeds in a package dict (package_show `groups[]`). */
export function embeddedGroupDict(g: Group): Record<string, unknown> {
  return {
    id: g.id,
    name: g.name,
    title: g.title,
    display_name: g.title || g.name,
    description: g.description,
    image_display_url: g.imageUrl,
  };
}

/** organization_show / group_show / *_list all_fields dict (without datasets and users). */
export function groupDict(g: Group, packageCount: number): Record<string, unknown> {
  const isOrg = g.kind === 'organization';
  return {
    id: g.id,
    name: g.name,
    title: g.title,
    display_name: g.title || g.name,
    description: g.description,
    image_url: g.imageUrl,
    image_display_url: g.imageUrl,
    created: ckanTime(g.created),
    is_organization: isOrg,
    approval_status: 'approved',
    state: g.state,
    type: isOrg ? 'organization' : 'group',
    package_count: packageCount,
    num_followers: 0,
    // data.gov.tw agency identity (organizations): OID, agency code, parent agency.
    gov_oid: g.govOid,
    org_code: g.orgCode,
    parent_id: g.parentId,
  };
}
