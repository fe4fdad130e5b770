import { citiesToFeatureCollection } from '../../src/domain/geojson';

describe('citiesToFeatureCollection', () => {
  const lille = {
    documentId: 'abc',
    slug: 'lille',
    name: 'Lille',
    locale: 'fr',
    countryCode: 'FR',
    country: 'France',
    latitude: '50.6292',
    longitude: 3.0573,
    partnerships: [
      { documentId: 'p2', slug: 'later', title: 'Later', startYear: 1990 },
      { documentId: 'p1', slug: 'leeds-lille', title: 'Leeds et Lille', startYear: 1968 },
    ],
  };

  it('makes an RFC 7946 Point per city, longitude first', () => {
    const collection = citiesToFeatureCollection([lille]);
    expect(collection.type).toBe('FeatureCollection');
    expect(collection.features[0]).toEqual({
      type: 'Feature',
      id: 'abc',
      geometry: { type: 'Point', coordinates: [3.0573, 50.6292] },
      properties: expect.objectContaining({ documentId: 'abc', slug: 'lille', name: 'Lille', countryCode: 'FR', country: 'France', startYear: 1968 }),
    });
    expect(collection.features[0].properties.partnerships).toEqual([
      { documentId: 'p1', slug: 'leeds-lille', title: 'Leeds et Lille', startYear: 1968 },
      { documentId: 'p2', slug: 'later', title: 'Later', startYear: 1990 },
    ]);
  });

  it('leaves out cities without coordinates and gives null startYear without partnerships', () => {
    const collection = citiesToFeatureCollection([
      { ...lille, latitude: null },
      { ...lille, documentId: 'x', partnerships: [] },
    ]);
    expect(collection.features.map((feature) => feature.id)).toEqual(['x']);
    expect(collection.features[0].properties.startYear).toBeNull();
  });
});
