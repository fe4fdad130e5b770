/**
 * RFC 7946 FeatureCollection of cities: one Point per city with coordinates in
 * [longitude, latitude] order (GeoJSON's order, the reverse of how people say them).
 * Cities without coordinates are left out: a map cannot place them.
 */
export type CityForMap = {
  documentId: string;
  slug: string;
  name: string;
  locale: string;
  countryCode: string;
  country?: string | null;
  latitude?: number | string | null;
  longitude?: number | string | null;
  partnerships?: Array<{ documentId: string; slug: string; title: string; startYear: number }>;
};

type Feature = {
  type: 'Feature';
  id: string;
  geometry: { type: 'Point'; coordinates: [number, number] };
  properties: Record<string, unknown>;
};

const coordinate = (value: unknown) => (value === null || value === undefined || value === '' ? undefined : Number(value));

export const citiesToFeatureCollection = (cities: CityForMap[]): { type: 'FeatureCollection'; features: Feature[] } => ({
  type: 'FeatureCollection',
  features: cities.flatMap((city) => {
    const latitude = coordinate(city.latitude);
    const longitude = coordinate(city.longitude);
    if (latitude === undefined || longitude === undefined || Number.isNaN(latitude) || Number.isNaN(longitude)) return [];
    const partnerships = [...(city.partnerships ?? [])].sort((a, b) => a.startYear - b.startYear);
    return [
      {
        type: 'Feature',
        id: city.documentId,
        geometry: { type: 'Point', coordinates: [longitude, latitude] },
        properties: {
          documentId: city.documentId,
          slug: city.slug,
          name: city.name,
          locale: city.locale,
          countryCode: city.countryCode,
          country: city.country ?? null,
          startYear: partnerships[0]?.startYear ?? null,
          partnerships: partnerships.map(({ documentId, slug, title, startYear }) => ({ documentId, slug, title, startYear })),
        },
      },
    ];
  }),
});
