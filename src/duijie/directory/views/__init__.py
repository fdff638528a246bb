"""The directory's pages (thin: forms in, domain functions, templates out)."""
