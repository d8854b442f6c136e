"""Site search: Chinese segmentation, one index fed by every domain on commit, two backends (SQLite FTS5, PostgreSQL
tsvector) behind one interface. The engine never imports a domain: domains push documents and register sources."""
