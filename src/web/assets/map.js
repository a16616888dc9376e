// Turns the server-rendered point list into a Leaflet map. Without JavaScript the SVG fallback stays.
const box = document.getElementById('map');
const data = document.getElementById('map-points');
if (box && data && window.L) {
  const points = JSON.parse(data.textContent || '[]');
  if (points.length) {
    box.hidden = false;
    const fallback = document.getElementById('map-fallback');
    if (fallback) fallback.hidden = true;
    const map = window.L.map(box);
    window.L.tileLayer('https://tile.openstreetmap.org/{z}/{x}/{y}.png', {
      maxZoom: 18,
      attribution: '&copy; OpenStreetMap contributors',
    }).addTo(map);
    const layer = window.L.featureGroup(
      points.map((p) =>
        window.L.circleMarker([p.lat, p.lon], { radius: 6 }).bindPopup(document.createTextNode(p.label)),
      ),
    ).addTo(map);
    map.fitBounds(layer.getBounds().pad(0.1));
  }
}
