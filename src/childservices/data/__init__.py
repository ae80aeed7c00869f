"""The bundled data and the machinery that checks and indexes records."""
