import type { Actor } from './actor.ts';
import type { DatasetState } from './types.ts';

/** The facts about a dataset a policy needs. */
export interface DatasetFacts {
  ownerOrg: string | null;
  private: boolean;
  state: DatasetState;
  creatorUserId: string | null;
  harvested: boolean;
}

export type DatasetAction = 'read' | 'update' | 'delete' | 'purge';

const canEditIn = (actor: Actor, orgId: string | null): boolean => {
  if (!orgId) return false;
  const role = actor.roles.get(orgId);
  return role === 'admin' || role === 'editor';
};

/**
 * CKAN's dataset permissions: public active datasets are readable by all; private ones by members of the
 * owner organization; drafts by their creator and the organization's editors; deleted ones by editors.
 * Editors and admins of the owner organization change datasets; only sysadmins purge.
 * Harvested datasets are read-only locally (the harvest source owns them); sysadmins may still remove them.
 */
export function canDataset(actor: Actor, action: DatasetAction, d: DatasetFacts): boolean {
  if (actor.sysadmin) return true;
  switch (action) {
    case 'read':
      if (d.state === 'deleted') return canEditIn(actor, d.ownerOrg);
      if (d.state === 'draft') {
        return (actor.userId !== null && actor.userId === d.creatorUserId) || canEditIn(actor, d.ownerOrg);
      }
      if (!d.private) return true;
      return d.ownerOrg !== null && actor.roles.has(d.ownerOrg);
    case 'update':
    case 'delete':
      return !d.harvested && canEditIn(actor, d.ownerOrg);
    case 'purge':
      return false;
  }
}

/** May the actor create a dataset owned by this organization (null: unowned, sysadmins only)? */
export function canCreateDataset(actor: Actor, ownerOrg: string | null): boolean {
  return actor.sysadmin || canEditIn(actor, ownerOrg);
}

export type OrgAction = 'create' | 'update' | 'delete' | 'manage_members';

/** Organizations: sysadmins create and delete them; organization admins update them and manage members. */
export function canOrganization(actor: Actor, action: OrgAction, orgId: string | null): boolean {
  if (actor.sysadmin) return true;
  if (action === 'create' || action === 'delete' || !orgId) return false;
  return actor.roles.get(orgId) === 'admin';
}
