import { findLicense } from '../catalog/licenses.ts';
import type { Dataset, Resource } from '../catalog/types.ts';
import { type FormatInfo, formatFromDeclared, formatFromUrl } from './formats.ts';
import { linksToOtherHosts } from './linked-data.ts';
import { sniffFormat } from './sniff-format.ts';
import { decodeSample } from './text-encoding.ts';

export type Stars = 0 | 1 | 2 | 3 | 4 | 5;

/** What is known about a resource's content beyond its metadata. */
export interface ResourceEvidence {
  /** False when the link check failed (not obtainable); null/undefined when not checked. */
  obtainable?: boolean | null;
  /** The first bytes of the content, when fetched. */
  sample?: Uint8Array | null;
}

export interface OpennessScore {
  stars: Stars;
  /** Canonical format the score is based on, '' when unknown. */
  format: string;
  /** Where the format came from: the content, the URL's extension, the declared format, or nothing. */
  source: 'content' | 'url' | 'declared' | 'none';
  reason: { zh: string; en: string };
}

/** True when the license id (or title) is a known open license. Unknown licenses are not open. */
export function isOpenLicense(licenseId: string): boolean {
  return findLicense(licenseId)?.isOpen ?? false;
}

function formatScore(
  fmt: FormatInfo,
  source: OpennessScore['source'],
  sample?: Uint8Array | null,
): OpennessScore {
  let stars: Stars = fmt.stars;
  const where = { content: '內容判定', url: '網址副檔名', declared: '宣告格式', none: '' }[source];
  const whereEn = { content: 'content', url: 'URL extension', declared: 'declared format', none: '' }[source];
  let extra = { zh: '', en: '' };
  // 5 stars: RDF that links out to other publishers' data, which needs the content to see.
  if (stars === 4 && sample && linksToOtherHosts(decodeSample(sample))) {
    stars = 5;
    extra = { zh: '，且連結至其他來源的資料', en: ', and links to other sources’ data' };
  }
  return {
    stars,
    format: fmt.name,
    source,
    reason: {
      zh: `依${where}判定為 ${fmt.name}${extra.zh}，得 ${stars} 星`,
      en: `${fmt.name} by ${whereEn}${extra.en}: ${stars} star${stars === 1 ? '' : 's'}`,
    },
  };
}

/**
 * Openness stars of one resource, as ckanext-qa scores them: a broken link scores 0; otherwise the format
 * is taken from the content (sniffed bytes) first, then the URL's extension, then the declared format;
 * an unrecognised format still earns 1 (obtainable under an open license). A license that is not open
 * scores 0 whatever the format.
 */
export function scoreResource(
  resource: Pick<Resource, 'url' | 'format'>,
  licenseOpen: boolean,
  evidence: ResourceEvidence = {},
): OpennessScore {
  if (evidence.obtainable === false) {
    return {
      stars: 0,
      format: '',
      source: 'none',
      reason: { zh: '連結無法取得資料，得 0 星', en: 'Link broken, data not obtainable: 0 stars' },
    };
  }
  const sniffed = evidence.sample ? sniffFormat(evidence.sample) : undefined;
  const byUrl = formatFromUrl(resource.url);
  const declared = formatFromDeclared(resource.format);
  const score = sniffed
    ? formatScore(sniffed, 'content', evidence.sample)
    : byUrl
      ? formatScore(byUrl, 'url')
      : declared
        ? formatScore(declared, 'declared')
        : {
            stars: 1 as Stars,
            format: '',
            source: 'none' as const,
            reason: { zh: '無法判定檔案格式，得 1 星', en: 'Format not recognised: 1 star' },
          };
  if (!licenseOpen && score.stars > 0) {
    return {
      ...score,
      stars: 0,
      reason: { zh: '授權條款非開放授權，得 0 星', en: 'License is not open: 0 stars' },
    };
  }
  return score;
}

/** A resource's score, keyed by its id. */
export interface ResourceScore extends OpennessScore {
  resourceId: string;
}

/** Openness of a dataset: the best of its resources (0 without resources). */
export function scoreDataset(
  dataset: Pick<Dataset, 'licenseId' | 'resources'>,
  evidence: ReadonlyMap<string, ResourceEvidence> = new Map(),
): { stars: Stars; resources: ResourceScore[] } {
  const open = isOpenLicense(dataset.licenseId);
  const resources = dataset.resources
    .filter((r) => r.state === 'active')
    .map((r) => ({ resourceId: r.id, ...scoreResource(r, open, evidence.get(r.id)) }));
  const stars = Math.max(0, ...resources.map((r) => r.stars)) as Stars;
  return { stars, resources };
}
