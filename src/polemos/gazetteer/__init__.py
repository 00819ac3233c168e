"""The offline gazetteer: built from packaged GeoNames data, queried by the geoparser."""
