import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::international-relations-page.international-relations-page');
