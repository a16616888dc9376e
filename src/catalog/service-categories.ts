/** data.gov.tw's 18 service categories (服務分類), seeded as groups named by their lowercase code. */
export const SERVICE_CATEGORIES = [
  { code: '100', zh: '生育保健', en: 'Birth and Health Care' },
  { code: '200', zh: '出生及收養', en: 'Birth and Adoption' },
  { code: '300', zh: '求學及進修', en: 'Education and Further Study' },
  { code: '400', zh: '服兵役', en: 'Military Service' },
  { code: '500', zh: '求職及就業', en: 'Job Seeking and Employment' },
  { code: '600', zh: '開創事業', en: 'Starting a Business' },
  { code: '700', zh: '婚姻', en: 'Marriage' },
  { code: '800', zh: '投資理財', en: 'Investment and Finance' },
  { code: '900', zh: '休閒旅遊', en: 'Leisure and Travel' },
  { code: 'A00', zh: '交通及通訊', en: 'Transport and Communications' },
  { code: 'B00', zh: '就醫', en: 'Medical Care' },
  { code: 'C00', zh: '購屋及遷徙', en: 'Housing and Relocation' },
  { code: 'D00', zh: '選舉及投票', en: 'Elections and Voting' },
  { code: 'E00', zh: '生活安全及品質', en: 'Safety and Quality of Life' },
  { code: 'F00', zh: '退休', en: 'Retirement' },
  { code: 'G00', zh: '老年安養', en: 'Elderly Care' },
  { code: 'H00', zh: '生命禮儀', en: 'Funerals' },
  { code: 'I00', zh: '公共資訊', en: 'Public Information' },
] as const;

export type ServiceCategory = (typeof SERVICE_CATEGORIES)[number];

/** Finds a category by its code ("I00") or its Chinese name ("公共資訊"). */
export function findServiceCategory(codeOrName: string): ServiceCategory | undefined {
  const key = codeOrName.trim().toUpperCase();
  return SERVICE_CATEGORIES.find((c) => c.code === key || c.zh === codeOrName.trim());
}

/** The group name used for a category: `category-i00`. */
export const categoryGroupName = (code: string): string => `category-${code.toLowerCase()}`;
