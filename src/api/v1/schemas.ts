import { type Static, Type } from 'typebox';
import { QualitySchema } from './quality-schemas.ts';

const Str = Type.String();
const StrMap = Type.Record(Type.String(), Type.String());

export const ErrorSchema = Type.Object({
  error: Type.Object({
    code: Str,
    message: Str,
    fields: Type.Optional(Type.Record(Type.String(), Type.Array(Type.String()))),
  }),
});

export const CostSchema = Type.Object({
  type: Type.Union([Type.Literal('free'), Type.Literal('paid')]),
  feeUrl: Str,
  legalBasis: Str,
});

export const TwProfileSchema = Type.Object({
  identifier: Str,
  serviceCategory: Str,
  updateFrequency: Str,
  cost: CostSchema,
  fieldDescriptions: Str,
  contactName: Str,
  contactPhone: Str,
  contactEmail: Str,
  temporalStart: Str,
  temporalEnd: Str,
  spatial: Str,
  language: Str,
  provisionType: Type.Union([Type.Literal('file'), Type.Literal('api'), Type.Literal('')]),
  relatedUrl: Str,
  remarks: Str,
});

export const ResourceSchema = Type.Object({
  id: Str,
  datasetId: Str,
  name: Str,
  description: Str,
  url: Str,
  urlType: Type.Union([Type.Literal('upload'), Type.Literal('')]),
  format: Str,
  encoding: Str,
  mimetype: Str,
  size: Type.Union([Type.Integer(), Type.Null()]),
  sha256: Str,
  recordCount: Type.Union([Type.Integer(), Type.Null()]),
  position: Type.Integer(),
  state: Str,
  datastoreActive: Type.Boolean(),
  created: Str,
  lastModified: Type.Union([Str, Type.Null()]),
  metadataModified: Str,
  extras: StrMap,
});

export const DatasetSchema = Type.Object({
  id: Str,
  name: Str,
  title: Str,
  notes: Str,
  licenseId: Str,
  ownerOrg: Type.Union([Str, Type.Null()]),
  private: Type.Boolean(),
  state: Str,
  type: Str,
  author: Str,
  authorEmail: Str,
  maintainer: Str,
  maintainerEmail: Str,
  url: Str,
  version: Str,
  creatorUserId: Type.Union([Str, Type.Null()]),
  created: Str,
  modified: Str,
  revision: Type.Integer(),
  tags: Type.Array(Str),
  groupIds: Type.Array(Str),
  extras: StrMap,
  tw: TwProfileSchema,
  harvestSource: Type.Union([Type.Object({ sourceId: Str, url: Str, remoteId: Str }), Type.Null()]),
  resources: Type.Array(ResourceSchema),
  quality: Type.Optional(Type.Union([QualitySchema, Type.Null()], { description: 'Latest quality check' })),
});

const Opt = <T extends Parameters<typeof Type.Optional>[0]>(t: T) => Type.Optional(t);

export const ResourceInputSchema = Type.Object(
  {
    id: Opt(Str),
    name: Opt(Str),
    description: Opt(Str),
    url: Opt(Str),
    format: Opt(Str),
    encoding: Opt(Str),
    mimetype: Opt(Str),
    size: Opt(Type.Union([Type.Integer({ minimum: 0 }), Type.Null()])),
    recordCount: Opt(Type.Union([Type.Integer({ minimum: 0 }), Type.Null()])),
    lastModified: Opt(Type.Union([Str, Type.Null()])),
    extras: Opt(StrMap),
  },
  { additionalProperties: false },
);

export const DatasetInputSchema = Type.Object(
  {
    id: Opt(Str),
    name: Opt(Str),
    title: Opt(Str),
    notes: Opt(Str),
    licenseId: Opt(Str),
    ownerOrg: Opt(Type.Union([Str, Type.Null()])),
    private: Opt(Type.Boolean()),
    state: Opt(Type.Union([Type.Literal('active'), Type.Literal('draft')])),
    author: Opt(Str),
    authorEmail: Opt(Str),
    maintainer: Opt(Str),
    maintainerEmail: Opt(Str),
    url: Opt(Str),
    version: Opt(Str),
    tags: Opt(Type.Array(Str, { maxItems: 500 })),
    groups: Opt(Type.Array(Str, { maxItems: 100 })),
    extras: Opt(StrMap),
    tw: Opt(Type.Partial(Type.Object({ ...TwProfileSchema.properties, cost: Type.Partial(CostSchema) }))),
    resources: Opt(Type.Array(ResourceInputSchema, { maxItems: 1000 })),
    revision: Opt(
      Type.Integer({ description: 'The revision this change is based on; stale ones are refused' }),
    ),
  },
  { additionalProperties: false },
);
export type DatasetInputBody = Static<typeof DatasetInputSchema>;

export const GroupSchema = Type.Object({
  id: Str,
  name: Str,
  title: Str,
  description: Str,
  imageUrl: Str,
  kind: Str,
  parentId: Type.Union([Str, Type.Null()]),
  govOid: Str,
  orgCode: Str,
  state: Str,
  created: Str,
  modified: Str,
});

export const GroupInputSchema = Type.Object(
  {
    name: Opt(Str),
    title: Opt(Str),
    description: Opt(Str),
    imageUrl: Opt(Str),
    parent: Opt(Type.Union([Str, Type.Null()])),
    govOid: Opt(Str),
    orgCode: Opt(Str),
  },
  { additionalProperties: false },
);

export const ActivitySchema = Type.Object({
  id: Str,
  timestamp: Str,
  userId: Type.Union([Str, Type.Null()]),
  objectId: Str,
  objectType: Str,
  activityType: Str,
  data: Type.Unknown(),
});

export const IdOrName = Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }) });
