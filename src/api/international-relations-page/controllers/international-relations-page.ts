import { factories } from '@strapi/strapi';
import { councilReads } from '../../../public-api/council-reads';

export default factories.createCoreController('api::international-relations-page.international-relations-page', ({ strapi }) => councilReads(strapi, 'api::international-relations-page.international-relations-page'));
