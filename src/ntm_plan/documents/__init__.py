"""Stage 5-6 for Word documents: contexts built from assessments, then rendering."""
