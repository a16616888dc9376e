/**
 * A small real catalog for portal tests and screenshots: two agencies (a ministry and a subordinate),
 * datasets with the data.gov.tw profile, and two loaded tables from real files (Taitung shelters with
 * TWD97 coordinates; village income statistics).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppContext } from '../../src/app-context.ts';
import { actorForUser } from '../../src/catalog/actor.ts';
import { loadDatasets } from '../../src/catalog/dataset-rows.ts';
import { createDataset, updateDataset } from '../../src/catalog/dataset-service.ts';
import { createGroup, setMember } from '../../src/catalog/group-service.ts';
import { createResource, setDatastoreActive } from '../../src/catalog/resource-service.ts';
import type { Dataset } from '../../src/catalog/types.ts';
import { currentTables, loadResource } from '../../src/datastore/index.ts';
import { LOAD_JOB, scheduleDatastoreLoad } from '../../src/datastore/load-job.ts';
import { createUser } from '../../src/platform/auth/users.ts';
import { runQualityChecks, takeScorecardSnapshots } from '../../src/quality/index.ts';
import { reindexDataset } from '../../src/search/index.ts';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'real');

export interface Seeded {
  shelters: Dataset;
  income: Dataset;
  sheltersResourceId: string;
  incomeResourceId: string;
  /** An agency editor who can sign in (password below). */
  editor: { id: string; name: string; password: string };
  /** A sysadmin who can sign in (the admin pages). */
  sysadmin: { id: string; name: string; password: string };
}

/** Makes sure catalog writes reach the search index (idempotent). */
export function ensureSearchIndexing(ctx: AppContext): void {
  if (!ctx.catalog.afterDatasetWrite.includes(reindexDataset))
    ctx.catalog.afterDatasetWrite.push(reindexDataset);
}

async function loadFixture(ctx: AppContext, resourceId: string, relPath: string): Promise<void> {
  const path = join(FIXTURES, relPath);
  await loadResource(ctx.db, ctx.blobs, {
    resourceId,
    sourcePath: path,
    fileName: relPath.split('/').pop() ?? 'data.csv',
  });
  await setDatastoreActive(ctx.catalog, resourceId, true);
}

/**
 * Runs the real quality checks on every seeded dataset without the network: resources read as uploads, the
 * fixture files standing in for the two loaded ones (the others' files are missing, so their links fail);
 * then takes today's scorecard snapshot.
 */
async function checkQualityOffline(ctx: AppContext, files: Record<string, string>): Promise<void> {
  const ids = await ctx.db.kysely.selectFrom('datasets').select('id').execute();
  for (const { id } of ids) {
    await runQualityChecks(ctx.db, id, {
      loadDataset: async (db, datasetId) => {
        const [d] = await loadDatasets(db.kysely, [datasetId]);
        return d ? { ...d, resources: d.resources.map((r) => ({ ...r, urlType: 'upload' as const })) } : null;
      },
      readUpload: async (r) => {
        const file = files[r.id];
        return file ? readFileSync(join(FIXTURES, file)) : null;
      },
      tables: async (r) => {
        const tables = await currentTables(ctx.db, r.id);
        return tables.length ? tables.map((t) => ({ ...t.schema, rowCount: t.rowCount })) : null;
      },
    });
  }
  await takeScorecardSnapshots(ctx.db);
}

