import { listPublicTags } from '../../../catalog/dataset-rows.ts';
import { LICENSES } from '../../../catalog/licenses.ts';
import type { ActionTable } from '../action-types.ts';
import { optBool, optString } from '../params.ts';
import { tagId } from '../presenters/package-dict.ts';

/** The CKAN version whose Action API ODP answers like (clients branch on it). */
export const CKAN_COMPAT_VERSION = '2.10.4';

/** status_show, tag_list, license_list. */
export const siteActions: ActionTable = {
  status_show: {
    sideEffectFree: true,
    doc: 'Return a dictionary with information about the site: site_url, ckan_version (the CKAN version ODP is compatible with), odp_version, extensions.',
    run: async ({ ctx }) => ({
      site_title: 'ODP',
      site_description: 'Open government data platform',
      site_url: ctx.config.baseUrl,
      ckan_version: CKAN_COMPAT_VERSION,
      odp_version: '0.1.0',
      error_emails_to: null,
      locale_default: 'zh_Hant_TW',
      extensions: ['datastore', 'activity'],
    }),
  },
  tag_list: {
    sideEffectFree: true,
    doc: 'Return the tags of public datasets.\n\n:param query: only tags containing this text (optional)\n:param all_fields: return tag dicts (optional)',
    run: async ({ ctx, data }) => {
      const tags = await listPublicTags(ctx.db.kysely, optString(data, 'query') ?? optString(data, 'q'));
      return optBool(data, 'all_fields')
        ? tags.map((name) => ({ id: tagId(name), name, display_name: name, vocabulary_id: null }))
        : tags;
    },
  },
  license_list: {
    sideEffectFree: true,
    doc: "Return the licenses datasets may use (Taiwan's Open Government Data License first).",
    run: async () =>
      LICENSES.map((l) => ({
        id: l.id,
        title: l.title,
        url: l.url,
        status: 'active',
        maintainer: '',
        family: '',
        domain_content: false,
        domain_data: false,
        domain_software: false,
        is_generic: false,
        od_conformance: l.odConformance,
        osd_conformance: l.osdConformance,
        is_okd_compliant: l.odConformance === 'approved',
        is_osi_compliant: l.osdConformance === 'approved',
      })),
  },
};
