import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../app-context.ts';
import type { Actor } from '../../catalog/actor.ts';
import type { StoredFile } from '../../catalog/resource-files.ts';

/** The parameters of one action call: CKAN's data_dict (GET strings / lists, or a JSON object). */
export type DataDict = Record<string, unknown>;

/** Everything an action needs to run. */
export interface ActionCall {
  ctx: AppContext;
  req: FastifyRequest;
  /** Who is asking (anonymous for JSONP calls). */
  actor: Actor;
  data: DataDict;
  /** The file of a multipart request (field `upload`), already in the blob store under `uploadId`. */
  upload: StoredFile | null;
  /** The resource id the upload was stored for (resource_create uses it as the new resource's id). */
  uploadId: string | null;
}

/** One action of the CKAN Action API. */
export interface ActionDef {
  /** Read-only actions accept GET (CKAN's side_effect_free). */
  sideEffectFree: boolean;
  /** The text help_show returns. */
  doc: string;
  /** The action keeps the multipart upload (resource_create/update/patch); otherwise it is discarded. */
  acceptsUpload?: boolean;
  run(call: ActionCall): Promise<unknown>;
}

export type ActionTable = Record<string, ActionDef>;

/**
 * An action result already serialized as UTF-8 JSON (a cached answer): the transport sends these bytes
 * as they are, so a cached answer is neither serialized nor encoded again.
 */
export class JsonText {
  readonly bytes: Buffer;
  constructor(bytes: Buffer) {
    this.bytes = bytes;
  }
}
