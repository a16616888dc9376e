import type { License } from './types.ts';

const open = (id: string, title: string, url = ''): License => ({
  id,
  title,
  url,
  odConformance: 'approved',
  osdConformance: 'not reviewed',
  isOpen: true,
});
const closed = (id: string, title: string, url = ''): License => ({
  id,
  title,
  url,
  odConformance: 'not reviewed',
  osdConformance: 'not reviewed',
  isOpen: false,
});

/** The default license of Taiwan government open data. */
export const DEFAULT_LICENSE_ID = 'gov-tw-1.0';

/** Taiwan's licenses first, then CKAN's default list (ckan/model/license.py), ids as CKAN uses them. */
export const LICENSES: readonly License[] = [
  open(DEFAULT_LICENSE_ID, '政府資料開放授權條款-第1版', 'https://data.gov.tw/license'),
  open(
    'cc-by-4.0',
    'Creative Commons Attribution 4.0 (CC BY 4.0)',
    'https://creativecommons.org/licenses/by/4.0/',
  ),
  open(
    'cc-by-sa-4.0',
    'Creative Commons Attribution-ShareAlike 4.0 (CC BY-SA 4.0)',
    'https://creativecommons.org/licenses/by-sa/4.0/',
  ),
  closed('notspecified', 'License not specified'),
  open(
    'odc-pddl',
    'Open Data Commons Public Domain Dedication and License (PDDL)',
    'http://www.opendefinition.org/licenses/odc-pddl',
  ),
  open(
    'odc-odbl',
    'Open Data Commons Open Database License (ODbL)',
    'http://www.opendefinition.org/licenses/odc-odbl',
  ),
  open('odc-by', 'Open Data Commons Attribution License', 'http://www.opendefinition.org/licenses/odc-by'),
  open('cc-zero', 'Creative Commons CCZero', 'http://www.opendefinition.org/licenses/cc-zero'),
  open('cc-by', 'Creative Commons Attribution', 'http://www.opendefinition.org/licenses/cc-by'),
  open(
    'cc-by-sa',
    'Creative Commons Attribution Share-Alike',
    'http://www.opendefinition.org/licenses/cc-by-sa',
  ),
  open('gfdl', 'GNU Free Documentation License', 'http://www.opendefinition.org/licenses/gfdl'),
  open('other-open', 'Other (Open)'),
  open('other-pd', 'Other (Public Domain)'),
  open('other-at', 'Other (Attribution)'),
  open(
    'uk-ogl',
    'UK Open Government Licence (OGL)',
    'http://reference.data.gov.uk/id/open-government-licence',
  ),
  closed('cc-nc', 'Creative Commons Non-Commercial (Any)', 'http://creativecommons.org/licenses/by-nc/2.0/'),
  closed('other-nc', 'Other (Non-Commercial)'),
  closed('other-closed', 'Other (Not Open)'),
];

/** Looks a license up by id; also accepts the Chinese title as agencies write it (full-width dash too). */
export function findLicense(idOrTitle: string): License | undefined {
  const key = idOrTitle.trim().replace(/[－—–]/g, '-');
  return LICENSES.find((l) => l.id === key || l.title === key);
}
