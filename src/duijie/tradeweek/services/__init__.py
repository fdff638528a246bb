"""Domain functions of the trade week: every write and multi-step action."""
