import 'leaflet/dist/leaflet.css';
import type { GeoJsonObject } from 'geojson';
import { latLngBounds, type LatLngTuple } from 'leaflet';
import { CircleMarker, GeoJSON, MapContainer, Tooltip } from 'react-leaflet';
import type { CoverageMap, ServiceType } from '../api';

interface CoverageMapViewProps {
  map: CoverageMap;
  service: ServiceType;
}

const COVERED = '#2f9e44';
const UNCOVERED = '#e03131';
const PROVIDER = '#1f6fb2';

/**
 * The community drawn from its own data, without any tile server: the boundary (GeoJSON), the
 * elders (rounded positions; red when not covered for the service) and the providers' home bases
 * that reach them. Leaflet draws it as SVG.
 */
export function CoverageMapView({ map, service }: CoverageMapViewProps) {
  const points: LatLngTuple[] = [
    [map.centre.lat, map.centre.lon],
    ...map.elders.map((e): LatLngTuple => [e.point.lat, e.point.lon]),
    ...map.providers.map((p): LatLngTuple => [p.point.lat, p.point.lon]),
  ];
  const bounds = latLngBounds(points).pad(0.15);
  const providers = map.providers.filter((p) => p.services.includes(service));
  return (
    // MapContainer passes no data attributes on to its element: the test id sits on a wrapper
    <div data-testid="coverage-map">
      <MapContainer
        key={`${map.centre.lat.toString()},${map.centre.lon.toString()}`}
        bounds={bounds}
        attributionControl={false}
        scrollWheelZoom={false}
        style={{ height: 460, width: '100%', background: '#f4f6f8', borderRadius: 8 }}
      >
        {map.boundary && (
          <GeoJSON
            data={map.boundary as unknown as GeoJsonObject}
            style={{
              color: '#495057',
              weight: 2,
              dashArray: '6 4',
              fillColor: '#dee2e6',
              fillOpacity: 0.35,
            }}
          />
        )}
        {providers.map((p) => (
          <CircleMarker
            key={p.providerId}
            center={[p.point.lat, p.point.lon]}
            radius={7}
            className="map-provider"
            pathOptions={{
              color: PROVIDER,
              fillColor: PROVIDER,
              fillOpacity: 0.9,
              className: 'map-provider',
            }}
          />
        ))}
        {map.elders.map((e) => {
          const uncovered = e.uncoveredServices.includes(service);
          return (
            <CircleMarker
              key={`${e.elderId}-${service}`}
              center={[e.point.lat, e.point.lon]}
              radius={5}
              // Leaflet takes a class only when it creates the path; the key makes a new one per service
              className={uncovered ? 'map-elder-uncovered' : 'map-elder-covered'}
              pathOptions={{
                color: uncovered ? UNCOVERED : COVERED,
                fillColor: uncovered ? UNCOVERED : COVERED,
                fillOpacity: 0.75,
                className: uncovered ? 'map-elder-uncovered' : 'map-elder-covered',
              }}
            >
              <Tooltip>{e.maskedName}</Tooltip>
            </CircleMarker>
          );
        })}
      </MapContainer>
    </div>
  );
}

export const MAP_COLOURS = { covered: COVERED, uncovered: UNCOVERED, provider: PROVIDER };
