/**
 * The cities as GeoJSON for the web team's maps; public like the rest of the read API.
 * Route files load in alphabetical order: the 01- prefix puts /cities/geojson before the core
 * /cities/:id, which would otherwise take it for a documentId.
 */
export default {
  routes: [
    {
      method: 'GET',
      path: '/cities/geojson',
      handler: 'api::city.city.geojson',
      config: { auth: false },
    },
  ],
};
