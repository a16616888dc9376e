/**
 * Error codes of ODP's data.gov.tw publishing API v2. data.gov.tw does not publish its own list, so these are
 * ODP's, grouped by field in steps of ten like the portal's ER00xx codes. docs/datagovtw-api.md is the
 * reference for agencies; keep the two in step.
 */

export interface ApiError {
  code: string;
  message: string;
}

export const E = {
  API_KEY_INVALID: ['ER0001', 'API key missing or not valid'],
  SOURCE_NOT_ALLOWED: ['ER0002', 'Request not from an address registered for this API key'],
  BODY_INVALID: ['ER0003', 'Request body must be a JSON object'],
  DATASET_NOT_FOUND: ['ER0004', 'Dataset not found'],
  FORBIDDEN: ['ER0005', 'API key may not change datasets of this agency'],
  IDENTIFIER_TAKEN: ['ER0006', 'identifier is already used by another dataset'],
  PUBLISHER_UNKNOWN: ['ER0043', 'no organization has this publisherOID'],
  CATALOG_REFUSED: ['ER0091', 'the catalog refused the metadata'],
  TITLE_MISSING: ['ER0011', 'title is required'],
  TITLE_TOO_LONG: ['ER0012', 'title is too long'],
  DESCRIPTION_MISSING: ['ER0021', 'description is required'],
  TEXT_TOO_LONG: ['ER0022', 'text field is too long'],
  CATEGORY_MISSING: ['ER0031', 'categoryService is required'],
  CATEGORY_INVALID: ['ER0032', 'categoryService is not one of the 18 service categories'],
  PUBLISHER_MISSING: ['ER0041', 'publisherOID is required'],
  PUBLISHER_INVALID: ['ER0042', 'publisherOID must be "OID|agency name" with a government OID'],
  FREQUENCY_MISSING: ['ER0051', 'updateFrequency is required'],
  FREQUENCY_INVALID: ['ER0052', 'updateFrequency is not a supported period'],
  LICENSE_INVALID: ['ER0061', 'license is not a known license'],
  COST_INVALID: ['ER0071', 'cost must be "free" or "paid"'],
  EMAIL_INVALID: ['ER0072', 'publisherContactEmail is not a valid e-mail address'],
  DATE_INVALID: ['ER0073', 'date is not a valid date (YYYY-MM-DD or YYYY-MM-DD HH:mm:ss)'],
  DISTRIBUTION_MISSING: ['ER0081', 'distribution must list at least one resource'],
  DISTRIBUTION_INVALID: ['ER0082', 'distribution entry is not valid'],
  DOWNLOAD_URL_MISSING: ['ER0083', 'resourceDownloadUrl is required'],
  DOWNLOAD_URL_INVALID: ['ER0084', 'resourceDownloadUrl must be an http(s) URL'],
  FORMAT_MISSING: ['ER0085', 'resourceFormat is required'],
  AMOUNT_INVALID: ['ER0086', 'resourceAmount must be a non-negative integer'],
} as const satisfies Record<string, readonly [string, string]>;

/** An error with the code's message, plus a detail when given. */
export function err(e: readonly [string, string], detail = ''): ApiError {
  return { code: e[0], message: detail ? `${e[1]}: ${detail}` : e[1] };
}
