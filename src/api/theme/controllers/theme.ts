import { factories } from '@strapi/strapi';
import { councilReads } from '../../../public-api/council-reads';

export default factories.createCoreController('api::theme.theme', ({ strapi }) => councilReads(strapi, 'api::theme.theme'));
