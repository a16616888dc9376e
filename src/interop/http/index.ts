/** Interoperability over HTTP: DCAT-AP, schema.org, Data Package, data.gov.tw API v2, harvest sources. */

import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app-context.ts';
import { dataGovTwExportRoutes } from './datagovtw-export-routes.ts';
import { dataGovTwRoutes } from './datagovtw-routes.ts';
import { datasetFormatRoutes } from './dataset-format-routes.ts';
import { addRdfAcceptConstraint, dcatRoutes } from './dcat-routes.ts';
import { harvestRoutes } from './harvest-routes.ts';

/** Registers every interop route. Call before the web routes. */
export async function interopRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  addRdfAcceptConstraint(app);
  dcatRoutes(app, ctx);
  datasetFormatRoutes(app, ctx);
  dataGovTwExportRoutes(app, ctx);
  dataGovTwRoutes(app, ctx);
  harvestRoutes(app, ctx);
}
