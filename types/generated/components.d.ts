import type { Schema, Struct } from '@strapi/strapi';

export interface SharedOrganisation extends Struct.ComponentSchema {
  collectionName: 'components_shared_organisations';
  info: {
    description: 'An organisation taking part in a partnership or project';
    displayName: 'Organisation';
    icon: 'house';
  };
  attributes: {
    countryCode: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 2;
        minLength: 2;
      }>;
    name: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 200;
      }>;
    role: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 300;
      }>;
    url: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 500;
      }>;
  };
}

declare module '@strapi/strapi' {
  export namespace Public {
    export interface ComponentSchemas {
      'shared.organisation': SharedOrganisation;
    }
  }
}
