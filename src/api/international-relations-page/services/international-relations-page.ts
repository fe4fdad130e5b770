import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::international-relations-page.international-relations-page');
