import { factories } from '@strapi/strapi';
import { councilReads } from '../../../public-api/council-reads';

export default factories.createCoreController('api::partnership.partnership', ({ strapi }) => councilReads(strapi, 'api::partnership.partnership'));
