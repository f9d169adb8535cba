"""The REST API: serializers, filters and views over the catalog models."""
