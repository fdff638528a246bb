"""Site suggestion: platforms ranked by factors given as data (scores 0–1, weights, reasons)."""