/** Seeds the portal's test catalog. */
export async function seedPortal(ctx: AppContext): Promise<Seeded> {
  ensureSearchIndexing(ctx);
  const adminId = (
    await ctx.db.kysely.selectFrom('users').select('id').where('sysadmin', '=', 1).executeTakeFirstOrThrow()
  ).id;
  const admin = await actorForUser(ctx.db.kysely, adminId);
  const ministry = await createGroup(ctx.catalog, admin, 'organization', {
    name: 'moi',
    title: '內政部',
    description: '內政部掌理全國內政事務。',
    orgCode: 'A01000000A',
  });
  await createGroup(ctx.catalog, admin, 'organization', {
    name: 'taitung',
    title: '臺東縣政府',
    orgCode: '376530000A',
  });
  await createGroup(ctx.catalog, admin, 'organization', {
    name: 'fia',
    title: '財政部財政資訊中心',
    orgCode: 'A13040000A',
    parent: ministry.name,
  });
  const editorPassword = 'correct horse battery';
  const editor = await createUser(ctx.db.kysely, {
    name: 'editor',
    fullname: '王小明',
    password: editorPassword,
  });
  await setMember(ctx.catalog, admin, 'taitung', editor.id, 'editor');
  const root = await createUser(ctx.db.kysely, { name: 'root', password: editorPassword, sysadmin: true });

  const shelters = await createDataset(ctx.catalog, admin, {
    name: 'taitung-shelters',
    title: '臺東縣避難收容處所',
    notes:
      '臺東縣各鄉鎮市**避難收容處所**一覽，含地址、管理人、收容人數與 TWD97 座標。\n\n- 資料來源：臺東縣政府\n- 座標系統：TWD97 二度分帶',
    ownerOrg: 'taitung',
    tags: ['避難', '收容所', 'shelter'],
    tw: {
      serviceCategory: 'E00',
      updateFrequency: 'annual',
      fieldDescriptions:
        '主管機關、收容所編號、名稱、鄉鎮市區、村里、地址、管理人、電話、收容人數、X坐標、Y坐標、備註、最後更新時間',
      contactName: '林小姐',
      contactPhone: '089-326141',
      contactEmail: 'opendata@taitung.gov.tw',
      temporalStart: '2017-01-01',
      temporalEnd: '2017-12-31',
      spatial: '臺東縣',
    },
  });
  const shelterRes = await createResource(ctx.catalog, admin, shelters.id, {
    name: '避難收容處所 CSV',
    url: 'https://www.taitung.gov.tw/opendata/636485953864564217.csv',
    format: 'CSV',
    encoding: 'UTF-8',
    size: 24_310,
    recordCount: 168,
  });
  await loadFixture(ctx, shelterRes.id, 'taitung/636485953864564217.csv');

  const income = await createDataset(ctx.catalog, admin, {
    name: 'village-income-106',
    title: '綜稅綜合所得總額全國各縣市鄉鎮村里統計分析表（106年）',
    notes:
      '財政部財政資訊中心依綜合所得稅結算申報資料，統計各村里納稅單位、所得總額、平均數與中位數。金額單位：千元。',
    ownerOrg: 'fia',
    tags: ['所得', '村里', 'income'],
    tw: {
      serviceCategory: '800',
      updateFrequency: 'annual',
      contactName: '陳先生',
      contactPhone: '02-23222222',
    },
  });
  const incomeRes = await createResource(ctx.catalog, admin, income.id, {
    name: '106年村里所得',
    url: 'https://www.fia.gov.tw/opendata/106_165-9.csv',
    format: 'CSV',
    encoding: 'UTF-8',
  });
  await loadFixture(ctx, incomeRes.id, 'income/106_165-9.csv');
  // A second revision so the history shows a diff.
  await updateDataset(
    ctx.catalog,
    admin,
    income.id,
    {
      tw: {
        updateFrequency: 'annual',
        contactName: '陳先生',
        contactPhone: '02-23222222',
        serviceCategory: '800',
        temporalStart: '2017',
      },
    },
    { mode: 'patch' },
  );

  for (const [name, title, cat] of [
    ['population-education-2020', '15歲以上人口教育程度統計（村里）', 'I00'],
    ['a1-traffic-accidents-2022', '111年度A1類道路交通事故資料', 'A00'],
    ['realprice-taipei-2019', '不動產實價登錄買賣資料（臺北市108年）', 'C00'],
  ] as const) {
    await createDataset(ctx.catalog, admin, {
      name,
      title,
      notes: `${title}。`,
      ownerOrg: 'moi',
      tags: ['統計'],
      tw: { serviceCategory: cat, updateFrequency: 'monthly' },
      resources: [
        {
          name: `${title} CSV`,
          url: `https://data.moi.gov.tw/${name}.csv`,
          format: 'CSV',
          encoding: 'UTF-8',
        },
      ],
    });
  }
  await checkQualityOffline(ctx, {
    [shelterRes.id]: 'taitung/636485953864564217.csv',
    [incomeRes.id]: 'income/106_165-9.csv',
  });
  return {
    shelters,
    income,
    sheltersResourceId: shelterRes.id,
    incomeResourceId: incomeRes.id,
    editor: { id: editor.id, name: 'editor', password: editorPassword },
    sysadmin: { id: root.id, name: 'root', password: editorPassword },
  };
}

/** A new linked CSV resource on the income dataset whose datastore load is queued (not run). */
export async function addQueuedResource(ctx: AppContext): Promise<string> {
  const admin = await actorForUser(
    ctx.db.kysely,
    (
      await ctx.db.kysely
        .selectFrom('users')
        .select('id')
        .where('name', '=', 'admin')
        .executeTakeFirstOrThrow()
    ).id,
  );
  const income = await ctx.db.kysely
    .selectFrom('datasets')
    .select('id')
    .where('name', '=', 'village-income-106')
    .executeTakeFirstOrThrow();
  const r = await createResource(ctx.catalog, admin, income.id, {
    name: '106年村里所得（更新）',
    url: 'https://www.fia.gov.tw/opendata/106_165-9-new.csv',
    format: 'CSV',
  });
  await scheduleDatastoreLoad(ctx.db.kysely, r.id);
  return r.id;
}

/** Completes a queued load the way the load job would: the file loaded, the job succeeded. */
export async function finishQueuedLoad(ctx: AppContext, resourceId: string): Promise<void> {
  await loadFixture(ctx, resourceId, 'income/106_165-9.csv');
  await ctx.db.kysely
    .updateTable('jobs')
    .set({ status: 'succeeded', finished_at: new Date().toISOString() })
    .where('unique_key', '=', `${LOAD_JOB}:${resourceId}`)
    .execute();
}
