import type { DatasetInput } from '../catalog/dataset-input.ts';
import type { GroupInput } from '../catalog/group-service.ts';

/**
 * The demo catalog: real Taiwan government files from fixtures/real/ (provenance in fixtures/real/SOURCES.md),
 * published under the agencies that produced them. Agency codes and OIDs follow the format of the
 * government's agency code table; check them against the official table before production use.
 */
export interface DemoDataset {
  org: string;
  dataset: DatasetInput;
  /** Files (relative to fixtures/real/) uploaded as resources, with their declared format and encoding. */
  files: { path: string; name: string; format: string; encoding: string; description?: string }[];
}

export const DEMO_ORGS: (GroupInput & { name: string })[] = [
  { name: 'moi', title: '內政部', orgCode: 'A41000000G', govOid: '2.16.886.101.20003' },
  {
    name: 'npa',
    title: '內政部警政署',
    orgCode: 'A41010000G',
    govOid: '2.16.886.101.20003.20006',
    parent: 'moi',
  },
  { name: 'moe', title: '教育部', orgCode: 'A09000000E', govOid: '2.16.886.101.20001' },
  { name: 'mof', title: '財政部', orgCode: 'A15000000F', govOid: '2.16.886.101.20002' },
  {
    name: 'fia',
    title: '財政部財政資訊中心',
    orgCode: 'A15100000F',
    govOid: '2.16.886.101.20002.20007',
    parent: 'mof',
  },
  { name: 'dgbas', title: '行政院主計總處', orgCode: 'A38000000D', govOid: '2.16.886.101.20004' },
  { name: 'ey', title: '行政院', orgCode: 'A00000000A', govOid: '2.16.886.101.20000' },
  { name: 'taitung', title: '臺東縣政府', orgCode: '376570000A', govOid: '2.16.886.101.90028' },
];

const contact = (name: string, phone: string, email: string) => ({
  contactName: name,
  contactPhone: phone,
  contactEmail: email,
});

