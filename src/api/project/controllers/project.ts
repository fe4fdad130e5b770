import { factories } from '@strapi/strapi';
import { councilReads } from '../../../public-api/council-reads';

export default factories.createCoreController('api::project.project', ({ strapi }) => councilReads(strapi, 'api::project.project'));
