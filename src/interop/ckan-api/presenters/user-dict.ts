import { ckanTime } from '../ckan-time.ts';

/** The user fields ODP keeps. */
export interface UserFacts {
  id: string;
  name: string;
  fullname: string;
  email: string;
  sysadmin: boolean;
  state: string;
  created: string;
}

/** CKAN's user dict; the e-mail only for the user themself and sysadmins (as CKAN). */
export function userDict(u: UserFacts, showEmail: boolean, createdPackages: number): Record<string, unknown> {
  return {
    id: u.id,
    name: u.name,
    fullname: u.fullname,
    display_name: u.fullname || u.name,
    about: '',
    created: ckanTime(u.created),
    state: u.state,
    sysadmin: u.sysadmin,
    image_url: '',
    image_display_url: '',
    email_hash: '',
    number_created_packages: createdPackages,
    activity_streams_email_notifications: false,
    last_active: null,
    ...(showEmail ? { email: u.email } : {}),
  };
}