export const DEMO_DATASETS: DemoDataset[] = [
  {
    org: 'moe',
    dataset: {
      name: 'moe-departments-105',
      title: '大專校院各校科系別概況（105學年度）',
      notes:
        '教育部統計處發布之大專校院各校科系別概況，含各校各科系之學生數、教師數與**上學年度畢業生數**，可據以分析各校系畢業生規模。',
      tags: ['大專校院', '科系', '畢業生', '教育統計'],
      tw: {
        serviceCategory: '300',
        updateFrequency: 'annual',
        fieldDescriptions:
          '學校代碼、學校名稱、科系代碼、科系名稱、日間∕進修別、等級別、學生數、教師數、上學年度畢業生數、縣市名稱、體系別',
        ...contact('統計處', '02-7736-6666', 'stats@mail.moe.gov.tw'),
        temporalStart: '2016-08-01',
        temporalEnd: '2017-07-31',
        spatial: '臺灣',
        provisionType: 'file',
      },
    },
    files: [
      { path: 'moe/input205.txt', name: '105學年度大專校院各校科系別概況', format: 'TXT', encoding: 'BIG5' },
    ],
  },
  {
    org: 'moe',
    dataset: {
      name: 'moe-students-by-department',
      title: '大專校院各校科系別學生數',
      notes: '各學年度大專校院各校科系別學生數，依年級與性別分列。105、108、111學年度。',
      tags: ['大專校院', '學生數', '教育統計'],
      tw: {
        serviceCategory: '300',
        updateFrequency: 'annual',
        fieldDescriptions:
          '學校代碼、學校名稱、科系代碼、科系名稱、日間∕進修別、等級別、各年級男女學生數、縣市名稱、體系別',
        ...contact('統計處', '02-7736-6666', 'stats@mail.moe.gov.tw'),
        provisionType: 'file',
      },
    },
    files: [
      { path: 'moe/105_students.csv', name: '105學年度', format: 'CSV', encoding: 'UTF-8' },
      { path: 'moe/108_students.csv', name: '108學年度', format: 'CSV', encoding: 'UTF-8' },
      { path: 'moe/111_students.csv', name: '111學年度', format: 'CSV', encoding: 'UTF-8' },
    ],
  },
  {
    org: 'fia',
    dataset: {
      name: 'fia-income-by-village-106',
      title: '綜稅綜合所得總額全國各縣市鄉鎮村里統計分析表（106年度）',
      notes:
        '106年度綜合所得稅申報核定之綜合所得總額，依縣市、鄉鎮市區、村里統計納稅單位、平均數、中位數與分位數。金額單位：千元。',
      tags: ['所得', '綜合所得稅', '村里'],
      tw: {
        serviceCategory: '800',
        updateFrequency: 'annual',
        fieldDescriptions:
          '縣市、鄉鎮市區、村里、納稅單位、綜合所得總額、平均數、中位數、第一分位數、第三分位數、標準差、變異係數',
        ...contact('財政資訊中心', '02-2396-6000', 'service@fia.gov.tw'),
        temporalStart: '2017',
        temporalEnd: '2017',
        spatial: '臺灣',
        provisionType: 'file',
      },
    },
    files: [
      { path: 'income/106_165-9.csv', name: '106年度各村里綜合所得', format: 'CSV', encoding: 'UTF-8' },
    ],
  },
  {
    org: 'moi',
    dataset: {
      name: 'moi-real-price-sales-108',
      title: '不動產實價登錄買賣資料（108年第2季，六都抽樣）',
      notes: '內政部不動產成交案件實際資訊（實價登錄）之買賣案件，含臺北市、臺中市、高雄市、新北市、桃園市。',
      tags: ['實價登錄', '不動產', '房價'],
      tw: {
        serviceCategory: 'C00',
        updateFrequency: 'quarterly',
        fieldDescriptions:
          '鄉鎮市區、交易標的、土地區段位置建物區段門牌、交易年月日、建物型態、總價元、單價元平方公尺',
        ...contact('地政司', '02-2356-5000', 'service@moi.gov.tw'),
        provisionType: 'file',
      },
    },
    files: [
      { path: 'realprice/a_lvr_land_a.csv', name: '臺北市', format: 'CSV', encoding: 'UTF-8' },
      { path: 'realprice/b_lvr_land_a.csv', name: '臺中市', format: 'CSV', encoding: 'UTF-8' },
      { path: 'realprice/e_lvr_land_a.csv', name: '高雄市', format: 'CSV', encoding: 'UTF-8' },
      { path: 'realprice/f_lvr_land_a.csv', name: '新北市', format: 'CSV', encoding: 'UTF-8' },
      { path: 'realprice/h_lvr_land_a.csv', name: '桃園市', format: 'CSV', encoding: 'UTF-8' },
    ],
  },
  {
    org: 'moi',
    dataset: {
      name: 'moi-real-price-taipei-108q2',
      title: '臺北市不動產實價登錄買賣明細（108年）',
      notes: '臺北市買賣案件主檔與建物、土地、車位明細，以「編號」連結。',
      tags: ['實價登錄', '臺北市', '不動產'],
      tw: {
        serviceCategory: 'C00',
        updateFrequency: 'quarterly',
        fieldDescriptions: '編號、鄉鎮市區、交易標的、交易年月日、總價元、主建物面積、電梯',
        ...contact('地政司', '02-2356-5000', 'service@moi.gov.tw'),
        provisionType: 'file',
      },
    },
    files: [
      { path: 'realprice-taipei-set/a_lvr_land_a.csv', name: '買賣主檔', format: 'CSV', encoding: 'UTF-8' },
      {
        path: 'realprice-taipei-set/a_lvr_land_a_build.csv',
        name: '建物明細',
        format: 'CSV',
        encoding: 'UTF-8',
      },
      {
        path: 'realprice-taipei-set/a_lvr_land_a_land.csv',
        name: '土地明細',
        format: 'CSV',
        encoding: 'UTF-8',
      },
      {
        path: 'realprice-taipei-set/a_lvr_land_a_park.csv',
        name: '車位明細',
        format: 'CSV',
        encoding: 'UTF-8',
      },
    ],
  },
  {
    org: 'npa',
    dataset: {
      name: 'npa-a1-accidents-111',
      title: '111年度A1類道路交通事故資料',
      notes: 'A1類交通事故（造成人員當場或24小時內死亡）之事故明細，每位當事人一列。',
      tags: ['交通事故', 'A1', '道路安全'],
      tw: {
        serviceCategory: 'A00',
        updateFrequency: 'annual',
        fieldDescriptions:
          '發生日期、發生時間、事故類別名稱、處理單位名稱警局層、發生地點、天候名稱、死亡受傷人數、經度、緯度',
        ...contact('交通組', '02-2321-9011', 'service@npa.gov.tw'),
        temporalStart: '2022-01-01',
        temporalEnd: '2022-12-31',
        provisionType: 'file',
      },
    },
    files: [
      {
        path: 'traffic/111年度A1交通事故資料.csv',
        name: '111年度A1交通事故',
        format: 'CSV',
        encoding: 'UTF-8',
      },
    ],
  },
  {
    org: 'moi',
    dataset: {
      name: 'moi-village-education',
      title: '村里別15歲以上人口教育程度',
      notes:
        '內政部戶政司統計之各村里15歲以上現住人口教育程度（data.gov.tw 資料集 8409）。102年為UTF-16以定位字元分隔，109年分性別。',
      tags: ['人口', '教育程度', '村里'],
      tw: {
        serviceCategory: 'I00',
        updateFrequency: 'annual',
        fieldDescriptions: '資料年度、區域別、村里名稱、總計、博畢、博肄、碩畢、碩肄',
        ...contact('戶政司', '02-2356-5000', 'service@moi.gov.tw'),
        provisionType: 'file',
      },
    },
    files: [
      { path: 'population/2013.csv', name: '102年', format: 'CSV', encoding: 'UTF-16LE' },
      { path: 'population/2020.csv', name: '109年', format: 'CSV', encoding: 'UTF-8' },
    ],
  },
  {
    org: 'dgbas',
    dataset: {
      name: 'dgbas-county-workforce',
      title: '縣市重要統計指標：就業者結構',
      notes: '縣市重要統計指標自選項目，依縣市、指標、期間：就業者之教育程度、年齡結構，2010至2021年。',
      tags: ['就業', '縣市統計', '勞動力'],
      tw: {
        serviceCategory: '500',
        updateFrequency: 'annual',
        fieldDescriptions: '期間、總計、臺灣地區、各縣市',
        ...contact('國勢普查處', '02-2380-3800', 'service@dgbas.gov.tw'),
        provisionType: 'file',
      },
    },
    files: [{ path: 'dgbas/cityWorkforce.xlsx', name: '就業者結構（縣市）', format: 'XLSX', encoding: '' }],
  },
  {
    org: 'ey',
    dataset: {
      name: 'ey-gazette',
      title: '行政院公報',
      notes: '行政院公報每日發布之法規、公告等資料（106年8月1日）。',
      tags: ['公報', '法規', '公告'],
      tw: {
        serviceCategory: 'I00',
        updateFrequency: 'daily',
        fieldDescriptions: 'MetaId、Doc_Style_LName、Chapter、PubGov、Title、Date_Published',
        ...contact('公報編印處', '02-3356-6500', 'gazette@ey.gov.tw'),
        provisionType: 'file',
      },
    },
    files: [{ path: 'gazette/106-08-01.xml', name: '106-08-01', format: 'XML', encoding: 'UTF-8' }],
  },
  {
    org: 'taitung',
    dataset: {
      name: 'taitung-shelters',
      title: '臺東縣避難收容處所',
      notes: '臺東縣各鄉鎮市災害避難收容所之名稱、地址、收容人數與座標（TWD97）。',
      tags: ['避難', '收容所', '防災'],
      tw: {
        serviceCategory: 'E00',
        updateFrequency: 'irregular',
        fieldDescriptions:
          '主管機關、收容所編號、收容所名稱、鄉鎮市區、村里、地址、管理人、連絡電話、收容人數、X坐標、Y坐標',
        ...contact('社會處', '089-326141', 'service@taitung.gov.tw'),
        spatial: '臺東縣',
        provisionType: 'file',
      },
    },
    files: [
      { path: 'taitung/636485953864564217.csv', name: '避難收容處所', format: 'CSV', encoding: 'UTF-8' },
    ],
  },
];
