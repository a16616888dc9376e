import type { Resource } from '../../../catalog/types.ts';
import { ckanTime } from '../ckan-time.ts';

/** CKAN's resource dict (ckan/lib/dictization/model_dictize.py resource_dictize), ODP keys added. */
export function resourceDict(r: Resource): Record<string, unknown> {
  return {
    // Free extra keys first so CKAN's own keys always win.
    ...r.extras,
    id: r.id,
    package_id: r.datasetId,
    name: r.name,
    description: r.description,
    url: r.url,
    url_type: r.urlType || null,
    format: r.format,
    mimetype: r.mimetype || null,
    mimetype_inner: null,
    size: r.size,
    hash: r.sha256,
    position: r.position,
    state: r.state,
    datastore_active: r.datastoreActive,
    created: ckanTime(r.created),
    last_modified: ckanTime(r.lastModified),
    metadata_modified: ckanTime(r.metadataModified),
    cache_url: null,
    cache_last_updated: null,
    resource_type: null,
    revision_id: null,
    // data.gov.tw resource fields.
    encoding: r.encoding,
    record_count: r.recordCount,
  };
}
