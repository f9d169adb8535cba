"""Image files: checked and read (`files`, `metadata`), then stored as a
photo's picture with its renditions (`store.ingest_image`).

Below the importers, the admin and the API, which all ingest images
through `store.ingest_image`.
"""
