import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::international-relations-page.international-relations-page');
